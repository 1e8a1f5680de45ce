/**
 * Predict-then-reveal, as the learner sees it: asked (pick where the next N tasks land, or a
 * number), locked in (waiting for the run to reveal), or revealed (the score and the sentence).
 * An answer is final once locked in (the worker refuses a second one), so there is no "change".
 */
import type { ObjectiveStatus, PredictionPrompt } from '../../../../workers/protocol.ts';

export type PredictionView =
  | { phase: 'ask'; about: 'placement'; slots: number; choices: string[]; byLabel: string; question: string }
  | { phase: 'ask'; about: 'value'; question: string }
  | { phase: 'locked'; answer: string }
  | { phase: 'revealed'; answer: string; actual: string; scorePercent: number; sentence: string };

export function predictionView(prompt: PredictionPrompt, objective: Pick<ObjectiveStatus, 'score' | 'sentence'> & Partial<Pick<ObjectiveStatus, 'actual'>>): PredictionView {
  if (prompt.answer === undefined) return askView(prompt);
  const answer = formatAnswer(prompt.answer);
  if (objective.score === undefined) return { phase: 'locked', answer };
  return { phase: 'revealed', answer, actual: objective.actual ?? '', scorePercent: Math.round(objective.score * 100), sentence: objective.sentence };
}

function askView(prompt: PredictionPrompt): PredictionView {
  if (prompt.about === 'value') {
    const after = prompt.afterMs === undefined ? '' : ` in ${formatDelay(prompt.afterMs)}`;
    return { phase: 'ask', about: 'value', question: `What will ${prompt.path ?? 'the value'} be${after}?` };
  }
  const slots = Math.max(1, Math.min(prompt.next ?? 1, 50));
  const byLabel = prompt.by === 'instanceId' ? 'instance' : 'Availability Zone';
  const tasks = slots === 1 ? 'the next task' : `the next ${slots} tasks`;
  return { phase: 'ask', about: 'placement', slots, choices: prompt.choices ?? [], byLabel, question: `Which ${byLabel} will ${tasks} land in?` };
}

/** "us-east-1a ×2, us-east-1b" for a placement; the number for a value. */
export function formatAnswer(answer: string[] | number): string {
  if (typeof answer === 'number') return String(answer);
  const counts = new Map<string, number>();
  for (const a of answer) counts.set(a, (counts.get(a) ?? 0) + 1);
  return [...counts].map(([a, n]) => (n > 1 ? `${a} ×${n}` : a)).join(', ');
}

function formatDelay(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000} h`;
  if (ms % 60_000 === 0) return `${ms / 60_000} min`;
  return `${Math.round(ms / 1000)} s`;
}

/** The answer the form holds, ready for answerPrediction, or a sentence saying what is missing. */
export function placementAnswer(picks: (string | '')[], slots: number, choices: string[]): { ok: true; answer: string[] } | { ok: false; message: string } {
  const chosen = picks.slice(0, slots);
  const missing = slots - chosen.filter((p) => p !== '').length;
  if (missing > 0) return { ok: false, message: missing === 1 ? 'Pick a place for one more task.' : `Pick a place for ${missing} more tasks.` };
  if (chosen.some((p) => !choices.includes(p))) return { ok: false, message: 'Pick each place from the list.' };
  return { ok: true, answer: chosen };
}

export function valueAnswer(text: string): { ok: true; answer: number } | { ok: false; message: string } {
  const trimmed = text.trim();
  const value = Number(trimmed);
  if (trimmed === '' || !Number.isFinite(value)) return { ok: false, message: 'Enter a number.' };
  return { ok: true, answer: value };
}
