/**
 * Value helpers shared by the event-pattern checker and matcher: numbers compared as EventBridge's
 * rule engine compares them, wildcard strings, IP addresses and CIDR blocks (IPv4 and IPv6).
 *
 * Source: aws/event-ruler (the open-source engine behind EventBridge rules): ComparableNumber.java,
 * input/WildcardParser.java, CIDR.java. EventBridge User Guide "Content filtering in Amazon
 * EventBridge event patterns" (numeric matching: JSON numbers, 15 digits of precision or six digits
 * right of the decimal point).
 */

/**
 * The numeric range the rule engine can compare. Ruler's ComparableNumber refuses numbers outside
 * ±5.0e9 ("Value must be between -5.0E9 and 5.0E9, inclusive"). UNCONFIRMED which bound EventBridge
 * applies today: older user-guide text said ±1.0e9, later Ruler releases widened it further.
 */
export const NUMERIC_LIMIT = 5e9;
export const NUMERIC_LIMIT_MESSAGE = 'Value must be between -5.0E9 and 5.0E9, inclusive';

/**
 * A number as the engine compares it: six digits right of the decimal point, truncated
 * ((long)(1e6 × (5e9 + f)) in ComparableNumber). undefined outside the range: such an event value
 * matches no numeric pattern.
 */
export function comparableNumber(value: number): number | undefined {
  if (!Number.isFinite(value) || value < -NUMERIC_LIMIT || value > NUMERIC_LIMIT) return undefined;
  return Math.floor(1e6 * (NUMERIC_LIMIT + value));
}

/** Ruler's wildcard syntax: `*` any run of characters, `\*` and `\\` escapes; `**` refused. */
export function wildcardProblem(text: string): string | undefined {
  // Ruler parses the quoted value ("…"), so its positions count the opening quote: offset 1.
  const bytes = new TextEncoder().encode(text);
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x2a /* * */) {
      if (bytes[i + 1] === 0x2a) return `Consecutive wildcard characters at pos ${i + 1}`;
    } else if (bytes[i] === 0x5c /* \ */) {
      if (bytes[i + 1] === 0x2a || bytes[i + 1] === 0x5c) {
        i++;
        continue;
      }
      return `Invalid escape character at pos ${i + 1}`;
    }
  }
  return undefined;
}

const wildcardCache = new Map<string, RegExp>();

/** True when `value` matches the (already checked) wildcard pattern. */
export function wildcardMatches(pattern: string, value: string): boolean {
  let regex = wildcardCache.get(pattern);
  if (regex === undefined) {
    let source = '';
    for (let i = 0; i < pattern.length; i++) {
      const ch = pattern[i] as string;
      if (ch === '\\' && (pattern[i + 1] === '*' || pattern[i + 1] === '\\')) {
        source += escapeRegex(pattern[i + 1] as string);
        i++;
      } else if (ch === '*') source += '[\\s\\S]*';
      else source += escapeRegex(ch);
    }
    regex = new RegExp(`^${source}$`);
    if (wildcardCache.size > 500) wildcardCache.clear();
    wildcardCache.set(pattern, regex);
  }
  return regex.test(value);
}

function escapeRegex(ch: string): string {
  return ch.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/** An IP address (IPv4 or IPv6) as a bigint, with its bit width; undefined when the string is not one. */
export function ipAddress(text: string): { value: bigint; bits: 32 | 128 } | undefined {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (v4) {
    const octets = v4.slice(1, 5).map(Number);
    if (octets.some((o) => o > 255)) return undefined;
    return { value: octets.reduce((acc, o) => acc * 256n + BigInt(o), 0n), bits: 32 };
  }
  if (!/^[0-9a-fA-F:]+$/.test(text) || text.length > 39) return undefined;
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (part: string): string[] => (part === '' ? [] : part.split(':'));
  const head = groups(halves[0] as string);
  const tail = halves.length === 2 ? groups(halves[1] as string) : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const all = [...head, ...Array.from({ length: halves.length === 2 ? missing : 0 }, () => '0'), ...tail];
  if (all.some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
  return { value: all.reduce((acc, g) => acc * 65536n + BigInt(parseInt(g, 16)), 0n), bits: 128 };
}

/** A CIDR block (IPv4 or IPv6) as its first and last addresses; undefined when malformed. */
export function parseCidr(text: string): { first: bigint; last: bigint; bits: 32 | 128 } | undefined {
  const slash = text.indexOf('/');
  if (slash < 0 || !/^\d{1,3}$/.test(text.slice(slash + 1))) return undefined;
  const address = ipAddress(text.slice(0, slash));
  const prefix = Number(text.slice(slash + 1));
  if (address === undefined || prefix > address.bits) return undefined;
  const size = 1n << BigInt(address.bits - prefix);
  const first = (address.value / size) * size;
  return { first, last: first + size - 1n, bits: address.bits };
}

/** True when the string is an address inside the block. */
export function inCidr(block: string, text: string): boolean {
  const range = parseCidr(block);
  const address = ipAddress(text);
  return range !== undefined && address !== undefined && address.bits === range.bits && address.value >= range.first && address.value <= range.last;
}
