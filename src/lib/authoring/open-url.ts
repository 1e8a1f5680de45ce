/**
 * `?scenario=<http(s) url>` (chosen in boot.ts): the page opens with the default scenario, then fetches the URL as
 * text and asks the worker to switch to it. A URL that cannot be reached, is too big, or does not
 * parse as a scenario is refused with a sentence naming the URL (and the line and problem); the
 * scenario already running stays. The text that was opened is kept for the authoring mode.
 */
import type { CheckReport, ScenarioIssue } from '../../../workers/protocol.ts';
import { fetchScenarioText, type TextOutcome } from './fetch-scenario.ts';
import { refusalSentence } from './issues.ts';

/** What the authoring mode and `?scenario=<url>` need of the sandbox client. */
export interface AuthoringClient {
  loadScenarioText(yamlText: string, options?: { seed?: number }): Promise<{ ok: true } | { ok: false; issues: ScenarioIssue[] }>;
  checkScenario(yamlText: string, fileName?: string): Promise<CheckReport>;
  loadIssues: ScenarioIssue[];
}

/** The last scenario text opened from outside (URL or file), with where it came from. */
export let openedScenario: { source: string; text: string } | null = null;

export function rememberOpened(source: string, text: string): void {
  openedScenario = { source, text };
}

export type OpenOutcome = { ok: true; source: string; text: string } | { ok: false; message: string; issues: ScenarioIssue[] };

/** Switch the running scenario to text from outside; refusals are values, the running scenario stays. */
export async function switchTo(client: AuthoringClient, outcome: TextOutcome, seed?: number): Promise<OpenOutcome> {
  if (!outcome.ok) return { ok: false, message: outcome.message, issues: [] };
  const loaded = await client.loadScenarioText(outcome.text, seed === undefined ? undefined : { seed });
  if (!loaded.ok) return { ok: false, message: refusalSentence(outcome.source, loaded.issues), issues: loaded.issues };
  rememberOpened(outcome.source, outcome.text);
  return { ok: true, source: outcome.source, text: outcome.text };
}

/** `?scenario=<url>`: fetch, switch, and say a refusal where load problems are said (the header). */
export async function openScenarioUrl(client: AuthoringClient, url: string, seed?: number): Promise<OpenOutcome> {
  const outcome = await switchTo(client, await fetchScenarioText(url), seed);
  if (!outcome.ok) client.loadIssues = [{ message: outcome.message }];
  return outcome;
}

/** Resolves once `ready()` holds, checking every `everyMs` (the client's state is Svelte's, not an event). */
function until(ready: () => boolean, everyMs = 50): Promise<void> {
  return new Promise((resolve) => {
    const poll = () => (ready() ? resolve() : setTimeout(poll, everyMs));
    poll();
  });
}

/**
 * The address's `scenario=<url>` (boot.ts decides, from the embed options): once the default
 * scenario runs, fetch the URL and switch to it, with the address's `seed=` if any.
 */
export async function openScenarioFromPage(client: AuthoringClient & { scenario: unknown }, url: string, seed?: number): Promise<OpenOutcome> {
  await until(() => client.scenario !== null || client.loadIssues.length > 0);
  return openScenarioUrl(client, url, seed);
}
