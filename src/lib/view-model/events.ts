/**
 * The event log's view model: the newest events (oldest first, newest at the bottom), each with
 * the placement decision it reports, if any, so the log can offer the explainer ("Why?").
 */
import type { SimEvent, Snapshot } from '../../../workers/protocol.ts';
import { formatVirtualTime } from './time.ts';

export interface EventLine {
  key: number;
  stamp: string;
  kind: string;
  message: string;
  /** A CSS tone for the kind: failures and stops stand out. */
  tone: 'info' | 'good' | 'warn' | 'bad';
  /** The placement decision the event reports: the log offers "Why?" for it. */
  placementId?: string;
}

/** The log keeps the DOM small: older lines are dropped from view (they stay in the snapshot). */
export const MAX_EVENT_LINES = 200;

export function eventTone(kind: string): EventLine['tone'] {
  if (/fail|error|unable|reject/.test(kind)) return 'bad';
  if (/stop|drain|deregister/.test(kind)) return 'warn';
  if (/running|registered|created|healthy|started/.test(kind)) return 'good';
  return 'info';
}

export function eventLines(snapshot: Snapshot | null, max = MAX_EVENT_LINES): EventLine[] {
  const events: SimEvent[] = snapshot?.events ?? [];
  return events.slice(-max).map((e) => ({
    key: e.id,
    stamp: formatVirtualTime(e.time),
    kind: e.kind,
    message: e.message,
    tone: eventTone(e.kind),
    ...(e.placementId === undefined ? {} : { placementId: e.placementId }),
  }));
}
