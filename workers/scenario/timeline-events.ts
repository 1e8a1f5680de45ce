/**
 * A scenario's scripted `events`: steps of the command language that the timeline runs at given
 * virtual times after the setup — traffic changes, faults, Spot interruptions. `at` is written as
 * a `wait` is (parseDuration); events are listed in time order, so the file reads as the timeline.
 */
import { WAIT } from '../engine/actions.ts';
import { parseDuration } from '../engine/duration.ts';
import type { ScenarioEvent } from '../protocol.ts';
import { forEachMap, listField, requireKey, type FieldContext } from './fields.ts';
import { describeValue, LIMITS, MESSAGES } from './messages.ts';
import type { PathSegment } from './pointer.ts';
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
  forEachMap(list, ['events'], EVENT_KEYS, 'an event', issue, (raw, path) => {
    let atMs: number | undefined;
    if (requireKey(raw, 'at', path, 'when the event happens, after the setup (e.g. "at: 10m")', issue)) {
      const parsed = parseDuration(raw.at);
      if (parsed.ok && (typeof raw.at === 'string' || typeof raw.at === 'number')) atMs = parsed.ms;
      else issue(MESSAGES.badAt(describeValue(raw.at)), [...path, 'at']);
    }
    if (atMs !== undefined && previous !== undefined && atMs < previous.atMs) {
      issue(MESSAGES.eventsOutOfOrder(String(raw.at), String(previous.at)), [...path, 'at']);
    }
    if (atMs !== undefined) previous = { at: raw.at as string | number, atMs };
    const step = eventStep(raw, path, context);
    if (atMs !== undefined && step !== undefined) events.push({ at: raw.at as string | number, atMs, do: step });
  });
  return events;
}

/** The event's `do`: one step of any action but `wait` (the event's time is `at`). */
function eventStep(raw: Record<string, unknown>, path: PathSegment[], context: FieldContext): ScenarioEvent['do'] | undefined {
  if (!requireKey(raw, 'do', path, 'the step to run, e.g. "do: {sim:InterruptSpot: {…}}"', context.issue)) return undefined;
  if (isPlainMap(raw.do) && Object.keys(raw.do).length === 1 && WAIT in raw.do) {
    context.issue(MESSAGES.eventIsWait(), [...path, 'do', WAIT], true);
    return undefined;
  }
  return context.step(raw.do, [...path, 'do']);
}
