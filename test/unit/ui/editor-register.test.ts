// Proves the editor's Register flow against a fake sandbox client: broken JSON is refused with
// line and column and nothing is sent; AWS validation errors come back for the markers and stop
// the registration; the engine's own AWS error is shown as code and message; and a registration
// is answered with the new revision and its diff from the family's previous revision.
import { describe, expect, it } from 'vitest';
import { buildTaskDefinition } from '../../../workers/engine/taskdef/index.ts';
import type { Snapshot, Step, StepResult, TaskDefinition, ValidationResult } from '../../../workers/protocol.ts';
import { registerText, type RegisterClient } from '../../../src/lib/editor/register-text.ts';

const ARN = 'arn:aws:ecs:us-east-1:123456789012:task-definition';
const td = (revision: number, memory: number): TaskDefinition =>
  buildTaskDefinition(
    { family: 'web', containerDefinitions: [{ name: 'web', image: 'nginx', cpu: 256, memory }] },
    { taskDefinitionArn: `${ARN}/web:${revision}`, revision, registeredAt: '2026-01-01T00:00:00.000Z', registeredBy: 'arn:aws:iam::123456789012:root' },
  );

function fakeClient(options: { validation?: ValidationResult | null; result?: StepResult; taskDefinitions?: TaskDefinition[] }): RegisterClient & { sent: Step[] } {
  const sent: Step[] = [];
  return {
    sent,
    snapshot: { taskDefinitions: options.taskDefinitions ?? [] } as unknown as Snapshot,
    validateTaskDefinition: async () => options.validation ?? { valid: true, errors: [] },
    dispatch: async (step) => {
      sent.push(step);
      return options.result ?? { step: 1, action: 'ecs:RegisterTaskDefinition', response: { taskDefinition: td(2, 256) } };
    },
  };
}

describe('registerText', () => {
  it('refuses broken JSON with line and column, sending nothing', async () => {
    const client = fakeClient({});
    const outcome = await registerText(client, '{\n  "family": "web"\n  "x": 1\n}');
    expect(outcome).toEqual({ kind: 'not-json', message: "Invalid JSON at line 3, column 3: Expected ',' or '}' after a property value, found character \"\\\"\". Nothing was registered." });
    expect(client.sent).toEqual([]);
  });

  it('returns the AWS validation errors and does not register', async () => {
    const errors = [{ path: '/containerDefinitions/0', code: 'ClientException', message: 'Invalid setting for container \'web\'. At least one of \'memory\' or \'memoryReservation\' must be specified.' }];
    const client = fakeClient({ validation: { valid: false, errors } });
    expect(await registerText(client, '{"family":"web"}')).toEqual({ kind: 'invalid', message: 'Not registered: 1 validation error (listed below).', errors });
    expect(client.sent).toEqual([]);
  });

  it('shows the engine\'s AWS error', async () => {
    const client = fakeClient({ result: { step: 1, action: 'ecs:RegisterTaskDefinition', error: { code: 'ClientException', message: 'Too many revisions.' } } });
    expect(await registerText(client, '{"family":"web"}')).toEqual({ kind: 'refused', message: 'ClientException: Too many revisions.' });
  });

  it('sends the parsed text and answers with the revision and its diff', async () => {
    const client = fakeClient({ taskDefinitions: [td(1, 512), td(2, 256)] });
    const outcome = await registerText(client, '{"family": "web", "containerDefinitions": []}');
    expect(client.sent).toEqual([{ 'ecs:RegisterTaskDefinition': { family: 'web', containerDefinitions: [] } }]);
    expect(outcome).toEqual({
      kind: 'registered',
      headline: 'web:2 registered — 1 change from web:1',
      changes: [{ kind: 'changed', text: 'containerDefinitions[0].memory 512 → 256' }],
      arn: `${ARN}/web:2`,
    });
  });

  it('registers even when a newer validation superseded this one (null)', async () => {
    const client = fakeClient({ validation: null });
    expect((await registerText(client, '{"family":"web"}')).kind).toBe('registered');
  });
});
