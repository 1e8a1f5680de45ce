/**
 * EventBridge event patterns: checking one as PutRule does, and matching events against it
 * (groundwork for issue 7's events:PutRule; pure, not wired).
 *
 * - `checkEventPattern(json)` takes the EventPattern string of a PutRule request (or the parsed
 *   object) and answers `{ ok: true, pattern }` or `{ ok: false, code, message }` with EventBridge's
 *   wording: InvalidEventPatternException, "Event pattern is not valid. Reason: <the rule engine's
 *   reason>" (real response quoted in buildkite/docs#896; reasons from aws/event-ruler
 *   JsonRuleCompiler — see pattern-check.ts).
 * - `matchesEventPattern(pattern, event)`: see pattern-match.ts for the semantics.
 * Neither ever throws, whatever it is given.
 */
import { patternProblem } from './pattern-check.ts';
import { patternMatches } from './pattern-match.ts';

/** A checked pattern: a JSON object whose leaves are arrays of values or match expressions. */
export type EventPattern = Readonly<Record<string, unknown>>;

export type EventPatternCheck =
  | { ok: true; pattern: EventPattern }
  | { ok: false; code: 'InvalidEventPatternException'; message: string };

/**
 * EventBridge quota "Event pattern size": 2048 characters by default, adjustable to 4096 (PutRule's
 * EventPattern field allows 4096). The error AWS returns past the quota is UNCONFIRMED; the
 * sandbox refuses with an InvalidEventPatternException naming both numbers.
 */
export const EVENT_PATTERN_MAX_CHARS = 2048;

const invalid = (reason: string, path = ''): EventPatternCheck => ({
  ok: false,
  code: 'InvalidEventPatternException',
  message: `Event pattern is not valid. Reason: ${reason}${path === '' ? '' : ` at ${path}`}`,
});

export function checkEventPattern(json: unknown): EventPatternCheck {
  let parsed: unknown = json;
  let size: number;
  try {
    if (typeof json === 'string') {
      size = json.length;
      try {
        parsed = JSON.parse(json);
      } catch (error) {
        // Sandbox wording: AWS passes on the JSON parser's own message, which differs from JavaScript's.
        return invalid(`the pattern is not valid JSON (${error instanceof Error ? error.message : 'parse error'})`);
      }
    } else {
      size = JSON.stringify(json)?.length ?? 0;
    }
  } catch {
    return invalid('the pattern cannot be written as JSON');
  }
  if (size > EVENT_PATTERN_MAX_CHARS) {
    return invalid(`the pattern is ${size} characters long; the event pattern size quota is ${EVENT_PATTERN_MAX_CHARS}`);
  }
  const problem = patternProblem(parsed);
  if (problem) return invalid(problem.reason, problem.path);
  return { ok: true, pattern: parsed as EventPattern };
}

/** True when `event` (an EventBridge envelope, or any JSON) matches the checked pattern. */
export function matchesEventPattern(pattern: EventPattern, event: unknown): boolean {
  return patternMatches(pattern, event);
}
