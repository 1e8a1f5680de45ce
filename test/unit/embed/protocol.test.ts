// The postMessage contract: every command is accepted in its envelope; a message from another origin
// or window is ignored without a reply; a message from the host that does not validate (envelope,
// version, unknown command, payload, id, size, depth, non-JSON data, a state of another scenario or
// version) is answered by an error reply carrying its id; and nothing, however malformed, makes
// parseIncoming throw.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  canvasFrameResize,
  COMMAND_TYPES,
  errorReply,
  EVENT_TYPES,
  eventMessage,
  MAX_MESSAGE_CHARS,
  MAX_MESSAGE_DEPTH,
  parseHostState,
  parseIncoming,
  replyMessage,
  type Incoming,
} from '../../../src/lib/embed/protocol.ts';
import { MAX_RUN_CHARS } from '../../../src/lib/progress/progress.ts';
import { MAX_DURATION_MS } from '../../../src/lib/embed/xapi.ts';

const parent = { name: 'the parent window' };
const HOST = 'https://lms.example.edu';
const allowed = { origins: [HOST, 'http://localhost:8080'], parent };
const from = { origin: HOST, source: parent };
const RUN = JSON.stringify({ v: 1, scenario: 'launch-types', seed: 7, end: 90_000, steps: [] });
const STATE = { v: 1 as const, scenarioId: 'launch-types', run: RUN, hints: { 'task-running': 2 } };

const msg = (type: unknown, payload?: unknown, extra: Record<string, unknown> = {}) => ({ source: 'ecs-sandbox', version: 1, type, ...(payload === undefined ? {} : { payload }), ...extra });

function refused(result: Incoming): { reason: string; reply?: unknown } {
  expect(result.ok).toBe(false);
  if (result.ok) throw new Error('accepted');
  return result;
}

describe('commands accepted', () => {
  it.each([
    ['loadScenario', { id: 'launch-types' }],
    ['loadScenario', { url: 'https://courses.example.edu/lab.json' }],
    ['loadScenario', { scenario: { id: 'my-lab', title: { en: 'Lab' }, steps: [] } }],
    ['reset', {}],
    ['getState', {}],
    ['setState', { state: STATE }],
    ['setState', { state: { v: 1, scenarioId: 'launch-types', run: RUN } }],
    ['setTheme', { theme: 'dark' }],
    ['setTheme', { theme: 'auto' }],
    ['setSpeed', { speed: 60 }],
    ['setSpeed', { speed: 'max' }],
    ['play', {}],
    ['pause', {}],
  ])('%s %j', (type, payload) => {
    expect(parseIncoming(msg(type, payload, { id: 'r1' }), from, allowed)).toEqual({ ok: true, command: { type, payload, id: 'r1' } });
  });

  it('covers every command type in the tests above', () => {
    expect(COMMAND_TYPES).toEqual(['loadScenario', 'reset', 'getState', 'setState', 'setTheme', 'setSpeed', 'play', 'pause']);
  });

  it('takes a command without payload or id, and a numeric id', () => {
    expect(parseIncoming(msg('play'), from, allowed)).toEqual({ ok: true, command: { type: 'play', payload: {} } });
    expect(parseIncoming(msg('reset', {}, { id: 42 }), from, allowed)).toEqual({ ok: true, command: { type: 'reset', payload: {}, id: 42 } });
  });

  it('normalises a loadScenario address as the URL parser writes it', () => {
    const result = parseIncoming(msg('loadScenario', { url: 'HTTPS://Courses.Example.edu/a b.json' }), from, allowed);
    expect(result).toEqual({ ok: true, command: { type: 'loadScenario', payload: { url: 'https://courses.example.edu/a%20b.json' } } });
  });

  it('accepts a setState of the open scenario when told which is open', () => {
    expect(parseIncoming(msg('setState', { state: STATE }), from, allowed, { scenarioId: 'launch-types' }).ok).toBe(true);
  });

  it('accepts a state whose run is as long as a saved run may be (the message limit leaves room for it)', () => {
    const long = { ...STATE, run: 'x'.repeat(MAX_RUN_CHARS) };
    expect(parseIncoming(msg('setState', { state: long }), from, allowed).ok).toBe(true);
  });
});

describe('senders', () => {
  it.each([
    ['another origin', 'https://evil.example'],
    ['the default port written out', 'https://lms.example.edu:443'],
    ['a trailing slash', 'https://lms.example.edu/'],
    ['another scheme', 'http://lms.example.edu'],
    ['upper case', 'https://LMS.example.edu'],
    ['the opaque origin', 'null'],
    ['a sub-domain', 'https://x.lms.example.edu'],
  ])('ignores a message from %s, without a reply', (_, origin) => {
    const result = refused(parseIncoming(msg('getState', {}, { id: 1 }), { origin, source: parent }, allowed));
    expect(result.reply).toBeUndefined();
    expect(result.reason).toMatch(/is not an allowed origin, was ignored\.$/);
  });

  it('ignores a message from the allowed origin but another window (a sibling frame, a popup), without a reply', () => {
    const result = refused(parseIncoming(msg('getState', {}, { id: 1 }), { origin: HOST, source: { name: 'a sibling frame' } }, allowed));
    expect(result).toEqual({ ok: false, reason: 'a message from a window other than the parent page was ignored.' });
    expect(refused(parseIncoming(msg('getState'), { origin: HOST, source: null }, allowed)).reply).toBeUndefined();
  });

  it('ignores every message when no parent is known (the sandbox is not in a frame) or no origin is allowed', () => {
    expect(refused(parseIncoming(msg('play'), { origin: HOST, source: null }, { origins: [HOST], parent: null })).reply).toBeUndefined();
    expect(refused(parseIncoming(msg('play'), from, { origins: [], parent })).reply).toBeUndefined();
  });

  it('ignores, without a reply, messages of other scripts on the host page', () => {
    for (const data of ['hello', 42, null, [1], { type: 'play' }, { source: 'react-devtools', payload: {} }, { subject: 'lti.frameResize', height: 3 }]) {
      expect(refused(parseIncoming(data, from, allowed)).reply, JSON.stringify(data)).toBeUndefined();
    }
  });
});

describe('refusals answered with an error reply', () => {
  function reply(data: unknown, open?: { scenarioId: string | null }) {
    const result = refused(parseIncoming(data, from, allowed, open));
    expect(result.reply).toBeDefined();
    const r = result.reply as { source: string; version: number; type: string; id?: unknown; payload: { code: string; message: string } };
    expect(r.source).toBe('ecs-sandbox');
    expect(r.version).toBe(1);
    expect(r.type).toBe('error');
    expect(r.payload.message).toBe(result.reason);
    expect(r.payload.message).toMatch(/^[A-Za-z"].*[.]$/s);
    return r;
  }

  it.each([
    [msg('play', undefined, { version: 2 }), 'unsupportedVersion', 'The message has version 2; this sandbox speaks version 1.'],
    [msg('play', undefined, { version: '1' }), 'unsupportedVersion', 'The message has version "1"; this sandbox speaks version 1.'],
    [{ source: 'ecs-sandbox', type: 'play' }, 'unsupportedVersion', 'The message has version nothing; this sandbox speaks version 1.'],
    [msg(7), 'badEnvelope', `The message's "type" must be one of ${COMMAND_TYPES.join(', ')}.`],
    [msg('eval', { code: 'alert(1)' }), 'unknownCommand', `"eval" is not a command of this sandbox; the commands are ${COMMAND_TYPES.join(', ')}.`],
    [msg('ready', {}), 'unknownCommand', `"ready" is not a command of this sandbox; the commands are ${COMMAND_TYPES.join(', ')}.`],
    [msg('play', 'now'), 'badPayload', 'The "payload" of play must be an object.'],
    [msg('play', [1]), 'badPayload', 'The "payload" of play must be an object.'],
    [msg('reset', { hard: true }), 'badPayload', 'reset takes no payload fields, but was given "hard".'],
    [msg('setTheme', { theme: 'blue' }), 'badPayload', `setTheme's "theme" must be light, dark or auto, not "blue".`],
    [msg('setTheme', {}), 'badPayload', `setTheme's "theme" must be light, dark or auto, not nothing.`],
    [msg('setSpeed', { speed: '10' }), 'badPayload', `setSpeed's "speed" must be one of 1, 2, 5, 10, 30, 60, "max", not "10".`],
    [msg('setSpeed', { speed: 3 }), 'badPayload', `setSpeed's "speed" must be one of 1, 2, 5, 10, 30, 60, "max", not 3.`],
    [msg('loadScenario', {}), 'badPayload', `loadScenario needs exactly one of "id", "url" or "scenario" (an inline scenario object), not none.`],
    [msg('loadScenario', { id: 'a', url: 'https://a.com/s.json' }), 'badPayload', `loadScenario needs exactly one of "id", "url" or "scenario" (an inline scenario object), not id and url.`],
    [msg('loadScenario', { id: '../etc' }), 'badPayload', `loadScenario's "id" must be a scenario id (lower-case letters, digits and "-"), not "../etc".`],
    [msg('loadScenario', { url: 'javascript:alert(1)' }), 'badPayload', `loadScenario's "url" must be an http(s) address of a scenario file (without a user name or password), not "javascript:alert(1)".`],
    [msg('loadScenario', { url: 'https://u:p@a.com/s.json' }), 'badPayload', `loadScenario's "url" must be an http(s) address of a scenario file (without a user name or password), not "https://u:p@a.com/s.json".`],
    [msg('loadScenario', { scenario: '{"id":"x"}' }), 'badPayload', `loadScenario's "scenario" must be a scenario object (as in a scenario's JSON file).`],
    [msg('setState', {}), 'badPayload', `setState's "state" must be the object getState gave.`],
    [msg('setState', { state: { ...STATE, v: 2 } }), 'wrongState', `setState's state has version 2; this sandbox reads version 1, so it was not restored.`],
    [msg('setState', { state: { ...STATE, scenarioId: 'Launch' } }), 'badPayload', `setState's "scenarioId" must be a scenario id (lower-case letters, digits and "-"), not "Launch".`],
    [msg('setState', { state: { ...STATE, savedAt: 'x' } }), 'badPayload', `setState's state has fields this sandbox does not know ("savedAt").`],
    [msg('setState', { state: { ...STATE, run: '' } }), 'badPayload', `setState's state was not restored: "run" of launch-types must be the exported run's text (at most ${MAX_RUN_CHARS} characters).`],
    [msg('setState', { state: { ...STATE, run: 'x'.repeat(MAX_RUN_CHARS + 1) } }), 'badPayload', `setState's state was not restored: "run" of launch-types must be the exported run's text (at most ${MAX_RUN_CHARS} characters).`],
    [msg('setState', { state: { ...STATE, hints: { 'task-running': 99 } } }), 'badPayload', `setState's state was not restored: "hints" of launch-types must map objective ids to how many hints were shown (0–20).`],
    [msg('play', {}, { id: '' }), 'badEnvelope', `The message's "id" must be a string of 1 to 128 characters or a whole number.`],
    [msg('play', {}, { id: 1.5 }), 'badEnvelope', `The message's "id" must be a string of 1 to 128 characters or a whole number.`],
    [msg('play', {}, { id: { x: 1 } }), 'badEnvelope', `The message's "id" must be a string of 1 to 128 characters or a whole number.`],
  ])('%j → %s', (data, code, message) => {
    const r = reply(data);
    expect(r.payload).toEqual({ code, message });
  });

  it('carries the request id in the error reply, and none when the id itself is unusable', () => {
    expect(reply(msg('nope', {}, { id: 'req-7' })).id).toBe('req-7');
    expect(reply(msg('setTheme', { theme: 1 }, { id: 9 })).id).toBe(9);
    expect('id' in reply(msg('nope'))).toBe(false);
    expect('id' in reply(msg('play', {}, { id: 'x'.repeat(129) }))).toBe(false);
  });

  it('refuses a state of another scenario than the open one, or when none is open', () => {
    expect(reply(msg('setState', { state: STATE }, { id: 3 }), { scenarioId: 'spread-placement' })).toEqual(
      errorReply(3, 'wrongState', `setState's state is of scenario launch-types, but spread-placement is open; load that scenario first.`),
    );
    expect(reply(msg('setState', { state: STATE }), { scenarioId: null }).payload.message).toBe(`setState's state is of scenario launch-types, but no scenario is open; load that scenario first.`);
  });

  it(`refuses a message larger than ${MAX_MESSAGE_CHARS} characters, carrying its id`, () => {
    const r = reply(msg('loadScenario', { scenario: { blob: 'x'.repeat(MAX_MESSAGE_CHARS) } }, { id: 'big' }));
    expect(r).toEqual(errorReply('big', 'tooLarge', `The message is larger than ${MAX_MESSAGE_CHARS} characters of JSON; it was not read.`));
    // Many small pieces count too, and the walk stops at the limit rather than visiting them all.
    const wide = Array.from({ length: 200_000 }, () => 'abcdef');
    expect(reply(msg('loadScenario', { scenario: { wide } })).payload.code).toBe('tooLarge');
    const keys = Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`key-number-${i}`, 0]));
    expect(reply(msg('loadScenario', { scenario: keys })).payload.code).toBe('tooLarge');
  });

  it('refuses data nested too deep, and cyclic data (structured clone carries cycles), without throwing', () => {
    let deep: Record<string, unknown> = {};
    const root = deep;
    for (let i = 0; i < MAX_MESSAGE_DEPTH + 5; i++) deep = (deep.a = {}) as Record<string, unknown>;
    expect(reply(msg('loadScenario', { scenario: root })).payload).toEqual({ code: 'badEnvelope', message: `The message is nested more than ${MAX_MESSAGE_DEPTH} levels deep; it was not read.` });

    const cyclic: Record<string, unknown> = { id: 'x' };
    cyclic.self = cyclic;
    expect(reply(msg('loadScenario', { scenario: cyclic }, { id: 1 })).payload.code).toBe('badEnvelope');
    const list: unknown[] = [];
    list.push(list, list);
    expect(reply(msg('loadScenario', { scenario: { list } })).id).toBeUndefined();
  });

  it.each([
    ['a Map', new Map([['a', 1]])],
    ['a Date', new Date(0)],
    ['a typed array', new Uint8Array(4)],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['a hole in a list', [1, , 3]],
    ['a class instance', new (class Lab {})()],
  ])('refuses %s inside a message as not JSON data', (_, value) => {
    expect(reply(msg('loadScenario', { scenario: { value } })).payload).toEqual({ code: 'badEnvelope', message: 'The message must hold only JSON data (objects, arrays, strings, finite numbers, true, false, null).' });
  });
});

describe('host state', () => {
  it('is the saved-progress shape without summary and save time', () => {
    expect(parseHostState(STATE)).toEqual({ state: STATE });
    expect(parseHostState({ v: 1, scenarioId: 'x', run: RUN })).toEqual({ state: { v: 1, scenarioId: 'x', run: RUN } });
    expect(parseHostState(null)).toEqual({ code: 'badPayload', message: `setState's "state" must be the object getState gave.` });
  });

  it('carries spentMs, the learner\'s wall-clock time on the exercise, whole ms in 0 … MAX_DURATION_MS', () => {
    for (const spentMs of [0, 1, 93_400, MAX_DURATION_MS]) expect(parseHostState({ ...STATE, spentMs })).toEqual({ state: { ...STATE, spentMs } });
  });

  it.each([
    ['negative', -1, '-1'],
    ['fractional', 1.5, '1.5'],
    ['too big', MAX_DURATION_MS + 1, String(MAX_DURATION_MS + 1)],
    ['a string', '1000', '"1000"'],
    ['null', null, 'null'],
    ['an object', { ms: 1 }, 'an object'],
  ])('refuses a spentMs that is %s, with one sentence', (_, spentMs, said) => {
    expect(parseHostState({ ...STATE, spentMs })).toEqual({ code: 'badPayload', message: `setState's "spentMs" must be whole milliseconds between 0 and ${MAX_DURATION_MS} (the time getState gave), not ${said}.` });
  });

  it('still refuses fields it does not know', () => {
    expect(parseHostState({ ...STATE, spentMs: 5, spent: 5 })).toEqual({ code: 'badPayload', message: `setState's state has fields this sandbox does not know ("spent").` });
  });
});

describe('what the sandbox posts', () => {
  it('wraps events in the envelope, without an id', () => {
    expect(eventMessage('completed', { score: 3, max: 3, attempts: 5, durationMs: 120_000 })).toEqual({ source: 'ecs-sandbox', version: 1, type: 'completed', payload: { score: 3, max: 3, attempts: 5, durationMs: 120_000 } });
    expect(eventMessage('ready', { commands: COMMAND_TYPES })).toMatchObject({ type: 'ready', payload: { commands: COMMAND_TYPES } });
    expect(EVENT_TYPES).toEqual(['ready', 'scenarioLoaded', 'objectiveChanged', 'hintShown', 'solutionRevealed', 'completed', 'stateChanged', 'resize', 'error']);
  });

  it('answers commands with the request id', () => {
    expect(replyMessage('r1', { state: STATE })).toEqual({ source: 'ecs-sandbox', version: 1, type: 'reply', id: 'r1', payload: { state: STATE } });
    expect(errorReply(2, 'failed', 'The scenario file could not be read.')).toEqual({ source: 'ecs-sandbox', version: 1, type: 'error', id: 2, payload: { code: 'failed', message: 'The scenario file could not be read.' } });
    expect('id' in errorReply(undefined, 'badEnvelope', 'x.')).toBe(false);
  });

  it("gives Canvas's frame-resize form, in whole non-negative pixels", () => {
    expect(canvasFrameResize(480.2)).toEqual({ subject: 'lti.frameResize', height: 481 });
    expect(canvasFrameResize(-5).height).toBe(0);
    expect(canvasFrameResize(Number.NaN).height).toBe(0);
  });

  it('posts messages that survive a structured clone and JSON unchanged', () => {
    const event = eventMessage('stateChanged', { state: STATE });
    expect(structuredClone(event)).toEqual(event);
    expect(JSON.parse(JSON.stringify(event))).toEqual(event);
  });
});

describe('malformed messages', () => {
  const senders = fc.oneof(
    fc.constant(from),
    fc.record({ origin: fc.oneof(fc.constantFrom(HOST, 'null', `${HOST}/`), fc.string()), source: fc.oneof(fc.constant(parent), fc.anything()) }),
  );
  // Envelopes close to valid reach the deep checks; anything() covers the rest.
  const nearlyValid = fc.record(
    {
      source: fc.oneof(fc.constant('ecs-sandbox'), fc.anything()),
      version: fc.oneof(fc.constant(1), fc.anything()),
      type: fc.oneof(fc.constantFrom(...COMMAND_TYPES), fc.string(), fc.anything()),
      payload: fc.oneof(
        fc.record({ id: fc.anything(), url: fc.oneof(fc.webUrl(), fc.anything()), scenario: fc.anything(), theme: fc.anything(), speed: fc.anything() }, { requiredKeys: [] }),
        fc.record({ state: fc.oneof(fc.record({ v: fc.oneof(fc.constant(1), fc.anything()), scenarioId: fc.oneof(fc.constant('launch-types'), fc.string()), run: fc.oneof(fc.constant(RUN), fc.anything()), hints: fc.anything() }, { requiredKeys: [] }), fc.anything()) }),
        fc.anything(),
      ),
      id: fc.anything(),
    },
    { requiredKeys: [] },
  );

  it('never make parseIncoming throw, and every refusal from the host has a sentence', () => {
    fc.assert(
      fc.property(fc.oneof(nearlyValid, fc.anything({ withMap: true, withSet: true, withDate: true, withTypedArray: true, withSparseArray: true, withNullPrototype: true })), senders, (data, sender) => {
        const result = parseIncoming(data, sender, allowed, { scenarioId: 'launch-types' });
        if (result.ok) {
          expect(COMMAND_TYPES).toContain(result.command.type);
          expect(sender.origin).toBe(HOST);
        } else {
          expect(result.reason).toMatch(/[.]$/);
          if (result.reply !== undefined) expect(result.reply.payload.message).toBe(result.reason);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('survive hostile objects (a throwing getter, a revoked Proxy)', () => {
    const getter = { source: 'ecs-sandbox', version: 1, get type(): string { throw new Error('boom'); } };
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    expect(() => parseIncoming(getter, from, allowed)).not.toThrow();
    expect(() => parseIncoming(proxy, from, allowed)).not.toThrow();
    expect(() => parseIncoming(msg('play'), { origin: HOST, source: proxy }, allowed)).not.toThrow();
    expect(parseIncoming(getter, from, allowed).ok).toBe(false);
  });
});
