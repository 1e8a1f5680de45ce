/**
 * `matches` / `not_matches` take a Java regular expression (java.util.regex.Pattern, per
 * ECSDG:cluster-query-language). This translates the subset that JavaScript can express with the
 * same meaning and refuses the rest by name, instead of letting JavaScript read it differently.
 *
 * - Full match: Java's Pattern.matches must match the whole value, so `g2.*` matches `g2.2xlarge`
 *   and `t2` does not match `t2.micro`. The translation is anchored: ^(?:…)$.
 * - Translated: escapes (\d \w \s \b \t \n \xhh \x{h…} \uhhhh \0oct \a \e \cX \h \v \R \A \z \Z),
 *   \Q…\E quoting, POSIX classes (\p{Alpha} …), Unicode categories and scripts (\p{L}, \p{IsLatin}),
 *   leading flags (?i) (?s) (?m), lazy quantifiers, groups, lookaround, back-references, and `.`
 *   (which in Java matches no line terminator, \u0085 included).
 * - Refused: possessive quantifiers (a*+) and atomic groups (?>…) (JavaScript has neither), class
 *   union and intersection ([a[b]], [a-z&&[^e]]), flags other than at the start, (?x) comments
 *   mode, \G, \X, \N, Unicode blocks (\p{InGreek}).
 * - Refused for safety (the sandbox's rule, Java would run them): patterns over 256 characters,
 *   a repeated group that itself repeats ((a+)+, the classic exponential pattern), and more than 4
 *   unbounded repetitions (each can multiply the matching time by the length of the value).
 */

export const MAX_PATTERN_LENGTH = 256;
export const MAX_UNBOUNDED_REPETITIONS = 4;

export type TranslatedPattern =
  | { readonly ok: true; readonly regExp: RegExp; readonly source: string }
  | { readonly ok: false; readonly message: string; readonly offset: number };

class PatternError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const JS_SYNTAX = new Set('^$\\.*+?()[]{}|/'.split(''));
const JS_CLASS_SYNTAX = new Set('^$\\.*+?()[]{}|/-'.split(''));

/** Java's POSIX classes (US-ASCII), as the inside of a JavaScript character class. */
const POSIX: Readonly<Record<string, string>> = {
  Lower: 'a-z',
  Upper: 'A-Z',
  ASCII: '\\x00-\\x7F',
  Alpha: 'a-zA-Z',
  Digit: '0-9',
  Alnum: 'a-zA-Z0-9',
  Punct: '!-\\/:-@\\[-`{-~',
  Graph: '!-~',
  Print: '\\x20-\\x7E',
  Blank: ' \\t',
  Cntrl: '\\x00-\\x1F\\x7F',
  XDigit: '0-9a-fA-F',
  Space: ' \\t\\n\\x0B\\f\\r',
};

const GENERAL_CATEGORIES = new Set(
  'L Lu Ll Lt Lm Lo M Mn Mc Me N Nd Nl No P Pc Pd Ps Pe Pi Pf Po S Sm Sc Sk So Z Zs Zl Zp C Cc Cf Co Cs Cn'.split(' '),
);
const BINARY_PROPERTIES = new Set([
  'Alphabetic',
  'Ideographic',
  'Lowercase',
  'Uppercase',
  'White_Space',
  'Hex_Digit',
  'Join_Control',
  'Noncharacter_Code_Point',
  'Assigned',
]);

/** Java's \\s: [ \\t\\n\\x0B\\f\\r]. */
const JAVA_SPACE = ' \\t\\n\\x0B\\f\\r';
const HORIZONTAL_SPACE = ' \\t\\xA0\\u1680\\u180E\\u2000-\\u200A\\u202F\\u205F\\u3000';
const VERTICAL_SPACE = '\\n\\x0B\\f\\r\\x85\\u2028\\u2029';

/**
 * The prefix of a pattern that is plain text followed by `.*` (AWS's own examples: `g2.*`, `t2.*`),
 * or undefined. Such a pattern matches exactly the values that start with the prefix and have no
 * line terminator after it (Java's `.` matches none), which startsWith answers without a RegExp.
 */
export function literalPrefix(pattern: string): string | undefined {
  if (!pattern.endsWith('.*')) return undefined;
  const prefix = pattern.slice(0, -2);
  return /^[^\\^$.|?*+()[\]{}]*$/.test(prefix) ? prefix : undefined;
}

/** Whether a value has a line terminator at or after `from` (\n \r \u0085 \u2028 \u2029). */
export function hasLineTerminator(value: string, from: number): boolean {
  for (let i = from; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code === 10 || code === 13 || code === 0x85 || code === 0x2028 || code === 0x2029) return true;
  }
  return false;
}

export function translateJavaRegex(pattern: string): TranslatedPattern {
  if (pattern.length > MAX_PATTERN_LENGTH) {
    return {
      ok: false,
      message: `the pattern is ${pattern.length} characters long; the sandbox accepts at most ${MAX_PATTERN_LENGTH}`,
      offset: MAX_PATTERN_LENGTH,
    };
  }
  try {
    const { source, flags } = new Translator(pattern).translate();
    const anchored = `^(?:${source})$`;
    try {
      return { ok: true, regExp: new RegExp(anchored, `${flags}u`), source: anchored };
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      return { ok: false, message: `JavaScript can't compile it (${detail})`, offset: 0 };
    }
  } catch (error) {
    if (error instanceof PatternError) return { ok: false, message: error.message, offset: error.offset };
    throw error;
  }
}

interface Group {
  /** Whether something inside the group repeats (a quantifier with a maximum above 1). */
  repeats: boolean;
  open: number;
}

type Atom = { readonly kind: 'group'; readonly repeats: boolean } | { readonly kind: 'simple' } | null;

class Translator {
  private i = 0;
  private out = '';
  private flags = '';
  private readonly groups: Group[] = [{ repeats: false, open: 0 }];
  private atom: Atom = null;
  private unbounded = 0;

  constructor(private readonly p: string) {}

  translate(): { source: string; flags: string } {
    this.readLeadingFlags();
    while (this.i < this.p.length) this.step();
    if (this.groups.length > 1) this.fail(`the group opened at position ${this.groups.at(-1)!.open + 1} is not closed`, this.p.length);
    return { source: this.out, flags: this.flags };
  }

  private fail(message: string, offset = this.i): never {
    throw new PatternError(message, offset);
  }

  /** (?i), (?s), (?m) and combinations, only at the very start (JavaScript has no inline flags). */
  private readLeadingFlags(): void {
    const match = /^\(\?([a-zA-Z]+)\)/.exec(this.p);
    if (match === null) return;
    for (const flag of match[1]!) {
      if (flag === 'i' || flag === 's' || flag === 'm') {
        if (!this.flags.includes(flag)) this.flags += flag;
      } else if (flag === 'u') {
        // Unicode-aware case folding: what JavaScript's i flag already does in u mode.
      } else {
        this.fail(`the flag (?${flag}) has no JavaScript equivalent; the sandbox supports (?i), (?s) and (?m)`, 2);
      }
    }
    this.i = match[0].length;
  }

  private step(): void {
    const c = this.p[this.i]!;
    switch (c) {
      case '\\':
        this.escape();
        return;
      case '[':
        this.characterClass();
        return;
      case '(':
        this.openGroup();
        return;
      case ')':
        this.closeGroup();
        return;
      case '*':
      case '+':
      case '?':
        this.quantifier(c === '?' ? 1 : Infinity, 1);
        return;
      case '{':
        this.braceQuantifier();
        return;
      case '|':
      case '^':
      case '$':
        this.out += c;
        this.atom = null;
        this.i++;
        return;
      case ']':
      case '}':
        this.emitLiteral(c);
        this.i++;
        return;
      case '.':
        // Java's `.` matches no line terminator, and Java counts \u0085 as one; JavaScript does not.
        this.out += this.flags.includes('s') ? '.' : '[^\\n\\r\\u0085\\u2028\\u2029]';
        this.atom = { kind: 'simple' };
        this.i++;
        return;
      default:
        this.out += c;
        this.atom = { kind: 'simple' };
        this.i++;
    }
  }

  private emitLiteral(c: string): void {
    this.out += JS_SYNTAX.has(c) ? `\\${c}` : c;
    this.atom = { kind: 'simple' };
  }

  private openGroup(): void {
    const open = this.i;
    const rest = this.p.slice(this.i);
    let prefix = '(';
    if (rest.startsWith('(?')) {
      const special = /^\(\?(:|=|!|<=|<!|<[a-zA-Z][a-zA-Z0-9]*>)/.exec(rest);
      if (special === null) {
        if (rest.startsWith('(?>')) this.fail('atomic groups (?>…) have no JavaScript equivalent');
        this.fail('inline flags are supported only at the start of the pattern, e.g. (?i)t2\\..*');
      }
      prefix = special[0];
    }
    this.out += prefix;
    this.i += prefix.length;
    this.groups.push({ repeats: false, open });
    this.atom = null;
  }

  private closeGroup(): void {
    if (this.groups.length === 1) this.fail(`unmatched ')' at position ${this.i + 1}`);
    const group = this.groups.pop()!;
    if (group.repeats) this.groups.at(-1)!.repeats = true;
    this.out += ')';
    this.i++;
    this.atom = { kind: 'group', repeats: group.repeats };
  }

  private braceQuantifier(): void {
    const match = /^\{(\d{1,4})(,(\d{0,4}))?\}/.exec(this.p.slice(this.i));
    if (match === null) this.fail(`'{' at position ${this.i + 1} starts no repetition such as {2} or {1,3}; write \\{ for the character`);
    const min = Number(match[1]);
    const max = match[2] === undefined ? min : match[3] === '' ? Infinity : Number(match[3]);
    if (max < min) this.fail(`the repetition ${match[0]} has its maximum below its minimum`);
    this.quantifier(max, match[0].length);
  }

  private quantifier(max: number, length: number): void {
    const at = this.i;
    if (this.atom === null) this.fail(`the repetition '${this.p.slice(at, at + length)}' at position ${at + 1} follows nothing it can repeat`);
    if (max > 1) {
      if (this.atom.kind === 'group' && this.atom.repeats) {
        this.fail('a repeated group that itself repeats, such as (a+)+, can take exponential time; the sandbox refuses it', at);
      }
      this.groups.at(-1)!.repeats = true;
    }
    if (max === Infinity && ++this.unbounded > MAX_UNBOUNDED_REPETITIONS) {
      this.fail(`more than ${MAX_UNBOUNDED_REPETITIONS} unbounded repetitions (*, +, {n,}) can take very long to match; the sandbox refuses them`, at);
    }
    this.out += this.p.slice(at, at + length);
    this.i += length;
    const modifier = this.p[this.i];
    if (modifier === '+') this.fail('possessive quantifiers (*+, ++, ?+) have no JavaScript equivalent');
    if (modifier === '?') {
      this.out += '?';
      this.i++;
    }
    this.atom = null;
  }

  /** A backslash sequence outside a character class. */
  private escape(): void {
    const start = this.i;
    const c = this.p[this.i + 1];
    if (c === undefined) this.fail('the pattern ends with a lone backslash');
    this.i += 2;
    this.atom = { kind: 'simple' };
    if (/[1-9]/.test(c)) {
      this.out += `\\${c}`;
      return;
    }
    switch (c) {
      case 'd':
      case 'D':
      case 'w':
      case 'W':
        this.out += `\\${c}`;
        return;
      case 's':
        // Java's \s is ASCII white space; JavaScript's also takes Unicode spaces such as \u00A0.
        this.out += `[${JAVA_SPACE}]`;
        return;
      case 'S':
        this.out += `[^${JAVA_SPACE}]`;
        return;
      case 'b':
      case 'B':
        this.out += `\\${c}`;
        this.atom = null;
        return;
      case 'A':
        this.out += '(?<![\\s\\S])';
        this.atom = null;
        return;
      case 'z':
        this.out += '(?![\\s\\S])';
        this.atom = null;
        return;
      case 'Z':
        this.out += `(?=(?:\\r\\n|[${VERTICAL_SPACE}])?(?![\\s\\S]))`;
        this.atom = null;
        return;
      case 'h':
        this.out += `[${HORIZONTAL_SPACE}]`;
        return;
      case 'H':
        this.out += `[^${HORIZONTAL_SPACE}]`;
        return;
      case 'v':
        this.out += `[${VERTICAL_SPACE}]`;
        return;
      case 'V':
        this.out += `[^${VERTICAL_SPACE}]`;
        return;
      case 'R':
        this.out += `(?:\\r\\n|[${VERTICAL_SPACE}])`;
        return;
      case 'Q':
        this.quoted();
        return;
      case 'p':
      case 'P': {
        const property = this.property(c === 'P', start);
        this.out += property.outside;
        return;
      }
      case 'k': {
        const match = /^<[a-zA-Z][a-zA-Z0-9]*>/.exec(this.p.slice(this.i));
        if (match === null) this.fail('\\k must be followed by a group name such as \\k<name>', start);
        this.out += `\\k${match[0]}`;
        this.i += match[0].length;
        return;
      }
      default:
        this.out += this.characterEscape(c, start, false);
    }
  }

  /**
   * Escapes that stand for one character, valid inside and outside classes: \t \n \r \f \a \e
   * \0oct \xhh \x{h…} \uhhhh \cX, and a backslash before a non-letter (the character itself).
   */
  private characterEscape(c: string, start: number, inClass: boolean): string {
    switch (c) {
      case 't':
      case 'n':
      case 'r':
      case 'f':
        return `\\${c}`;
      case 'a':
        return '\\x07';
      case 'e':
        return '\\x1B';
      case '0': {
        const match = /^([0-3][0-7]{2}|[0-7]{1,2})/.exec(this.p.slice(this.i));
        if (match === null) this.fail('\\0 must be followed by an octal number such as \\012', start);
        this.i += match[0].length;
        return `\\u{${parseInt(match[0], 8).toString(16)}}`;
      }
      case 'x': {
        const match = /^(?:([0-9a-fA-F]{2})|\{([0-9a-fA-F]{1,6})\})/.exec(this.p.slice(this.i));
        if (match === null) this.fail('\\x must be followed by two hexadecimal digits or {hex}', start);
        this.i += match[0].length;
        return `\\u{${match[1] ?? match[2]}}`;
      }
      case 'u': {
        const match = /^[0-9a-fA-F]{4}/.exec(this.p.slice(this.i));
        if (match === null) this.fail('\\u must be followed by four hexadecimal digits', start);
        this.i += 4;
        return `\\u${match[0]}`;
      }
      case 'c': {
        const letter = this.p[this.i];
        if (letter === undefined || !/[A-Za-z]/.test(letter)) this.fail('\\c must be followed by a letter', start);
        this.i++;
        return `\\c${letter}`;
      }
      default:
        if (/[A-Za-z]/.test(c)) {
          const what = c === 'G' || c === 'X' || c === 'N' ? 'has no JavaScript equivalent' : 'is not a Java escape';
          this.fail(`\\${c} ${what}`, start);
        }
        if (/[0-9]/.test(c)) this.fail(`\\${c} is not valid here`, start);
        return (inClass ? JS_CLASS_SYNTAX : JS_SYNTAX).has(c) ? `\\${c}` : c;
    }
  }

  /** \Q…\E: everything between is literal. */
  private quoted(): void {
    const end = this.p.indexOf('\\E', this.i);
    const literal = this.p.slice(this.i, end === -1 ? this.p.length : end);
    for (const c of literal) this.out += JS_SYNTAX.has(c) ? `\\${c}` : c;
    this.i = end === -1 ? this.p.length : end + 2;
    if (literal === '') this.atom = null;
  }

  /**
   * \p{…} / \P{…} / \pL. `outside` is a complete JavaScript atom; `inside` the class contents
   * (undefined when a negated POSIX class can't be written inside another class).
   */
  private property(negated: boolean, start: number): { outside: string; inside: string | undefined } {
    let name: string;
    const braced = /^\{([A-Za-z0-9_=]+)\}/.exec(this.p.slice(this.i));
    if (braced !== null) {
      name = braced[1]!;
      this.i += braced[0].length;
    } else if (/[A-Za-z]/.test(this.p[this.i] ?? '')) {
      name = this.p[this.i]!;
      this.i++;
    } else {
      this.fail('\\p must be followed by a property such as \\p{Alpha} or \\p{L}', start);
    }
    const posix = POSIX[name];
    if (posix !== undefined) {
      return negated ? { outside: `[^${posix}]`, inside: undefined } : { outside: `[${posix}]`, inside: posix };
    }
    const js = this.unicodeProperty(name, start);
    const text = `\\${negated ? 'P' : 'p'}{${js}}`;
    return { outside: text, inside: text };
  }

  private unicodeProperty(name: string, start: number): string {
    if (name.startsWith('In')) this.fail(`Unicode blocks such as \\p{${name}} have no JavaScript equivalent`, start);
    const bare = name.startsWith('Is') ? name.slice(2) : name;
    const assigned = /^(?:gc|general_category|sc|script|blk|block)=(.+)$/i.exec(name);
    if (assigned !== null) {
      if (/^(blk|block)=/i.test(name)) this.fail(`Unicode blocks such as \\p{${name}} have no JavaScript equivalent`, start);
      return /^(gc|general_category)=/i.test(name) ? assigned[1]! : `Script=${assigned[1]!}`;
    }
    if (GENERAL_CATEGORIES.has(bare) || BINARY_PROPERTIES.has(bare)) return bare;
    if (name.startsWith('Is')) return `Script=${bare}`;
    if (name.startsWith('java')) this.fail(`java.lang.Character classes such as \\p{${name}} have no JavaScript equivalent`, start);
    this.fail(`\\p{${name}} is not a property the sandbox knows (POSIX classes such as Alpha, Unicode categories such as L, scripts such as IsLatin)`, start);
  }

  /** […]: ranges, escapes and POSIX classes; Java's unions and intersections are refused. */
  private characterClass(): void {
    const open = this.i;
    this.i++;
    let body = '';
    if (this.p[this.i] === '^') {
      body += '^';
      this.i++;
    }
    let first = true;
    for (;;) {
      const c = this.p[this.i];
      if (c === undefined) this.fail(`the character class opened at position ${open + 1} is not closed`, open);
      if (c === ']' && !first) break;
      first = false;
      if (c === '[') this.fail('nested character classes (unions such as [a[bc]]) have no JavaScript equivalent; list the characters in one class');
      if (c === '&' && this.p[this.i + 1] === '&') this.fail('character class intersections (&&) have no JavaScript equivalent');
      if (c === '\\') {
        body += this.classEscape();
        continue;
      }
      body += c === ']' ? '\\]' : c;
      this.i++;
    }
    this.i++;
    this.out += `[${body}]`;
    this.atom = { kind: 'simple' };
  }

  private classEscape(): string {
    const start = this.i;
    const c = this.p[this.i + 1];
    if (c === undefined) this.fail('the pattern ends with a lone backslash');
    this.i += 2;
    switch (c) {
      case 'd':
      case 'D':
      case 'w':
      case 'W':
      case 'S':
        return `\\${c}`;
      case 's':
        return JAVA_SPACE;
      case 'h':
        return HORIZONTAL_SPACE;
      case 'v':
        return VERTICAL_SPACE;
      case 'H':
      case 'V':
        this.fail(`\\${c} can't be written inside a character class in JavaScript; use it outside the brackets`, start);
      // falls through (fail never returns)
      case 'Q': {
        const end = this.p.indexOf('\\E', this.i);
        const literal = this.p.slice(this.i, end === -1 ? this.p.length : end);
        this.i = end === -1 ? this.p.length : end + 2;
        let text = '';
        for (const ch of literal) text += JS_CLASS_SYNTAX.has(ch) ? `\\${ch}` : ch;
        return text;
      }
      case 'p':
      case 'P': {
        const property = this.property(c === 'P', start);
        if (property.inside === undefined) {
          this.fail(`a negated POSIX class such as \\P{Alpha} can't be written inside a character class in JavaScript`, start);
        }
        return property.inside;
      }
      case 'b':
      case 'B':
        this.fail(`\\${c} is not valid inside a character class`, start);
      // falls through (fail never returns)
      default:
        return this.characterEscape(c, start, true);
    }
  }
}
