// The app's start, loaded by main.ts with the address's embed options (issue 9): it opens the
// scenario they name, with their seed, speed, autoplay, language, panels and read-only mode, then
// mounts the UI. The default scenario's build-time first frame (tools/first-frame.plugin.ts) is
// drawn at once and the worker starts after that paint; another bundled scenario, or a seed that
// differs from the scenario's, starts the worker at once (no first frame). A `scenario=<url>`
// opens the default first, then switches to the fetched file if it parses (open-url.ts).
import firstFrame, { scenario as parsedScenario } from 'virtual:first-frame';
import { mountApp } from './mount-app.ts';
import sandboxYaml from '../scenarios/sandbox.yaml?raw';
import { SandboxConnection } from './lib/sandbox-connection.ts';
import { SandboxClient } from './lib/sandbox-client.svelte.ts';
import { installTestHook } from './lib/test-hook.ts';
import { loadBundledScenario, scenarioChoice, unknownScenarioNotice } from './lib/bundled-scenarios.ts';
import { panelPlan, type AppSettings } from './lib/embed/panels.ts';
import { pageLanguage, startsPlaying, usesFirstFrame } from './lib/embed/start.ts';
import type { EmbedOptions } from './lib/embed/options.ts';

export function boot(options: EmbedOptions, problems: readonly string[]): SandboxClient | Promise<SandboxClient> {
  installTestHook();
  document.documentElement.lang = pageLanguage(options.lang);
  const settings: AppSettings = { embed: options.embed, panels: panelPlan(options.panels), lang: pageLanguage(options.lang), problems };
  const seed = options.seed ?? undefined;
  const common = { autoplay: startsPlaying(options), ...(seed === undefined ? {} : { seed }) };
  const open = (connection: SandboxConnection): SandboxClient => {
    const client = new SandboxClient(connection, { readonly: options.readonly });
    mountApp(client, settings);
    // The postMessage API (issue 9), a lazy chunk: only in a frame whose address allows host origins.
    if (options.origins.length > 0 && window.parent !== window) void import('./lib/embed/bridge.ts').then((m) => m.startEmbedBridge({ client, options }));
    if (options.speed !== 1) {
      const speed = options.speed;
      void connection.loaded.then((outcome) => (outcome.ok ? connection.api.setSpeed(speed) : undefined)).catch(() => undefined);
    }
    return client;
  };

  const choice = scenarioChoice(options.scenario);
  if (choice.kind === 'bundled') {
    return loadBundledScenario(choice.id).then((text) => {
      const connection = new SandboxConnection(text, common);
      connection.start();
      return open(connection);
    });
  }
  const notice = choice.kind === 'unknown' ? unknownScenarioNotice(choice.given) : undefined;
  const connection = new SandboxConnection(sandboxYaml, {
    ...common,
    parsedScenario,
    ...(usesFirstFrame(options.seed) ? { firstFrame } : {}),
    ...(notice === undefined ? {} : { notice }),
  });
  if (!connection.hasFirstFrame) connection.start();
  const client = open(connection);
  // The first frame is drawn during mount; start the worker once the browser has painted it.
  if (connection.hasFirstFrame) requestAnimationFrame(() => setTimeout(() => connection.start(), 0));
  if (choice.kind === 'url') {
    const url = choice.url;
    void import('./lib/authoring/open-url.ts').then((m) => m.openScenarioFromPage(client, url, seed));
  }
  return client;
}
