/**
 * The embed options' small decisions at boot (issue 9, item 2), pure so they are tested apart.
 */
import type { EmbedOptions } from './options.ts';

/**
 * Whether the clock starts once the scenario is in: `autoplay=1`/`0` decide; without it the site
 * plays (a live first screen) and an embed stays paused (a course page may hold several
 * sandboxes, and a learner reading the text around one should not miss its start).
 */
export function startsPlaying(options: Pick<EmbedOptions, 'autoplay' | 'embed'>): boolean {
  return options.autoplay ?? !options.embed;
}

/**
 * The page's language (`<html lang>`), which the lesson reads to pick a scenario's translation
 * (view-model/lesson/locale.ts: the tag, then its bare language, then English). Without `lang=`
 * the page stays English, the language of its own interface: a scenario's translations are
 * chosen by the host that knows the course's language, not guessed from the browser.
 */
export function pageLanguage(lang: string | null): string {
  return lang ?? 'en';
}

/**
 * Whether the build-time first frame of the default scenario may be drawn: it was computed with the
 * scenario's own seed, so a `seed=` override (whose ids and placement differ) must wait for the worker.
 */
export function usesFirstFrame(seed: number | null): boolean {
  return seed === null;
}
