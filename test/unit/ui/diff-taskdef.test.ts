// Proves the revision diff shown after a registration: built on real Describe JSON (the engine's
// buildTaskDefinition), it lists exactly the learner's edits — changed, added and removed fields,
// with reader-style paths — ignores what every registration changes (ARN, revision, registeredAt),
// does not report defaults AWS filled in on both sides, and finds the family's previous revision.
import { describe, expect, it } from 'vitest';
import { buildTaskDefinition } from '../../../workers/engine/taskdef/index.ts';
import type { TaskDefinition } from '../../../workers/protocol.ts';
import { diffTaskDefinitions, formatEntry, formatValue, previousRevision, summariseRegistration } from '../../../src/lib/view-model/taskdef-diff.ts';

const ARN = 'arn:aws:ecs:us-east-1:123456789012:task-definition';

function revision(n: number, container: Record<string, unknown>, extra: Record<string, unknown> = {}, family = 'web'): TaskDefinition {
  const input = { family, containerDefinitions: [{ name: 'web', image: 'nginx:1.27', cpu: 256, memory: 512, ...container }], ...extra };
  return buildTaskDefinition(input, { taskDefinitionArn: `${ARN}/${family}:${n}`, revision: n, registeredAt: `2026-01-01T00:0${n}:00.000Z`, registeredBy: 'arn:aws:iam::123456789012:root' });
}

describe('diffTaskDefinitions', () => {
  it('finds nothing between two registrations of the same input', () => {
    expect(diffTaskDefinitions(revision(1, {}), revision(2, {}))).toEqual([]);
  });

  it('reports a changed container field with its path and both values', () => {
    expect(diffTaskDefinitions(revision(1, {}), revision(2, { memory: 256 }))).toEqual([{ path: 'containerDefinitions[0].memory', kind: 'changed', before: 512, after: 256 }]);
  });

  it('reports added and removed fields, task-level and nested', () => {
    const before = revision(1, { portMappings: [{ containerPort: 80, hostPort: 8080 }] });
    const after = revision(2, { portMappings: [{ containerPort: 80 }], memoryReservation: 128 }, { taskRoleArn: 'arn:aws:iam::123456789012:role/app' });
    const entries = diffTaskDefinitions(before, after);
    expect(entries).toContainEqual({ path: 'containerDefinitions[0].portMappings[0].hostPort', kind: 'removed', before: 8080 });
    expect(entries).toContainEqual({ path: 'containerDefinitions[0].memoryReservation', kind: 'added', after: 128 });
    expect(entries).toContainEqual({ path: 'taskRoleArn', kind: 'added', after: 'arn:aws:iam::123456789012:role/app' });
  });

  it('reports a whole added container by index', () => {
    const before = revision(1, {});
    const after = { ...revision(2, {}), containerDefinitions: [...revision(2, {}).containerDefinitions, { name: 'log', image: 'fluent-bit', memory: 64, essential: false }] };
    expect(diffTaskDefinitions(before, after)).toEqual([{ path: 'containerDefinitions[1]', kind: 'added', after: after.containerDefinitions[1] }]);
  });

  it('ignores the ARN, revision, registeredAt, registeredBy and status', () => {
    const a = revision(1, {});
    const b = { ...revision(7, {}), registeredBy: 'someone', status: 'INACTIVE' as const };
    expect(diffTaskDefinitions(a, b)).toEqual([]);
  });

  it('treats a changed scalar type or array-vs-object as a change', () => {
    expect(diffTaskDefinitions({ cpu: '256' }, { cpu: 256 })).toEqual([{ path: 'cpu', kind: 'changed', before: '256', after: 256 }]);
    expect(diffTaskDefinitions({ x: [1] }, { x: { 0: 1 } })).toEqual([{ path: 'x', kind: 'changed', before: [1], after: { 0: 1 } }]);
  });
});

describe('previousRevision', () => {
  const tds = [revision(1, {}), revision(3, {}), revision(2, {}), revision(5, {}, {}, 'api')];
  it('is the highest revision of the family below the new one', () => {
    expect(previousRevision(tds, 'web', 4)?.revision).toBe(3);
    expect(previousRevision(tds, 'web', 3)?.revision).toBe(2);
  });
  it('is null for a first revision or another family', () => {
    expect(previousRevision(tds, 'web', 1)).toBeNull();
    expect(previousRevision(tds, 'worker', 9)).toBeNull();
  });
});

describe('summariseRegistration and formatting', () => {
  it('says how many changes, from which revision', () => {
    const summary = summariseRegistration(revision(2, { memory: 256, cpu: 128 }), revision(1, {}));
    expect(summary.headline).toBe('web:2 registered — 2 changes from web:1');
    expect(summary.entries.map(formatEntry)).toEqual(['containerDefinitions[0].cpu 256 → 128', 'containerDefinitions[0].memory 512 → 256']);
  });

  it('names one change, no changes and a first revision', () => {
    expect(summariseRegistration(revision(2, { memory: 256 }), revision(1, {})).headline).toBe('web:2 registered — 1 change from web:1');
    expect(summariseRegistration(revision(2, {}), revision(1, {})).headline).toBe('web:2 registered — no changes from web:1');
    expect(summariseRegistration(revision(1, {}), null)).toEqual({ headline: 'web:1 registered — the first revision of family web', entries: [] });
  });

  it('formats added and removed entries and abbreviates long values', () => {
    expect(formatEntry({ path: 'cpu', kind: 'added', after: '256' })).toBe('cpu added: "256"');
    expect(formatEntry({ path: 'cpu', kind: 'removed', before: '256' })).toBe('cpu removed (was "256")');
    expect(formatValue('x'.repeat(100))).toHaveLength(40);
    expect(formatValue('x'.repeat(100)).endsWith('…')).toBe(true);
  });
});
