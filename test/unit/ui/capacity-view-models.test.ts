// Proves the capacity view models from fixture snapshots: what each chart draws (series found by
// namespace, name and exact dimensions, the live point "now", the target and max rules, activity
// marks), the ASG counts by lifecycle state, policies with their alarms' states, the reservation
// card's M / N and PROVISIONING count and verdict, the cost meter's rows, stacked bands and
// by-service split, ghost instances, Spot badges and interruption countdowns, and zone outages.
import { describe, expect, it } from 'vitest';
import type { Snapshot, Task } from '../../../workers/protocol.ts';
import { chartModel, findSeries, niceMax, seriesColor } from '../../../src/lib/view-model/capacity/chart.ts';
import { alarmLabel, asgCards } from '../../../src/lib/view-model/capacity/asg.ts';
import { fargateProviderRows, reservationCards, reservationFormula } from '../../../src/lib/view-model/capacity/reservation.ts';
import { costMeter } from '../../../src/lib/view-model/capacity/cost.ts';
import { usd } from '../../../src/lib/view-model/capacity/money.ts';
import { capacityView, countdownText } from '../../../src/lib/view-model/cluster-capacity.ts';
import { capacityStep, capacityTemplate } from '../../../src/lib/view-model/capacity/provider-request.ts';
import { clusterViewModel as plainClusterViewModel } from '../../../src/lib/view-model/cluster.ts';
import { strategyLabel } from '../../../src/lib/view-model/services.ts';
import { capacityRequestJsonSchema, STRATEGY_SCHEMA } from '../../../workers/engine/capacity/schema.ts';
import { serviceRequestJsonSchema } from '../../../workers/engine/services/schema.ts';
import { instance, snapshot, task } from './fixtures.ts';
import { ASG_ARN, cost, ec2, group, provider, series } from './capacity-fixtures.ts';

const MIN = 60_000;
/** The cluster view model with its capacity decorations loaded (as ClusterView does after the first paint). */
const clusterViewModel = (s: Snapshot) => plainClusterViewModel(s, undefined, capacityView);

describe('chart helpers', () => {
  it('finds a series by namespace, name and exactly its dimensions', () => {
    const a = series('AWS/ECS/ManagedScaling', 'CapacityProviderReservation', { CapacityProviderName: 'cp', ClusterName: 'demo' }, [100]);
    const b = series('AWS/ECS/ManagedScaling', 'CapacityProviderReservation', { CapacityProviderName: 'cp', ClusterName: 'other' }, [50]);
    const s = snapshot({ metrics: [b, a] });
    expect(findSeries(s, 'AWS/ECS/ManagedScaling', 'CapacityProviderReservation', { ClusterName: 'demo', CapacityProviderName: 'cp' })).toBe(a);
    expect(findSeries(s, 'AWS/ECS/ManagedScaling', 'CapacityProviderReservation', { CapacityProviderName: 'cp' })).toBeUndefined(); // one dimension short
  });

  it.each([
    [0, 1, 1],
    [3, 1, 5], // 3 → 5 (steps of 1, 2, 2.5, 5 × 10ⁿ)
    [250, 100, 250],
    [7, 1, 10],
    [200, 100, 200],
    [101, 100, 200], // 101 → 200 (2 × 10²)
    [201, 100, 250], // 201 → 250 (2.5 × 10²)
    [0.013, 0, 0.02],
  ])('niceMax(%d, floor %d) = %d', (v, floor, expected) => expect(niceMax(v, floor)).toBeCloseTo(expected, 9));

  it('tops counts out at a whole number and percentages at a nice one, with 10% headroom', () => {
    const line = (v: number) => [{ key: 's', label: 's', color: seriesColor('running'), step: true, points: [{ t: 0, v }] }];
    expect(chartModel({ series: line(2), now: 0, unit: '', summary: '' }).yMax).toBe(3); // 2 × 1.1 = 2.2 → 2.5 → 3 instances
    expect(chartModel({ series: line(2), now: 0, unit: '%', yFloor: 100, summary: '' }).yMax).toBe(100);
  });

  it('spans at least a minute and ends at now', () => {
    const m = chartModel({ series: [], now: 10_000, unit: '', summary: '' });
    expect([m.tStart, m.tEnd]).toEqual([10_000 - MIN, 10_000]);
  });
});

describe('Auto Scaling group cards', () => {
  const asg = group('web-asg', [0, 3, 6], ['Pending', 'InService', 'InService', 'Terminating:Wait'], { capacityProviderName: 'cp-web' });
  const dims = { AutoScalingGroupName: 'web-asg' };
  const s = snapshot({
    time: 3 * MIN + 20_000,
    autoScalingGroups: [asg],
    metrics: [series('AWS/AutoScaling', 'GroupDesiredCapacity', dims, [0, 2, 3]), series('AWS/AutoScaling', 'GroupInServiceInstances', dims, [0, 0, 2])],
    autoScalingPolicies: [
      {
        AutoScalingGroupName: 'web-asg',
        PolicyName: 'cpu50',
        PolicyARN: 'arn:policy/cpu50',
        PolicyType: 'TargetTrackingScaling',
        TargetTrackingConfiguration: { PredefinedMetricSpecification: { PredefinedMetricType: 'ASGAverageCPUUtilization' }, TargetValue: 50 },
        Alarms: [{ AlarmName: 'high', AlarmARN: 'arn:alarm/high' }, { AlarmName: 'gone', AlarmARN: 'arn:alarm/gone' }],
        Enabled: true,
      },
    ],
    alarms: [{ AlarmName: 'high', StateValue: 'ALARM', StateReason: '3 datapoints above 50' } as never],
    scalingActivities: [
      { ActivityId: 'a1', AutoScalingGroupName: 'web-asg', Description: 'Launching a new EC2 instance: i-1', Cause: 'desired 0 → 2', StartTime: '', StatusCode: 'Successful', Progress: 100, time: MIN },
      { ActivityId: 'a2', AutoScalingGroupName: 'web-asg', Description: 'Launching a new EC2 instance: i-2', Cause: 'desired 2 → 3', StartTime: '', StatusCode: 'InProgress', Progress: 20, time: 2 * MIN },
      { ActivityId: 'x', AutoScalingGroupName: 'other', Description: 'not ours', Cause: '', StartTime: '', StatusCode: 'Successful', Progress: 100, time: MIN },
    ],
  });
  const [card] = asgCards(s);

  it('counts instances by lifecycle state (Terminating:* count as terminating)', () => {
    expect(card!.counts).toEqual({ pending: 1, inService: 2, terminating: 1 });
    expect([card!.min, card!.desired, card!.max, card!.capacityProviderName]).toEqual([0, 3, 6, 'cp-web']);
  });

  it('draws desired, pending and in service, each reaching now with the live value', () => {
    const byKey = Object.fromEntries(card!.chart.series.map((x) => [x.key, x.points]));
    // desired: the three minutes, then now (3 at 3m20s)
    expect(byKey['GroupDesiredCapacity']).toEqual([{ t: 0, v: 0 }, { t: MIN, v: 2 }, { t: 2 * MIN, v: 3 }, { t: s.time, v: 3 }]);
    // pending: no series yet, only the live point (1 Pending)
    expect(byKey['GroupPendingInstances']).toEqual([{ t: s.time, v: 1 }]);
    expect(byKey['GroupInServiceInstances']!.at(-1)).toEqual({ t: s.time, v: 2 });
    expect(card!.chart.rules).toEqual([]); // max 6 is in the numbers: on the chart it would squash lines of 0–3
    expect(card!.chart.yMax).toBe(5); // 3 × 1.1 headroom = 3.3 → 5
  });

  it('lists its activities newest first, and marks them on the chart', () => {
    expect(card!.activities.map((a) => a.key)).toEqual(['a2', 'a1']);
    expect(card!.activities[0]).toMatchObject({ timeText: '+00:02:00', cause: 'desired 2 → 3', status: 'InProgress' });
    expect(card!.chart.marks.map((m) => m.t)).toEqual([2 * MIN, MIN]);
  });

  it('shows each policy with its alarms, a missing alarm as missing', () => {
    expect(card!.policies).toEqual([
      {
        key: 'arn:policy/cpu50',
        name: 'cpu50',
        type: 'TargetTrackingScaling',
        detail: 'target 50 on ASGAverageCPUUtilization',
        alarms: [
          { name: 'high', label: 'high', state: 'ALARM', reason: '3 datapoints above 50' },
          { name: 'gone', label: 'gone', state: 'missing', reason: 'The alarm does not exist.' },
        ],
      },
    ]);
  });
});

describe('the CPU side of a group (the other EC2 scaling style)', () => {
  it('names a target tracking alarm by its role', () => {
    expect(alarmLabel('TargetTracking-cpu-asg-AlarmHigh-6ccc993e-398e-46e9-a9fb-8bb39fb36db1')).toBe('AlarmHigh');
    expect(alarmLabel('my-alarm')).toBe('my-alarm');
  });

  const cpu = series('AWS/EC2', 'CPUUtilization', { AutoScalingGroupName: 'cpu-asg' }, [20, 75, 75], 'Percent');
  const policy = {
    AutoScalingGroupName: 'cpu-asg',
    PolicyName: 'cpu50',
    PolicyARN: 'arn:policy/cpu50',
    PolicyType: 'TargetTrackingScaling' as const,
    TargetTrackingConfiguration: { PredefinedMetricSpecification: { PredefinedMetricType: 'ASGAverageCPUUtilization' }, TargetValue: 50 },
    Alarms: [],
    Enabled: true,
  };

  it('charts the group average CPU against the policy target', () => {
    const [card] = asgCards(snapshot({ time: 3 * MIN, autoScalingGroups: [group('cpu-asg', [1, 1, 4])], metrics: [cpu], autoScalingPolicies: [policy] }));
    expect(card!.cpuChart!.series[0]!.points.map((p) => p.v)).toEqual([20, 75, 75]);
    expect(card!.cpuChart!.rules).toEqual([{ key: 'target', value: 50, label: 'target 50%' }]);
    expect(card!.cpuChart!.summary).toBe('cpu-asg: average CPUUtilization 75% against a target of 50%.');
  });

  it('shares its time axis with the group chart', () => {
    const dims = { AutoScalingGroupName: 'cpu-asg' };
    const [card] = asgCards(snapshot({ time: 3 * MIN, autoScalingGroups: [group('cpu-asg', [1, 1, 4])], metrics: [cpu, series('AWS/AutoScaling', 'GroupDesiredCapacity', dims, [1])], autoScalingPolicies: [policy] }));
    expect([card!.chart.tStart, card!.chart.tEnd]).toEqual([card!.cpuChart!.tStart, card!.cpuChart!.tEnd]);
  });

  it('lists groups a capacity provider scales first, then the others by name', () => {
    const s = snapshot({ autoScalingGroups: [group('a-cpu', [0, 0, 1]), group('z-managed', [0, 0, 1], [], { capacityProviderName: 'cp' }), group('b-cpu', [0, 0, 1])] });
    expect(asgCards(s).map((c) => c.name)).toEqual(['z-managed', 'a-cpu', 'b-cpu']);
  });

  it('has none for a group a capacity provider scales, or before the first CPU datapoint', () => {
    expect(asgCards(snapshot({ autoScalingGroups: [group('cpu-asg', [1, 1, 4], [], { capacityProviderName: 'cp' })], metrics: [cpu] }))[0]!.cpuChart).toBeNull();
    expect(asgCards(snapshot({ autoScalingGroups: [group('cpu-asg', [1, 1, 4])] }))[0]!.cpuChart).toBeNull();
  });
});

describe('capacity provider reservation cards', () => {
  const dims = { CapacityProviderName: 'cp-web', ClusterName: 'demo' };
  const waiting = (id: string): Task => ({ ...task(id, null, 'PROVISIONING'), capacityProviderName: 'cp-web' });
  // M = 5 instances needed, N = 2 running → 5 / 2 × 100 = 250 %
  const s = snapshot({
    time: 2 * MIN,
    capacityProviders: [provider('cp-web', 'web-asg', 90, { value: 250, instancesNeeded: 5, runningInstances: 2, provisioningTasks: 3, time: 2 * MIN })],
    metrics: [series('AWS/ECS/ManagedScaling', 'CapacityProviderReservation', dims, [100, 200, 250], 'Percent')],
    tasks: [waiting('t1'), waiting('t2'), waiting('t3'), { ...task('t4', null, 'PROVISIONING'), capacityProviderName: 'other' }],
  });
  const [card] = reservationCards(s);

  it('shows the latest value with its M and N, the target, and the tasks waiting for it', () => {
    expect(card).toMatchObject({ name: 'cp-web', value: 250, instancesNeeded: 5, runningInstances: 2, targetCapacity: 90, provisioningTasks: 3, autoScalingGroupName: 'web-asg', verdict: 'above target: scale out', formula: '5 needed / 2 running × 100' });
  });

  it.each([
    [2, 0, 'no instance running, 2 needed: 200 (scale out)'],
    [0, 0, 'no instance running or needed: 100'],
    [3, 4, '3 needed / 4 running × 100'],
  ])('says how M = %i and N = %i make the value', (m, n, text) => {
    expect(reservationFormula({ value: 0, instancesNeeded: m, runningInstances: n, provisioningTasks: 0, time: 0 })).toBe(text);
  });

  it('charts the metric against the target line, on a y axis of at least 100 %', () => {
    expect(card!.chart.series[0]!.points.map((p) => p.v)).toEqual([100, 200, 250]);
    expect(card!.chart.rules).toEqual([{ key: 'target', value: 90, label: 'target 90%' }]);
    expect(card!.chart.yMax).toBe(500); // 250 × 1.1 headroom = 275 → 500 (5 × 10²)
    expect(card!.chart.unit).toBe('%');
  });

  it('before the first minute: no value, no datapoint yet; at the target: steady; below: scale in', () => {
    const fresh = reservationCards(snapshot({ capacityProviders: [provider('cp', 'g')] }))[0]!;
    expect([fresh.value, fresh.verdict, fresh.chart.yMax]).toEqual([null, 'no datapoint yet', 200]); // the target 100 × 1.1 → 200
    const at = (v: number) => reservationCards(snapshot({ capacityProviders: [provider('cp', 'g', 100, { value: v, instancesNeeded: 1, runningInstances: 1, provisioningTasks: 0, time: 0 })] }))[0]!.verdict;
    expect(at(100)).toBe('at target: steady');
    expect(at(98)).toBe('below target: scale in'); // 2 empty instances → 100 − 2
  });

  it('lists Fargate providers only when tasks use them', () => {
    const spot = (id: string, st: Task['lastStatus']): Task => ({ ...task(id, null, st), launchType: 'FARGATE', capacityProviderName: 'FARGATE_SPOT' });
    expect(fargateProviderRows(snapshot({ tasks: [spot('a', 'RUNNING'), spot('b', 'PENDING')] }))).toEqual([{ name: 'FARGATE_SPOT', running: 1, provisioning: 1 }]);
    expect(fargateProviderRows(snapshot())).toEqual([]);
  });
});

describe('the cost meter', () => {
  const amount = (totalUsd: number, ratePerHourUsd: number) => ({ totalUsd, ratePerHourUsd });
  const s = snapshot({
    time: 2 * MIN,
    cost: cost({
      totalUsd: 0.05,
      ratePerHourUsd: 1.5,
      byLaunchType: { EC2: amount(0.03, 1), FARGATE: amount(0.01, 0.3), FARGATE_SPOT: amount(0.01, 0.2), EXTERNAL: amount(0, 0) },
      byService: [{ name: 'web', serviceArn: 'arn:svc/web', ...amount(0.03, 0.9) }, { name: 'unused EC2 capacity', ...amount(0.02, 0.6) }],
      history: [
        { t: 0, EC2: 1, FARGATE: 0, FARGATE_SPOT: 0, EXTERNAL: 0 },
        { t: MIN, EC2: 1, FARGATE: 0.3, FARGATE_SPOT: 0.2, EXTERNAL: 0 },
      ],
    }),
  });
  const meter = costMeter(s)!;

  it('shows the total and the rate, and a row per launch type that costs something', () => {
    expect([meter.totalText, meter.rateText]).toEqual(['$0.0500', '$1.50/h']);
    expect(meter.byLaunchType.map((r) => [r.key, r.totalText, r.rateText])).toEqual([
      ['EC2', '$0.0300', '$1.00/h'],
      ['FARGATE', '$0.0100', '$0.3000/h'],
      ['FARGATE_SPOT', '$0.0100', '$0.2000/h'],
    ]); // EXTERNAL costs nothing: no row
    expect(meter.comparison).toBe('Now EC2 costs $1.00/h and Fargate (with Spot) $0.5000/h.');
  });

  it('stacks the rate history by launch type, up to the rate now', () => {
    expect(meter.layers[0]!.points.map((p) => p.t)).toEqual([0, MIN, 2 * MIN]); // two minutes of history, then now
    // minute 1: EC2 0→1, FARGATE 1→1.3, FARGATE_SPOT 1.3→1.5
    expect(meter.layers.map((l) => [l.key, l.points[1]!.y0, l.points[1]!.y1])).toEqual([
      ['EC2', 0, 1],
      ['FARGATE', 1, 1.3],
      ['FARGATE_SPOT', 1.3, 1.5],
    ]);
    expect(meter.rateMax).toBeCloseTo(1.5 * 1.15, 9);
  });

  it('splits by service, with unused EC2 capacity, each with its share of the rate', () => {
    expect(meter.byService.map((r) => [r.label, r.rateText, r.share])).toEqual([
      ['web', '$0.9000/h', 0.6],
      ['unused EC2 capacity', '$0.6000/h', 0.4],
    ]);
  });

  it('is absent without a cost report; money reads as AWS bills it', () => {
    expect(costMeter(snapshot())).toBeNull();
    expect([usd(0.00012), usd(12.345), usd(NaN)]).toEqual(['$0.0001', '$12.35', '$0.0000']); // 12.345 → 12.35 (toFixed)
  });
});

describe('capacity in the cluster picture', () => {
  const ci = { ...instance('a', 'us-east-1a', [0, 2048], [0, 3904]), capacityProviderName: 'cp-web' };
  const base = snapshot({
    time: 5 * MIN,
    containerInstances: [ci],
    autoScalingGroups: [group('web-asg', [0, 4, 6], [], { capacityProviderName: 'cp-web' })],
    ec2Instances: [
      ec2('i-a', 'running', 'us-east-1a', { containerInstanceArn: ci.containerInstanceArn }),
      ec2('i-boot', 'pending', 'us-east-1b', { InstanceLifecycle: 'spot' }),
      ec2('i-reg', 'running', 'us-east-1a'),
      ec2('i-down', 'shutting-down', 'us-east-1a'),
      ec2('i-gone', 'terminated', 'us-east-1a'),
    ],
  });

  it('draws EC2 instances that are not container instances as ghosts in their zone, and counts the booting ones', () => {
    const vm = clusterViewModel(base);
    const ghosts = Object.fromEntries(vm.zones.map((z) => [z.zone, z.ghosts.map((g) => [g.instanceId, g.phase, g.owner, g.spot])]));
    expect(ghosts).toEqual({
      'us-east-1a': [
        ['i-down', 'shutting-down', 'cp-web', false],
        ['i-reg', 'registering', 'cp-web', false],
      ],
      'us-east-1b': [['i-boot', 'booting', 'cp-web', true]], // a zone with only a booting instance still gets a column
    });
    expect(vm.bootingCount).toBe(2); // shutting down is not "starting"
  });

  it('labels instances with their provider, Spot, EXTERNAL, a disconnected agent, shutting down', () => {
    const ext = { ...instance('ext', 'us-east-1a', [0, 1024], [0, 2048]), ec2InstanceId: 'mi-0123', agentConnected: false, attributes: [{ name: 'ecs.capability.external' }] };
    const s = { ...base, containerInstances: [ci, ext], ec2Instances: [ec2('i-a', 'shutting-down', 'us-east-1a', { InstanceLifecycle: 'spot' })] };
    const zones = clusterViewModel(s).zones;
    // An external instance has no zone attribute: it gets a column of its own, on premises.
    expect(zones.map((z) => [z.zone, z.instances.map((b) => b.instanceType)])).toEqual([
      ['on-premises (ECS Anywhere)', ['ECS Anywhere']],
      ['us-east-1a', ['t3.medium']],
    ]);
    const boxes = [...zones[1]!.instances, ...zones[0]!.instances];
    expect(boxes.map((b) => [b.ec2InstanceId, b.capacity])).toEqual([
      ['i-a', { owner: 'cp-web', spot: true, external: false, disconnected: false, shuttingDown: true, spotNotice: null }],
      ['mi-0123', { owner: null, spot: false, external: true, disconnected: true, shuttingDown: false, spotNotice: null }],
    ]);
    expect(boxes[1]!.ariaLabel).toMatch(/^External container instance mi-0123.*agent disconnected/);
  });

  it('badges FARGATE_SPOT tasks and counts down a Spot interruption from its notice', () => {
    const spot = (id: string, extra: Partial<Task>): Task => ({ ...task(id, null, 'RUNNING'), launchType: 'FARGATE', capacityProviderName: 'FARGATE_SPOT', ...extra });
    const warned = spot('w', { desiredStatus: 'STOPPED', stopCode: 'TerminationNotice' });
    const s = snapshot({
      time: 5 * MIN,
      tasks: [spot('ok', {}), warned, spot('done', { lastStatus: 'STOPPED', desiredStatus: 'STOPPED', stopCode: 'SpotInterruption' })],
      // The notice came 18 s ago: 120 − 18 = 102 s left → 1:42
      events: [{ id: 1, time: 5 * MIN - 18_000, kind: 'task.state-change', message: 'Your Spot Task was interrupted.', resourceArn: warned.taskArn, eventBridge: { detail: { stopCode: 'TerminationNotice' } } as never }],
    });
    const tiles = Object.fromEntries(clusterViewModel(s).zones[0]!.fargate.map((t) => [t.shortId, [t.badge, t.interruption, t.interruptionText]]));
    expect(tiles).toEqual({ ok: ['SPOT', null, null], w: ['SPOT 1:42', 'warned', 'Spot interruption 1:42'], done: ['SPOT ✕', 'stopped', 'Spot interrupted'] });
    const lane = clusterViewModel(s).zones[0]!.fargate;
    expect(lane.find((t) => t.shortId === 'w')!.ariaLabel).toMatch(/on Fargate Spot, Spot interruption 1:42$/);
    // The engine moves the stop code to SpotInterruption as the task stops: still counting down.
    const stopping = { ...s, tasks: [{ ...warned, lastStatus: 'STOPPING' as const, stopCode: 'SpotInterruption' as const }] };
    expect(clusterViewModel(stopping).zones[0]!.fargate[0]!.interruptionText).toBe('Spot interruption 1:42');
    expect(countdownText(0)).toBe('0:00');
  });

  it('counts down an EC2 Spot Instance\'s notice on its box', () => {
    // notice 30 s ago → 90 s left
    const s = { ...base, events: [{ id: 1, time: 5 * MIN - 30_000, kind: 'ec2.spot-interruption', message: 'EC2 Spot Instance i-a got its two-minute interruption notice', resourceArn: ci.containerInstanceArn }] };
    expect(clusterViewModel(s).zones[0]!.instances[0]!.capacity.spotNotice).toBe('Spot notice 1:30');
  });

  it('draws none of it before its chunk has loaded', () => {
    const vm = plainClusterViewModel(base);
    expect(vm.zones.flatMap((z) => z.ghosts)).toEqual([]);
    expect(vm.zones[0]!.instances[0]!.capacity.owner).toBeNull();
  });

  it('greys a zone that is out, even one with nothing in it', () => {
    const s = { ...base, faults: [{ kind: 'availability-zone-outage' as const, target: 'us-east-1c', sinceMs: 0, description: 'us-east-1c is out until +00:30:00.' }] };
    const zone = clusterViewModel(s).zones.find((z) => z.zone === 'us-east-1c')!;
    expect(zone.outage).toBe('us-east-1c is out until +00:30:00.');
    expect(clusterViewModel(base).zones.every((z) => z.outage === null)).toBe(true);
  });
});

describe('a service on capacity providers', () => {
  it('names its strategy where a launch type would be', () => {
    // AWS's example: FARGATE base 2 weight 1, FARGATE_SPOT weight 3
    expect(strategyLabel([{ capacityProvider: 'FARGATE', base: 2, weight: 1 }, { capacityProvider: 'FARGATE_SPOT', weight: 3 }])).toBe('FARGATE base 2 weight 1 + FARGATE_SPOT weight 3');
    expect(strategyLabel([{ capacityProvider: 'cp' }])).toBe('cp weight 0'); // the API's default weight
  });
});

describe('the capacity provider editor requests', () => {
  const s = snapshot({
    clusters: [{ clusterName: 'demo', status: 'ACTIVE', capacityProviders: [], defaultCapacityProviderStrategy: [] } as never],
    autoScalingGroups: [group('web-asg', [0, 0, 10], [], { NewInstancesProtectedFromScaleIn: true })],
  });

  it('creates a provider for a group no provider uses, with managed scaling on', () => {
    expect(capacityTemplate(s, 'create')).toMatchObject({
      name: 'cp-web-asg',
      autoScalingGroupProvider: { autoScalingGroupArn: ASG_ARN('web-asg'), managedScaling: { status: 'ENABLED', targetCapacity: 100 }, managedTerminationProtection: 'ENABLED' },
    });
  });

  it('puts every provider on the first cluster with a default strategy', () => {
    const withProvider = { ...s, capacityProviders: [provider('cp-web-asg', 'web-asg')] };
    expect(capacityTemplate(withProvider, 'cluster')).toEqual({
      cluster: 'demo',
      capacityProviders: ['cp-web-asg', 'FARGATE', 'FARGATE_SPOT'],
      defaultCapacityProviderStrategy: [{ capacityProvider: 'cp-web-asg', weight: 1 }],
    });
    expect(capacityStep('cluster', { cluster: 'demo' })).toEqual({ 'ecs:PutClusterCapacityProviders': { cluster: 'demo' } });
  });

  it('the service schemas take capacityProviderStrategy (the strategy\'s own schema) next to launchType', () => {
    for (const kind of ['create', 'update'] as const) {
      const schema = serviceRequestJsonSchema(kind) as { properties: Record<string, { maxItems?: number; description?: string; items?: unknown }> };
      expect(schema.properties['capacityProviderStrategy']).toMatchObject({ type: 'array', maxItems: 6, items: STRATEGY_SCHEMA['items'] });
      expect(schema.properties['capacityProviderStrategy']!.description).toMatch(/^The capacity providers that run the tasks, instead of a launchType/);
    }
  });

  it('has a schema per request whose required fields the templates fill', () => {
    for (const kind of ['create', 'update', 'cluster'] as const) {
      const schema = capacityRequestJsonSchema(kind) as { required: string[]; properties: Record<string, unknown> };
      const template = capacityTemplate({ ...s, capacityProviders: [provider('cp-web-asg', 'web-asg')] }, kind);
      for (const field of schema.required) expect(template, `${kind}.${field}`).toHaveProperty(field);
      for (const field of Object.keys(template)) expect(schema.properties, `${kind}.${field}`).toHaveProperty(field);
    }
  });
});
