// Proves the service scaling panel's view models on fixture snapshots (scaling-fixtures.ts): the
// metric each policy scales on (from its alarms, else from its configuration), what the metric
// chart draws (series, target, thresholds, ALARM stretches from the event log), the desired /
// running chart with its min..max band, activity marks on one shared time axis, the alarm rows,
// the cards and the services left to drive, and the screen-reader summary.
import { describe, expect, it } from 'vitest';
import { alarmIntervals } from '../../../../src/lib/view-model/scaling/alarm-history.ts';
import { countAxisMax } from '../../../../src/lib/view-model/scaling/chart.ts';
import { activityMarks, countChart, maxOnChart } from '../../../../src/lib/view-model/scaling/count-chart.ts';
import { policyChart, trackedMetric } from '../../../../src/lib/view-model/scaling/policy-metric.ts';
import { otherServices, scalingCards } from '../../../../src/lib/view-model/scaling/scaling-cards.ts';
import { series } from '../capacity-fixtures.ts';
import { alarm, alarmEvent, CPU, HIGH, LOW, policy, RESOURCE_ID, scalingSnapshot, target } from './scaling-fixtures.ts';

const MIN = 60_000;

describe('the metric behind a policy', () => {
  it("is its alarms' metric: AWS/ECS CPUUtilization of the service", () => {
    expect(trackedMetric(scalingSnapshot(), policy)).toEqual({ namespace: 'AWS/ECS', metricName: 'CPUUtilization', dimensions: { ClusterName: 'demo', ServiceName: 'web' } });
  });

  it('comes from the configuration while the alarms are not in the snapshot: ALBRequestCountPerTarget → its target group', () => {
    const alb = {
      ...policy,
      Alarms: [],
      TargetTrackingScalingPolicyConfiguration: { TargetValue: 1000, PredefinedMetricSpecification: { PredefinedMetricType: 'ALBRequestCountPerTarget', ResourceLabel: 'app/web-alb/fedcba/targetgroup/web-tg/0123' } },
    };
    expect(trackedMetric(scalingSnapshot({ alarms: [] }), alb)).toEqual({ namespace: 'AWS/ApplicationELB', metricName: 'RequestCountPerTarget', dimensions: { TargetGroup: 'targetgroup/web-tg/0123' } });
    const memory = { ...alb, TargetTrackingScalingPolicyConfiguration: { TargetValue: 60, PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageMemoryUtilization' } } };
    expect(trackedMetric(scalingSnapshot({ alarms: [] }), memory)?.metricName).toBe('MemoryUtilization');
  });
});

describe('the policy chart', () => {
  const chart = policyChart(scalingSnapshot(), policy, [])!.chart;

  it('draws the CPU series, the target dashed and both thresholds, on a 0–100 % axis', () => {
    expect(chart.series[0]!.points.map((p) => p.v)).toEqual(CPU);
    expect(chart.rules.map((r) => [r.kind, r.value, r.label])).toEqual([
      ['target', 70, 'target 70%'],
      ['alarm-high', 70, 'AlarmHigh > 70%'],
      ['alarm-low', 63, 'AlarmLow < 63%'], // 0.9 × 70
    ]);
    expect(chart.unit).toBe('%');
    expect(chart.yMax).toBe(100); // 90 × 1.1 = 99 → the 100 % floor
    expect(chart.yLabel).toBe('CPUUtilization (%)');
  });

  it('keeps a 0–100 % axis for CPU pinned at 100 %, and grows past it for memory above 100 %', () => {
    const pinned = scalingSnapshot({ metrics: [series('AWS/ECS', 'CPUUtilization', { ClusterName: 'demo', ServiceName: 'web' }, [100, 100], 'Percent')] });
    expect(policyChart(pinned, policy, [])!.chart.yMax).toBe(100);
    const over = scalingSnapshot({ metrics: [series('AWS/ECS', 'CPUUtilization', { ClusterName: 'demo', ServiceName: 'web' }, [130], 'Percent')] });
    expect(policyChart(over, policy, [])!.chart.yMax).toBe(200);
  });

  it('shades the minutes AlarmHigh spent in ALARM (the event log: ALARM at 7 min, OK at 8)', () => {
    expect(chart.spans).toEqual([{ key: `${HIGH}#0`, t0: 7 * MIN, t1: 8 * MIN, tone: 'high', label: 'AlarmHigh in ALARM +00:07:00 – +00:08:00' }]);
  });

  it('says the value now and the target in one sentence', () => {
    expect(chart.summary).toBe('Policy web-cpu70: CPUUtilization is 60% against a target of 70%; AlarmHigh OK, AlarmLow INSUFFICIENT_DATA.');
  });
});

describe('ALARM stretches', () => {
  it('run to now for an alarm still in ALARM', () => {
    const s = scalingSnapshot({ alarms: [alarm(HIGH, 'ALARM', 70, 'GreaterThanThreshold', 3, 7 * 60)], events: [alarmEvent(1, 7, HIGH, 'OK', 'ALARM')] });
    expect(alarmIntervals(s, s.alarms![0]!)).toEqual([{ t0: 7 * MIN, t1: 10 * MIN }]);
  });

  it('start at StateUpdatedTimestamp when the change has left the event log', () => {
    const s = scalingSnapshot({ alarms: [alarm(HIGH, 'ALARM', 70, 'GreaterThanThreshold', 3, 5 * 60)], events: [] });
    expect(alarmIntervals(s, s.alarms![0]!)).toEqual([{ t0: 5 * MIN, t1: 10 * MIN }]);
  });

  it('are none for an alarm that never reached ALARM, and ignore other alarms’ events', () => {
    const s = scalingSnapshot({ events: [alarmEvent(1, 2, 'other', 'OK', 'ALARM')] });
    expect(alarmIntervals(s, s.alarms!.find((a) => a.AlarmName === LOW)!)).toEqual([]);
  });
});

describe('desired versus running', () => {
  const s = scalingSnapshot();
  const web = s.services[0]!;
  const marks = activityMarks(s, RESOURCE_ID);
  const chart = countChart(s, web, target, marks);

  it('steps desired and running by the minute, with the counts now appended (3 and 3 at 10 min)', () => {
    const desired = chart.series.find((x) => x.key === 'desired')!;
    const running = chart.series.find((x) => x.key === 'running')!;
    expect(desired.step && running.step).toBe(true);
    expect(desired.points.slice(6, 8).map((p) => p.v)).toEqual([2, 3]); // desired rose at 7 min
    expect(running.points.at(-1)).toEqual({ t: 10 * MIN, v: 3 });
  });

  it('bands MinCapacity..MaxCapacity and draws both bounds (max 6 ≤ 2 × 3)', () => {
    expect(chart.bands).toEqual([{ key: 'capacity', y0: 1, y1: 6, label: 'MinCapacity 1 to MaxCapacity 6' }]);
    expect(chart.rules.map((r) => r.label)).toEqual(['min 1', 'max 6']);
    expect(chart.yMax).toBe(7); // the max 6 and one more
  });

  it.each([
    [0, 2], // the floor
    [3, 4],
    [9, 10],
    [10, 12], // 11 → the next even number
    [40, 44],
  ])('tops a count axis with %s tasks at %s', (highest, top) => {
    expect(countAxisMax(highest, 2)).toBe(top);
  });

  it('leaves a far-away max off the axis (100 beside 3 tasks) and lets the band run off the top', () => {
    expect(maxOnChart(100, 3)).toBe(false);
    expect(maxOnChart(4, 1)).toBe(true);
    const far = countChart(s, web, { ...target, MaxCapacity: 100 }, []);
    expect(far.rules.map((r) => r.kind)).toEqual(['min']);
    expect(far.bands[0]!.y1).toBe(Number.POSITIVE_INFINITY);
    expect(far.yMax).toBeLessThan(10);
  });

  it('marks the activities newest first with their Description and Cause', () => {
    expect(marks.map((m) => [m.t, m.description])).toEqual([
      [7 * MIN, 'Setting desired count to 3.'],
      [0, 'Setting desired count to 2.'],
    ]);
    expect(marks[0]!.label).toBe(`Scaling activity at +00:07:00 (Successful): Setting desired count to 3. Cause: monitor alarm ${HIGH} in state ALARM triggered policy web-cpu70`);
  });
});

describe('the cards', () => {
  const [card] = scalingCards(scalingSnapshot());

  it('has one card for the service with a scalable target; the plain service is offered to drive', () => {
    expect(scalingCards(scalingSnapshot()).map((c) => c.serviceName)).toEqual(['web']);
    expect(otherServices(scalingSnapshot()).map((o) => [o.label, o.behindLoadBalancer])).toEqual([['demo/worker', false]]);
  });

  it('shows the numbers: desired, running, min, max, the rate, and the metric now against the target', () => {
    expect(card).toMatchObject({ desired: 3, running: 3, pending: 0, target: { min: 1, max: 6, suspended: [] }, traffic: { requestsPerSecond: 50, pattern: 'spike' }, behindLoadBalancer: true });
    expect(card!.policies[0]).toMatchObject({ name: 'web-cpu70', current: '60%', target: '70%', detail: 'target 70% on ECSServiceAverageCPUUtilization, cooldowns out 60 s / in 120 s' });
  });

  it('puts every chart of the card on one time axis', () => {
    const domains = [card!.countChart, card!.policies[0]!.chart!].map((c) => [c.tStart, c.tEnd]);
    expect(domains[0]).toEqual(domains[1]);
  });

  it('lists the alarms with their state, threshold in words and reason', () => {
    expect(card!.alarms.map((a) => [a.label, a.state, a.threshold, a.sinceText, a.history])).toEqual([
      ['AlarmHigh', 'OK', 'AlarmHigh > 70 for 3 of 3 min', '+00:08:00', 'ALARM +00:07:00 – +00:08:00'],
      ['AlarmLow', 'INSUFFICIENT_DATA', 'AlarmLow < 63 for 15 of 15 min', '+00:00:00', ''],
    ]);
  });

  it('sums it up for a screen reader', () => {
    expect(card!.summary).toBe(
      'Service web: desired 3, running 3, min 1, max 6. Traffic 50 requests per second (spike). ' +
        'Policy web-cpu70: CPUUtilization is 60% against a target of 70%; AlarmHigh OK, AlarmLow INSUFFICIENT_DATA. ' +
        'No alarm in ALARM. Latest activity at +00:07:00: Setting desired count to 3.',
    );
  });

  it('charts CPUUtilization for a service with traffic but no policy yet', () => {
    const [noPolicy] = scalingCards(scalingSnapshot({ serviceScalingPolicies: [], scalableTargets: [] }));
    expect(noPolicy!.target).toBeNull();
    expect(noPolicy!.loadChart?.series[0]!.points.length).toBe(CPU.length);
    expect(noPolicy!.loadChart?.rules).toEqual([]);
  });

  it('shows nothing for a snapshot before issue 7 (no scaling fields)', () => {
    const s = scalingSnapshot({ scalableTargets: undefined, serviceScalingPolicies: undefined, traffic: undefined });
    expect(scalingCards(s)).toEqual([]);
    expect(otherServices(s).map((o) => o.label)).toEqual(['demo/web', 'demo/worker']);
    expect(scalingCards(null)).toEqual([]);
  });
});

describe('a policy on metric math (AWS’s SQS backlog per task)', () => {
  const queries = [
    { Id: 'm1', MetricStat: { Metric: { Namespace: 'AWS/SQS', MetricName: 'ApproximateNumberOfMessagesVisible', Dimensions: [{ Name: 'QueueName', Value: 'jobs' }] }, Stat: 'Sum' }, ReturnData: false },
    { Id: 'm2', MetricStat: { Metric: { Namespace: 'ECS/ContainerInsights', MetricName: 'RunningTaskCount', Dimensions: [{ Name: 'ClusterName', Value: 'demo' }, { Name: 'ServiceName', Value: 'web' }] }, Stat: 'Average' }, ReturnData: false },
    { Id: 'e1', Expression: 'm1 / m2', Label: 'Backlog per task', ReturnData: true },
  ];
  const backlog = { ...policy, Alarms: [], TargetTrackingScalingPolicyConfiguration: { TargetValue: 60, CustomizedMetricSpecification: { Metrics: queries } } };
  const s = scalingSnapshot({
    alarms: [],
    metrics: [
      series('AWS/SQS', 'ApproximateNumberOfMessagesVisible', { QueueName: 'jobs' }, [0, 1200, 900, 300]),
      series('ECS/ContainerInsights', 'RunningTaskCount', { ClusterName: 'demo', ServiceName: 'web' }, [1, 1, 3]), // no point at 3 min
    ],
  });

  it('charts the returned expression minute by minute (1200 / 1 = 1200, 900 / 3 = 300), skipping a minute an operand lacks', () => {
    const built = policyChart(s, backlog, [])!;
    expect(built.metric.metricName).toBe('Backlog per task');
    expect(built.chart.series[0]!.points).toEqual([
      { t: 0, v: 0 },
      { t: MIN, v: 1200 },
      { t: 2 * MIN, v: 300 },
    ]);
    expect(built.chart.rules.map((r) => r.label)).toEqual(['target 60']);
  });

  it('reads the queries from the policy’s alarms once they exist', () => {
    const withAlarm = { ...s, alarms: [{ ...alarm(HIGH, 'ALARM', 60, 'GreaterThanThreshold', 3), Namespace: '', MetricName: '', Dimensions: [], Metrics: queries }] };
    expect(trackedMetric(withAlarm, { ...backlog, Alarms: policy.Alarms })?.queries).toEqual(queries);
  });
});
