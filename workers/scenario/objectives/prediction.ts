/**
 * Predict-then-reveal scoring (issue 8 item 6). Placement: the learner names where each of the next
 * N tasks lands; order does not count (which of one RunTask's tasks is "first" is not something a
 * learner can know), so the score is the overlap of the two multisets over N. Value: right within
 * the tolerance, otherwise partial credit falling with the relative error.
 */

export function scorePlacement(predicted: readonly string[], actual: readonly string[], next: number): { right: number; score: number } {
  const remaining = new Map<string, number>();
  for (const value of actual.slice(0, next)) remaining.set(value, (remaining.get(value) ?? 0) + 1);
  let right = 0;
  for (const value of predicted.slice(0, next)) {
    const left = remaining.get(value) ?? 0;
    if (left > 0) {
      right++;
      remaining.set(value, left - 1);
    }
  }
  return { right, score: next > 0 ? right / next : 0 };
}

export function scoreValue(predicted: number, actual: unknown, tolerance: number): { withinTolerance: boolean; score: number } {
  const value = typeof actual === 'number' ? actual : Number(actual);
  if (!Number.isFinite(value) || !Number.isFinite(predicted)) return { withinTolerance: false, score: 0 };
  const error = Math.abs(predicted - value);
  if (error <= tolerance) return { withinTolerance: true, score: 1 };
  return { withinTolerance: false, score: Math.max(0, 1 - error / Math.max(1, Math.abs(value))) };
}
