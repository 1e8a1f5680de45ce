// Proves the autoscaling swarm's checker can fail: each invariant A1–A7 fires on a doctored copy of
// a real final snapshot of seed 2 (which passes them all as it is).
import { beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../workers/protocol.ts';
import { AutoscalingTracker, MINUTE_MS, type SqsLedger } from './autoscaling-invariants.ts';
import { runAutoscalingSwarm } from './autoscaling-swarm.ts';
import { SnapshotIndex } from './invariants.ts';
import { QUEUE } from './autoscaling-world.ts';

let real: Snapshot;

beforeAll(() => {
  const outcome = runAutoscalingSwarm({ seed: 2, keepFinalJson: true });
  expect(outcome.ok).toBe(true);
  real = JSON.parse(outcome.finalJson!) as Snapshot;
  real.time = Math.ceil(real.time / MINUTE_MS) * MINUTE_MS; // a minute start, where A6 is checked
});

const copy = (): Snapshot => structuredClone(real);
const sum = (s: Snapshot, name: string) => s.metrics!.find((m) => m.Namespace === 'AWS/SQS' && m.MetricName === name && m.Dimensions[0]!.Value === QUEUE)!.points.reduce((n, p) => n + p.v, 0);

/** A ledger that agrees with the snapshot (what the swarm would have counted). */
function ledgerOf(s: Snapshot): SqsLedger {
  const q = s.queues!.find((x) => x.QueueName === QUEUE)!;
  const inQueue = ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed'].reduce((n, k) => n + Number(q.Attributes[k]), 0);
  const sent = sum(s, 'NumberOfMessagesSent');
  return { sent, purged: sent - sum(s, 'NumberOfMessagesDeleted') - inQueue, bursts: [{ t: 0, n: sent }] };
}

/** Observe `before` then `after`; the violations of the second observation. */
function violations(after: Snapshot, before: Snapshot = real, ledger = ledgerOf(real)): string[] {
  const tracker = new AutoscalingTracker('swarm', ledger, 10, true);
  tracker.observe(new SnapshotIndex(before));
  return tracker.observe(new SnapshotIndex(after), true).map((v) => `${v.invariant} ${v.message}`);
}

function withActivity(s: Snapshot, service: string, desired: number, cause = 'monitor alarm X in state ALARM triggered policy p'): Snapshot {
  s.serviceScalingActivities = [
    { ActivityId: 'doctored', ServiceNamespace: 'ecs', ResourceId: `service/swarm/${service}`, ScalableDimension: 'ecs:service:DesiredCount', Description: `Setting desired count to ${desired}.`, Cause: cause, StartTime: '', StatusCode: 'Successful', startMs: s.time },
    ...(s.serviceScalingActivities ?? []),
  ];
  return s;
}

describe('autoscaling swarm invariants', () => {
  it('the real snapshot passes', () => {
    expect(violations(copy())).toEqual([]);
  });

  it('A1: an activity outside [MinCapacity, MaxCapacity], or not the bound that caused it', () => {
    const target = real.scalableTargets![0]!;
    const name = target.ResourceId.split('/')[2]!;
    expect(violations(withActivity(copy(), name, target.MaxCapacity + 1)).join()).toMatch(/^A1 .*sets \d+, outside every/);
    const bound = Math.min(target.MaxCapacity, target.MinCapacity + 1);
    expect(violations(withActivity(copy(), name, bound, `minimum capacity was set to ${target.MinCapacity === bound ? bound + 1 : target.MinCapacity}`)).join()).toMatch(/A1 .*not \d+/);
  });

  it('A2: a dynamic scale-in while the same deployment was in progress at both ends', () => {
    const before = copy();
    const target = before.scalableTargets!.find((t) => t.MaxCapacity > t.MinCapacity)!;
    const name = target.ResourceId.split('/')[2]!;
    const service = before.services.find((s) => s.serviceName === name)!;
    service.desiredCount = target.MaxCapacity;
    service.deployments[0]!.rolloutState = 'IN_PROGRESS';
    const after = withActivity(structuredClone(before), name, target.MaxCapacity - 1);
    expect(violations(after, before)).toEqual([expect.stringMatching(/^A2 .*scale-in/)]);
  });

  it('A3: dynamic scaling in a suspended direction', () => {
    const before = copy();
    const target = before.scalableTargets!.find((t) => t.MaxCapacity > t.MinCapacity)!;
    target.SuspendedState.DynamicScalingOutSuspended = true;
    const name = target.ResourceId.split('/')[2]!;
    before.services.find((s) => s.serviceName === name)!.desiredCount = target.MinCapacity;
    const after = withActivity(structuredClone(before), name, target.MinCapacity + 1);
    expect(violations(after, before)).toEqual([expect.stringMatching(/^A3 .*DynamicScalingOutSuspended/)]);
  });

  it('A8: a scale-out undone by a scale-in of the same instant', () => {
    const before = copy();
    const target = before.scalableTargets!.find((t) => t.MaxCapacity - t.MinCapacity >= 2)!;
    const name = target.ResourceId.split('/')[2]!;
    before.services.find((s) => s.serviceName === name)!.desiredCount = target.MinCapacity;
    const after = withActivity(withActivity(structuredClone(before), name, target.MinCapacity + 2, 'monitor alarm A in state ALARM triggered policy step'), name, target.MinCapacity + 1);
    after.serviceScalingActivities![0]!.ActivityId = 'doctored-2';
    expect(violations(after, before)).toEqual([expect.stringMatching(/^A8 .*scale-out to \d+ then scale-in/)]);
  });

  it('A4: a target tracking alarm missing, or one no policy owns', () => {
    const s = copy();
    const policy = s.serviceScalingPolicies!.find((p) => p.PolicyType === 'TargetTrackingScaling')!;
    s.alarms = s.alarms!.filter((a) => a.AlarmName !== policy.Alarms[0]!.AlarmName);
    expect(violations(s).join()).toMatch(/A4 .*does not exist/);
    const orphan = copy();
    orphan.serviceScalingPolicies = orphan.serviceScalingPolicies!.filter((p) => p.PolicyARN !== policy.PolicyARN);
    expect(violations(orphan).join()).toMatch(/A4 alarm TargetTracking-.* no target tracking policy owns it/);
  });

  it('A5: two datapoints in one minute', () => {
    const s = copy();
    const series = s.metrics!.find((m) => m.points.length > 1)!;
    series.points.push({ ...series.points.at(-1)! });
    expect(violations(s).join()).toMatch(/A5 /);
  });

  it('A6: a message unaccounted for, or one the sent metric missed', () => {
    const ledger = ledgerOf(real);
    expect(violations(copy(), real, { ...ledger, sent: ledger.sent + 1 }).join()).toMatch(/A6 queue jobs: the swarm sent/);
    expect(violations(copy(), real, { ...ledger, bursts: [...ledger.bursts, { t: 0, n: 5 }] }).join()).toMatch(/A6 queue jobs: Σ NumberOfMessagesSent/);
  });

  it('A7: a value JSON cannot carry', () => {
    const s = copy();
    s.metrics![0]!.points[0]!.v = Number.NaN;
    expect(violations(s).join()).toMatch(/A7 .*is NaN/);
  });
});
