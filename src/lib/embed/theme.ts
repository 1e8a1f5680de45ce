/**
 * The page theme (issue 9, `theme=light|dark|auto` and the `setTheme` command): the resolved theme
 * sits on `html[data-theme]` ('light' or 'dark'), which app.css's palettes key on. 'auto' follows
 * the system's prefers-color-scheme, live. Listeners (e.g. Monaco, whose theme is not CSS) hear
 * every change of the resolved theme.
 */
import type { Theme } from './options.ts';

export type ResolvedTheme = 'light' | 'dark';

const DARK_QUERY = '(prefers-color-scheme: dark)';
const listeners = new Set<(theme: ResolvedTheme) => void>();
let chosen: Theme = 'light';
let media: MediaQueryList | null = null;

function resolve(): ResolvedTheme {
  if (chosen !== 'auto') return chosen;
  return media?.matches ? 'dark' : 'light';
}

function publish(): void {
  const theme = resolve();
  if (document.documentElement.dataset.theme === theme) return;
  document.documentElement.dataset.theme = theme;
  for (const listener of listeners) listener(theme);
}

/** Applies a theme choice; 'auto' keeps following the system until another choice. */
export function applyTheme(theme: Theme): void {
  chosen = theme;
  if (theme === 'auto' && media === null && typeof matchMedia === 'function') {
    media = matchMedia(DARK_QUERY);
    media.addEventListener('change', () => {
      if (chosen === 'auto') publish();
    });
  }
  publish();
}

/** The theme in force ('light' until a choice is applied). */
export function currentTheme(): ResolvedTheme {
  return document.documentElement.dataset.theme === 'dark' ? 'dark' : 'light';
}

/** Calls `listener` on every change of the resolved theme; returns the unsubscribe. */
export function onThemeChange(listener: (theme: ResolvedTheme) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
