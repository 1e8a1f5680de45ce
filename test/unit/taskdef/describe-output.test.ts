// Proves that a DescribeTaskDefinition output exactly as `aws ecs describe-task-definition` prints
// it (Fargate, awslogs, ECR, a health check, every read-only field) is accepted as a whole and that
// its Register input validates and builds back to the same task definition.
import { describe, expect, it } from 'vitest';
import { buildTaskDefinition, toRegisterInput, validateTaskDefinition } from '../../../workers/engine/taskdef/index.ts';

const AS_PRINTED_BY_THE_CLI = {
  taskDefinition: {
    taskDefinitionArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/orders:7',
    containerDefinitions: [
      {
        name: 'orders',
        image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/orders:2.3.1',
        cpu: 0,
        portMappings: [{ containerPort: 8080, hostPort: 8080, protocol: 'tcp', name: 'orders-8080-tcp', appProtocol: 'http' }],
        essential: true,
        environment: [{ name: 'SPRING_PROFILES_ACTIVE', value: 'prod' }],
        environmentFiles: [],
        mountPoints: [],
        volumesFrom: [],
        ulimits: [],
        logConfiguration: {
          logDriver: 'awslogs',
          options: { 'awslogs-create-group': 'true', 'awslogs-group': '/ecs/orders', 'awslogs-region': 'us-east-1', 'awslogs-stream-prefix': 'ecs' },
          secretOptions: [],
        },
        healthCheck: { command: ['CMD-SHELL', 'curl -f http://localhost:8080/health || exit 1'], interval: 30, timeout: 5, retries: 3 },
        systemControls: [],
      },
    ],
    family: 'orders',
    executionRoleArn: 'arn:aws:iam::123456789012:role/ecsTaskExecutionRole',
    networkMode: 'awsvpc',
    revision: 7,
    volumes: [],
    status: 'ACTIVE',
    requiresAttributes: [
      { name: 'com.amazonaws.ecs.capability.logging-driver.awslogs' },
      { name: 'ecs.capability.execution-role-awslogs' },
      { name: 'com.amazonaws.ecs.capability.ecr-auth' },
      { name: 'com.amazonaws.ecs.capability.docker-remote-api.1.19' },
      { name: 'ecs.capability.container-health-check' },
      { name: 'ecs.capability.execution-role-ecr-pull' },
      { name: 'com.amazonaws.ecs.capability.docker-remote-api.1.18' },
      { name: 'ecs.capability.task-eni' },
      { name: 'com.amazonaws.ecs.capability.docker-remote-api.1.29' },
    ],
    placementConstraints: [],
    compatibilities: ['EC2', 'FARGATE'],
    requiresCompatibilities: ['FARGATE'],
    cpu: '1024',
    memory: '3072',
    runtimePlatform: { cpuArchitecture: 'X86_64', operatingSystemFamily: 'LINUX' },
    registeredAt: '2026-03-14T09:26:53.215000+00:00',
    registeredBy: 'arn:aws:sts::123456789012:assumed-role/Admin/someone',
    enableFaultInjection: false,
  },
  tags: [],
};

describe('a Describe output as the AWS CLI prints it', () => {
  it('validates', () => {
    expect(validateTaskDefinition(AS_PRINTED_BY_THE_CLI)).toEqual({ valid: true, errors: [] });
  });

  it('rebuilds to the same definition, apart from the fields the sandbox computes or stamps', () => {
    const meta = { taskDefinitionArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/orders:8', revision: 8, registeredAt: '2026-01-01T00:00:00.000Z', registeredBy: 'arn:aws:iam::123456789012:root' };
    const rebuilt = buildTaskDefinition(toRegisterInput(AS_PRINTED_BY_THE_CLI), meta);
    const strip = ({ taskDefinitionArn: _a, revision: _r, registeredAt: _t, registeredBy: _b, requiresAttributes: _q, ...rest }: Record<string, unknown>) => rest;
    expect(strip(rebuilt)).toEqual(strip(AS_PRINTED_BY_THE_CLI.taskDefinition));
  });

  it('without its wrapper it is refused as the CLI refuses it (read-only members are unknown parameters)', () => {
    const unknown = validateTaskDefinition(AS_PRINTED_BY_THE_CLI.taskDefinition).errors.map((e) => e.path);
    expect(unknown).toEqual(['/taskDefinitionArn', '/revision', '/status', '/requiresAttributes', '/compatibilities', '/registeredAt', '/registeredBy']);
  });
});
