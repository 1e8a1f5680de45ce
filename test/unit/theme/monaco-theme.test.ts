// Proves Monaco follows the page theme live: followPageTheme sets 'vs' or 'vs-dark' from the theme
// in force, then on every change applyTheme makes, including a system change while 'auto' is chosen.
// The DOM is a stub (html's dataset and a matchMedia whose answer the test flips).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

type Listener = () => void;
const media = { matches: false, listeners: [] as Listener[], addEventListener: (_: string, l: Listener) => media.listeners.push(l) };
const saved = { document: globalThis.document, matchMedia: globalThis.matchMedia };

beforeAll(() => {
  Object.assign(globalThis, { document: { documentElement: { dataset: {} } }, matchMedia: () => media });
});
afterAll(() => {
  Object.assign(globalThis, saved);
});

describe('Monaco follows the page theme', () => {
  it('sets vs, then vs-dark and back as the theme changes, and stops when unsubscribed', async () => {
    const { applyTheme } = await import('../../../src/lib/embed/theme.ts');
    const { followPageTheme } = await import('../../../src/lib/editor/monaco-theme.ts');
    const set: string[] = [];
    applyTheme('light');
    const stop = followPageTheme({ setTheme: (name) => set.push(name) });
    applyTheme('dark');
    applyTheme('dark'); // no change: no call
    applyTheme('light');
    expect(set).toEqual(['vs', 'vs-dark', 'vs']);

    // auto: the system's preference, live.
    media.matches = true;
    applyTheme('auto');
    expect(document.documentElement.dataset.theme).toBe('dark');
    media.matches = false;
    for (const l of media.listeners) l();
    expect(set).toEqual(['vs', 'vs-dark', 'vs', 'vs-dark', 'vs']);

    stop();
    applyTheme('dark');
    expect(set).toHaveLength(5);
  });
});
