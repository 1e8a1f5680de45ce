/**
 * Register (button or Ctrl/Cmd+S): the editor's text → ecs:RegisterTaskDefinition, answered in
 * one of four ways — the JSON is broken (line and column, nothing sent), AWS validation refuses it
 * (the errors, for the markers and the list), the engine refuses it (its AWS error), or it is
 * registered (the new revision and its diff from the family's previous revision). Everything
 * goes through the sandbox client, so this is tested in Node with a fake one.
 */
import type { Snapshot, Step, StepResult, TaskDefinition, ValidationIssue, ValidationResult } from '../../../workers/protocol.ts';
import { describeJsonError } from './pointer-to-range.ts';
import { formatEntry, previousRevision, summariseRegistration, type DiffEntry } from '../view-model/taskdef-diff.ts';

/** The part of SandboxClient that registering needs. */
export interface RegisterClient {
  readonly snapshot: Snapshot | null;
  validateTaskDefinition(input: unknown): Promise<ValidationResult | null>;
  dispatch(step: Step): Promise<StepResult>;
}

export type RegisterOutcome =
  | { kind: 'not-json'; message: string }
  | { kind: 'invalid'; message: string; errors: ValidationIssue[] }
  | { kind: 'refused'; message: string }
  | { kind: 'registered'; headline: string; changes: { kind: DiffEntry['kind']; text: string }[]; arn: string };

export async function registerText(client: RegisterClient, text: string): Promise<RegisterOutcome> {
  const syntax = describeJsonError(text);
  if (syntax !== null) {
    return { kind: 'not-json', message: `Invalid JSON at line ${syntax.line}, column ${syntax.column}: ${syntax.message}. Nothing was registered.` };
  }
  const input = JSON.parse(text) as unknown;
  // Validated first so the errors come with their JSON pointers (the engine's error names one).
  const validation = await client.validateTaskDefinition(input);
  if (validation !== null && !validation.valid) {
    const n = validation.errors.length;
    return { kind: 'invalid', message: `Not registered: ${n} validation error${n === 1 ? '' : 's'} (listed below).`, errors: validation.errors };
  }
  const result = await client.dispatch({ 'ecs:RegisterTaskDefinition': input });
  if ('error' in result) return { kind: 'refused', message: `${result.error.code}: ${result.error.message}` };
  const td = (result.response as { taskDefinition?: TaskDefinition } | null)?.taskDefinition;
  if (!td) return { kind: 'registered', headline: 'Registered.', changes: [], arn: '' };
  // The snapshot may or may not hold the new revision yet: previousRevision looks below it.
  const previous = previousRevision(client.snapshot?.taskDefinitions ?? [], td.family, td.revision);
  const summary = summariseRegistration(td, previous);
  return { kind: 'registered', headline: summary.headline, changes: summary.entries.map((e) => ({ kind: e.kind, text: formatEntry(e) })), arn: td.taskDefinitionArn };
}
