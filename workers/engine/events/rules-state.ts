/**
 * The EventBridge rules as the engine keeps them: the rule records the pure checkers produce
 * (rule-requests.ts, target-requests.ts), and beside them what happens to each rule on the virtual
 * clock — its counters, its schedule timer, the S3 objects its tasks read. Added to the engine state by
 * module augmentation (state.ts stays the core's).
 *
 * The counters are those of EventBridge's CloudWatch metrics (AWS/Events, dimension RuleName;
 * EventBridge User Guide "Monitoring Amazon EventBridge", eb-monitoring): MatchedEvents (events that
 * matched the rule), TriggeredRules (times the rule ran, for a schedule its firings), Invocations
 * (targets invoked) and FailedInvocations (invocations that failed permanently). Each is published as
 * the minute's sum, as CloudWatch shows them.
 */
import type { TimerId } from '../clock.ts';
import { putDatapoint } from '../metrics/store.ts';
import type { EngineState } from '../state.ts';
import type { RuleRecord } from './rule-requests.ts';

export interface RuleStats {
  matchedEvents: number;
  triggeredRules: number;
  invocations: number;
  failedInvocations: number;
  /** Virtual ms the rule was created: the anchor of a rate() schedule. */
  createdMs: number;
  /** The schedule's pending firing, if the rule is enabled and has a schedule that fires again. */
  timer?: TimerId;
  nextFireMs?: number;
  /** Tasks this rule started from events about tasks that EventBridge rules started (loop-guard.ts). */
  chainedTasks: number;
  /** Set once the loop guard stopped the rule's chained invocations. */
  loopStopped: boolean;
  /** The current minute's counts (the AWS/Events datapoints are the minute's sums). */
  minute: number;
  minuteCounts: Record<EventsMetric, number>;
}

/** An S3 object a task started by a rule is to read (s3-reader.ts), by task ARN. */
export interface ObjectRead {
  bucket: string;
  key: string;
  size: number;
  ruleName: string;
}

export interface EventBridgeState {
  /** Every rule, in creation order (the checkers' list). */
  rules: RuleRecord[];
  /** By rule ARN. */
  stats: Map<string, RuleStats>;
  /** The id of the last event-log line offered to the rules (rule-delivery.ts). */
  cursor: number;
  /** The pending delivery of new lines, if any. */
  drainTimer?: TimerId;
  readers: Map<string, ObjectRead>;
}

declare module '../state.ts' {
  interface EngineState {
    /** EventBridge rules and their targets (events/, issue 7). */
    eventBridge?: EventBridgeState;
  }
}

export type EventsMetric = 'MatchedEvents' | 'TriggeredRules' | 'Invocations' | 'FailedInvocations';

export function eventBridgeOf(state: EngineState): EventBridgeState {
  state.eventBridge ??= { rules: [], stats: new Map(), cursor: state.nextEventId - 1, readers: new Map() };
  return state.eventBridge;
}

export function statsOf(state: EngineState, rule: RuleRecord, nowMs: number): RuleStats {
  const eb = eventBridgeOf(state);
  let stats = eb.stats.get(rule.Arn);
  if (stats === undefined) {
    stats = {
      matchedEvents: 0,
      triggeredRules: 0,
      invocations: 0,
      failedInvocations: 0,
      createdMs: nowMs,
      chainedTasks: 0,
      loopStopped: false,
      minute: -1,
      minuteCounts: { MatchedEvents: 0, TriggeredRules: 0, Invocations: 0, FailedInvocations: 0 },
    };
    eb.stats.set(rule.Arn, stats);
  }
  return stats;
}

const TOTAL_FIELD: Record<EventsMetric, 'matchedEvents' | 'triggeredRules' | 'invocations' | 'failedInvocations'> = {
  MatchedEvents: 'matchedEvents',
  TriggeredRules: 'triggeredRules',
  Invocations: 'invocations',
  FailedInvocations: 'failedInvocations',
};

/** Count one of the rule's metrics: the running total and the minute's AWS/Events datapoint (Sum). */
export function countRuleMetric(state: EngineState, rule: RuleRecord, metric: EventsMetric, nowMs: number, by = 1): void {
  const stats = statsOf(state, rule, nowMs);
  stats[TOTAL_FIELD[metric]] += by;
  const minute = Math.floor(nowMs / 60_000);
  if (stats.minute !== minute) {
    stats.minute = minute;
    stats.minuteCounts = { MatchedEvents: 0, TriggeredRules: 0, Invocations: 0, FailedInvocations: 0 };
  }
  stats.minuteCounts[metric] += by;
  putDatapoint(state, { namespace: 'AWS/Events', metricName: metric, dimensions: [{ Name: 'RuleName', Value: rule.Name }] }, 'Count', nowMs, stats.minuteCounts[metric]);
}

/** Whether any enabled rule listens to events (has a pattern). */
export function hasPatternRules(eb: EventBridgeState): boolean {
  return eb.rules.some((r) => r.State === 'ENABLED' && r.pattern !== undefined);
}
