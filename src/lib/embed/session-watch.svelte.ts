/**
 * Calls `onChange` with the client's session and scenario whenever either is replaced (they are
 * `$state.raw`, replaced whole): the bridge's only tie to Svelte's reactivity, so that bridge.ts
 * stays plain TypeScript, driven by hand in its unit tests. Returns the stop function.
 */
import { untrack } from 'svelte';
import type { Scenario, ScenarioIssue, SessionState } from '../../../workers/protocol.ts';

export interface WatchedClient {
  readonly session: SessionState | null;
  readonly scenario: Scenario | null;
  readonly loadIssues: ScenarioIssue[];
}

export function watchClient(
  client: WatchedClient,
  onChange: (session: SessionState | null, scenario: Scenario | null) => void,
  onIssues?: (issues: ScenarioIssue[]) => void,
): () => void {
  return $effect.root(() => {
    $effect(() => {
      const session = client.session;
      const scenario = client.scenario;
      untrack(() => onChange(session, scenario));
    });
    if (onIssues !== undefined) {
      $effect(() => {
        const issues = client.loadIssues;
        untrack(() => onIssues(issues));
      });
    }
  });
}
