/**
 * The autoscaling swarm's own invariants (issue 7), read from the public snapshot only and checked
 * between consecutive observations (after every step, and every 30 s of virtual time aligned to the
 * clock's half minutes):
 *
 *   A1  activity bounds: every Application Auto Scaling activity that sets a desired count ("Setting
 *       desired count to N.") sets one inside the target's [MinCapacity, MaxCapacity] of that moment.
 *       The bounds "of that moment" are those of the last observation, of this one, or any the event
 *       log says a scheduled action or RegisterScalableTarget set in between (two scheduled actions
 *       may fire in one slice). An activity caused by new bounds ("minimum capacity was set to X")
 *       must set exactly X.
 *   A2  no dynamic scale-in while a deployment is in progress: "Application Auto Scaling turns off
 *       scale-in processes while Amazon ECS deployments are in progress" (ecs-reference §8). Checked
 *       for intervals in which the service had the same deployment in progress at both ends: only
 *       the swarm's own steps start a deployment (no circuit breaker in this world), so it was in
 *       progress throughout.
 *   A3  no dynamic scaling in a direction whose Suspended flag is set (DynamicScalingIn/OutSuspended,
 *       ecs-reference §8); the flags change only by the swarm's steps, so a flag set at both ends
 *       was set throughout.
 *   A4  a target tracking policy's two alarms exist exactly while the policy does: each
 *       TargetTrackingScaling policy lists two alarms and both exist; every TargetTracking-… alarm is
 *       listed by a live policy (the swarm never deletes one of them itself).
 *   A5  metrics: at most one datapoint per series per minute (times at minute starts, increasing).
 *   A6  SQS conservation at each minute start (when the minute's AWS/SQS datapoints are published):
 *       messages the swarm sent = Σ NumberOfMessagesDeleted + visible + in flight + delayed + purged
 *       (the queue keeps messages 4 days, longer than any run: none expire), and
 *       Σ NumberOfMessagesSent = what the swarm sent before that minute start (the swarm's steps at
 *       a minute start come after that minute's tick, so their messages count in the next datapoint).
 *   A8  policies acting at the same instant: "Application Auto Scaling gives precedence to the policy
 *       that provides the largest capacity for both scale out and scale in" (API reference
 *       PutScalingPolicy), so one minute's scale-out is never undone by a scale-in of that same
 *       instant (dynamic activities of one target with the same StartTime go one way).
 *       Found by this swarm (seed 13, also 63, 92, 155): dynamic.ts once answered each alarm's
 *       action on its own, so target tracking set 6 → 4 and a step policy 4 → 6 at the same
 *       instant; now each policy proposes and the minute's 'settle' phase applies the largest.
 *       AUTOSCALING_SWARM_A8=0 turns the check off.
 *   A7  the snapshot is plain JSON: no undefined in arrays, no NaN or ±Infinity, no Map, Set or
 *       class instance (checked every `jsonEvery` observations and at the end).
 */
import type { MetricSeries, Service, Snapshot } from '../../workers/protocol.ts';
import type { SnapshotIndex, Violation } from './invariants.ts';
import { QUEUE } from './autoscaling-world.ts';

const DESCRIPTION = /^Setting desired count to (\d+)\.$/;
const BOUNDS_CAUSE = /^(minimum|maximum) capacity was set to (\d+)$/;
const ALARM_CAUSE = /^monitor alarm .* in state ALARM triggered policy /;
const SCHEDULED_EVENT = /^Scheduled action \S+ on service (\S+) \(.*\): MinCapacity \d+ → (\d+), MaxCapacity \d+ → (\d+)/;
const REGISTER_EVENT = /^Scalable target (\S+) (?:registered|updated): MinCapacity (\d+), MaxCapacity (\d+)/;

export const MINUTE_MS = 60_000;

/** What only the swarm knows: messages it sent and purged. */
export interface SqsLedger {
  sent: number;
  purged: number;
  /** Each burst: virtual ms and count (a burst sent at a minute start comes after that minute's datapoints). */
  bursts: { t: number; n: number }[];
}

interface Bounds {
  min: number;
  max: number;
}

function deploymentInProgress(service: Service | undefined): string | undefined {
  if (service === undefined) return undefined;
  const busy = service.deployments.length > 1 || service.deployments.some((d) => d.rolloutState === 'IN_PROGRESS');
  return busy ? service.deployments.map((d) => d.id).join(',') : undefined;
}

export class AutoscalingTracker {
  private previous?: Snapshot;
  private readonly seenActivities = new Set<string>();
  private lastEventId = -1;
  /** AWS/SQS per-minute counts accumulated by datapoint time (the store keeps only the newest 180). */
  private readonly deleted = new Map<number, number>();
  private readonly sentPoints = new Map<number, number>();
  private observations = 0;

  constructor(
    private readonly cluster: string,
    private readonly ledger: SqsLedger,
    private readonly jsonEvery = 10,
    /** A8 (see the header); on unless turned off. */
    private readonly checkA8 = true,
  ) {}

  observe(index: SnapshotIndex, final = false): Violation[] {
    const snap = index.snap;
    const out: Violation[] = [];
    this.observations++;
    this.checkActivities(snap, out);
    this.checkTrackingAlarms(snap, out);
    for (const series of snap.metrics ?? []) checkSeries(series, out);
    this.checkQueue(snap, out);
    if (final || this.observations % this.jsonEvery === 0) {
      const problem = jsonProblem(snap, 'snapshot');
      if (problem !== undefined) out.push({ invariant: 'A7', message: `the snapshot is not plain JSON: ${problem}` });
    }
    this.previous = snap;
    for (const e of snap.events) this.lastEventId = Math.max(this.lastEventId, e.id);
    return out;
  }

  /** Bounds set between the last observation and this one, by resource id, from the event log. */
  private boundsSetMeanwhile(snap: Snapshot): Map<string, Bounds[]> {
    const out = new Map<string, Bounds[]>();
    const add = (id: string, b: Bounds) => out.set(id, [...(out.get(id) ?? []), b]);
    for (const e of snap.events) {
      if (e.id <= this.lastEventId || !e.kind.startsWith('appautoscaling.')) continue;
      const scheduled = SCHEDULED_EVENT.exec(e.message);
      if (scheduled !== null) add(`service/${this.cluster}/${scheduled[1]}`, { min: Number(scheduled[2]), max: Number(scheduled[3]) });
      const registered = REGISTER_EVENT.exec(e.message);
      if (registered !== null) add(registered[1]!, { min: Number(registered[2]), max: Number(registered[3]) });
    }
    return out;
  }

  private checkActivities(snap: Snapshot, out: Violation[]): void {
    const fresh = (snap.serviceScalingActivities ?? []).filter((a) => !this.seenActivities.has(a.ActivityId)).reverse(); // oldest first
    if (fresh.length === 0) return;
    const before = this.previous;
    const meanwhile = this.boundsSetMeanwhile(snap);
    const servicesNow = new Map(snap.services.map((s) => [`service/${this.cluster}/${s.serviceName}`, s]));
    const servicesBefore = new Map((before?.services ?? []).map((s) => [`service/${this.cluster}/${s.serviceName}`, s]));
    const targetsNow = new Map((snap.scalableTargets ?? []).map((t) => [t.ResourceId, t]));
    const targetsBefore = new Map((before?.scalableTargets ?? []).map((t) => [t.ResourceId, t]));
    const desired = new Map<string, number>();
    const lastDynamic = new Map<string, { startMs: number; direction: 'in' | 'out'; n: number }>();
    for (const activity of fresh) {
      this.seenActivities.add(activity.ActivityId);
      const match = DESCRIPTION.exec(activity.Description);
      if (match === null) continue;
      const n = Number(match[1]);
      const id = activity.ResourceId;
      const at = `${id} at ${activity.StartTime}`;
      const candidates: Bounds[] = [];
      for (const t of [targetsBefore.get(id), targetsNow.get(id)]) if (t !== undefined) candidates.push({ min: t.MinCapacity, max: t.MaxCapacity });
      candidates.push(...(meanwhile.get(id) ?? []));
      if (candidates.length > 0 && !candidates.some((b) => b.min <= n && n <= b.max)) {
        out.push({ invariant: 'A1', message: `${at}: activity "${activity.Description}" (${activity.Cause}) sets ${n}, outside every [MinCapacity, MaxCapacity] the target had meanwhile: ${candidates.map((b) => `[${b.min}, ${b.max}]`).join(' ')}` });
      }
      const bound = BOUNDS_CAUSE.exec(activity.Cause);
      if (bound !== null && Number(bound[2]) !== n) {
        out.push({ invariant: 'A1', message: `${at}: activity caused by "${activity.Cause}" sets desired count ${n}, not ${bound[2]}` });
      }
      if (activity.StatusCode !== 'Successful') continue;
      const from = desired.get(id) ?? servicesBefore.get(id)?.desiredCount;
      desired.set(id, n);
      if (from === undefined || !ALARM_CAUSE.test(activity.Cause) || n === from) continue;
      const direction = n < from ? 'in' : 'out';
      const sameInstant = lastDynamic.get(id);
      if (this.checkA8 && sameInstant !== undefined && sameInstant.startMs === activity.startMs && sameInstant.direction !== direction) {
        out.push({ invariant: 'A8', message: `${at}: dynamic scale-${sameInstant.direction} to ${sameInstant.n} then scale-${direction} ${from} → ${n} (${activity.Cause}) at the same instant; the largest capacity, ${Math.max(sameInstant.n, n)}, should win` });
      }
      lastDynamic.set(id, { startMs: activity.startMs, direction, n });
      const deploymentBefore = deploymentInProgress(servicesBefore.get(id));
      if (direction === 'in' && deploymentBefore !== undefined && deploymentBefore === deploymentInProgress(servicesNow.get(id))) {
        out.push({ invariant: 'A2', message: `${at}: dynamic scale-in ${from} → ${n} (${activity.Cause}) while deployment(s) ${deploymentBefore} were in progress throughout` });
      }
      const flag = direction === 'in' ? 'DynamicScalingInSuspended' : 'DynamicScalingOutSuspended';
      if (targetsBefore.get(id)?.SuspendedState[flag] === true && targetsNow.get(id)?.SuspendedState[flag] === true) {
        out.push({ invariant: 'A3', message: `${at}: dynamic scale-${direction} ${from} → ${n} (${activity.Cause}) while ${flag} was set` });
      }
    }
  }

  private checkTrackingAlarms(snap: Snapshot, out: Violation[]): void {
    const alarms = new Set((snap.alarms ?? []).map((a) => a.AlarmName));
    const owned = new Set<string>();
    for (const policy of snap.serviceScalingPolicies ?? []) {
      if (policy.PolicyType !== 'TargetTrackingScaling') continue;
      if (policy.Alarms.length !== 2) out.push({ invariant: 'A4', message: `target tracking policy ${policy.PolicyName} on ${policy.ResourceId} lists ${policy.Alarms.length} alarm(s), not 2` });
      for (const a of policy.Alarms) {
        owned.add(a.AlarmName);
        if (!alarms.has(a.AlarmName)) out.push({ invariant: 'A4', message: `target tracking policy ${policy.PolicyName} on ${policy.ResourceId}: its alarm ${a.AlarmName} does not exist` });
      }
    }
    for (const name of alarms) {
      if (name.startsWith('TargetTracking-') && !owned.has(name)) out.push({ invariant: 'A4', message: `alarm ${name} exists but no target tracking policy owns it` });
    }
  }

  private checkQueue(snap: Snapshot, out: Violation[]): void {
    const series = (name: string) => snap.metrics?.find((m) => m.Namespace === 'AWS/SQS' && m.MetricName === name && m.Dimensions[0]?.Value === QUEUE);
    for (const p of series('NumberOfMessagesDeleted')?.points ?? []) this.deleted.set(p.t, p.v);
    for (const p of series('NumberOfMessagesSent')?.points ?? []) this.sentPoints.set(p.t, p.v);
    const queue = snap.queues?.find((q) => q.QueueName === QUEUE);
    if (queue === undefined || snap.time % MINUTE_MS !== 0) return;
    const attr = (key: string) => Number(queue.Attributes[key] ?? 'NaN');
    const visible = attr('ApproximateNumberOfMessages');
    const inFlight = attr('ApproximateNumberOfMessagesNotVisible');
    const delayed = attr('ApproximateNumberOfMessagesDelayed');
    const deleted = [...this.deleted.values()].reduce((a, b) => a + b, 0);
    const accounted = deleted + visible + inFlight + delayed + this.ledger.purged;
    if (accounted !== this.ledger.sent) {
      out.push({
        invariant: 'A6',
        message: `queue ${QUEUE}: the swarm sent ${this.ledger.sent} messages, but deleted ${deleted} + visible ${visible} + in flight ${inFlight} + delayed ${delayed} + purged ${this.ledger.purged} = ${accounted}`,
      });
    }
    // The datapoint at minute T counts what was sent before T: the swarm's steps at T come after the tick.
    const sentBefore = this.ledger.bursts.reduce((sum, b) => (b.t < snap.time ? sum + b.n : sum), 0);
    const sentMetric = [...this.sentPoints.values()].reduce((a, b) => a + b, 0);
    if (sentMetric !== sentBefore) out.push({ invariant: 'A6', message: `queue ${QUEUE}: Σ NumberOfMessagesSent is ${sentMetric} at ${snap.time} ms, the swarm sent ${sentBefore} before then` });
  }
}

function checkSeries(series: MetricSeries, out: Violation[]): void {
  let last = -Infinity;
  for (const p of series.points) {
    if (p.t % MINUTE_MS !== 0 || p.t <= last) {
      const name = `${series.Namespace} ${series.MetricName} ${series.Dimensions.map((d) => `${d.Name}=${d.Value}`).join(',')}`;
      out.push({ invariant: 'A5', message: `${name}: datapoint at ${p.t} ms after one at ${last} ms (one per minute, at minute starts)` });
      return;
    }
    last = p.t;
  }
}

/** Where a value stops being plain JSON (the first place found), or undefined. */
export function jsonProblem(value: unknown, path: string): string | undefined {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : `${path} is ${value}`;
  if (typeof value !== 'object') return `${path} is a ${typeof value}`;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (value[i] === undefined) return `${path}[${i}] is undefined`;
      const p = jsonProblem(value[i], `${path}[${i}]`);
      if (p !== undefined) return p;
    }
    return undefined;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return `${path} is a ${proto?.constructor?.name ?? 'class instance'}`;
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined) continue; // dropped by JSON.stringify, as an optional field is
    const p = jsonProblem(v, `${path}.${key}`);
    if (p !== undefined) return p;
  }
  return undefined;
}
