/**
 * Typed arguments: agent versions compared part by part (1.14.5 < 1.100.0, which string order
 * gets wrong), registration dates in AWS's four formats, task counts, and attribute values that
 * are numbers. Everything that runs per instance (compareVersion, compareAttribute) allocates
 * nothing: the placement benchmark evaluates each expression for thousands of instances.
 */

/** `1.14.5` → [1, 14, 5]; undefined for anything else (a version is dot-separated whole numbers). */
export function parseVersion(text: string): number[] | undefined {
  if (!/^\d{1,9}(\.\d{1,9}){0,5}$/.test(text)) return undefined;
  return text.split('.').map(Number);
}

/**
 * Compares an instance's agent version (a string such as `1.92.0`) with a parsed version:
 * -1, 0 or 1. Missing parts count as 0 (1.14 == 1.14.0). A part's leading digits are its number,
 * so a suffix such as `-beta` is ignored rather than making the version incomparable.
 */
export function compareVersion(version: string, parts: readonly number[]): number {
  let position = 0;
  const partCount = Math.max(parts.length, countParts(version));
  for (let index = 0; index < partCount; index++) {
    let value = 0;
    while (position < version.length) {
      const code = version.charCodeAt(position);
      if (code < 48 || code > 57) break;
      value = value * 10 + (code - 48);
      position++;
    }
    // Skip to the next part (past any non-digit suffix and the dot).
    while (position < version.length && version.charCodeAt(position) !== 46) position++;
    position++;
    const other = parts[index] ?? 0;
    if (value !== other) return value < other ? -1 : 1;
  }
  return 0;
}

function countParts(version: string): number {
  let count = version.length === 0 ? 0 : 1;
  for (let i = 0; i < version.length; i++) if (version.charCodeAt(i) === 46) count++;
  return count;
}

export type QueryDate =
  /** A date only: compared with the UTC calendar day the instance registered on. */
  | { readonly precision: 'day'; readonly ms: number }
  /** A date and time: compared to the second (AWS's formats have no fractions). */
  | { readonly precision: 'second'; readonly ms: number };

const MS_PER_DAY = 86_400_000;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})(Z|[+-]\d{2}:\d{2})?)?$/;

/**
 * AWS's registeredAt formats: 2018-06-18T22:28:28+00:00, 2018-06-18T22:28:28Z,
 * 2018-06-18T22:28:28 (read as UTC, the sandbox's only zone) and 2018-06-18.
 */
export function parseQueryDate(text: string): QueryDate | undefined {
  const match = DATE_TIME.exec(text);
  if (match === null) return undefined;
  const [, year, month, day, hour, minute, second, zone] = match;
  const y = Number(year);
  const mo = Number(month);
  const d = Number(day);
  const dayMs = Date.UTC(y, mo - 1, d);
  // Date.UTC rolls 2018-02-30 over to March: refuse dates that do not exist.
  const check = new Date(dayMs);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return undefined;
  if (hour === undefined) return { precision: 'day', ms: dayMs };
  const h = Number(hour);
  const mi = Number(minute);
  const se = Number(second);
  if (h > 23 || mi > 59 || se > 59) return undefined;
  let offsetMinutes = 0;
  if (zone !== undefined && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const oh = Number(zone.slice(1, 3));
    const om = Number(zone.slice(4, 6));
    if (oh > 23 || om > 59) return undefined;
    offsetMinutes = sign * (oh * 60 + om);
  }
  return { precision: 'second', ms: dayMs + ((h * 60 + mi) * 60 + se) * 1000 - offsetMinutes * 60_000 };
}

/** The instance's registration time at the argument's precision, for an exact comparison. */
export function truncateToPrecision(ms: number, precision: QueryDate['precision']): number {
  const unit = precision === 'day' ? MS_PER_DAY : 1000;
  return Math.floor(ms / unit) * unit;
}

/** A task count: a whole number, at most 9 digits. */
export function parseCount(text: string): number | undefined {
  return /^\d{1,9}$/.test(text) ? Number(text) : undefined;
}

/** A decimal number as an attribute value might hold one (`4`, `-2`, `1.5`), or NaN. */
export function attributeNumber(text: string): number {
  return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
}

/**
 * Orders an attribute value against an argument: as numbers when both are numbers (so 10 > 9),
 * else as strings by UTF-16 code units. -1, 0 or 1.
 */
export function compareAttribute(value: string, argument: string, argumentNumber: number): number {
  if (!Number.isNaN(argumentNumber)) {
    const valueNumber = attributeNumber(value);
    if (!Number.isNaN(valueNumber)) return valueNumber === argumentNumber ? 0 : valueNumber < argumentNumber ? -1 : 1;
  }
  return value === argument ? 0 : value < argument ? -1 : 1;
}
