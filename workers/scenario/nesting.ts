/**
 * A cheap guard run before the YAML parser: the `yaml` package composes documents recursively, and
 * on text nested thousands of levels deep it overflows the stack (and, parsed a second time in the
 * same process, has been seen to exhaust memory). Hand-written scenarios nest a handful of levels,
 * so anything beyond MAX_NESTING is refused up front. The estimate is conservative rather than
 * exact: it counts flow brackets outside quoted strings and comments, plus block levels from
 * indentation and compact `- ` items.
 */
export const MAX_NESTING = 100;

/** Offset of the first place nested deeper than `limit`, or -1. */
export function findExcessiveNesting(text: string, limit = MAX_NESTING): number {
  const indents: number[] = [];
  let flowDepth = 0;
  let quote: '"' | "'" | null = null;
  let lineStart = true;
  let indent = 0;
  let previous = '\n';
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    if (quote !== null) {
      if (char === '\\' && quote === '"') index++;
      else if (char === quote) quote = null;
      previous = char;
      continue;
    }
    if (char === '\n') {
      lineStart = true;
      indent = 0;
      previous = char;
      continue;
    }
    if (lineStart && char === ' ') {
      indent++;
      continue;
    }
    if (lineStart && flowDepth === 0 && char !== '#') {
      // A new block line: drop the levels it has left, then count its own (and its `- - ` items).
      while (indents.length > 0 && indents.at(-1)! >= indent) indents.pop();
      indents.push(indent);
      let dashes = 0;
      while (text[index + dashes * 2] === '-' && text[index + dashes * 2 + 1] === ' ') dashes++;
      if (indents.length + dashes > limit) return index;
    }
    lineStart = false;
    if (char === '#' && /\s/.test(previous)) {
      while (index + 1 < text.length && text[index + 1] !== '\n') index++;
    } else if ((char === '"' || char === "'") && /[\s[{,:?-]/.test(previous)) {
      quote = char;
    } else if (char === '[' || char === '{') {
      if (++flowDepth + indents.length > limit) return index;
    } else if ((char === ']' || char === '}') && flowDepth > 0) {
      flowDepth--;
    }
    previous = char;
  }
  return -1;
}
