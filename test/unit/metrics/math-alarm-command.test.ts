// cloudwatch:PutMetricAlarm with Metrics: a metric math alarm through the command — it watches the
// returned expression (here requests per running task, from the ALB's RequestCount and Container
// Insights' RunningTaskCount), DescribeAlarms shows its Metrics, and bad requests change nothing.
import { describe, expect, it } from 'vitest';
import { refusal, run, webEngine } from '../load/helpers.ts';

const MIN = 60_000;
const perTask = (lb: string) => [
  { Id: 'm1', MetricStat: { Metric: { Namespace: 'AWS/ApplicationELB', MetricName: 'RequestCount', Dimensions: [{ Name: 'LoadBalancer', Value: lb }] }, Period: 60, Stat: 'Sum' }, ReturnData: false },
  { Id: 'm2', MetricStat: { Metric: { Namespace: 'ECS/ContainerInsights', MetricName: 'RunningTaskCount', Dimensions: [{ Name: 'ClusterName', Value: 'demo' }, { Name: 'ServiceName', Value: 'web' }] }, Period: 60, Stat: 'Average' }, ReturnData: false },
  { Id: 'e1', Expression: 'm1 / m2', Label: 'requests per task', ReturnData: true },
];

function alarmOf(engine: ReturnType<typeof webEngine>['engine']) {
  return run(engine, { 'cloudwatch:DescribeAlarms': { AlarmNames: ['per-task'] } }).MetricAlarms[0];
}

describe('cloudwatch:PutMetricAlarm with Metrics (metric math)', () => {
  it('goes ALARM when the expression breaches and OK when it no longer does', () => {
    const { engine, lbArn } = webEngine({ insights: 'enabled' });
    const lb = lbArn!.slice(lbArn!.indexOf(':loadbalancer/') + ':loadbalancer/'.length);
    run(engine, { 'cloudwatch:PutMetricAlarm': { AlarmName: 'per-task', Metrics: perTask(lb), EvaluationPeriods: 2, Threshold: 3000, ComparisonOperator: 'GreaterThanThreshold' } });
    expect(engine.snapshot().events.at(-1)!.message).toBe(
      'Alarm per-task created: the metric math expression e1 = m1 / m2 GreaterThanThreshold 3000 for 2 of 2 periods of 60 s; it starts INSUFFICIENT_DATA.',
    );
    // 100 req/s on 2 tasks: 6,000 requests a minute, 3,000 per task — not greater than 3,000.
    run(engine, { 'sim:SetTraffic': { cluster: 'demo', service: 'web', requestsPerSecond: 100 } });
    engine.advance(3 * MIN);
    expect(alarmOf(engine).StateValue).toBe('OK');
    run(engine, { 'sim:SetTraffic': { cluster: 'demo', service: 'web', requestsPerSecond: 150 } });
    engine.advance(3 * MIN);
    const alarm = alarmOf(engine);
    expect(alarm.StateValue).toBe('ALARM');
    expect(alarm.StateReason).toMatch(/^Threshold Crossed: 2 out of the last 2 datapoints \[4500\.0 /);
    expect(alarm.Metrics.map((q: { Id: string }) => q.Id)).toEqual(['m1', 'm2', 'e1']);
  });

  it('refuses Metrics with MetricName, a bad expression, or no returned query — and changes nothing', () => {
    const { engine, lbArn } = webEngine({ insights: 'enabled' });
    const lb = lbArn!.slice(lbArn!.indexOf(':loadbalancer/') + ':loadbalancer/'.length);
    const base = { AlarmName: 'per-task', EvaluationPeriods: 2, Threshold: 1, ComparisonOperator: 'GreaterThanThreshold' };
    const before = JSON.stringify(engine.snapshot());
    expect(refusal(engine, { 'cloudwatch:PutMetricAlarm': { ...base, Metrics: perTask(lb), MetricName: 'RequestCount', Namespace: 'AWS/ApplicationELB' } }).message).toMatch(/^Give either Metrics \(metric math\) or MetricName/);
    const badExpression = perTask(lb).map((q) => (q.Id === 'e1' ? { ...q, Expression: 'm1 / m3' } : q));
    expect(refusal(engine, { 'cloudwatch:PutMetricAlarm': { ...base, Metrics: badExpression } }).message).toMatch(/m3/);
    const noReturn = perTask(lb).map((q) => ({ ...q, ReturnData: false }));
    expect(refusal(engine, { 'cloudwatch:PutMetricAlarm': { ...base, Metrics: noReturn } }).message).toMatch(/ReturnData/);
    const badPeriod = perTask(lb).map((q) => (q.Id === 'm1' ? { ...q, MetricStat: { ...q.MetricStat!, Period: 30 } } : q));
    expect(refusal(engine, { 'cloudwatch:PutMetricAlarm': { ...base, Metrics: badPeriod } }).message).toMatch(/Period of query m1 must be a multiple of 60/);
    expect(JSON.stringify(engine.snapshot())).toBe(before);
  });
});
