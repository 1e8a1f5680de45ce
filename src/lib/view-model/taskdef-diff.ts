/**
 * What changed between two revisions of a task definition family, for the line the editor shows
 * after a registration: "web:2 registered — 2 changes from web:1: containerDefinitions[0].memory
 * 512 → 256; …". Both sides are DescribeTaskDefinition `taskDefinition` objects (defaults filled
 * in by the engine), so a field the learner left out and AWS defaulted does not show as a change.
 * The fields every registration changes (ARN, revision, registeredAt/By) and the family's
 * lifecycle status are not edits and are left out.
 */
import type { TaskDefinition } from '../../../workers/protocol.ts';

export interface DiffEntry {
  /** Where, as a reader writes it: `containerDefinitions[0].memory`. */
  path: string;
  kind: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
}

/** Fields that differ between any two revisions and say nothing about what the learner edited. */
export const IGNORED_FIELDS: ReadonlySet<string> = new Set(['taskDefinitionArn', 'revision', 'registeredAt', 'registeredBy', 'deregisteredAt', 'status']);

export function diffTaskDefinitions(before: Record<string, unknown>, after: Record<string, unknown>): DiffEntry[] {
  const out: DiffEntry[] = [];
  const keys = unionKeys(before, after).filter((k) => !IGNORED_FIELDS.has(k));
  for (const key of keys) diffValue(key, before[key], after[key], out);
  return out;
}

function unionKeys(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  const keys = Object.keys(a);
  for (const k of Object.keys(b)) if (!(k in a)) keys.push(k);
  return keys;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function diffValue(path: string, a: unknown, b: unknown, out: DiffEntry[]): void {
  if (a === undefined && b === undefined) return;
  if (a === undefined) {
    out.push({ path, kind: 'added', after: b });
    return;
  }
  if (b === undefined) {
    out.push({ path, kind: 'removed', before: a });
    return;
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    for (const key of unionKeys(a, b)) diffValue(`${path}.${key}`, a[key], b[key], out);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    // By position: containers, port mappings and the like keep their order between revisions.
    for (let i = 0; i < Math.max(a.length, b.length); i++) diffValue(`${path}[${i}]`, a[i], b[i], out);
    return;
  }
  if (!sameJson(a, b)) out.push({ path, kind: 'changed', before: a, after: b });
}

function sameJson(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The family's previous revision: the highest revision below `revision` (ACTIVE or INACTIVE,
 * since a deregistered revision is still what the learner changed from), or null for a first one.
 */
export function previousRevision(taskDefinitions: readonly TaskDefinition[], family: string, revision: number): TaskDefinition | null {
  let best: TaskDefinition | null = null;
  for (const td of taskDefinitions) {
    if (td.family !== family || td.revision >= revision) continue;
    if (best === null || td.revision > best.revision) best = td;
  }
  return best;
}

/** A value in one short piece: scalars as JSON, containers abbreviated. */
export function formatValue(value: unknown, maxChars = 40): string {
  const json = JSON.stringify(value) ?? String(value);
  return json.length <= maxChars ? json : json.slice(0, maxChars - 1) + '…';
}

/** One change as a line: `memory 512 → 256`, `+ cpu "256"`, `− hostPort 8080`. */
export function formatEntry(entry: DiffEntry): string {
  switch (entry.kind) {
    case 'changed':
      return `${entry.path} ${formatValue(entry.before)} → ${formatValue(entry.after)}`;
    case 'added':
      return `${entry.path} added: ${formatValue(entry.after)}`;
    case 'removed':
      return `${entry.path} removed (was ${formatValue(entry.before)})`;
  }
}

export interface RegistrationSummary {
  /** `web:2 registered — 2 changes from web:1` (or `— no changes from web:1`, or `— first revision`). */
  headline: string;
  entries: DiffEntry[];
}

/** The headline and the changes shown after a successful RegisterTaskDefinition. */
export function summariseRegistration(registered: TaskDefinition, previous: TaskDefinition | null): RegistrationSummary {
  const name = `${registered.family}:${registered.revision}`;
  if (previous === null) return { headline: `${name} registered — the first revision of family ${registered.family}`, entries: [] };
  const entries = diffTaskDefinitions(previous, registered);
  const from = `${previous.family}:${previous.revision}`;
  const count = entries.length === 0 ? 'no changes' : entries.length === 1 ? '1 change' : `${entries.length} changes`;
  return { headline: `${name} registered — ${count} from ${from}`, entries };
}
