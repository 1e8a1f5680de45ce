// Proves bad input never breaks an issue-6 command (EC2, Auto Scaling, CloudWatch, capacity
// providers, faults, ECS Anywhere, RunTask / CreateService strategies): arbitrary requests, and
// plausible ones with arbitrary field values, get an answer or an AWS-style error — never an
// InternalError — and a refused request leaves the snapshot byte-identical. Replay: SEED=<n>.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SUPPORTED_ACTIONS } from '../../../workers/engine/actions.ts';
import { createEngine } from '../../../workers/engine/index.ts';

const ACTIONS = SUPPORTED_ACTIONS.filter(
  (a) => a.startsWith('autoscaling:') || a.startsWith('cloudwatch:') || /^ec2:(Create|Describe|Delete)LaunchTemplates?$|^ec2:(DescribeInstances|TerminateInstances)$/.test(a) ||
    /CapacityProvider|DeregisterContainerInstance/.test(a) || ['sim:SetServiceLoad', 'sim:TerminateInstance', 'sim:InterruptSpot', 'sim:SetSpotMarket', 'sim:FailAvailabilityZone', 'sim:RestoreAvailabilityZone', 'sim:DisconnectAgent', 'sim:ReconnectAgent', 'sim:RegisterExternalInstance', 'ecs:RunTask', 'ecs:CreateService', 'ecs:UpdateService', 'ecs:CreateCluster'].includes(a),
);

const FIELDS = [
  'AutoScalingGroupName', 'LaunchTemplate', 'LaunchTemplateName', 'LaunchTemplateData', 'MinSize', 'MaxSize', 'DesiredCapacity', 'VPCZoneIdentifier', 'AvailabilityZones',
  'InstanceIds', 'InstanceId', 'ProtectedFromScaleIn', 'ShouldDecrementDesiredCapacity', 'PolicyName', 'PolicyType', 'TargetTrackingConfiguration', 'StepAdjustments', 'AdjustmentType', 'ScalingAdjustment',
  'AlarmName', 'MetricName', 'Namespace', 'Threshold', 'ComparisonOperator', 'EvaluationPeriods', 'Period', 'Statistic', 'AlarmActions', 'Dimensions',
  'name', 'autoScalingGroupProvider', 'capacityProviders', 'defaultCapacityProviderStrategy', 'capacityProviderStrategy', 'cluster', 'clusterName', 'service', 'serviceName',
  'taskDefinition', 'desiredCount', 'launchType', 'count', 'tasks', 'instanceIds', 'instanceId', 'zone', 'durationSeconds', 'containerInstance', 'force', 'cpuUnits', 'memoryMiB',
  'fargateSpotInterruptionsPerHour', 'fargateSpotCapacityAvailable', 'hostname', 'cpu', 'memory', 'networkConfiguration',
];

function world() {
  const engine = createEngine({ seed: 11 });
  const steps = [
    { 'ecs:CreateCluster': { clusterName: 'demo' } },
    { 'ec2:CreateLaunchTemplate': { LaunchTemplateName: 'web-lt', LaunchTemplateData: { InstanceType: 't3.medium', UserData: 'ECS_CLUSTER=demo' } } },
    { 'autoscaling:CreateAutoScalingGroup': { AutoScalingGroupName: 'asg', LaunchTemplate: { LaunchTemplateName: 'web-lt' }, MinSize: 0, MaxSize: 4, DesiredCapacity: 1, AvailabilityZones: ['us-east-1a'] } },
    { 'ecs:CreateCapacityProvider': { name: 'cp', autoScalingGroupProvider: { autoScalingGroupArn: '${autoScalingGroup:asg}', managedScaling: { status: 'ENABLED' } } } },
    { 'ecs:PutClusterCapacityProviders': { cluster: 'demo', capacityProviders: ['cp', 'FARGATE', 'FARGATE_SPOT'], defaultCapacityProviderStrategy: [{ capacityProvider: 'cp', weight: 1 }] } },
    { 'ecs:RegisterTaskDefinition': { family: 'web', containerDefinitions: [{ name: 'web', image: 'nginx', cpu: 256, memory: 256 }] } },
    { 'ecs:CreateService': { cluster: 'demo', serviceName: 'web', taskDefinition: 'web', desiredCount: 2 } },
  ];
  for (const step of steps) {
    const result = engine.dispatch(step);
    if ('error' in result) throw new Error(`${Object.keys(step)[0]}: ${result.error.message}`);
  }
  engine.advance(3 * 60_000);
  return engine;
}

describe('issue-6 commands under bad input', () => {
  const engine = world();
  const instanceId = engine.snapshot().ec2Instances![0]!.InstanceId;
  const containerInstance = engine.snapshot().containerInstances[0]!.containerInstanceArn;
  const plausible = fc.constantFrom('demo', 'asg', 'cp', 'web-lt', 'web', 'FARGATE', 'FARGATE_SPOT', 'us-east-1a', 'us-east-9z', instanceId, containerInstance, 'i-0000', 'EC2', 'EXTERNAL', -1, 0, 1, 3, 1e9, '', null);
  const strategy = fc.array(fc.record({ capacityProvider: fc.oneof(fc.constantFrom('cp', 'FARGATE', 'FARGATE_SPOT', 'nope'), fc.anything()), weight: fc.oneof(fc.integer({ min: -2, max: 1002 }), fc.anything()), base: fc.oneof(fc.integer({ min: -2, max: 100_002 }), fc.anything()) }, { requiredKeys: [] }), { maxLength: 8 });
  const value = fc.oneof(fc.anything(), plausible, strategy, fc.array(plausible, { maxLength: 4 }));
  const request = fc.oneof(fc.anything(), fc.dictionary(fc.constantFrom(...FIELDS), value));

  it('never answers InternalError, and refusals change nothing', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ACTIONS), request, (action, body) => {
        const before = JSON.stringify(engine.snapshot());
        const result = engine.dispatch({ [action]: body });
        if ('error' in result) {
          expect(result.error.code, `${action} ${JSON.stringify(body)}: ${result.error.message}`).not.toBe('InternalError');
          expect(JSON.stringify(engine.snapshot())).toBe(before);
        }
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 600), seed: Number(process.env.SEED ?? 42) },
    );
  });
});
