/**
 * Monaco's theme follows the page's (issue 9, theme=light|dark|auto): Monaco paints its editors
 * itself, so app.css's palettes cannot reach it. Its theme is global, so one subscription, made
 * when the Monaco chunk loads, serves every editor (task definitions, requests, authoring YAML),
 * those already open included.
 *
 * Dark is Monaco's 'vs-dark' with its background and gutter set to the page's own panel colour
 * (app.css's `--panel`, read when the dark theme comes into force), so an editor sits in its panel
 * like the rest of the page instead of as a darker slab (#1e1e1e). Light is Monaco's 'vs', whose
 * near-white matches the light panel already.
 */
import { currentTheme, onThemeChange, type ResolvedTheme } from '../embed/theme.ts';

/** Monaco's theme for each page theme. */
export const MONACO_THEMES: Record<ResolvedTheme, string> = { light: 'vs', dark: 'ecs-dark' };

export interface MonacoThemeApi {
  setTheme(name: string): void;
  defineTheme(name: string, data: { base: 'vs' | 'vs-dark'; inherit: boolean; rules: []; colors: Record<string, string> }): void;
}

/** The page's panel colour as Monaco wants it (#rrggbb), or null when app.css does not give one. */
export function panelColour(read: () => string): string | null {
  const value = read().trim().toLowerCase();
  return /^#[0-9a-f]{6}$/.test(value) ? value : null;
}

function apply(editorApi: MonacoThemeApi, theme: ResolvedTheme): void {
  if (theme === 'dark') {
    const panel = panelColour(() => getComputedStyle(document.documentElement).getPropertyValue('--panel'));
    editorApi.defineTheme('ecs-dark', {
      base: 'vs-dark',
      inherit: true,
      rules: [],
      colors: panel === null ? {} : { 'editor.background': panel, 'editorGutter.background': panel, 'minimap.background': panel },
    });
  }
  editorApi.setTheme(MONACO_THEMES[theme]);
}

/** Sets Monaco's theme from the page's now and on every change; returns the unsubscribe. */
export function followPageTheme(editorApi: MonacoThemeApi): () => void {
  apply(editorApi, currentTheme());
  return onThemeChange((theme) => apply(editorApi, theme));
}
