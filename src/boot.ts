// The app's start, loaded by main.ts: mount the UI, which draws the build-time first
// frame of the default scenario (tools/first-frame.plugin.ts) at once, then start the sandbox
// worker, whose snapshots replace that frame with the live state (see sandbox-connection.ts).
// `?scenario=<id>` opens another bundled scenario instead (no first frame: the worker starts at once).
import firstFrame, { scenario as parsedScenario } from 'virtual:first-frame';
import { mountApp } from './mount-app.ts';
import sandboxYaml from '../scenarios/sandbox.yaml?raw';
import { SandboxConnection } from './lib/sandbox-connection.ts';
import { installTestHook } from './lib/test-hook.ts';
import { loadBundledScenario, scenarioChoice, unknownScenarioNotice } from './lib/bundled-scenarios.ts';
import type { EmbedOptions } from './lib/embed/options.ts';

export function boot(options: EmbedOptions, problems: readonly string[]): void {
  installTestHook();
  const choice = scenarioChoice(location.search);
  if (choice.kind === 'bundled') {
    void loadBundledScenario(choice.id).then((text) => {
      const connection = new SandboxConnection(text);
      connection.start();
      mountApp(connection);
    });
  } else {
    const notice = choice.kind === 'unknown' ? unknownScenarioNotice(choice.given) : undefined;
    const connection = new SandboxConnection(sandboxYaml, { firstFrame, parsedScenario, ...(notice === undefined ? {} : { notice }) });
    if (!connection.hasFirstFrame) connection.start();
    mountApp(connection);
    // The first frame is drawn during mount; start the worker once the browser has painted it.
    if (connection.hasFirstFrame) requestAnimationFrame(() => setTimeout(() => connection.start(), 0));
}
}
