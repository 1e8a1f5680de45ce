/**
 * What the event log's live region says about the events newer than `afterId`: up to three as
 * they are, more as a count with the newest one; null when nothing is new.
 */
import type { EventLine } from '../../lib/view-model/events.ts';

export const MAX_EVENTS_SAID = 3;

export function announcementOf(lines: readonly EventLine[], afterId: number): { text: string; newestId: number } | null {
  const fresh = lines.filter((l) => l.key > afterId);
  const newest = fresh.at(-1);
  if (newest === undefined) return null;
  const say = (l: EventLine) => `${l.kind}: ${l.message}`;
  const text = fresh.length <= MAX_EVENTS_SAID ? fresh.map(say).join('. ') : `${fresh.length} new events; the latest: ${say(newest)}`;
  return { text, newestId: newest.key };
}
