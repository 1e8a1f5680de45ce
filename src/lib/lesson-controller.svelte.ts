/**
 * The learner's side of a session, around the client: which language to show, saved progress
 * (restored when a scenario opens, saved shortly after each change), shared links (restored when
 * the page opens on one), switching scenarios in place, and the notices these produce. It never
 * judges objectives: the worker does, and the lesson panel shows what it published.
 */
import type { SessionState, Step } from '../../workers/protocol.ts';
import type { SandboxClient } from './sandbox-client.svelte.ts';
import { pageLang } from './view-model/lesson/locale.ts';
import { hintsOf, summarize } from './progress/progress.ts';
import { browserStorage, ProgressStore } from './progress/store.ts';
import { runFromHash, shareUrl, withoutRunFragment } from './share.ts';
import { loadBundledScenario } from './bundled-scenarios.ts';

/** Wait after a change before saving; a running clock keeps changing, so this is a delay, not a debounce. */
export const SAVE_DELAY_MS = 800;

export type Notice = { kind: 'restored'; savedAt: string; from: 'saved' | 'link' } | { kind: 'refused'; message: string };

export class LessonController {
  readonly client: SandboxClient;
  readonly lang = pageLang();
  readonly store: ProgressStore;
  /** Restored work, or a shared run that was refused (the scenario still opened). */
  notice = $state.raw<Notice | null>(null);
  /** One line when saving is impossible (private mode, sandboxed iframe): never a crash. */
  storageNotice = $state<string | null>(null);
  /** The reference solution, once revealed. */
  solution = $state.raw<Step[] | null>(null);
  /** Bumped on every save: the picker's progress marks read the store again. */
  savedVersion = $state(0);
  #openedScenario: string | null = null;
  #restoring = false;
  #savedSignature = '';
  #saveTimer: ReturnType<typeof setTimeout> | null = null;
  /** This page saved or restored work for the open scenario (so an emptied run forgets it). */
  #runHasWork = false;

  /** `storage`: the page's localStorage by default (null when the browser refuses it); tests pass their own. */
  constructor(client: SandboxClient, storage: Storage | null = browserStorage()) {
    this.client = client;
    this.store = new ProgressStore(storage);
    this.storageNotice = this.store.unavailable;
  }

  /** Called with every session the worker publishes (an $effect in the lesson root). */
  onSession(session: SessionState | null): void {
    if (session === null) return;
    if (session.scenarioId !== this.#openedScenario) {
      this.#openedScenario = session.scenarioId;
      this.solution = null;
      void this.#opened(session.scenarioId);
      return;
    }
    if (this.#restoring || session.lesson === null) return;
    if (signature(session) !== this.#savedSignature && this.#saveTimer === null) {
      this.#saveTimer = setTimeout(() => void this.#save(), SAVE_DELAY_MS);
    }
  }

  /** A scenario just opened: a shared run in the link wins over saved work; either is replayed by the worker. */
  async #opened(scenarioId: string): Promise<void> {
    this.#restoring = true;
    this.#runHasWork = false;
    this.notice = null;
    try {
      const link = typeof location === 'undefined' ? null : await runFromHash(location.hash, scenarioId);
      if (link !== null) {
        history.replaceState(history.state, '', withoutRunFragment(location.href));
        if (link.ok) {
          const restored = await this.client.restoreRun(link.run);
          this.notice = restored.ok ? { kind: 'restored', savedAt: new Date().toISOString(), from: 'link' } : { kind: 'refused', message: `The shared run was not restored: ${restored.message}` };
          if (restored.ok) {
            this.#runHasWork = true;
            return;
          }
        } else {
          this.notice = { kind: 'refused', message: link.message };
        }
      }
      const saved = this.store.load(scenarioId);
      const now = this.client.session;
      // Not over work done meanwhile (a command typed before this chunk arrived), nor for a free sandbox.
      if (saved === null || now === null || now.lesson === null || now.timeline.commands > 0) return;
      const restored = await this.client.restoreRun(saved.run);
      if (restored.ok) {
        this.#runHasWork = true;
        await this.#revealHints(saved.hints ?? {});
      }
      // A refused link stays said even when saved work was restored after it.
      if (this.notice !== null) return;
      this.notice = restored.ok ? { kind: 'restored', savedAt: saved.savedAt, from: 'saved' } : { kind: 'refused', message: `Your saved work could not be restored: ${restored.message}` };
    } finally {
      this.#restoring = false;
      const session = this.client.session;
      this.#savedSignature = session === null ? '' : signature(session);
    }
  }

  async #save(): Promise<void> {
    this.#saveTimer = null;
    const session = this.client.session;
    if (session === null || session.lesson === null || session.scenarioId !== this.#openedScenario || this.#restoring) return;
    const sig = signature(session);
    // Nothing done (yet, or again after Reset or undoing everything): nothing worth a "Restored
    // your work" next time, and work saved before is no longer the learner's.
    // (Only work of this page: progress imported meanwhile for this scenario stays.)
    if (session.timeline.commands === 0 && session.lesson.hintsShown === 0) {
      if (this.#runHasWork) {
        this.store.remove(session.scenarioId);
        this.#runHasWork = false;
        this.savedVersion++;
      }
      this.#savedSignature = sig;
      return;
    }
    const run = await this.client.exportRun();
    if (run === '' || session.scenarioId !== this.client.session?.scenarioId) return;
    const latest = this.client.session?.lesson ?? session.lesson;
    this.store.save({ v: 1, scenarioId: session.scenarioId, savedAt: new Date().toISOString(), summary: summarize(latest), run, hints: hintsOf(latest) });
    this.#savedSignature = sig;
    this.#runHasWork = true;
    this.storageNotice = this.store.unavailable;
    this.savedVersion++;
  }

  /**
   * Shows again the hints the learner had read, as far as the worker allows (it reveals hints of
   * the active step only; a refusal ends that objective's hints, nothing else).
   */
  async #revealHints(hints: Record<string, number>): Promise<void> {
    for (const [objectiveId, count] of Object.entries(hints)) {
      for (let shown = 0; shown < count; shown++) {
        const revealed = await this.client.revealHint(objectiveId);
        if (!revealed.ok) break;
      }
    }
  }

  /** "Start over": the scenario from its start, and its saved work forgotten. */
  async startOver(): Promise<void> {
    const id = this.#openedScenario;
    if (this.#saveTimer !== null) clearTimeout(this.#saveTimer);
    this.#saveTimer = null;
    if (id !== null) this.store.remove(id);
    this.notice = null;
    this.solution = null;
    this.savedVersion++;
    await this.client.reset();
    this.#savedSignature = this.client.session === null ? '' : signature(this.client.session);
  }

  async revealSolution(): Promise<string | null> {
    const outcome = await this.client.revealSolution();
    if (!outcome.ok) return outcome.message;
    this.solution = outcome.steps;
    return null;
  }

  /** The link to this scenario and the learner's run, copied to the clipboard when allowed. */
  async share(): Promise<{ url: string; copied: boolean } | { error: string }> {
    const id = this.client.session?.scenarioId;
    if (id === undefined) return { error: 'The sandbox has not started yet.' };
    const run = await this.client.exportRun();
    if (run === '') return { error: 'The run could not be exported.' };
    const url = await shareUrl(location.href, id, run);
    try {
      await navigator.clipboard.writeText(url);
      return { url, copied: true };
    } catch {
      return { url, copied: false }; // shown in a field to copy by hand
    }
  }

  /** Open a bundled scenario in place; its id goes into the address (no reload, no history entry). */
  async switchTo(id: string): Promise<{ ok: true } | { ok: false; message: string }> {
    if (id === 'sandbox') {
      // The default scenario is drawn from its build-time first frame: open it the way it opens.
      location.assign(`${location.pathname}`);
      return { ok: true };
    }
    let text: string;
    try {
      text = await loadBundledScenario(id);
    } catch (error) {
      return { ok: false, message: `The scenario could not be fetched: ${(error as Error)?.message ?? String(error)}` };
    }
    const outcome = await this.client.loadScenarioText(text);
    if (!outcome.ok) return { ok: false, message: outcome.issues.map((i) => (i.line === undefined ? i.message : `line ${i.line}: ${i.message}`)).join(' ') };
    const url = new URL(location.href);
    url.search = new URLSearchParams({ scenario: id }).toString();
    url.hash = '';
    history.replaceState(history.state, '', url.href);
    return { ok: true };
  }

  exportFile(): void {
    const blob = new Blob([this.store.exportFile(new Date())], { type: 'application/json' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = 'ecs-sandbox-progress.json';
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  }

  async importFile(file: File): Promise<string> {
    if (file.size > 5_000_000) return 'This file was not imported: it is larger than 5 MB. Nothing was changed.';
    const result = this.store.importFile(await file.text());
    if (!result.ok) return result.message;
    this.savedVersion++;
    return `Imported progress for ${result.count} scenario${result.count === 1 ? '' : 's'}. It is restored when you open each scenario.`;
  }
}

/** What makes saved work worth rewriting: commands, hints, steps, and time in 30-second slices. */
function signature(session: SessionState): string {
  const lesson = session.lesson;
  const answered = lesson?.steps.flatMap((s) => s.objectives).filter((o) => o.prediction?.answer !== undefined).length ?? 0;
  return [session.timeline.commands, lesson?.hintsShown, lesson?.activeStep, lesson?.solutionRevealed, answered, Math.floor(session.timeline.endMs / 30_000)].join('|');
}
