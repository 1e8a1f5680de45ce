/**
 * The placement explainer's state: which question is asked, the engine's answer, the row filter,
 * and what applying a suggestion did. Every entry point (the event log's "Why?", the details
 * panel's "Why here?", the Run task form's what-if, the E key) calls `show(query)`; answers
 * arrive latest-wins, so a quick second question is never overwritten by a slow first answer.
 */
import type { ExplainQuery, ExplainResult, PlacementExplanation, StepResult } from '../../workers/protocol.ts';
import type { SandboxClient } from './sandbox-client.svelte.ts';
import type { RowFilter } from './view-model/placement-table.ts';
import type { SuggestionView } from './view-model/placement-summary.ts';
import { taskQuery } from './view-model/placement-query.ts';
import { LatestTicket, nowQuery, siblingQuery } from './view-model/placement-followup.ts';
import { resultView } from './view-model/results.ts';

/** What happened when the learner pressed "Apply" on a suggestion, or "Run it". */
export interface AppliedChange {
  /** "Applied" for a suggestion, "Ran" for a what-if run for real. */
  verb: string;
  suggestion: string;
  ok: boolean;
  /** The error, when the step was refused. */
  message: string;
  /** The summary before the change, to compare with the one shown now. */
  before: string | null;
}

export class PlacementExplainerState {
  isOpen = $state(false);
  query = $state.raw<ExplainQuery | null>(null);
  result = $state.raw<ExplainResult | null>(null);
  pending = $state(false);
  filter = $state<RowFilter>('all');
  applied = $state.raw<AppliedChange | null>(null);
  applying = $state(false);
  readonly #client: SandboxClient;
  readonly #latest = new LatestTicket();
  #returnFocusTo: HTMLElement | null = null;

  constructor(client: SandboxClient) {
    this.#client = client;
  }

  get explanation(): PlacementExplanation | null {
    return this.result?.ok ? this.result.explanation : null;
  }

  /** Open the explainer on a question (or ask a new one while open); focus returns to `from` on close. */
  show(query: ExplainQuery, from: Element | null = null): Promise<void> {
    if (!this.isOpen) {
      // Duck-typed rather than `instanceof HTMLElement`, so the state also runs in Node tests.
      this.#returnFocusTo = from !== null && typeof (from as HTMLElement).focus === 'function' ? (from as HTMLElement) : null;
      this.filter = 'all';
      // A fresh opening never shows the previous question's answer, even for a moment.
      this.result = null;
    }
    this.isOpen = true;
    this.applied = null;
    return this.#ask(query);
  }

  /** A recorded decision never changes: ask what RunTask would do now, with the same request. */
  recheckNow(): Promise<void> {
    if (this.query === null) return Promise.resolve();
    return this.#ask(nowQuery(this.query, this.explanation));
  }

  /** Another task of the same RunTask request (count > 1). */
  sibling(delta: -1 | 1): Promise<void> {
    const explanation = this.explanation;
    const next = this.query && explanation ? siblingQuery(this.query, explanation, delta) : null;
    return next ? this.#ask(next) : Promise.resolve();
  }

  /** Run the suggestion's step, then show what RunTask would do now. */
  async apply(suggestion: SuggestionView): Promise<void> {
    if (suggestion.step === null || this.query === null || this.applying) return;
    const before = this.explanation;
    const query = this.query;
    this.applying = true;
    const result: StepResult = await this.#client.dispatch(suggestion.step);
    this.applying = false;
    if ('error' in result) {
      this.applied = { verb: 'Applied', suggestion: suggestion.text, ok: false, message: `${result.error.code}: ${result.error.message}`, before: null };
      return;
    }
    this.applied = { verb: 'Applied', suggestion: suggestion.text, ok: true, message: '', before: before?.summary ?? null };
    await this.#ask(nowQuery(query, before));
  }

  /**
   * Run the what-if for real (ecs:RunTask with the same request), then explain the decision ECS
   * made for the started task — or, when it did not place after all, say why in the note.
   */
  async runWhatIf(): Promise<void> {
    const query = this.query;
    if (query === null || !('runTask' in query) || this.applying) return;
    this.applying = true;
    const result = await this.#client.dispatch({ 'ecs:RunTask': query.runTask });
    this.applying = false;
    const view = resultView(result);
    const started = 'response' in result ? (result.response as { tasks?: { taskArn?: string }[] } | null)?.tasks?.[0]?.taskArn : undefined;
    if (started === undefined) {
      this.applied = { verb: 'Ran', suggestion: 'ecs:RunTask', ok: false, message: [view.summary, ...view.failures].join(' — '), before: null };
      return;
    }
    this.applied = { verb: 'Ran', suggestion: `ecs:RunTask: ${view.summary}. This is the decision ECS made.`, ok: true, message: '', before: null };
    await this.#ask(taskQuery(started));
  }

  close(): void {
    if (!this.isOpen) return;
    this.#latest.voidAll();
    this.isOpen = false;
    this.pending = false;
    this.applied = null;
    const target = this.#returnFocusTo;
    this.#returnFocusTo = null;
    if (target?.isConnected) target.focus();
  }

  async #ask(query: ExplainQuery): Promise<void> {
    const ticket = this.#latest.take();
    this.query = query;
    this.pending = true;
    const result = await this.#client.explain(query);
    if (!this.#latest.isCurrent(ticket)) return;
    this.result = result;
    this.pending = false;
  }
}
