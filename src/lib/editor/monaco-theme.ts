/**
 * Monaco's theme follows the page's (issue 9, theme=light|dark|auto): Monaco paints its editors
 * itself, so app.css's palettes cannot reach it. Its theme is global, so one subscription, made
 * when the Monaco chunk loads, serves every editor (task definitions, requests, authoring YAML),
 * those already open included.
 */
import { currentTheme, onThemeChange, type ResolvedTheme } from '../embed/theme.ts';

/** Monaco's built-in theme for each page theme. */
export const MONACO_THEMES: Record<ResolvedTheme, 'vs' | 'vs-dark'> = { light: 'vs', dark: 'vs-dark' };

/** Sets Monaco's theme from the page's now and on every change; returns the unsubscribe. */
export function followPageTheme(editorApi: { setTheme(name: string): void }): () => void {
  editorApi.setTheme(MONACO_THEMES[currentTheme()]);
  return onThemeChange((theme) => editorApi.setTheme(MONACO_THEMES[theme]));
}
