// Proves the shared Monaco JSON diagnostics list: the task definition editor and the service
// editor each add their own schema without wiping the other's, closing one editor removes only
// its schema, and schema validation is off exactly while some editor's JSON is broken.
import { describe, expect, it } from 'vitest';
import { setEditorSchema, setEditorSchemaValidation, type DiagnosticsTarget } from '../../../src/lib/editor/json-diagnostics.ts';

type Options = Parameters<DiagnosticsTarget['setDiagnosticsOptions']>[0];

function fakeDefaults() {
  const calls: Options[] = [];
  return { calls, target: { setDiagnosticsOptions: (o: Options) => void calls.push(o) } };
}

describe('shared JSON diagnostics', () => {
  it('keeps both editors\' schemas and removes only the closed one', () => {
    const { calls, target } = fakeDefaults();
    setEditorSchema(target, 'task-definition', { uri: 'td', fileMatch: ['a.json'], schema: { type: 'object' } });
    setEditorSchema(target, 'service-request', { uri: 'svc', fileMatch: ['b.json'], schema: { type: 'object' } });
    expect(calls.at(-1)!.schemas!.map((s) => s.uri)).toEqual(['td', 'svc']);
    setEditorSchema(target, 'service-request', null);
    expect(calls.at(-1)!.schemas!.map((s) => s.uri)).toEqual(['td']);
    expect(calls.at(-1)).toMatchObject({ validate: true, allowComments: false, trailingCommas: 'error', schemaValidation: 'error' });
  });

  it('turns schema validation off while any editor is broken, and does not resend unchanged options', () => {
    const { calls, target } = fakeDefaults();
    setEditorSchema(target, 'task-definition', { uri: 'td', fileMatch: ['a.json'], schema: {} });
    const n = calls.length;
    setEditorSchemaValidation(target, 'task-definition', true);
    expect(calls.length).toBe(n); // nothing changed
    setEditorSchemaValidation(target, 'service-request', false);
    expect(calls.at(-1)!.schemaValidation).toBe('ignore');
    setEditorSchemaValidation(target, 'task-definition', false);
    setEditorSchemaValidation(target, 'service-request', true);
    expect(calls.at(-1)!.schemaValidation).toBe('ignore'); // the task definition is still broken
    setEditorSchemaValidation(target, 'task-definition', true);
    expect(calls.at(-1)!.schemaValidation).toBe('error');
  });
});
