/**
 * Which language of a scenario's locale map to show: the page's `lang` when the map has it, then
 * its bare language (`pt` for `pt-BR`), then English — the order scenarios/README.md promises.
 */
import type { LocalizedText } from '../../../../workers/protocol.ts';

export function localize(text: LocalizedText | string | undefined, lang: string): string {
  if (text === undefined) return '';
  if (typeof text === 'string') return text;
  const tag = lang.trim();
  if (tag !== '' && typeof text[tag] === 'string') return text[tag];
  const bare = tag.split('-')[0] ?? '';
  if (bare !== '' && typeof text[bare] === 'string') return text[bare];
  return typeof text.en === 'string' ? text.en : '';
}

/** The page's language tag (`<html lang>`), or `en` outside a browser. */
export function pageLang(): string {
  return typeof document === 'undefined' ? 'en' : document.documentElement.lang || 'en';
}
