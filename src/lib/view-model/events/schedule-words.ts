/**
 * A rule's schedule expression in words ("every hour", "at 09:00 UTC on weekdays (MON-FRI)"), from
 * the engine's own parser and describer (workers/engine/schedules/): the same words the event log
 * uses. Imported file by file, not through schedules/index.ts, so the events panel's lazy chunk
 * takes the parser and describer (no DOM, no engine state) and not next-fire.ts with its ARN helpers.
 */
import { describeSchedule } from '../../../../workers/engine/schedules/describe.ts';
import { parseScheduleExpression } from '../../../../workers/engine/schedules/expression.ts';

/** "every hour" for `rate(1 hour)`; undefined when the text is not an EventBridge schedule. */
export function scheduleInWords(expression: string): string | undefined {
  const parsed = parseScheduleExpression(expression, { dialect: 'events-rule' });
  return parsed.ok ? describeSchedule(parsed.schedule) : undefined;
}
