/**
 * The rules list of the events panel, as data: each EventBridge rule (snapshot.eventRules) with its
 * state, what triggers it (a schedule in words with its next firing, or its event pattern as compact
 * JSON), its targets in a line each (an ECS RunTask target: cluster, task definition, count and launch
 * type; any other: its ARN), the counts the engine keeps, and the tasks it started (startedBy
 * `events-rule/<name>`, as the engine sets it). Plus the step the state toggle sends.
 */
import type { EventRule, EventTarget, Snapshot, Step } from '../../../../workers/protocol.ts';
import { arnId, taskDefinitionRef } from '../arn.ts';
import { findSeries } from '../capacity/chart.ts';
import { formatVirtualTime } from '../time.ts';
import { scheduleInWords } from './schedule-words.ts';

export type RuleTrigger =
  | { kind: 'schedule'; expression: string; words: string; next: string }
  | { kind: 'pattern'; json: string }
  | { kind: 'none' };

export interface TargetRow {
  id: string;
  /** 'ecs' for a RunTask target, else the ARN's service ('sns', 'sqs', 'lambda' …). */
  service: string;
  /** One line: "RunTask image-processor:1 × 1 on events-demo (FARGATE)", or the ARN. */
  text: string;
}

export interface RuleRow {
  name: string;
  arn: string;
  enabled: boolean;
  state: EventRule['State'];
  description?: string;
  trigger: RuleTrigger;
  targets: TargetRow[];
  matchedEvents: number;
  /** A schedule rule's firings (the rule's TriggeredRules count; a schedule matches no events). Undefined for pattern rules. */
  firings?: number;
  failedInvocations: number;
  /**
   * Tasks the rule's ECS targets started that the snapshot still lists (ECS drops a stopped task an
   * hour after it stops), and how many of them are not stopped yet.
   */
  tasksStarted: number;
  tasksActive: number;
}

/** The text of a duration until a virtual time: "in 57 min", "in 2 h 3 min", "now". */
export function untilText(nowMs: number, atMs: number): string {
  const minutes = Math.max(0, Math.ceil((atMs - nowMs) / 60_000));
  if (minutes === 0) return 'now';
  const hours = Math.floor(minutes / 60);
  return hours === 0 ? `in ${minutes} min` : `in ${hours} h${minutes % 60 ? ` ${minutes % 60} min` : ''}`;
}

/** The pattern as compact JSON (parsed and printed again); the text as given if it does not parse. */
export function compactPattern(pattern: string): string {
  try {
    return JSON.stringify(JSON.parse(pattern));
  } catch {
    return pattern;
  }
}

function trigger(rule: EventRule, nowMs: number): RuleTrigger {
  if (rule.ScheduleExpression) {
    const expression = rule.ScheduleExpression;
    const next =
      rule.State === 'DISABLED' ? 'disabled: does not fire' : rule.nextFireMs === undefined ? 'will not fire again' : `next ${formatVirtualTime(rule.nextFireMs)} (${untilText(nowMs, rule.nextFireMs)})`;
    return { kind: 'schedule', expression, words: scheduleInWords(expression) ?? expression, next };
  }
  if (rule.EventPattern) return { kind: 'pattern', json: compactPattern(rule.EventPattern) };
  return { kind: 'none' };
}

/** An ARN's service: `arn:aws:sns:…` → 'sns'. */
const arnService = (arn: string): string => String(arn).split(':')[2] ?? '';

export function targetRow(target: EventTarget): TargetRow {
  const ecs = target.EcsParameters;
  if (ecs && arnService(target.Arn) === 'ecs') {
    const taskDef = taskDefinitionRef(String(ecs.TaskDefinitionArn ?? '')).label || '?';
    const count = typeof ecs.TaskCount === 'number' ? ecs.TaskCount : 1;
    const launch = typeof ecs.LaunchType === 'string' ? ` (${ecs.LaunchType})` : '';
    return { id: target.Id, service: 'ecs', text: `RunTask ${taskDef} × ${count} on cluster ${arnId(target.Arn)}${launch}` };
  }
  return { id: target.Id, service: arnService(target.Arn), text: target.Arn };
}

export function ruleRows(snapshot: Snapshot | null): RuleRow[] {
  if (!snapshot) return [];
  const started = new Map<string, { all: number; active: number }>();
  for (const t of snapshot.tasks) {
    if (!t.startedBy?.startsWith('events-rule/')) continue;
    const counts = started.get(t.startedBy) ?? { all: 0, active: 0 };
    counts.all += 1;
    if (t.lastStatus !== 'STOPPED') counts.active += 1;
    started.set(t.startedBy, counts);
  }
  return (snapshot.eventRules ?? []).map((rule) => {
    const tasks = started.get(`events-rule/${rule.Name}`);
    return {
      name: rule.Name,
      arn: rule.Arn,
      enabled: rule.State === 'ENABLED',
      state: rule.State,
      ...(rule.Description ? { description: rule.Description } : {}),
      trigger: trigger(rule, snapshot.time),
      targets: rule.Targets.map(targetRow),
      matchedEvents: rule.matchedEvents,
      ...(rule.ScheduleExpression ? { firings: rule.triggeredRules } : {}),
      failedInvocations: rule.failedInvocations,
      tasksStarted: tasks?.all ?? 0,
      tasksActive: tasks?.active ?? 0,
    };
  });
}

/** The toggle: events:EnableRule or events:DisableRule on the default bus. */
export function ruleStateStep(name: string, enable: boolean): Step {
  return { [enable ? 'events:EnableRule' : 'events:DisableRule']: { Name: name } };
}
