// The host helper's pure parts (src/host/core.ts): the frame address it builds is read back by the
// sandbox's own option parser as meant; only version-1 envelopes of known events and replies pass the
// message check (and it never throws); replies settle only the command with their id, errors reject
// with the sandbox's sentence, and silence rejects after the timeout; the constants repeated to keep
// embed.js small equal the protocol's.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  clampHeight, COMMAND_TYPES, CommandError, defaultPersistKey, EVENT_TYPES, frameAddress, MAX_HEIGHT_PX, MESSAGE_SOURCE, MIN_HEIGHT_PX,
  parseSandboxMessage, PendingReplies, PROTOCOL_VERSION, REPLY_TIMEOUT_MS, scriptDirectory, storableState, type Timers,
} from '../../../src/host/core.ts';
import * as protocol from '../../../src/lib/embed/protocol.ts';
import { RESIZE_MAX_HEIGHT_PX } from '../../../src/lib/embed/resize.ts';
import { parseEmbedOptions } from '../../../src/lib/embed/options.ts';

const HOST = 'https://lms.example.edu';
const BASE = 'https://lms.example.edu/course/week-3/page.html';

describe('constants repeated from the protocol', () => {
  it('equal the protocol module\'s', () => {
    expect(MESSAGE_SOURCE).toBe(protocol.MESSAGE_SOURCE);
    expect(PROTOCOL_VERSION).toBe(protocol.PROTOCOL_VERSION);
    expect(EVENT_TYPES).toEqual(protocol.EVENT_TYPES);
    expect(COMMAND_TYPES).toEqual(protocol.COMMAND_TYPES);
    expect(MAX_HEIGHT_PX).toBe(RESIZE_MAX_HEIGHT_PX);
  });
});

describe('frameAddress', () => {
  it('builds the embed address the sandbox reads back as meant', () => {
    const { src, sandboxOrigin } = frameAddress('https://sandbox.example.org/ecs/', BASE, HOST, 'launch-types', {
      panels: 'lesson,command', theme: 'dark', readonly: true, autoplay: false, speed: 5, seed: 42, clickToLoad: true, lang: undefined, seedless: null,
    });
    expect(sandboxOrigin).toBe('https://sandbox.example.org');
    const url = new URL(src);
    expect(url.origin + url.pathname).toBe('https://sandbox.example.org/ecs/');
    expect(url.searchParams.get('origins')).toBe(HOST);
    const { options, problems } = parseEmbedOptions(url.search);
    expect(problems).toEqual([]);
    expect(options).toMatchObject({
      embed: true, scenario: { kind: 'id', id: 'launch-types' }, origins: [HOST], panels: ['lesson', 'command'], theme: 'dark',
      readonly: true, autoplay: false, speed: 5, seed: 42, clickToLoad: true, lang: null,
    });
    // null and undefined params are left out, not sent as "null".
    expect(url.searchParams.has('lang')).toBe(false);
    expect(url.searchParams.has('seedless')).toBe(false);
  });

  it('passes a scenario address through for the sandbox to check, and leaves scenario out when not given', () => {
    const withUrl = new URL(frameAddress('https://s.example.org/', BASE, HOST, 'https://cdn.example.org/lab.json').src);
    expect(parseEmbedOptions(withUrl.search).options.scenario).toEqual({ kind: 'url', url: 'https://cdn.example.org/lab.json' });
    expect(new URL(frameAddress('https://s.example.org/', BASE, HOST, undefined).src).searchParams.has('scenario')).toBe(false);
  });

  it('resolves a relative sandbox address against the page, keeps its query and drops its fragment', () => {
    const { src, sandboxOrigin } = frameAddress('../lab/?lms=canvas#top', BASE, HOST, 'ecr');
    expect(sandboxOrigin).toBe(HOST);
    expect(src).toBe('https://lms.example.edu/course/lab/?lms=canvas&embed=1&origins=https%3A%2F%2Flms.example.edu&scenario=ecr');
  });

  it('keeps a port in the sandbox origin (two loopback servers are two origins)', () => {
    expect(frameAddress('http://127.0.0.1:4173/dist/', 'http://127.0.0.1:5000/', 'http://127.0.0.1:5000', 'x').sandboxOrigin).toBe('http://127.0.0.1:4173');
  });

  it.each([
    ['ftp://sandbox.example.org/', /must be an http\(s\) address/],
    ['javascript:alert(1)', /must be an http\(s\) address/],
    ['data:text/html,hi', /must be an http\(s\) address/],
    ['https://user:secret@sandbox.example.org/', /user name or password/],
    ['http://[::1', /must be the http\(s\) address of the sandbox/],
  ])('refuses the sandbox address %s with one sentence', (origin, sentence) => {
    expect(() => frameAddress(origin, BASE, HOST, 'x')).toThrow(sentence);
  });

  it('refuses a host page without an http(s) origin (file: or sandboxed pages are "null")', () => {
    expect(() => frameAddress('https://s.example.org/', 'file:///tmp/page.html', 'null', 'x')).toThrow(/origin is "null".*serve the course page/);
  });

  it.each(['embed', 'origins', 'scenario'])('refuses %s in params: mount sets it', (name) => {
    expect(() => frameAddress('https://s.example.org/', BASE, HOST, 'x', { [name]: '1' })).toThrow(new RegExp(`"${name}" is set by mount itself`));
  });
});

describe('scriptDirectory', () => {
  it.each([
    ['https://sandbox.example.org/ecs/embed.js', 'https://sandbox.example.org/ecs/'],
    ['http://127.0.0.1:4173/embed.js?v=3', 'http://127.0.0.1:4173/'],
    ['', null],
    [null, null],
    [undefined, null],
    ['file:///srv/embed.js', null],
  ])('%s → %s', (src, dir) => {
    expect(scriptDirectory(src)).toBe(dir);
  });
});

const envelope = (type: string, payload: unknown, extra: Record<string, unknown> = {}) => ({ source: 'ecs-sandbox', version: 1, type, payload, ...extra });

describe('parseSandboxMessage', () => {
  it('reads the events of version 1, with the xAPI statement when present', () => {
    expect(parseSandboxMessage(envelope('ready', { commands: ['getState'] }))).toEqual({ kind: 'event', event: { type: 'ready', payload: { commands: ['getState'] } } });
    const statement = { verb: { id: 'http://adlnet.gov/expapi/verbs/completed' } };
    expect(parseSandboxMessage(envelope('completed', { score: 3, max: 3, attempts: 1, durationMs: 5000, statement }))).toMatchObject({ kind: 'event', event: { type: 'completed', statement } });
    expect(parseSandboxMessage(envelope('resize', { height: 612 }))).toMatchObject({ kind: 'event', event: { type: 'resize' } });
    // An error without an id is the sandbox's error event, not a reply.
    expect(parseSandboxMessage(envelope('error', { code: 'failed', message: 'The scenario could not load.' }))).toMatchObject({ kind: 'event', event: { type: 'error' } });
  });

  it('reads replies and error replies by id', () => {
    expect(parseSandboxMessage(envelope('reply', { state: {} }, { id: 'ecs1-4' }))).toEqual({ kind: 'reply', id: 'ecs1-4', payload: { state: {} } });
    expect(parseSandboxMessage(envelope('reply', null, { id: 7 }))).toEqual({ kind: 'reply', id: 7, payload: null });
    expect(parseSandboxMessage(envelope('error', { code: 'wrongState', message: 'Load that scenario first.' }, { id: 'ecs1-5' })))
      .toEqual({ kind: 'error', id: 'ecs1-5', code: 'wrongState', message: 'Load that scenario first.' });
  });

  const hostile = new Proxy({}, { get() { throw new Error('gotcha'); } });
  it.each([
    ['Canvas\'s lti.frameResize (posted next to resize)', { subject: 'lti.frameResize', height: 600 }],
    ['another widget\'s message', { source: 'other-widget', version: 1, type: 'ready', payload: {} }],
    ['version 2', { ...envelope('ready', {}), version: 2 }],
    ['an unknown event', envelope('confetti', {})],
    ['a command (the host\'s own kind of message)', envelope('getState', {})],
    ['an event without a payload object', envelope('completed', 'yes')],
    ['a reply without id', envelope('reply', {})],
    ['an id that is an object', envelope('reply', {}, { id: { n: 1 } })],
    ['an id too long', envelope('reply', {}, { id: 'x'.repeat(129) })],
    ['a resize to 0 (a hidden tab)', envelope('resize', { height: 0 })],
    ['a resize without a number', envelope('resize', { height: '600px' })],
    ['a string', 'ready'],
    ['null', null],
    ['an array', [envelope('ready', {})]],
    ['an object whose getters throw', hostile],
  ])('ignores %s', (_name, data) => {
    expect(parseSandboxMessage(data)).toBeNull();
  });

  it('never throws, whatever arrives', () => {
    fc.assert(fc.property(fc.anything(), fc.constantFrom(...EVENT_TYPES, 'reply', 'error'), (payload, type) => {
      parseSandboxMessage(payload);
      parseSandboxMessage(envelope(type, payload));
      parseSandboxMessage(envelope(type, payload, { id: payload }));
    }), { seed: 9006 });
  });
});

describe('clampHeight', () => {
  it.each([
    [612, 612],
    [612.2, 613], // rounded up: a frame a pixel short shows a scrollbar
    [1, MIN_HEIGHT_PX], // never a sliver
    [1e9, MAX_HEIGHT_PX], // never a runaway layout
    [0, null],
    [-5, null],
    [Number.NaN, null],
    [Number.POSITIVE_INFINITY, null],
    ['600', null],
  ])('%s → %s', (height, expected) => {
    expect(clampHeight(height)).toBe(expected);
  });
});

/** Timers that fire only when told to. */
function fakeTimers(): Timers & { fire(): void; count(): number } {
  const due = new Map<number, () => void>();
  let next = 1;
  return {
    setTimeout(cb) { due.set(next, cb); return next++; },
    clearTimeout(handle) { due.delete(handle as number); },
    fire() { for (const [h, cb] of [...due]) { due.delete(h); cb(); } },
    count: () => due.size,
  };
}

describe('PendingReplies', () => {
  it('settles only the command whose id the reply carries', async () => {
    const timers = fakeTimers();
    const pending = new PendingReplies('ecs1', timers);
    const a = pending.open('getState');
    const b = pending.open('reset');
    expect([a.id, b.id]).toEqual(['ecs1-1', 'ecs1-2']);
    expect(pending.settle({ kind: 'reply', id: 'ecs1-99', payload: 'forged' })).toBe(false);
    expect(pending.settle({ kind: 'reply', id: b.id, payload: { ok: true } })).toBe(true);
    await expect(b.reply).resolves.toEqual({ ok: true });
    // A second reply with the same id is no longer matched.
    expect(pending.settle({ kind: 'reply', id: b.id, payload: 'again' })).toBe(false);
    expect(pending.settle({ kind: 'reply', id: a.id, payload: { state: 1 } })).toBe(true);
    await expect(a.reply).resolves.toEqual({ state: 1 });
    expect(pending.size).toBe(0);
    expect(timers.count()).toBe(0);
  });

  it('rejects with the sandbox\'s sentence and code on an error reply', async () => {
    const pending = new PendingReplies('ecs1', fakeTimers());
    const { id, reply } = pending.open('setState');
    pending.settle({ kind: 'error', id, code: 'wrongState', message: 'setState\'s state is of scenario ecr, but spot is open; load that scenario first.' });
    const error = await reply.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CommandError);
    expect((error as CommandError).message).toMatch(/^setState's state is of scenario ecr/);
    expect((error as CommandError).code).toBe('wrongState');
  });

  it('rejects after the timeout with a clear sentence, and then ignores a late reply', async () => {
    const timers = fakeTimers();
    const pending = new PendingReplies('ecs2', timers);
    const { id, reply } = pending.open('getState');
    timers.fire();
    await expect(reply).rejects.toThrow(`The sandbox did not answer getState within ${REPLY_TIMEOUT_MS / 1000} s`);
    expect(pending.settle({ kind: 'reply', id, payload: 'late' })).toBe(false);
  });

  it('rejects everything waiting when the frame is removed', async () => {
    const timers = fakeTimers();
    const pending = new PendingReplies('ecs3', timers);
    const a = pending.open('play');
    const b = pending.open('pause');
    pending.rejectAll('The sandbox was removed before it answered {type}.', 'destroyed');
    await expect(a.reply).rejects.toThrow('The sandbox was removed before it answered play.');
    await expect(b.reply).rejects.toThrow('answered pause.');
    expect(timers.count()).toBe(0);
  });
});

describe('persistence helpers', () => {
  it('keeps only a state with a scenario id and a run', () => {
    const state = { v: 1, scenarioId: 'launch-types', run: '{"commands":[]}', hints: { a: 1 } };
    expect(storableState({ state })).toBe(state);
    expect(storableState({ state: { v: 1, scenarioId: 'x' } })).toBeNull();
    expect(storableState({ state: 'text' })).toBeNull();
    expect(storableState(null)).toBeNull();
  });

  it('gives each sandbox address and scenario its own key', () => {
    const a = defaultPersistKey('https://s.example.org/ecs/', 'launch-types');
    expect(a).not.toBe(defaultPersistKey('https://s.example.org/ecs/', 'spot'));
    expect(a).not.toBe(defaultPersistKey('https://s.example.org/other/', 'launch-types'));
  });
});
