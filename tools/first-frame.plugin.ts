/**
 * A Vite plugin that computes the sandbox's first frame at build time: the snapshot of the default
 * scenario (scenarios/sandbox.yaml) after its setup, exactly as the worker will compute it. The
 * engine is deterministic (same scenario and seed ⇒ byte-identical snapshot), so the page can draw
 * the cluster view from this snapshot before the worker has even started, and the worker's first
 * snapshot then replaces it with the very same state. This takes the worker's start-up (fetch,
 * compile, scenario load: about three quarters of the time to first paint) off the critical path.
 *
 * The page imports it as `virtual:first-frame` (typed in src/first-frame.d.ts): the snapshot as the
 * default export, and the parsed scenario as `scenario`.
 */
import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';
import { createEngine } from '../workers/engine/index.ts';
import { parseScenarioText } from '../workers/scenario/index.ts';

const MODULE_ID = 'virtual:first-frame';
const RESOLVED_ID = `\0${MODULE_ID}`;

export function firstFramePlugin(scenarioFile: string): Plugin {
  return {
    name: 'ecs-sandbox:first-frame',
    resolveId(id) {
      return id === MODULE_ID ? RESOLVED_ID : null;
    },
    load(id) {
      if (id !== RESOLVED_ID) return null;
      this.addWatchFile(scenarioFile);
      const parsed = parseScenarioText(readFileSync(scenarioFile, 'utf8'), { fileName: scenarioFile });
      // A broken default scenario must not break the build: the page then waits for the worker,
      // which reports the scenario's problems in the header.
      if (!parsed.ok) return 'export default null;\nexport const scenario = null;';
      const engine = createEngine();
      engine.load(parsed.scenario);
      // JSON.parse of a string literal is faster for V8 than an object literal of the same size.
      // The parsed scenario goes along, so the worker need not load the YAML parser to start.
      return (
        `export default JSON.parse(${JSON.stringify(JSON.stringify(engine.snapshot()))});\n` +
        `export const scenario = JSON.parse(${JSON.stringify(JSON.stringify(parsed.scenario))});`
      );
    },
  };
}
