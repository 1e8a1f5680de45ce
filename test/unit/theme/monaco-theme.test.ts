// Proves Monaco follows the page theme live: followPageTheme sets 'vs' or 'ecs-dark' from the theme
// in force, then on every change applyTheme makes, including a system change while 'auto' is chosen.
// The DOM is a stub (html's dataset and a matchMedia whose answer the test flips).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

type Listener = () => void;
const media = { matches: false, listeners: [] as Listener[], addEventListener: (_: string, l: Listener) => media.listeners.push(l) };
const saved = { document: globalThis.document, matchMedia: globalThis.matchMedia, getComputedStyle: globalThis.getComputedStyle };

beforeAll(() => {
  Object.assign(globalThis, {
    document: { documentElement: { dataset: {} } },
    matchMedia: () => media,
    // app.css's dark panel colour, as the page would give it.
    getComputedStyle: () => ({ getPropertyValue: (name: string) => (name === '--panel' ? ' #1b212a' : '') }),
  });
});
afterAll(() => {
  Object.assign(globalThis, saved);
  if (saved.getComputedStyle === undefined) delete (globalThis as { getComputedStyle?: unknown }).getComputedStyle;
});

describe('Monaco follows the page theme', () => {
  it('sets vs, then ecs-dark (vs-dark on the page\'s panel colour) and back as the theme changes, and stops when unsubscribed', async () => {
    const { applyTheme } = await import('../../../src/lib/embed/theme.ts');
    const { followPageTheme } = await import('../../../src/lib/editor/monaco-theme.ts');
    const set: string[] = [];
    const defined: Array<{ name: string; base: string; colors: Record<string, string> }> = [];
    applyTheme('light');
    const stop = followPageTheme({ setTheme: (name) => set.push(name), defineTheme: (name, data) => defined.push({ name, base: data.base, colors: data.colors }) });
    applyTheme('dark');
    applyTheme('dark'); // no change: no call
    applyTheme('light');
    expect(set).toEqual(['vs', 'ecs-dark', 'vs']);
    // The dark theme is defined before it is set: vs-dark, its background the page's panel.
    expect(defined[0]).toEqual({ name: 'ecs-dark', base: 'vs-dark', colors: { 'editor.background': '#1b212a', 'editorGutter.background': '#1b212a', 'minimap.background': '#1b212a' } });

    // auto: the system's preference, live.
    media.matches = true;
    applyTheme('auto');
    expect(document.documentElement.dataset.theme).toBe('dark');
    media.matches = false;
    for (const l of media.listeners) l();
    expect(set).toEqual(['vs', 'ecs-dark', 'vs', 'ecs-dark', 'vs']);

    stop();
    applyTheme('dark');
    expect(set).toHaveLength(5);
  });
});

describe('panelColour', () => {
  it('takes a #rrggbb value (trimmed, lower case), and nothing else', async () => {
    const { panelColour } = await import('../../../src/lib/editor/monaco-theme.ts');
    expect(panelColour(() => ' #1B212A ')).toBe('#1b212a');
    expect(panelColour(() => '')).toBeNull();
    expect(panelColour(() => 'var(--x)')).toBeNull();
    expect(panelColour(() => '#fff')).toBeNull();
  });
});
