/**
 * One control's last command and its outcome, for the events panel's cards: every control sends
 * through client.dispatch (the path every panel uses) and shows the engine's error when it refuses.
 * `busy` keeps a second press from racing the first.
 */
import type { Step } from '../../../workers/protocol.ts';
import type { SandboxClient } from '../../lib/sandbox-client.svelte.ts';
import { resultView } from '../../lib/view-model/results.ts';

export class CommandStatus {
  message = $state<{ ok: boolean; text: string } | null>(null);
  busy = $state(false);
  readonly #client: () => SandboxClient;

  /** `client` is read at each send (a getter, so the card follows its props). */
  constructor(client: () => SandboxClient) {
    this.#client = client;
  }

  /** Sends `step`; on success shows `said(response)` (null: shows nothing new) and returns the response, on refusal shows the error and returns undefined. */
  async send(step: Step, said: (response: unknown) => string | null): Promise<{ response: unknown } | undefined> {
    this.busy = true;
    try {
      const result = await this.#client().dispatch(step);
      const view = resultView(result);
      if (!view.ok || 'error' in result) {
        this.message = { ok: false, text: view.summary };
        return undefined;
      }
      const text = said(result.response);
      if (text !== null) this.message = { ok: true, text };
      return { response: result.response };
    } finally {
      this.busy = false;
    }
  }
}
