/**
 * "Did you mean …?" for misspelt action names, scenario keys and CLI flags. Edit distance
 * (Levenshtein, case-insensitive) is enough here: the candidate lists are short and the common
 * mistakes are a letter too many (`ecs:RunTasks`), a wrong case (`ECS:RunTask`) or a missing prefix
 * (`RunTask`), which callers check for separately.
 */
export function editDistance(a: string, b: string): number {
  const left = a.toLowerCase();
  const right = b.toLowerCase();
  let previous = Array.from({ length: right.length + 1 }, (_, index) => index);
  for (let i = 1; i <= left.length; i++) {
    const current = [i];
    for (let j = 1; j <= right.length; j++) {
      const substitution = previous[j - 1]! + (left[i - 1] === right[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[right.length]!;
}

/**
 * The closest candidate, if it is close enough to be a plausible typo: at most a third of the
 * word's letters wrong (and at most 3), so that `ecs:Foo` does not "mean" `ecs:RunTask`.
 */
export function closestMatch(word: string, candidates: readonly string[]): string | undefined {
  const allowed = Math.min(3, Math.max(1, Math.floor(word.length / 3)));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(word, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= allowed ? best : undefined;
}
