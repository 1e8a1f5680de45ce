// Proves the build-time first frame is exactly the worker's state after loading the default
// scenario (so the page can paint it before the worker is up), and that a broken default scenario
// yields no frame instead of a broken build.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { firstFramePlugin } from '../../../tools/first-frame.plugin.ts';
import { createEngine } from '../../../workers/engine/index.ts';
import { parseScenarioText } from '../../../workers/scenario/index.ts';

const SANDBOX = fileURLToPath(new URL('../../../scenarios/sandbox.yaml', import.meta.url));

/** Runs the plugin's resolveId and load hooks as Vite would, and evaluates the module it returns. */
async function frameOf(file: string): Promise<unknown> {
  const plugin = firstFramePlugin(file) as unknown as {
    resolveId(id: string): string | null;
    load(this: { addWatchFile(f: string): void }, id: string): string | null;
  };
  const id = plugin.resolveId('virtual:first-frame');
  expect(id).not.toBeNull();
  const code = plugin.load.call({ addWatchFile: () => {} }, id!);
  expect(typeof code).toBe('string');
  const module = await import(`data:text/javascript,${encodeURIComponent(code!)}`);
  return module.default;
}

describe('first frame plugin', () => {
  it('equals the snapshot of the default scenario after setup', async () => {
    const parsed = parseScenarioText(readFileSync(SANDBOX, 'utf8'));
    if (!parsed.ok) throw new Error('the default scenario does not parse');
    const engine = createEngine();
    engine.load(parsed.scenario);
    const frame = await frameOf(SANDBOX);
    expect(JSON.stringify(frame)).toBe(JSON.stringify(engine.snapshot()));
    expect((frame as { tasks: unknown[] }).tasks).toHaveLength(3);
  });

  it('gives null for a scenario with problems', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'first-frame-')), 'broken.yaml');
    writeFileSync(file, 'id: broken\ntitle: x\nsetup:\n  - ecs:RunTasks: {}\n');
    expect(await frameOf(file)).toBeNull();
  });
});
