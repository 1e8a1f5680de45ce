/**
 * A scenario's scripted `events`: steps of the command language that the timeline runs at given
 * virtual times after the setup — traffic changes, faults, Spot interruptions. `at` is written as
 * a `wait` is (parseDuration); events are listed in time order, so the file reads as the timeline.
 */
import { WAIT } from '../engine/actions.ts';
import { parseDuration } from '../engine/duration.ts';
import type { ScenarioEvent } from '../protocol.ts';
import { listField, refuseUnknownKeys, type FieldContext } from './fields.ts';
import { describeValue, LIMITS, MESSAGES } from './messages.ts';
import { isPlainMap } from './steps.ts';

export const EVENT_KEYS = ['at', 'do'] as const;

export function checkEvents(value: Record<string, unknown>, context: FieldContext): ScenarioEvent[] | undefined {
  if (!('events' in value)) return undefined;
  const { issue } = context;
  const list = listField(value, 'events', [], 'timed events ({at: 10m, do: {sim:SetTraffic: {…}}})', issue);
  if (list === undefined) return undefined;
  if (list.length > LIMITS.maxSteps) {
    issue(MESSAGES.tooManySteps(list.length), ['events', LIMITS.maxSteps]);
    return undefined;
  }
  const events: ScenarioEvent[] = [];
  let previous: { at: string | number; atMs: number } | undefined;
  list.forEach((raw, index) => {
    const path = ['events', index];
    if (!isPlainMap(raw)) {
      issue(MESSAGES.notMap(`events/${index}`, describeValue(raw)), path);
      return;
    }
    refuseUnknownKeys(raw, EVENT_KEYS, 'an event', path, issue);
    let atMs: number | undefined;
    if (!('at' in raw)) issue(MESSAGES.missingKey('at', 'when the event happens, after the setup (e.g. "at: 10m")'), path);
    else {
      const parsed = parseDuration(raw.at);
      if (parsed.ok && (typeof raw.at === 'string' || typeof raw.at === 'number')) atMs = parsed.ms;
      else issue(MESSAGES.badAt(describeValue(raw.at)), [...path, 'at']);
    }
    if (atMs !== undefined && previous !== undefined && atMs < previous.atMs) {
      issue(MESSAGES.eventsOutOfOrder(String(raw.at), String(previous.at)), [...path, 'at']);
    }
    if (atMs !== undefined) previous = { at: raw.at as string | number, atMs };
    let step: ScenarioEvent['do'] | undefined;
    if (!('do' in raw)) issue(MESSAGES.missingKey('do', 'the step to run, e.g. "do: {sim:InterruptSpot: {…}}"'), path);
    else if (isPlainMap(raw.do) && Object.keys(raw.do).length === 1 && WAIT in raw.do) issue(MESSAGES.eventIsWait(), [...path, 'do', WAIT], true);
    else step = context.step(raw.do, [...path, 'do']);
    if (atMs !== undefined && step !== undefined) events.push({ at: raw.at as string | number, atMs, do: step });
  });
  return events;
}
