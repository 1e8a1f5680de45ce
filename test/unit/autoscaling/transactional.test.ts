// Every EC2 / Auto Scaling / CloudWatch command refused (or only reading) on a fresh engine leaves
// the snapshot byte for byte as it was: nothing is created on the way to a refusal.
import { expect, it } from 'vitest';
import { createEngine } from '../../../workers/engine/index.ts';
import type { Step } from '../../../workers/protocol.ts';

const steps: Step[] = [
  { 'ec2:CreateLaunchTemplate': { LaunchTemplateName: 'ok-name', LaunchTemplateData: { InstanceType: 'm5.lorge' } } },
  { 'ec2:DescribeLaunchTemplates': {} },
  { 'ec2:DeleteLaunchTemplate': { LaunchTemplateName: 'nope' } },
  { 'ec2:DescribeInstances': {} },
  { 'ec2:TerminateInstances': { InstanceIds: ['i-0'] } },
  { 'sim:TerminateInstance': { instanceId: 'i-0' } },
  { 'autoscaling:CreateAutoScalingGroup': { AutoScalingGroupName: 'g', MinSize: 0, MaxSize: 1, AvailabilityZones: ['us-east-1a'], LaunchTemplate: { LaunchTemplateName: 'nope' } } },
  { 'autoscaling:DescribeAutoScalingGroups': {} },
  { 'autoscaling:UpdateAutoScalingGroup': { AutoScalingGroupName: 'g', MaxSize: 2 } },
  { 'autoscaling:DeleteAutoScalingGroup': { AutoScalingGroupName: 'g' } },
  { 'autoscaling:SetDesiredCapacity': { AutoScalingGroupName: 'g', DesiredCapacity: 1 } },
  { 'autoscaling:SetInstanceProtection': { AutoScalingGroupName: 'g', InstanceIds: ['i-0'], ProtectedFromScaleIn: true } },
  { 'autoscaling:TerminateInstanceInAutoScalingGroup': { InstanceId: 'i-0', ShouldDecrementDesiredCapacity: false } },
  { 'autoscaling:DescribeScalingActivities': {} },
  { 'autoscaling:PutScalingPolicy': { AutoScalingGroupName: 'g', PolicyName: 'p', AdjustmentType: 'ChangeInCapacity', ScalingAdjustment: 1 } },
  { 'autoscaling:DescribePolicies': {} },
  { 'autoscaling:DeletePolicy': { PolicyName: 'p' } },
  { 'autoscaling:ExecutePolicy': { PolicyName: 'p' } },
  { 'cloudwatch:PutMetricAlarm': { AlarmName: 'a', Namespace: 'AWS/EC2', MetricName: 'CPUUtilization', Statistic: 'Average', Period: 61, EvaluationPeriods: 1, Threshold: 1, ComparisonOperator: 'GreaterThanThreshold' } },
  { 'cloudwatch:DescribeAlarms': {} },
  { 'cloudwatch:DeleteAlarms': { AlarmNames: ['a'] } },
  { 'sim:SetServiceLoad': { service: 'web', cpuUnits: 100 } },
  { 'ecs:DeregisterContainerInstance': { containerInstance: 'nope' } },
];

it('refusals and reads on a fresh engine change nothing', () => {
  const engine = createEngine({ seed: 1 });
  const before = JSON.stringify(engine.snapshot());
  for (const step of steps) {
    engine.dispatch(step);
    expect(JSON.stringify(engine.snapshot()), JSON.stringify(step)).toBe(before);
  }
});
