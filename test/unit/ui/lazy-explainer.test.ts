// Proves the page's handle on the lazily loaded explainer, with a loader the test releases by
// hand: a question asked before the chunk arrives waits (the dialog is open, shortcuts defer to
// it) and is asked the moment the chunk loads, with focus still returning to the first asker; a
// later question while waiting replaces it; closing meanwhile drops it (nothing opens later); a
// failed load is said and can be retried; the chunk is fetched once however often it is asked
// for; and once loaded, explain() is exactly the explainer's show().
import { describe, expect, it } from 'vitest';
import type { ExplainQuery, ExplainResult } from '../../../workers/protocol.ts';
import type { SandboxClient } from '../../../src/lib/sandbox-client.svelte.ts';
import { PlacementExplainerState } from '../../../src/lib/placement-explainer.svelte.ts';
import { LazyExplainer, type ExplainerUi } from '../../../src/lib/lazy-explainer.svelte.ts';
import { decisionQuery, taskQuery, whatIfQuery } from '../../../src/lib/view-model/placement-query.ts';

const TASK = 'arn:aws:ecs:us-east-1:1:task/demo/abc';

function fakeClient() {
  const asked: ExplainQuery[] = [];
  const client = {
    explain(query: ExplainQuery): Promise<ExplainResult> {
      asked.push(query);
      return new Promise(() => undefined);
    },
  };
  return { client: client as unknown as SandboxClient, asked };
}

/** A loader whose fetches the test resolves or rejects by hand. */
function manualLoader() {
  const fetches: { resolve(ui: ExplainerUi): void; reject(error: Error): void }[] = [];
  const load = () => new Promise<ExplainerUi>((resolve, reject) => fetches.push({ resolve, reject }));
  const chunk = { PlacementExplainerState, PlacementExplainer: (() => undefined) as unknown } as ExplainerUi;
  return { load, fetches, chunk };
}

/** Just enough of an element for focus to return to. */
function focusable() {
  const el = { isConnected: true, focused: 0, focus() { el.focused += 1; } };
  return el;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('LazyExplainer', () => {
  it('holds a question until the chunk arrives, then asks it and hands over where focus returns', async () => {
    const { client, asked } = fakeClient();
    const { load, fetches, chunk } = manualLoader();
    const lazy = new LazyExplainer(client, load);
    const button = focusable();
    lazy.explain(taskQuery(TASK), button as unknown as Element);
    expect(lazy.isOpen).toBe(true);
    expect(lazy.waiting).toEqual(taskQuery(TASK));
    expect(lazy.state).toBeNull();
    expect(asked).toEqual([]);

    fetches[0]!.resolve(chunk);
    await settle();
    expect(lazy.waiting).toBeNull();
    expect(lazy.ui).toBe(chunk);
    expect(lazy.state?.isOpen).toBe(true);
    expect(lazy.isOpen).toBe(true);
    expect(asked).toEqual([taskQuery(TASK)]);
    lazy.close();
    expect(button.focused).toBe(1);
    expect(lazy.isOpen).toBe(false);
  });

  it('asks only the latest of two questions asked while loading; focus goes back to the first asker', async () => {
    const { client, asked } = fakeClient();
    const { load, fetches, chunk } = manualLoader();
    const lazy = new LazyExplainer(client, load);
    const first = focusable();
    const second = focusable();
    lazy.explain(taskQuery(TASK), first as unknown as Element);
    lazy.explain(whatIfQuery({ taskDefinition: 'web' }), second as unknown as Element);
    expect(fetches).toHaveLength(1);
    fetches[0]!.resolve(chunk);
    await settle();
    expect(asked).toEqual([whatIfQuery({ taskDefinition: 'web' })]);
    lazy.state!.close();
    expect(first.focused).toBe(1);
    expect(second.focused).toBe(0);
  });

  it('drops the question when closed while loading, and the loaded chunk then opens nothing', async () => {
    const { client, asked } = fakeClient();
    const { load, fetches, chunk } = manualLoader();
    const lazy = new LazyExplainer(client, load);
    lazy.explain(decisionQuery('p-1'), null);
    lazy.close();
    expect(lazy.isOpen).toBe(false);
    expect(lazy.waiting).toBeNull();
    fetches[0]!.resolve(chunk);
    await settle();
    expect(lazy.state).not.toBeNull();
    expect(lazy.state!.isOpen).toBe(false);
    expect(asked).toEqual([]);
  });

  it('says why the chunk did not load, keeps the question, and asks it after a successful retry', async () => {
    const { client, asked } = fakeClient();
    const { load, fetches, chunk } = manualLoader();
    const lazy = new LazyExplainer(client, load);
    lazy.explain(decisionQuery('p-2'), null);
    fetches[0]!.reject(new Error('Failed to fetch dynamically imported module'));
    await settle();
    expect(lazy.loadError).toBe('Failed to fetch dynamically imported module');
    expect(lazy.waiting).toEqual(decisionQuery('p-2'));
    expect(lazy.isOpen).toBe(true);

    lazy.retry();
    expect(lazy.loadError).toBeNull();
    expect(fetches).toHaveLength(2);
    fetches[1]!.resolve(chunk);
    await settle();
    expect(asked).toEqual([decisionQuery('p-2')]);
    expect(lazy.state?.isOpen).toBe(true);
  });

  it('fetches the chunk once for the idle preload and every later question, and then opens synchronously', async () => {
    const { client, asked } = fakeClient();
    const { load, fetches, chunk } = manualLoader();
    const lazy = new LazyExplainer(client, load);
    const preload = lazy.load();
    void lazy.load();
    expect(fetches).toHaveLength(1);
    fetches[0]!.resolve(chunk);
    expect(await preload).toBe(true);
    expect(lazy.isOpen).toBe(false);

    lazy.explain(taskQuery(TASK), null);
    expect(lazy.waiting).toBeNull();
    expect(lazy.state!.isOpen).toBe(true);
    expect(asked).toEqual([taskQuery(TASK)]);
    expect(fetches).toHaveLength(1);
  });

  it('retry and close do nothing when no question waits', () => {
    const { client } = fakeClient();
    const { load, fetches } = manualLoader();
    const lazy = new LazyExplainer(client, load);
    lazy.retry();
    lazy.close();
    expect(fetches).toHaveLength(0);
    expect(lazy.isOpen).toBe(false);
  });
});
