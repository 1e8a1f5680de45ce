/** Hand-written, AWS-shaped services, deployments, load balancers and target groups for the issue-5 view-model tests. */
import type { Deployment, ElbLoadBalancer, ElbTargetGroup, ElbTargetState, Service, Task } from '../../../workers/protocol.ts';
import { task } from './fixtures.ts';

const ACCOUNT = 'arn:aws:ecs:us-east-1:123456789012';
const ELB = 'arn:aws:elasticloadbalancing:us-east-1:123456789012';
export const CLUSTER_ARN = `${ACCOUNT}:cluster/demo`;

/** ISO time of virtual second `s` (the engine's epoch is 2026-01-01T00:00:00Z). */
export function at(s: number): string {
  return new Date(Date.parse('2026-01-01T00:00:00.000Z') + s * 1000).toISOString();
}

export function deployment(id: string, status: Deployment['status'], revision: number, counts: [desired: number, running: number, pending: number], rolloutState: Deployment['rolloutState'] = 'IN_PROGRESS', createdS = 0): Deployment {
  return {
    id,
    status,
    taskDefinition: `${ACCOUNT}:task-definition/web:${revision}`,
    desiredCount: counts[0],
    runningCount: counts[1],
    pendingCount: counts[2],
    failedTasks: 0,
    createdAt: at(createdS),
    updatedAt: at(createdS),
    launchType: 'EC2',
    rolloutState,
    rolloutStateReason: rolloutState === 'COMPLETED' ? 'ECS deployment ecs-svc/x completed.' : 'ECS deployment ecs-svc/x in progress.',
  };
}

export function service(name: string, deployments: Deployment[], events: { s: number; message: string }[] = [], extra: Partial<Service> = {}): Service {
  const primary = deployments.find((d) => d.status === 'PRIMARY');
  return {
    serviceArn: `${ACCOUNT}:service/demo/${name}`,
    serviceName: name,
    clusterArn: CLUSTER_ARN,
    status: 'ACTIVE',
    desiredCount: primary?.desiredCount ?? 0,
    runningCount: deployments.reduce((n, d) => n + d.runningCount, 0),
    pendingCount: deployments.reduce((n, d) => n + d.pendingCount, 0),
    launchType: 'EC2',
    taskDefinition: primary?.taskDefinition ?? `${ACCOUNT}:task-definition/web:1`,
    deploymentConfiguration: { deploymentCircuitBreaker: { enable: false, rollback: false }, maximumPercent: 200, minimumHealthyPercent: 100 },
    deployments,
    events: events.map((e, i) => ({ id: `ev-${name}-${i}`, createdAt: at(e.s), message: e.message })),
    loadBalancers: [],
    serviceRegistries: [],
    placementConstraints: [],
    placementStrategy: [],
    schedulingStrategy: 'REPLICA',
    deploymentController: { type: 'ECS' },
    createdAt: at(0),
    createdBy: 'arn:aws:iam::123456789012:root',
    enableECSManagedTags: false,
    propagateTags: 'NONE',
    enableExecuteCommand: false,
    ...extra,
  };
}

/** A task of service `name`, started by deployment `deploymentId`, bound to `hostPort` on its instance. */
export function serviceTask(id: string, instanceId: string | null, name: string, deploymentId: string, revision: number, hostPort?: number, lastStatus: Task['lastStatus'] = 'RUNNING'): Task {
  const t = task(id, instanceId, lastStatus, 'web', revision);
  return {
    ...t,
    group: `service:${name}`,
    startedBy: deploymentId,
    containers:
      hostPort === undefined
        ? []
        : [
            {
              containerArn: `${ACCOUNT}:container/demo/${id}/c`,
              taskArn: t.taskArn,
              name: 'web',
              image: 'nginx',
              lastStatus: 'RUNNING',
              networkBindings: [{ bindIP: '0.0.0.0', containerPort: 80, hostPort, protocol: 'tcp' }],
              networkInterfaces: [],
              healthStatus: 'UNKNOWN',
              cpu: '256',
            },
          ],
  };
}

/** An awsvpc task with an ENI at `ip`. */
export function ipTask(id: string, ip: string, name: string, deploymentId: string): Task {
  const t = serviceTask(id, null, name, deploymentId, 1);
  return {
    ...t,
    launchType: 'FARGATE',
    attachments: [{ id: `att-${id}`, type: 'ElasticNetworkInterface', status: 'ATTACHED', details: [{ name: 'privateIPv4Address', value: ip }, { name: 'subnetId', value: 'subnet-us-east-1a' }] }],
  };
}

export function loadBalancer(name: string, type: ElbLoadBalancer['Type'] = 'application'): ElbLoadBalancer {
  return {
    LoadBalancerArn: `${ELB}:loadbalancer/${type === 'application' ? 'app' : 'net'}/${name}/abc123`,
    DNSName: `${name}-1.us-east-1.elb.amazonaws.com`,
    CanonicalHostedZoneId: 'Z35SXDOTRQ7X7K',
    CreatedTime: at(0),
    LoadBalancerName: name,
    Scheme: 'internet-facing',
    VpcId: 'vpc-default',
    State: { Code: 'active' },
    Type: type,
    AvailabilityZones: [],
    IpAddressType: 'ipv4',
  };
}

export function targetGroup(name: string, lbArns: string[], targetType: ElbTargetGroup['TargetType'], targets: [id: string, port: number, state: ElbTargetState][]): ElbTargetGroup {
  return {
    TargetGroupArn: `${ELB}:targetgroup/${name}/0123abcd`,
    TargetGroupName: name,
    Protocol: 'HTTP',
    Port: 80,
    VpcId: 'vpc-default',
    HealthCheckProtocol: 'HTTP',
    HealthCheckPort: 'traffic-port',
    HealthCheckEnabled: true,
    HealthCheckIntervalSeconds: 30,
    HealthCheckTimeoutSeconds: 5,
    HealthyThresholdCount: 5,
    UnhealthyThresholdCount: 2,
    LoadBalancerArns: lbArns,
    TargetType: targetType,
    IpAddressType: 'ipv4',
    targets: targets.map(([Id, Port, State]) => ({
      Target: { Id, Port },
      HealthCheckPort: String(Port),
      TargetHealth: { State, ...(State === 'unhealthy' ? { Reason: 'Target.ResponseCodeMismatch', Description: 'Health checks failed with these codes: [502]' } : {}) },
    })),
  };
}
