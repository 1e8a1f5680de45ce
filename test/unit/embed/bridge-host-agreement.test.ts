// The bridge and the host helper (src/host/core.ts, used by embed.js) agree on the new fields: a
// stateChanged's state with spentMs is stored whole (JSON, as mount.ts writes it) and comes back
// through setState accepted; the restored flag reaches the host's onEvent payload, with no statement.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { STATE_DEBOUNCE_MS } from '../../../src/lib/embed/bridge.ts';
import { parseSandboxMessage, storableState } from '../../../src/host/core.ts';
import { command, harness, lesson, objective, session } from './bridge-fakes.ts';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const ID = 'launch-types';

describe('bridge ↔ host helper', () => {
  it('a stored state keeps spentMs and is restored with it', async () => {
    const first = harness();
    first.publish(session(ID, lesson(ID, [[objective('a')]])));
    first.clock.ms += 25_000;
    first.publish(session(ID, lesson(ID, [[objective('a', { passed: true })]], { attempts: 1 }), 1));
    await vi.advanceTimersByTimeAsync(STATE_DEBOUNCE_MS);
    const message = parseSandboxMessage(first.win.of('stateChanged')[0]!.message);
    expect(message?.kind).toBe('event');
    const stored = storableState(message!.kind === 'event' ? message!.event.payload : null);
    expect(stored).toMatchObject({ scenarioId: ID, spentMs: 25_000 });
    const kept = JSON.parse(JSON.stringify(stored)) as unknown;

    // A reload: a new frame, the scenario opened afresh, the host's setState with what it kept.
    const second = harness();
    second.publish(session(ID, lesson(ID, [[objective('a')]])));
    second.client.onRestore = () => setTimeout(() => second.publish(session(ID, lesson(ID, [[objective('a', { passed: true })]], { attempts: 1 }), 1)), 0);
    second.win.reset();
    second.win.send(command('setState', { state: kept }, 1));
    await vi.advanceTimersByTimeAsync(10);
    expect(second.win.of('reply')).toHaveLength(1);
    const reSaid = parseSandboxMessage(second.win.of('objectiveChanged')[0]!.message);
    expect(reSaid).toMatchObject({ kind: 'event', event: { type: 'objectiveChanged', payload: { id: 'a', passed: true, restored: true } } });
    expect(reSaid!.kind === 'event' && reSaid!.event.statement).toBe(undefined);
    second.clock.ms += 5_000;
    second.win.send(command('getState', {}, 2));
    await vi.advanceTimersByTimeAsync(0);
    expect(second.win.posted.find((p) => p.message.id === 2)!.message.payload.state.spentMs).toBe(30_000);
  });
});
