// cloudwatch:GetMetricData through the engine: a learner reads the CapacityProviderReservation a
// capacity provider published while it scaled out from zero (the same series the UI charts), and a
// malformed request gets CloudWatch's error and changes nothing.
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../workers/engine/index.ts';
import { isoAt } from '../../../workers/engine/ids/arn.ts';

function scaledFromZero() {
  const engine = createEngine({ seed: 3 });
  const steps = [
    { 'ecs:CreateCluster': { clusterName: 'demo' } },
    { 'ec2:CreateLaunchTemplate': { LaunchTemplateName: 'demo-lt', LaunchTemplateData: { InstanceType: 'm5.large', UserData: 'ECS_CLUSTER=demo' } } },
    { 'autoscaling:CreateAutoScalingGroup': { AutoScalingGroupName: 'asg', LaunchTemplate: { LaunchTemplateName: 'demo-lt' }, MinSize: 0, MaxSize: 5, DesiredCapacity: 0, AvailabilityZones: ['us-east-1a'] } },
    { 'ecs:CreateCapacityProvider': { name: 'cp', autoScalingGroupProvider: { autoScalingGroupArn: '${autoScalingGroup:asg}', managedScaling: { status: 'ENABLED', targetCapacity: 100 } } } },
    { 'ecs:PutClusterCapacityProviders': { cluster: 'demo', capacityProviders: ['cp'], defaultCapacityProviderStrategy: [{ capacityProvider: 'cp', weight: 1 }] } },
    { 'ecs:RegisterTaskDefinition': { family: 'web', containerDefinitions: [{ name: 'web', image: 'nginx', cpu: 512, memory: 1024 }] } },
    { 'ecs:CreateService': { cluster: 'demo', serviceName: 'web', taskDefinition: 'web', desiredCount: 4 } },
  ];
  for (const step of steps) {
    const result = engine.dispatch(step);
    if ('error' in result) throw new Error(result.error.message);
  }
  engine.advance(10 * 60_000);
  return engine;
}

describe('cloudwatch:GetMetricData', () => {
  it('returns the reservation series: 200 while tasks waited with no instance, then 100', () => {
    const engine = scaledFromZero();
    const result = engine.dispatch({
      'cloudwatch:GetMetricData': {
        MetricDataQueries: [{
          Id: 'reservation',
          MetricStat: { Metric: { Namespace: 'AWS/ECS/ManagedScaling', MetricName: 'CapacityProviderReservation', Dimensions: [{ Name: 'CapacityProviderName', Value: 'cp' }, { Name: 'ClusterName', Value: 'demo' }] }, Period: 60, Stat: 'Maximum' },
        }],
        StartTime: isoAt(0),
        EndTime: isoAt(10 * 60_000),
        ScanBy: 'TimestampAscending',
      },
    });
    if ('error' in result) throw new Error(result.error.message);
    const [series] = (result.response as { MetricDataResults: { Id: string; Values: number[]; Timestamps: string[]; StatusCode: string }[] }).MetricDataResults;
    expect(series!.Id).toBe('reservation');
    expect(series!.StatusCode).toBe('Complete');
    expect(series!.Values[0]).toBe(200);
    expect(series!.Values.at(-1)).toBe(100);
    expect(series!.Timestamps).toEqual([...series!.Timestamps].sort());
  });

  it('refuses a malformed query with CloudWatch\'s error and changes nothing', () => {
    const engine = scaledFromZero();
    const before = JSON.stringify(engine.snapshot());
    const result = engine.dispatch({ 'cloudwatch:GetMetricData': { MetricDataQueries: [{ Id: 'Bad-Id', MetricStat: {} }], StartTime: isoAt(0), EndTime: isoAt(60_000) } });
    expect('error' in result && result.error.message).toMatch(/Id is not matching the expected pattern/);
    expect(JSON.stringify(engine.snapshot())).toBe(before);
  });
});
