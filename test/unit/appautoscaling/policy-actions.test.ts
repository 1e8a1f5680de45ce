// PutScalingPolicy through the action: ALBRequestCountPerTarget needs a ResourceLabel naming a real
// Application Load Balancer and a target group behind it; AWS's SQS backlog-per-task metric math
// policy is accepted and its alarms carry the queries; every invalid policy is refused with a
// ValidationException-style error and leaves the state byte-identical (snapshot, timers, PRNG).
import { describe, expect, it } from 'vitest';
import type { Step } from '../../../workers/protocol.ts';
import { putDatapoint } from '../../../workers/engine/metrics/store.ts';
import { aasWorld, eventsOf, MIN, register, TARGET, type AasWorld } from './engine-helpers.ts';

function albWorld(): AasWorld & { label: string; otherLabel: string } {
  const w = aasWorld();
  w.run({ 'elbv2:CreateLoadBalancer': { Name: 'web-alb', Type: 'application', Subnets: ['subnet-us-east-1a', 'subnet-us-east-1b'] } });
  w.run({ 'elbv2:CreateTargetGroup': { Name: 'web-tg', Protocol: 'HTTP', Port: 80, VpcId: 'vpc-default', TargetType: 'instance' } });
  w.run({ 'elbv2:CreateTargetGroup': { Name: 'other-tg', Protocol: 'HTTP', Port: 80, VpcId: 'vpc-default', TargetType: 'instance' } });
  w.run({ 'elbv2:CreateListener': { LoadBalancerArn: '${loadBalancer:web-alb}', Protocol: 'HTTP', Port: 80, DefaultActions: [{ Type: 'forward', TargetGroupArn: '${targetGroup:web-tg}' }] } });
  register(w);
  const s = w.engine.snapshot();
  const lb = s.loadBalancers![0]!.LoadBalancerArn.split(':loadbalancer/')[1]!;
  const tg = (name: string) => s.targetGroups!.find((g) => g.TargetGroupName === name)!.TargetGroupArn.split(':').at(-1)!;
  return Object.assign(w, { label: `${lb}/${tg('web-tg')}`, otherLabel: `${lb}/${tg('other-tg')}` });
}

const policy = (config: Record<string, unknown>, extra: Record<string, unknown> = {}): Step => ({
  'application-autoscaling:PutScalingPolicy': { ...TARGET, PolicyName: 'p', PolicyType: 'TargetTrackingScaling', TargetTrackingScalingPolicyConfiguration: config, ...extra },
});
const predefined = (type: string, label?: string) => policy({ TargetValue: 100, PredefinedMetricSpecification: { PredefinedMetricType: type, ...(label === undefined ? {} : { ResourceLabel: label }) } });

const SQS_METRICS = [
  { Id: 'm1', Label: 'Get the queue size (the number of messages waiting to be processed)', MetricStat: { Metric: { Namespace: 'AWS/SQS', MetricName: 'ApproximateNumberOfMessagesVisible', Dimensions: [{ Name: 'QueueName', Value: 'jobs' }] }, Stat: 'Sum' }, ReturnData: false },
  { Id: 'm2', Label: 'Get the ECS running task count (the number of currently running tasks)', MetricStat: { Metric: { Namespace: 'ECS/ContainerInsights', MetricName: 'RunningTaskCount', Dimensions: [{ Name: 'ClusterName', Value: 'demo' }, { Name: 'ServiceName', Value: 'web' }] }, Stat: 'Average' }, ReturnData: false },
  { Id: 'e1', Label: 'Calculate the backlog per instance', Expression: 'm1 / m2', ReturnData: true },
];

describe('PutScalingPolicy checks through the action', () => {
  it('ALBRequestCountPerTarget on a target group behind an ALB: alarms on AWS/ApplicationELB RequestCountPerTarget', () => {
    const w = albWorld();
    const put = w.run(predefined('ALBRequestCountPerTarget', w.label));
    const high = w.engine.snapshot().alarms!.find((a) => a.AlarmName === put.Alarms[0].AlarmName)!;
    expect(high).toMatchObject({ Namespace: 'AWS/ApplicationELB', MetricName: 'RequestCountPerTarget', Statistic: 'Sum', Threshold: 100 });
    expect(high.Dimensions).toEqual([{ Name: 'TargetGroup', Value: w.label.slice(w.label.indexOf('targetgroup/')) }]);
  });

  it("accepts AWS's SQS backlog-per-task metric math and gives the alarms its queries", () => {
    const w = aasWorld();
    register(w);
    const put = w.run(policy({ TargetValue: 10, CustomizedMetricSpecification: { Metrics: SQS_METRICS } }));
    const alarms = w.ctx().state.metrics!.alarms!;
    const high = alarms.get(put.Alarms[0].AlarmName)!;
    expect(high.queries).toEqual(SQS_METRICS);
    expect(high.threshold).toBe(10);
    expect(alarms.get(put.Alarms[1].AlarmName)!.threshold).toBe(9);
    const described = w.run({ 'application-autoscaling:DescribeScalingPolicies': { ServiceNamespace: 'ecs' } }).ScalingPolicies[0];
    expect(described.TargetTrackingScalingPolicyConfiguration.CustomizedMetricSpecification).toEqual({ Metrics: SQS_METRICS });
  });

  it('scales on the backlog per task (m1 / m2) through the metric math alarms', () => {
    const w = aasWorld();
    register(w);
    w.run(policy({ TargetValue: 100, CustomizedMetricSpecification: { Metrics: SQS_METRICS } }));
    const [m1, m2] = SQS_METRICS.map((q) => q.MetricStat && { namespace: q.MetricStat.Metric.Namespace, metricName: q.MetricStat.Metric.MetricName, dimensions: q.MetricStat.Metric.Dimensions });
    for (let i = 0; i < 3; i++) {
      const next = Math.floor(w.now() / MIN) * MIN + MIN;
      putDatapoint(w.ctx().state, m1!, 'Count', next, 300); // 300 messages waiting
      putDatapoint(w.ctx().state, m2!, 'Count', next, 2); // 2 tasks: 150 per task
      w.tick();
    }
    expect(w.desired()).toBe(3); // ceil(2 × 150 / 100)
    expect(eventsOf(w, 'appautoscaling.scaling')).toEqual(['Target tracking policy p on service web: Calculate the backlog per instance 150 > 100 for 3 of 3 minutes — desired count 2 → 3.']);
  });

  const REFUSALS: [string, (w: AasWorld & { label: string; otherLabel: string }) => Step, RegExp | string][] = [
    ['an unknown predefined metric', () => predefined('CPU'), /Value 'CPU' at 'targetTrackingScalingPolicyConfiguration.predefinedMetricSpecification.predefinedMetricType' failed to satisfy constraint: Member must satisfy enum value set/],
    ["another service's predefined metric", () => predefined('ASGAverageCPUUtilization'), /not supported for ECS services|Member must satisfy enum value set/],
    ['ALBRequestCountPerTarget without ResourceLabel', () => predefined('ALBRequestCountPerTarget'), /ResourceLabel must be app\/<load-balancer-name>\/<load-balancer-id>\/targetgroup\/<target-group-name>\/<target-group-id> for ALBRequestCountPerTarget, got none/],
    ['a malformed ResourceLabel', () => predefined('ALBRequestCountPerTarget', 'web-alb/web-tg'), /got 'web-alb\/web-tg'/],
    ['a ResourceLabel naming no load balancer', () => predefined('ALBRequestCountPerTarget', 'app/nope/0123456789abcdef/targetgroup/web-tg/0123456789abcdef'), /names no Application Load Balancer nope with id 0123456789abcdef/],
    ['a ResourceLabel naming a target group that does not exist', (w) => predefined('ALBRequestCountPerTarget', w.label.replace(/targetgroup\/web-tg\/[0-9a-f]+/, 'targetgroup/gone-tg/1234')), /names no target group gone-tg with id 1234/],
    ['a ResourceLabel naming a target group not behind the ALB', (w) => predefined('ALBRequestCountPerTarget', w.otherLabel), /target group other-tg is not behind load balancer web-alb/],
    ['TargetValue 0', () => policy({ TargetValue: 0, PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' } }), /Member must be a number greater than 0/],
    ['no metric', () => policy({ TargetValue: 50 }), 'Exactly one of PredefinedMetricSpecification and CustomizedMetricSpecification must be specified in a TargetTrackingScalingPolicyConfiguration'],
    ['metric math with two queries returning data', () => policy({ TargetValue: 10, CustomizedMetricSpecification: { Metrics: SQS_METRICS.map((q) => ({ ...q, ReturnData: true })) } }), /^Exactly one query in CustomizedMetricSpecification.Metrics must return data \(ReturnData true, the default\), not 3 \(m1, m2, e1\)/],
    ['metric math naming an unknown Id', () => policy({ TargetValue: 10, CustomizedMetricSpecification: { Metrics: [SQS_METRICS[0], SQS_METRICS[1], { Id: 'e1', Expression: 'm1 / m3', ReturnData: true }] } }), /^Expression of e1 uses "m3", which is not the Id of any query in CustomizedMetricSpecification.Metrics/],
    ['metric math mixed with MetricName', () => policy({ TargetValue: 10, CustomizedMetricSpecification: { Metrics: SQS_METRICS, MetricName: 'x' } }), /either Metrics .* not both: remove MetricName/],
    ['step adjustments with a gap', () => ({ 'application-autoscaling:PutScalingPolicy': { ...TARGET, PolicyName: 's', PolicyType: 'StepScaling', StepScalingPolicyConfiguration: { AdjustmentType: 'ChangeInCapacity', StepAdjustments: [{ MetricIntervalLowerBound: 0, MetricIntervalUpperBound: 10, ScalingAdjustment: 1 }, { MetricIntervalLowerBound: 20, ScalingAdjustment: 2 }] } } }), /can't overlap or have a gap: one step ends at 10 and the next starts at 20/],
    ['PredictiveScaling', () => policy({}, { PolicyType: 'PredictiveScaling' }), /PredictiveScaling is not simulated/],
    ['a target that is not registered', () => ({ 'application-autoscaling:PutScalingPolicy': { ...TARGET, ResourceId: 'service/demo/other', PolicyName: 'p', PolicyType: 'TargetTrackingScaling', TargetTrackingScalingPolicyConfiguration: { TargetValue: 50, PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' } } } }), /^No scalable target registered for service namespace: ecs, resource ID: service\/demo\/other/],
    ['a resource id of the wrong form', () => ({ 'application-autoscaling:PutScalingPolicy': { ...TARGET, ResourceId: 'demo/web', PolicyName: 'p', PolicyType: 'TargetTrackingScaling', TargetTrackingScalingPolicyConfiguration: {} } }), /^Unsupported service namespace, resource type or scalable dimension/],
  ];

  it.each(REFUSALS)('refuses %s and changes nothing', (_name, step, message) => {
    const w = albWorld();
    w.tick(2);
    const before = JSON.stringify(w.engine.snapshot());
    const timer = w.engine.nextTimerAt();
    const error = w.refused(step(w));
    expect(['ValidationException', 'ObjectNotFoundException']).toContain(error.code);
    if (typeof message === 'string') expect(error.message).toBe(message);
    else expect(error.message).toMatch(message);
    expect(JSON.stringify(w.engine.snapshot())).toBe(before);
    expect(w.engine.nextTimerAt()).toBe(timer);
    // The PRNG was not consumed: the next policy gets the ARN a twin without the refusal gets.
    const twin = albWorld();
    twin.tick(2);
    const good = policy({ TargetValue: 50, PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' } });
    expect(w.run(good).PolicyARN).toBe(twin.run(good).PolicyARN);
  });
});
