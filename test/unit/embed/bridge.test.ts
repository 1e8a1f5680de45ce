// The sandbox's side of the postMessage API (src/lib/embed/bridge.ts) with a fake window and a fake
// client: who is listened to and posted to, every command and its refusals, and bad input never
// breaking the bridge.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { completionOf, defaultActivityBase, hostTargets, RESTORE_SETTLE_MS, wallDuration } from '../../../src/lib/embed/bridge.ts';
import { MAX_DURATION_MS } from '../../../src/lib/embed/xapi.ts';
import { COMMAND_TYPES, MAX_MESSAGE_CHARS } from '../../../src/lib/embed/protocol.ts';
import { resizeMessages } from '../../../src/lib/embed/resize.ts';
import { command, harness, HOST, lesson, objective, OTHER, session, settle } from './bridge-fakes.ts';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('handshake and where messages go', () => {
  it('posts ready with the commands to the parent\'s origin only, as soon as it listens', () => {
    const h = harness({ origins: [OTHER, HOST] });
    expect(h.win.posted).toEqual([{ origin: HOST, message: { source: 'ecs-sandbox', version: 1, type: 'ready', payload: { commands: [...COMMAND_TYPES] } } }]);
  });

  it('says nothing at all when the parent\'s origin (ancestorOrigins) is not allowed, and answers no command', async () => {
    const h = harness({ origins: [OTHER], ancestorOrigins: [HOST] });
    expect(h.win.posted).toEqual([]);
    h.win.send(command('getState'), HOST);
    await settle();
    expect(h.win.posted).toEqual([]);
    expect(h.bridge.targets).toEqual([]);
  });

  it('without ancestorOrigins, posts to each allowed origin (the browser delivers only to an exact match), then only to the host that spoke', async () => {
    const h = harness({ origins: [OTHER, HOST], ancestorOrigins: undefined });
    expect(h.win.posted.map((p) => [p.message.type, p.origin])).toEqual([['ready', OTHER], ['ready', HOST]]);
    h.win.reset();
    h.win.send(command('play'), HOST);
    await settle();
    expect(h.win.posted.map((p) => [p.message.type, p.origin])).toEqual([['reply', HOST]]);
    expect(h.bridge.targets).toEqual([HOST]);
  });

  it('hostTargets never widens to an origin that is not allowed', () => {
    expect(hostTargets([HOST], [HOST, OTHER])).toEqual([HOST]);
    expect(hostTargets([HOST], [OTHER])).toEqual([]);
    expect(hostTargets([HOST, HOST], undefined)).toEqual([HOST]);
    expect(hostTargets([HOST], [])).toEqual([HOST]);
  });

  it('resize posts the sandbox event and Canvas\'s lti.frameResize to the host origin', () => {
    const h = harness();
    h.win.reset();
    h.bridge.postResize(resizeMessages(640.2)!);
    expect(h.win.posted).toEqual([
      { origin: HOST, message: { source: 'ecs-sandbox', version: 1, type: 'resize', payload: { height: 641 } } },
      { origin: HOST, message: { subject: 'lti.frameResize', height: 641 } },
    ]);
  });

  it('dispose stops listening and posting', async () => {
    const h = harness();
    h.bridge.dispose();
    h.win.reset();
    h.win.send(command('play'));
    await settle();
    h.bridge.postResize(resizeMessages(100)!);
    expect(h.win.posted).toEqual([]);
    expect(h.client.play).not.toHaveBeenCalled();
  });
});

describe('messages that are not the host\'s are ignored, without a reply', () => {
  it('another origin, even one that looks alike', async () => {
    const h = harness();
    h.win.reset();
    for (const origin of [OTHER, `${HOST}:443`, `${HOST}/`, 'null', 'https://LMS.example.edu']) h.win.send(command('play'), origin);
    await settle();
    expect(h.win.posted).toEqual([]);
    expect(h.client.play).not.toHaveBeenCalled();
    expect(h.logs.filter((l) => l.includes('not an allowed origin'))).toHaveLength(5);
  });

  it('an allowed origin but not the parent window (another frame of the host, an opener)', async () => {
    const h = harness();
    h.win.reset();
    h.win.send(command('play'), HOST, { postMessage: () => undefined });
    h.win.send(command('play'), HOST, null);
    await settle();
    expect(h.win.posted).toEqual([]);
    expect(h.client.play).not.toHaveBeenCalled();
    expect(h.logs.some((l) => l.includes('other than the parent'))).toBe(true);
  });

  it('the host page\'s other messages (no source "ecs-sandbox")', async () => {
    const h = harness();
    h.win.reset();
    for (const data of ['hello', 42, null, [1], { type: 'play' }, { source: 'other', type: 'play' }]) h.win.send(data);
    await settle();
    expect(h.win.posted).toEqual([]);
  });
});

describe('bad input from the host gets an error reply, and the bridge keeps working', () => {
  it('malformed, unknown, oversized, wrong version, bad payloads: error replies with the id', async () => {
    const h = harness();
    h.win.reset();
    h.win.send({ source: 'ecs-sandbox', version: 1, type: 42, id: 'a' });
    h.win.send(command('launchRockets', {}, 'b'));
    h.win.send(command('setSpeed', { speed: 'x'.repeat(MAX_MESSAGE_CHARS + 10) }, 'c'));
    h.win.send({ ...command('play', {}, 'd'), version: 2 });
    h.win.send(command('setSpeed', { speed: 7 }, 'e'));
    h.win.send(command('loadScenario', { id: 'a', url: 'https://x.example/s.json' }, 'f'));
    h.win.send(command('play', {}, { nested: true } as unknown as string));
    await settle();
    const errors = h.win.of('error').map((p) => [p.message.id, p.message.payload.code]);
    expect(errors).toEqual([['a', 'badEnvelope'], ['b', 'unknownCommand'], ['c', 'tooLarge'], ['d', 'unsupportedVersion'], ['e', 'badPayload'], ['f', 'badPayload'], [undefined, 'badEnvelope']]);
    for (const p of h.win.posted) {
      expect(p.origin).toBe(HOST);
      expect(typeof p.message.payload.message).toBe('string');
    }
    expect(h.client.setSpeed).not.toHaveBeenCalled();
    h.win.send(command('play', {}, 'g'));
    await settle();
    expect(h.win.of('reply').map((p) => p.message.id)).toEqual(['g']);
  });

  it('a command that throws inside the sandbox is an error reply, and the next command still runs', async () => {
    const h = harness();
    h.client.play.mockRejectedValueOnce(new Error('worker gone'));
    h.win.reset();
    h.win.send(command('play', {}, 1));
    h.win.send(command('pause', {}, 2));
    await settle();
    expect(h.win.posted.map((p) => [p.message.type, p.message.id])).toEqual([['error', 1], ['reply', 2]]);
    expect(h.win.of('error')[0]!.message.payload).toEqual({ code: 'failed', message: 'play failed: worker gone' });
  });
});

describe('commands', () => {
  it('play, pause, setSpeed, setTheme: done and replied', async () => {
    const h = harness();
    h.win.reset();
    h.win.send(command('play', {}, 1));
    h.win.send(command('pause', {}, 2));
    h.win.send(command('setSpeed', { speed: 10 }, 3));
    h.win.send(command('setTheme', { theme: 'dark' }, 4));
    await settle();
    expect(h.client.play).toHaveBeenCalledOnce();
    expect(h.client.pause).toHaveBeenCalledOnce();
    expect(h.client.setSpeed).toHaveBeenCalledWith(10);
    expect(h.applied).toEqual(['dark']);
    expect(h.win.posted.map((p) => [p.message.type, p.message.id, p.message.payload])).toEqual([['reply', 1, {}], ['reply', 2, {}], ['reply', 3, {}], ['reply', 4, {}]]);
  });

  it('a command without id is done without a reply (a failure is still said)', async () => {
    const h = harness();
    h.win.reset();
    h.win.send(command('play', {}, null));
    await settle();
    expect(h.client.play).toHaveBeenCalledOnce();
    expect(h.win.posted).toEqual([]);
  });

  it('loadScenario by id: the bundled text goes to the scenario loader; an unknown id is refused', async () => {
    const h = harness();
    h.win.reset();
    h.win.send(command('loadScenario', { id: 'launch-types' }, 1));
    h.win.send(command('loadScenario', { id: 'no-such-thing' }, 2));
    await settle();
    expect(h.bundled).toHaveBeenCalledWith('launch-types');
    expect(h.client.loads).toEqual([{ text: 'id: launch-types\n' }]);
    expect(h.win.posted.map((p) => [p.message.type, p.message.id, p.message.payload])).toEqual([
      ['reply', 1, { id: 'launch-types' }],
      ['error', 2, { code: 'badPayload', message: 'There is no bundled scenario "no-such-thing".' }],
    ]);
  });

  it('loadScenario by url: fetched with the address limits; a refused fetch is said', async () => {
    const h = harness({ fetchOutcome: { ok: false, message: 'Could not open https://x.example/s.yaml: it is more than the 512 KB a scenario may be.' } });
    h.win.reset();
    h.win.send(command('loadScenario', { url: 'https://x.example/s.yaml' }, 1));
    await settle();
    expect(h.fetched).toHaveBeenCalledWith('https://x.example/s.yaml');
    expect(h.client.loads).toEqual([]);
    expect(h.win.of('error')[0]!.message.payload.code).toBe('failed');
    expect(h.win.of('error')[0]!.message.payload.message).toContain('512 KB');
  });

  it('loadScenario inline: the object\'s JSON text goes to the scenario loader (never run); its refusal is said with the loader\'s issues', async () => {
    const h = harness();
    h.client.loadResult = { ok: false, issues: [{ message: 'steps[0].objectives: required', line: 3 }] };
    h.win.reset();
    const scenario = { id: 'mine', title: '<img src=x onerror=alert(1)>', setup: [] };
    h.win.send(command('loadScenario', { scenario }, 1));
    await settle();
    expect(h.client.loads).toEqual([{ text: JSON.stringify(scenario) }]);
    expect(h.win.of('error')[0]!.message).toMatchObject({ id: 1, payload: { code: 'failed', message: 'The scenario was not loaded: line 3: steps[0].objectives: required' } });
  });

  it('reset', async () => {
    const h = harness();
    h.win.reset();
    h.win.send(command('reset', {}, 1));
    await settle();
    expect(h.client.reset).toHaveBeenCalledOnce();
    expect(h.win.of('reply')).toHaveLength(1);
  });

  it('getState: the run and the hints of the open scenario; refused before a scenario is open', async () => {
    const h = harness();
    h.win.send(command('getState', {}, 1));
    await settle();
    expect(h.win.of('error')[0]!.message.payload).toEqual({ code: 'failed', message: 'No scenario is open yet.' });
    h.publish(session('launch-types', lesson('launch-types', [[objective('a', { hints: [{ en: 'h1' }] }), objective('b')]]), 2));
    h.win.reset();
    h.win.send(command('getState', {}, 2));
    await settle();
    expect(h.win.of('reply')[0]!.message).toMatchObject({ id: 2, payload: { state: { v: 1, scenarioId: 'launch-types', run: '{"run":1}', hints: { a: 1 } } } });
  });

  it('the first getState or setState marks the learner\'s work as kept by the host (the page then says so)', async () => {
    for (const type of ['getState', 'setState'] as const) {
      const h = harness();
      h.publish(session('launch-types', lesson('launch-types', [[objective('a')]])));
      expect(h.client.progressKeptByHost).toBe(false);
      h.win.send(command('play', {}, 1));
      await settle();
      expect(h.client.progressKeptByHost).toBe(false);
      h.win.send(command(type, type === 'getState' ? {} : { state: { v: 1, scenarioId: 'launch-types', run: '{"run":1}' } }, 2));
      await settle();
      expect(h.client.progressKeptByHost).toBe(true);
    }
  });

  it('setState restores the run and reveals the hints still missing', async () => {
    const h = harness();
    const before = lesson('launch-types', [[objective('a'), objective('b')]]);
    h.publish(session('launch-types', before));
    // The restored run already shows one hint of a (the worker kept it): only one more is revealed.
    h.client.onRestore = () => setTimeout(() => h.publish(session('launch-types', lesson('launch-types', [[objective('a', { hints: [{ en: 'h1' }] }), objective('b')]]), 3)), 0);
    // The worker publishes the session showing each hint revealed: the reply waits for the last one.
    h.client.onReveal = () => setTimeout(() => h.publish(session('launch-types', lesson('launch-types', [[objective('a', { hints: [{ en: 'h1' }, { en: 'h2' }] }), objective('b', { hints: [{ en: 'h1' }] })]], { hintsShown: 3 }), 3)), 0);
    h.win.reset();
    h.win.send(command('setState', { state: { v: 1, scenarioId: 'launch-types', run: 'RUN', hints: { a: 2, b: 1 } } }, 7));
    await settle();
    await vi.advanceTimersByTimeAsync(10);
    expect(h.client.restoreRun).toHaveBeenCalledWith('RUN');
    expect(h.client.hintsRevealed).toEqual(['a', 'b']);
    expect(h.win.of('reply')[0]!.message).toMatchObject({ id: 7, payload: { scenarioId: 'launch-types', hintsShown: 2 } });
  });

  it('setState waits at most RESTORE_SETTLE_MS for the restored session, and as long for the session of the last hint', async () => {
    const h = harness();
    h.publish(session('launch-types', lesson('launch-types', [[objective('a')]])));
    h.win.reset();
    h.win.send(command('setState', { state: { v: 1, scenarioId: 'launch-types', run: 'RUN', hints: { a: 1 } } }, 1));
    await settle();
    expect(h.win.of('reply')).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(RESTORE_SETTLE_MS);
    expect(h.client.hintsRevealed).toEqual(['a']);
    expect(h.win.of('reply')).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(RESTORE_SETTLE_MS);
    expect(h.win.of('reply')).toHaveLength(1);
  });

  it('setState without hints to reveal replies as soon as the restored session is published', async () => {
    const h = harness();
    h.publish(session('launch-types', lesson('launch-types', [[objective('a')]])));
    h.client.onRestore = () => setTimeout(() => h.publish(session('launch-types', lesson('launch-types', [[objective('a')]], { attempts: 1 }), 1)), 0);
    h.win.reset();
    h.win.send(command('setState', { state: { v: 1, scenarioId: 'launch-types', run: 'RUN' } }, 1));
    await vi.advanceTimersByTimeAsync(10);
    expect(h.win.of('reply')).toHaveLength(1);
  });

  it('setState of another scenario or version is refused (wrongState) and nothing changes', async () => {
    const h = harness();
    h.publish(session('launch-types', lesson('launch-types', [[objective('a')]])));
    h.win.reset();
    h.win.send(command('setState', { state: { v: 1, scenarioId: 'placement', run: 'RUN' } }, 1));
    h.win.send(command('setState', { state: { v: 2, scenarioId: 'launch-types', run: 'RUN' } }, 2));
    h.win.send(command('setState', { state: { v: 1, scenarioId: 'launch-types', run: 'RUN', extra: 1 } }, 3));
    await settle();
    // A bad shape is refused on arrival; the scenario is judged when the command's turn comes.
    expect(h.win.posted.map((p) => [p.message.id, p.message.payload.code])).toEqual([[2, 'wrongState'], [3, 'badPayload'], [1, 'wrongState']]);
    expect(h.win.posted.find((p) => p.message.id === 1)!.message.payload.message).toBe('setState\'s state is of scenario placement, but launch-types is open; load that scenario first.');
    expect(h.client.restoreRun).not.toHaveBeenCalled();
  });

  it('setState whose run the worker refuses is an error, hints untouched', async () => {
    const h = harness();
    h.publish(session('launch-types', lesson('launch-types', [[objective('a')]])));
    h.client.restoreResult = { ok: false, message: 'the run is of another scenario.' };
    h.win.reset();
    h.win.send(command('setState', { state: { v: 1, scenarioId: 'launch-types', run: 'RUN', hints: { a: 1 } } }, 1));
    await settle();
    expect(h.win.of('error')[0]!.message.payload).toEqual({ code: 'failed', message: 'The state was not restored: the run is of another scenario.' });
    expect(h.client.revealHint).not.toHaveBeenCalled();
  });

  it('commands run in order: a setState sent right after a loadScenario is judged against the loaded scenario', async () => {
    const h = harness();
    h.publish(session('sandbox', null));
    h.client.loadResult = { ok: true, id: 'launch-types' };
    h.client.loadScenarioText.mockImplementationOnce(async (text: string) => {
      h.client.loads.push({ text });
      await new Promise((ok) => setTimeout(ok, 50));
      h.publish(session('launch-types', lesson('launch-types', [[objective('a')]])));
      return { ok: true as const };
    });
    h.win.reset();
    h.win.send(command('loadScenario', { id: 'launch-types' }, 1));
    h.win.send(command('setState', { state: { v: 1, scenarioId: 'launch-types', run: 'RUN' } }, 2));
    await vi.advanceTimersByTimeAsync(RESTORE_SETTLE_MS + 100);
    expect(h.win.posted.filter((p) => p.message.id !== undefined).map((p) => [p.message.type, p.message.id])).toEqual([['reply', 1], ['reply', 2]]);
    expect(h.client.restoreRun).toHaveBeenCalledWith('RUN');
  });
});

describe('helpers', () => {
  it('completion: objectives met / objectives, 0 once the solution was revealed; the wall-clock duration given, not the simulated one', () => {
    const done = lesson('s', [[objective('a', { passed: true }), objective('b', { passed: true })], [objective('c', { passed: false })]], { completed: true, attempts: 4, startedAtMs: 1000, completedAtMs: 61_000 });
    expect(completionOf(done, 12_345)).toEqual({ score: 2, max: 3, attempts: 4, durationMs: 12_345 });
    expect(completionOf({ ...done, solutionRevealed: true }, 12_345)).toEqual({ score: 0, max: 3, attempts: 4, durationMs: 12_345 });
    expect(completionOf(lesson('s', [], { completed: true }), 0)).toEqual({ score: 1, max: 1, attempts: 0, durationMs: 0 });
    // Made whole ms in 0 … MAX_DURATION_MS (a clock set back, a week-long tab, not a number).
    expect(completionOf(done, 1.6).durationMs).toBe(2);
    expect(completionOf(done, -5000).durationMs).toBe(0);
    expect(completionOf(done, MAX_DURATION_MS + 1).durationMs).toBe(MAX_DURATION_MS);
    expect(completionOf(done, Number.NaN).durationMs).toBe(0);
  });

  it('wallDuration: from the opening to now, whole ms, never negative nor beyond MAX_DURATION_MS', () => {
    expect(wallDuration(1000, 61_000)).toBe(60_000);
    expect(wallDuration(61_000, 1000)).toBe(0);
    expect(wallDuration(0, MAX_DURATION_MS * 2)).toBe(MAX_DURATION_MS);
  });

  it('the default activity base is the sandbox\'s directory + scenarios/, without query or fragment', () => {
    expect(defaultActivityBase('https://cdn.example.org/ecs/lab/?embed=1&origins=x#run=abc')).toBe('https://cdn.example.org/ecs/lab/scenarios/');
    expect(defaultActivityBase('https://cdn.example.org/ecs/lab/index.html?embed=1')).toBe('https://cdn.example.org/ecs/lab/scenarios/');
  });
});
