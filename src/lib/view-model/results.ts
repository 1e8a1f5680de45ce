/**
 * How a step's result reads in the UI: a one-line summary, the response JSON, or the AWS error
 * code and message. RunTask's placement failures (HTTP 200 with `failures`) are errors to a
 * learner, so they are pulled out and explained.
 */
import type { ScenarioIssue, SimEvent, StepResult } from '../../../workers/protocol.ts';
import { arnId } from './arn.ts';

export interface ResultView {
  ok: boolean;
  action: string;
  summary: string;
  /** Pretty-printed response JSON (collapsed by default in the UI). */
  json?: string;
  error?: { code: string; message: string };
  /** Placement failures of RunTask, each a readable line. */
  failures: string[];
}

interface Failure {
  arn?: string;
  reason?: string;
  detail?: string;
}

function failuresOf(response: unknown): Failure[] {
  const list = (response as { failures?: unknown } | null)?.failures;
  return Array.isArray(list) ? (list as Failure[]) : [];
}

function tasksOf(response: unknown): unknown[] {
  const list = (response as { tasks?: unknown } | null)?.tasks;
  return Array.isArray(list) ? list : [];
}

export function describeFailure(f: Failure): string {
  const where = f.arn ? `${arnId(f.arn)}: ` : '';
  const detail = f.detail ? ` (${f.detail})` : '';
  return `${where}${f.reason ?? 'unknown reason'}${detail}`;
}

function summarize(action: string, response: unknown): string {
  if (action === 'ecs:RunTask') {
    const started = tasksOf(response).length;
    const failed = failuresOf(response).length;
    return `${started} task${started === 1 ? '' : 's'} started${failed ? `, ${failed} failure${failed === 1 ? '' : 's'}` : ''}`;
  }
  if (action === 'ecs:RegisterTaskDefinition') {
    const arn = (response as { taskDefinition?: { taskDefinitionArn?: string } } | null)?.taskDefinition?.taskDefinitionArn;
    return arn ? `Registered ${arnId(arn)}` : 'Registered';
  }
  if (action === 'wait') return 'Time advanced';
  return 'OK';
}

export function resultView(result: StepResult): ResultView {
  if ('error' in result) {
    return { ok: false, action: result.action, summary: `${result.error.code}: ${result.error.message}`, error: result.error, failures: [] };
  }
  const failures = failuresOf(result.response).map(describeFailure);
  return {
    ok: failures.length === 0 || tasksOf(result.response).length > 0,
    action: result.action,
    summary: summarize(result.action, result.response),
    json: result.response === undefined ? undefined : JSON.stringify(result.response, null, 2),
    failures,
  };
}

/** A parse problem of the command box's text, with its place when known. */
export function describeIssue(issue: ScenarioIssue): string {
  const where = issue.line !== undefined ? `line ${issue.line}${issue.column !== undefined ? `, column ${issue.column}` : ''}: ` : '';
  return `${where}${issue.message}`;
}

/** Did any result report placement failures (RunTask's `failures` in a 200 response)? */
export function hasPlacementFailures(results: StepResult[]): boolean {
  return results.some((r) => 'response' in r && failuresOf(r.response).length > 0);
}

/**
 * The engine explains a placement failure in the event log, with numbers ("0/6 instances can run
 * web:1: 3 × insufficient CPU (needs 256 units, most free 0 units), …"); the AWS response only
 * names a reason per instance. These are the explanations logged after event `afterEventId`.
 */
export function placementExplanations(events: SimEvent[], afterEventId: number): string[] {
  return events.filter((e) => e.id > afterEventId && e.kind === 'placement.failed').map((e) => e.message);
}
