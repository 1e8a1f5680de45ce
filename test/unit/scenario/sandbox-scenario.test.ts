// Proves that the default scenario (scenarios/sandbox.yaml) parses, has the shape the UI and the
// README promise (cluster demo, 3 m5.large + 3 t3.medium over three AZs, task definition web, three
// tasks, a 30 s wait, the editor opening on web), and that loading it leaves three RUNNING tasks.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createEngine } from '../../../workers/engine/index.ts';
import { parseScenarioText } from '../../../workers/scenario/index.ts';

const TEXT = readFileSync(new URL('../../../scenarios/sandbox.yaml', import.meta.url), 'utf8');

describe('scenarios/sandbox.yaml', () => {
  const result = parseScenarioText(TEXT, { fileName: 'scenarios/sandbox.yaml' });

  it('parses, with the documented steps', () => {
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { scenario } = result;
    expect(scenario).toMatchObject({ id: 'sandbox', title: 'Sandbox: a small EC2 cluster', seed: 42 });
    expect(scenario.setup.map((step) => Object.keys(step)[0])).toEqual([
      'ecs:CreateCluster',
      'sim:AddContainerInstances',
      'sim:AddContainerInstances',
      'ecs:RegisterTaskDefinition',
      'ecs:RunTask',
      'wait',
    ]);
    expect(scenario.editor?.taskDefinition).toEqual(scenario.setup[3]!['ecs:RegisterTaskDefinition']);
  });

  it('loads into the engine: every step succeeds and three web tasks are RUNNING', () => {
    if (!result.ok) throw new Error('does not parse');
    const engine = createEngine({ seed: result.scenario.seed });
    const load = engine.load(result.scenario);
    expect(load.results.filter((step) => 'error' in step)).toEqual([]);
    const snapshot = engine.snapshot();
    expect(snapshot.containerInstances).toHaveLength(6);
    expect(snapshot.tasks.map((task) => task.lastStatus)).toEqual(['RUNNING', 'RUNNING', 'RUNNING']);
    const zones = snapshot.containerInstances.map((instance) => instance.attributes.find((a) => a.name === 'ecs.availability-zone')?.value);
    expect(new Set(zones)).toEqual(new Set(['us-east-1a', 'us-east-1b', 'us-east-1c']));
  });
});
