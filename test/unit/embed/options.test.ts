// Embed options from the address: every parameter read when good; a bad value ignored (its default
// kept) with one sentence naming the parameter and what it accepts; origins only in the exact form a
// browser reports, never '*'; and no address, however odd, makes the parser throw.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_EMBED_OPTIONS, MAX_SEARCH_CHARS, PANELS, parseEmbedOptions, parseOrigins } from '../../../src/lib/embed/options.ts';

const parse = (search: string) => parseEmbedOptions(search);

describe('embed options', () => {
  it('gives the defaults, with no problem, for an empty address', () => {
    expect(parse('')).toEqual({ options: DEFAULT_EMBED_OPTIONS, problems: [] });
    expect(DEFAULT_EMBED_OPTIONS).toMatchObject({ embed: false, scenario: null, theme: 'auto', lang: null, speed: 1, seed: null, origins: [], clickToLoad: false });
    expect(DEFAULT_EMBED_OPTIONS.panels).toEqual(PANELS);
  });

  it('reads every parameter of a full embed address', () => {
    const { options, problems } = parse(
      '?embed=1&scenario=launch-types&panels=lesson,command,log&theme=dark&lang=fr-ca&readonly=1&autoplay=1&speed=max&seed=4294967295&origins=https://lms.example.edu,http://localhost:8080&clickToLoad=1',
    );
    expect(problems).toEqual([]);
    expect(options).toEqual({
      embed: true,
      scenario: { kind: 'id', id: 'launch-types' },
      panels: ['lesson', 'command', 'log'],
      theme: 'dark',
      lang: 'fr-CA',
      readonly: true,
      autoplay: true,
      speed: 'max',
      seed: 4294967295,
      origins: ['https://lms.example.edu', 'http://localhost:8080'],
      clickToLoad: true,
    });
  });

  it('accepts a URLSearchParams as well as a string, and leaves parameters not its own alone', () => {
    const { options, problems } = parseEmbedOptions(new URLSearchParams({ embed: '1', utm_source: 'x', speed: '30' }));
    expect(problems).toEqual([]);
    expect(options.embed).toBe(true);
    expect(options.speed).toBe(30);
  });

  it('reads a scenario at an http(s) address and refuses other schemes', () => {
    expect(parse('scenario=https://courses.example.edu/s/lab.json').options.scenario).toEqual({ kind: 'url', url: 'https://courses.example.edu/s/lab.json' });
    for (const bad of ['javascript:alert(1)', 'data:application/json,{}', 'file:///etc/passwd', 'Launch-Types', '-x', 'https://user:pw@example.com/s.json', `https://example.com/${'a'.repeat(2100)}`]) {
      const { options, problems } = parse(`scenario=${encodeURIComponent(bad)}`);
      expect(options.scenario, bad).toBeNull();
      expect(problems, bad).toHaveLength(1);
      expect(problems[0]).toMatch(/^"scenario" must|^"scenario" is an address longer/);
    }
  });

  it('says which panels it does not know and keeps the ones it does, in the app order', () => {
    const { options, problems } = parse('panels=log,terminal,lesson,Lesson');
    expect(options.panels).toEqual(['lesson', 'log']);
    expect(problems).toEqual([`"panels" names panels this sandbox does not have ("terminal", "Lesson"); the known ones are ${PANELS.join(', ')}.`]);
  });

  it('shows every panel when none named is known', () => {
    const { options, problems } = parse('panels=,,nope');
    expect(options.panels).toEqual(PANELS);
    expect(problems[0]).toBe(`"panels" must list at least one of ${PANELS.join(', ')} (separated by commas), not ",,nope"; every panel is shown.`);
  });

  it.each([
    ['embed=yes', '"embed" must be 1 (on) or 0 (off), not "yes"; it was ignored.'],
    ['readonly=true', '"readonly" must be 1 (on) or 0 (off), not "true"; it was ignored.'],
    ['theme=blue', '"theme" must be light, dark or auto, not "blue"; it was ignored.'],
    ['speed=3', '"speed" must be one of 1, 2, 5, 10, 30, 60, max, not "3"; it was ignored.'],
    ['speed=01', '"speed" must be one of 1, 2, 5, 10, 30, 60, max, not "01"; it was ignored.'],
    ['speed=1e1', '"speed" must be one of 1, 2, 5, 10, 30, 60, max, not "1e1"; it was ignored.'],
    ['seed=4294967296', '"seed" must be a whole number from 0 to 4294967295, not "4294967296"; it was ignored.'],
    ['seed=-1', '"seed" must be a whole number from 0 to 4294967295, not "-1"; it was ignored.'],
    ['seed=1.5', '"seed" must be a whole number from 0 to 4294967295, not "1.5"; it was ignored.'],
    ['lang=en_US', '"lang" must be a language tag such as en or fr-CA (BCP 47, at most 35 characters), not "en_US"; it was ignored.'],
    ['lang=x', '"lang" must be a language tag such as en or fr-CA (BCP 47, at most 35 characters), not "x"; it was ignored.'],
  ])('ignores %s with a sentence and keeps the default', (search, problem) => {
    const { options, problems } = parse(search);
    expect(problems).toEqual([problem]);
    expect(options).toEqual(DEFAULT_EMBED_OPTIONS);
  });

  it('reads seed 0, a bare 0 flag, and canonicalises a language tag', () => {
    const { options, problems } = parse('seed=0&embed=0&lang=EN');
    expect(problems).toEqual([]);
    expect(options.seed).toBe(0);
    expect(options.embed).toBe(false);
    expect(options.lang).toBe('en');
  });

  it('uses the first of a repeated parameter and says so', () => {
    const { options, problems } = parse('theme=dark&theme=light');
    expect(options.theme).toBe('dark');
    expect(problems).toEqual(['"theme" is given more than once; only the first is used.']);
  });

  it('keeps good parameters when others are bad', () => {
    const { options, problems } = parse('theme=dark&speed=7&embed=1');
    expect(options.theme).toBe('dark');
    expect(options.embed).toBe(true);
    expect(options.speed).toBe(1);
    expect(problems).toHaveLength(1);
  });

  it('refuses an address longer than its limit without reading it', () => {
    const { options, problems } = parse(`embed=1&x=${'a'.repeat(MAX_SEARCH_CHARS)}`);
    expect(options).toEqual(DEFAULT_EMBED_OPTIONS);
    expect(problems[0]).toMatch(/longer than 8000 characters/);
  });
});

describe('allowed origins', () => {
  it('takes exact origins, without duplicates', () => {
    expect(parseOrigins('https://a.com, https://b.example:8443,https://a.com')).toEqual(['https://a.com', 'https://b.example:8443']);
  });

  it('refuses "*" with a sentence that says why', () => {
    const { options, problems } = parse('origins=https://a.com,*');
    expect(options.origins).toEqual([]);
    expect(problems).toEqual([`"origins" must list exact origins such as https://lms.example.edu: a wildcard ("*") would let any page drive this sandbox and read the learner's work, so the list was ignored.`]);
    expect(parseOrigins('https://*.example.edu')).toMatch(/wildcard/);
  });

  it.each([
    ['https://a.com:443', 'https://a.com'],
    ['https://a.com/', 'https://a.com'],
    ['https://a.com/course/1', 'https://a.com'],
    ['HTTPS://A.COM', 'https://a.com'],
    ['http://localhost:80', 'http://localhost'],
  ])('refuses %s, not the form a browser reports, and names the form to write (%s)', (entry, form) => {
    expect(parseOrigins(entry)).toBe(`"origins" lists ${JSON.stringify(entry)}, which is not how a browser names an origin (no path, no default port, lower case): write ${form}; the list was ignored.`);
  });

  it.each(['null', 'a.com', 'ftp://a.com', 'chrome-extension://abc', 'javascript:alert(1)', ''])('refuses %j', (entry) => {
    const result = parseOrigins(entry);
    expect(typeof result).toBe('string');
    expect(result as string).toMatch(/^"origins" (must|cannot)/);
  });
});

describe('malformed addresses', () => {
  it('never throw, always give complete options and sentences', () => {
    const keys = fc.constantFrom('embed', 'scenario', 'panels', 'theme', 'lang', 'readonly', 'autoplay', 'speed', 'seed', 'origins', 'clickToLoad', 'other');
    const search = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.array(fc.tuple(keys, fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.webUrl(), fc.constantFrom('1', '0', '*', 'max', 'https://a.com')))).map((pairs) => new URLSearchParams(pairs).toString()),
    );
    fc.assert(
      fc.property(search, (s) => {
        const { options, problems } = parse(s);
        expect(Object.keys(options).sort()).toEqual(Object.keys(DEFAULT_EMBED_OPTIONS).sort());
        expect(options.origins.every((o) => new URL(o).origin === o)).toBe(true);
        for (const p of problems) expect(p).toMatch(/^The address|^"[A-Za-z]+" .*[.]$/s);
      }),
      { numRuns: 500 },
    );
  });
});
