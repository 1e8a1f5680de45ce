/** Small text helpers shared by messages: did-you-mean suggestions and plural counts. */

/** Levenshtein distance, case-insensitive (names are short, so the quadratic table is fine). */
export function editDistance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      row.push(Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost));
    }
    prev = row;
  }
  return prev[y.length]!;
}

/** The closest candidate within a distance of a third of its length (at least 2), or undefined. */
export function closest(input: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(input, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  const limit = Math.max(2, Math.floor((best?.length ?? 0) / 3));
  return bestDistance <= limit ? best : undefined;
}

/** ` Did you mean "x"?` or an empty string. */
export function didYouMean(input: string, candidates: readonly string[]): string {
  const suggestion = closest(input, candidates);
  return suggestion === undefined ? '' : ` Did you mean "${suggestion}"?`;
}

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}
