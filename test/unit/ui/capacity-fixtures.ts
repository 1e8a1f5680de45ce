/** Builders of the issue-6 snapshot parts (EC2 instances, groups, providers, metrics, cost) for the capacity view-model tests. */
import type { AutoScalingGroup, CapacityProvider, CostReport, Ec2Instance, MetricSeries } from '../../../workers/protocol.ts';

export const ASG_ARN = (name: string) => `arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:uuid:autoScalingGroupName/${name}`;

export function ec2(id: string, state: Ec2Instance['State']['Name'], zone = 'us-east-1a', extra: Partial<Ec2Instance> = {}): Ec2Instance {
  const codes = { pending: 0, running: 16, 'shutting-down': 32, terminated: 48 } as const;
  return {
    InstanceId: id,
    InstanceType: 't3.medium',
    State: { Code: codes[state], Name: state },
    LaunchTime: '2026-01-01T00:00:00.000Z',
    Placement: { AvailabilityZone: zone },
    SubnetId: `subnet-${zone}`,
    PrivateIpAddress: '10.0.0.1',
    Tags: [{ Key: 'aws:autoscaling:groupName', Value: 'web-asg' }],
    launchedMs: 0,
    ...extra,
  };
}

export function group(name: string, sizes: [min: number, desired: number, max: number], states: AutoScalingGroup['Instances'][number]['LifecycleState'][] = [], extra: Partial<AutoScalingGroup> = {}): AutoScalingGroup {
  return {
    AutoScalingGroupName: name,
    AutoScalingGroupARN: ASG_ARN(name),
    MinSize: sizes[0],
    DesiredCapacity: sizes[1],
    MaxSize: sizes[2],
    DefaultCooldown: 300,
    AvailabilityZones: ['us-east-1a'],
    HealthCheckType: 'EC2',
    HealthCheckGracePeriod: 0,
    Instances: states.map((s, i) => ({ InstanceId: `i-${name}-${i}`, InstanceType: 't3.medium', AvailabilityZone: 'us-east-1a', LifecycleState: s, HealthStatus: 'Healthy', ProtectedFromScaleIn: false })),
    CreatedTime: '2026-01-01T00:00:00.000Z',
    TerminationPolicies: ['Default'],
    NewInstancesProtectedFromScaleIn: false,
    Tags: [],
    ...extra,
  };
}

export function provider(name: string, asgName: string, target = 100, reservation?: CapacityProvider['reservation']): CapacityProvider {
  return {
    capacityProviderArn: `arn:aws:ecs:us-east-1:123456789012:capacity-provider/${name}`,
    name,
    status: 'ACTIVE',
    autoScalingGroupProvider: {
      autoScalingGroupArn: ASG_ARN(asgName),
      managedScaling: { status: 'ENABLED', targetCapacity: target, minimumScalingStepSize: 1, maximumScalingStepSize: 10, instanceWarmupPeriod: 300 },
      managedTerminationProtection: 'DISABLED',
      managedDraining: 'ENABLED',
    },
    tags: [],
    clusterName: 'demo',
    ...(reservation ? { reservation } : {}),
  };
}

export function series(namespace: string, metric: string, dims: Record<string, string>, values: number[], unit: MetricSeries['Unit'] = 'Count'): MetricSeries {
  return { Namespace: namespace, MetricName: metric, Dimensions: Object.entries(dims).map(([Name, Value]) => ({ Name, Value })), Unit: unit, points: values.map((v, i) => ({ t: i * 60_000, v })) };
}

const zero = { totalUsd: 0, ratePerHourUsd: 0 };

export function cost(parts: Partial<CostReport> = {}): CostReport {
  return { totalUsd: 0, ratePerHourUsd: 0, byLaunchType: { EC2: zero, FARGATE: zero, FARGATE_SPOT: zero, EXTERNAL: zero }, byService: [], history: [], ...parts };
}
