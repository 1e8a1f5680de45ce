/**
 * When each CloudWatch alarm was in ALARM, from the event log: the engine writes one
 * `cloudwatch.alarm` event per state change ("Alarm <name> went from OK to ALARM: <reason>",
 * metrics/alarms.ts), with the alarm's ARN. The snapshot keeps the newest 500 events; for an alarm
 * whose first change is older than that, its current state and StateUpdatedTimestamp still say
 * since when it has been in that state.
 */
import type { MetricAlarm, Snapshot } from '../../../../workers/protocol.ts';
import { virtualMsOf } from '../services.ts';
import { formatVirtualTime } from '../time.ts';
import type { ChartSpan } from './chart.ts';

type AlarmState = MetricAlarm['StateValue'];

export interface AlarmChange {
  t: number;
  from: AlarmState;
  to: AlarmState;
}

const CHANGE = /went from (OK|ALARM|INSUFFICIENT_DATA) to (OK|ALARM|INSUFFICIENT_DATA)/;

/** The alarm's state changes in the event log, oldest first. */
export function alarmChanges(snapshot: Snapshot, alarm: MetricAlarm): AlarmChange[] {
  const changes: AlarmChange[] = [];
  for (const event of snapshot.events) {
    if (event.kind !== 'cloudwatch.alarm' || event.resourceArn !== alarm.AlarmArn) continue;
    const match = CHANGE.exec(event.message);
    if (match) changes.push({ t: event.time, from: match[1] as AlarmState, to: match[2] as AlarmState });
  }
  return changes.sort((a, b) => a.t - b.t);
}

/** The stretches of virtual time the alarm spent in ALARM, up to `now` for one still in ALARM. */
export function alarmIntervals(snapshot: Snapshot, alarm: MetricAlarm): { t0: number; t1: number }[] {
  const changes = alarmChanges(snapshot, alarm);
  const intervals: { t0: number; t1: number }[] = [];
  let since: number | null = null;
  // Before the first change we know of: the state it changed from (ALARM since the start of the log).
  const first = changes[0];
  if (first ? first.from === 'ALARM' : alarm.StateValue === 'ALARM') since = first ? Math.min(first.t, snapshot.events[0]?.time ?? first.t) : virtualMsOf(alarm.StateUpdatedTimestamp);
  for (const change of changes) {
    if (change.to === 'ALARM' && since === null) since = change.t;
    else if (change.to !== 'ALARM' && since !== null) {
      intervals.push({ t0: since, t1: change.t });
      since = null;
    }
  }
  if (since !== null) intervals.push({ t0: since, t1: snapshot.time });
  return intervals;
}

/** The end of an ALARM stretch: `now` while the alarm is still in ALARM. */
const untilText = (snapshot: Snapshot, alarm: MetricAlarm, t1: number): string => (t1 >= snapshot.time && alarm.StateValue === 'ALARM' ? 'now' : formatVirtualTime(t1));

/** The ALARM stretches as shaded spans: `label` is e.g. `AlarmHigh in ALARM +00:04:00 – +00:09:00`. */
export function alarmSpans(snapshot: Snapshot, alarm: MetricAlarm, label: string, tone: ChartSpan['tone']): ChartSpan[] {
  return alarmIntervals(snapshot, alarm).map((i, n) => ({
    key: `${alarm.AlarmName}#${n}`,
    t0: i.t0,
    t1: i.t1,
    tone,
    label: `${label} in ALARM ${formatVirtualTime(i.t0)} – ${untilText(snapshot, alarm, i.t1)}`,
  }));
}

/** `ALARM +00:04:00 – +00:07:00, +00:12:00 – now`, or '' for an alarm that has not been in ALARM. */
export function alarmHistoryText(snapshot: Snapshot, alarm: MetricAlarm): string {
  const intervals = alarmIntervals(snapshot, alarm);
  if (intervals.length === 0) return '';
  return `ALARM ${intervals.map((i) => `${formatVirtualTime(i.t0)} – ${untilText(snapshot, alarm, i.t1)}`).join(', ')}`;
}
