/**
 * Time zones for schedules, as far as the sandbox simulates them: fixed UTC offsets only.
 *
 * AWS: Application Auto Scaling scheduled actions take an IANA time zone name (Joda-Time's list, e.g.
 * `Etc/GMT+9` or `Pacific/Tahiti`); at() and cron() are in UTC by default, rate() ignores the zone
 * (AASUG scheduled-scaling-using-cron-expressions). EventBridge rules are always UTC.
 * Sandbox: only zones without daylight-saving time are honoured — `UTC`, `GMT`, `Etc/UTC`, `Etc/GMT`,
 * `Etc/GMT+N` (N = 0…12) and `Etc/GMT-N` (N = 0…14). The `Etc/` names keep the POSIX sign: `Etc/GMT+9`
 * is nine hours BEHIND UTC (UTC-9). Any other name is refused with a message saying so.
 */

export type TimezoneResult = { ok: true; offsetMinutes: number } | { ok: false; message: string };

const UTC_NAMES = new Set(['UTC', 'GMT', 'Etc/UTC', 'Etc/GMT', 'Etc/UCT', 'Etc/Universal', 'Etc/Zulu']);

/** The zone's offset from UTC in minutes (east positive: Etc/GMT-2 → +120). */
export function parseFixedTimezone(name: unknown): TimezoneResult {
  if (typeof name !== 'string') return { ok: false, message: 'The time zone must be a string such as "UTC" or "Etc/GMT-2".' };
  if (UTC_NAMES.has(name)) return { ok: true, offsetMinutes: 0 };
  const m = /^Etc\/GMT([+-])(\d{1,2})$/.exec(name);
  if (m) {
    const hours = Number(m[2]);
    const behind = m[1] === '+'; // POSIX: Etc/GMT+9 is UTC-9
    if ((behind && hours <= 12) || (!behind && hours <= 14)) return { ok: true, offsetMinutes: (behind ? -hours : hours) * 60 };
  }
  return {
    ok: false,
    message:
      `Time zone "${name}" is not simulated: the sandbox runs schedules in UTC or a fixed offset (UTC, Etc/GMT+N, Etc/GMT-N). ` +
      'Mind the POSIX sign: Etc/GMT-2 is two hours AHEAD of UTC (UTC+2).',
  };
}
