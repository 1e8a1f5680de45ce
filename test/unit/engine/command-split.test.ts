// Proves the worker's two-part command table (workers/worker-commands.ts): the core commands are
// the very handlers of the full table, the core alone runs the default scenario's setup, a step
// outside the core waits for the full table (and then runs), and an engine whose command is not
// loaded answers with an error rather than throwing.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CORE_COMMANDS, CORE_LOOKUP } from '../../../workers/engine/commands/core.ts';
import { COMMANDS } from '../../../workers/engine/commands/index.ts';
import { createEngineWith } from '../../../workers/engine/engine.ts';
import type { ActionName } from '../../../workers/engine/actions.ts';
import { parseScenarioText } from '../../../workers/scenario/index.ts';
import { commandsFor, coreSuffices, lookupCommand } from '../../../workers/worker-commands.ts';

describe('the worker command table', () => {
  it('core commands are the full table\'s own handlers', () => {
    for (const [action, handler] of Object.entries(CORE_COMMANDS)) expect(handler).toBe(COMMANDS[action as ActionName]);
  });

  it('the core runs the default scenario\'s whole setup', () => {
    const parsed = parseScenarioText(readFileSync(new URL('../../../scenarios/sandbox.yaml', import.meta.url), 'utf8'));
    if (!parsed.ok) throw new Error('sandbox.yaml does not parse');
    const engine = createEngineWith((action) => CORE_LOOKUP[action], { seed: 42 });
    const { results } = engine.load(parsed.scenario);
    expect(results.filter((r) => 'error' in r)).toEqual([]);
  });

  it('an action not loaded yet is an error, not a throw', () => {
    const engine = createEngineWith((action) => CORE_LOOKUP[action]);
    const result = engine.dispatch({ 'iam:ListRoles': {} });
    expect('error' in result && result.error.code).toBe('InternalError');
    expect(engine.explainPlacement({ placementId: 'placement-1' })).toMatchObject({ ok: false });
  });

  it('a step outside the core loads the full table first, then runs', async () => {
    const engine = createEngineWith(lookupCommand);
    expect(lookupCommand('iam:ListRoles')).toBeUndefined();
    await commandsFor([{ 'iam:ListRoles': {} }]);
    expect(lookupCommand('iam:ListRoles')).toBe(COMMANDS['iam:ListRoles']);
    expect('response' in engine.dispatch({ 'iam:ListRoles': {} })).toBe(true);
  });

  it('a core command that names capacity providers needs the full table (their code is there)', () => {
    expect(coreSuffices([{ 'ecs:RunTask': { taskDefinition: 'web' } }, { wait: '1m' }])).toBe(true);
    expect(coreSuffices([{ 'ecs:RunTask': { taskDefinition: 'web', capacityProviderStrategy: [{ capacityProvider: 'FARGATE', weight: 1 }] } }])).toBe(false);
    expect(coreSuffices([{ 'ecs:CreateCluster': { clusterName: 'x', capacityProviders: ['FARGATE'] } }])).toBe(false);
    expect(coreSuffices([{ 'ecs:CreateCluster': { clusterName: 'x', defaultCapacityProviderStrategy: [] } }])).toBe(false);
    expect(coreSuffices([{ 'iam:ListRoles': {} }])).toBe(false);
  });
});
