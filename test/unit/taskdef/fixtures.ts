// Task definitions the taskdef tests start from, and a helper to change one field at a time.

export type Doc = Record<string, any>;

/** The smallest definition EC2 accepts: a family and one container with an image and memory. */
export const minimalEc2 = (): Doc => ({
  family: 'tiny',
  containerDefinitions: [{ name: 'app', image: 'busybox', memory: 128 }],
});

/** The sandbox's default editor content. */
export const nginxWeb = (): Doc => ({
  family: 'web',
  containerDefinitions: [
    { name: 'web', image: 'nginx:1.27', cpu: 256, memory: 512, portMappings: [{ containerPort: 80, hostPort: 0 }] },
  ],
});

/** A valid Fargate definition: awsvpc, a size from the table, an execution role for ECR. */
export const fargateApi = (): Doc => ({
  family: 'api',
  requiresCompatibilities: ['FARGATE'],
  networkMode: 'awsvpc',
  cpu: '512',
  memory: '1024',
  executionRoleArn: 'arn:aws:iam::123456789012:role/ecsTaskExecutionRole',
  containerDefinitions: [
    {
      name: 'api',
      image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/api:1',
      portMappings: [{ containerPort: 8080 }],
      logConfiguration: {
        logDriver: 'awslogs',
        options: { 'awslogs-group': '/ecs/api', 'awslogs-region': 'us-east-1', 'awslogs-stream-prefix': 'api' },
      },
    },
  ],
});

/** A fuller EC2 definition: bridge ports (static and dynamic), env, secrets, dependsOn, health checks, logs, volumes. */
export const richEc2 = (): Doc => ({
  family: 'shop',
  executionRoleArn: 'arn:aws:iam::123456789012:role/ecsTaskExecutionRole',
  taskRoleArn: 'shopTaskRole',
  requiresCompatibilities: ['EC2'],
  volumes: [{ name: 'shared', host: { sourcePath: '/srv/shop' } }],
  placementConstraints: [{ type: 'memberOf', expression: 'attribute:ecs.os-type == linux' }],
  containerDefinitions: [
    {
      name: 'web',
      image: 'nginx:1.27',
      memory: 256,
      memoryReservation: 128,
      portMappings: [{ containerPort: 80, hostPort: 80 }, { containerPort: 443, protocol: 'tcp' }],
      dependsOn: [{ containerName: 'api', condition: 'HEALTHY' }, { containerName: 'migrate', condition: 'SUCCESS' }],
      mountPoints: [{ sourceVolume: 'shared', containerPath: '/usr/share/nginx/html', readOnly: true }],
      logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': '/ecs/shop', 'awslogs-region': 'us-east-1', 'awslogs-stream-prefix': 'web' } },
    },
    {
      name: 'api',
      image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/api:1',
      cpu: 256,
      memory: 512,
      portMappings: [{ containerPort: 8080, hostPort: 0 }],
      environment: [{ name: 'PORT', value: '8080' }],
      secrets: [{ name: 'DB_PASSWORD', valueFrom: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf' }],
      healthCheck: { command: ['CMD-SHELL', 'curl -f http://localhost:8080/health || exit 1'], interval: 10, retries: 3 },
      mountPoints: [{ sourceVolume: 'shared', containerPath: '/shared' }],
    },
    { name: 'migrate', image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/api:1', memory: 128, essential: false, command: ['migrate'] },
  ],
});

/** A copy of `doc` changed by `edit`. */
export function edited(doc: Doc, edit: (d: Doc) => void): Doc {
  const copy = structuredClone(doc);
  edit(copy);
  return copy;
}

export const META = {
  taskDefinitionArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:1',
  revision: 1,
  registeredAt: '2026-01-01T00:00:00.000Z',
  registeredBy: 'arn:aws:iam::123456789012:root',
};
