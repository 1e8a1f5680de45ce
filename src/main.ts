// The page's entry, kept tiny: it reads the address's options (issue 9: embed, theme,
// clickToLoad…), applies the theme before anything paints, and loads the app (boot.ts) — at once,
// or, with clickToLoad=1, only when the learner asks for it (a poster until then: poster.ts), so
// that a course page embedding many sandboxes loads almost nothing until then.
import { parseEmbedOptions } from './lib/embed/options.ts';
import { applyTheme } from './lib/embed/theme.ts';
import { showPoster } from './lib/embed/poster.ts';

const { options, problems } = parseEmbedOptions(location.search);
applyTheme(options.theme);
if (options.embed) document.documentElement.dataset.embed = '1';
if (options.clickToLoad) {
  const target = document.getElementById('app') ?? document.body;
  showPoster(target, options.scenario, async (removePoster) => {
    const { boot } = await import('./boot.ts');
    removePoster();
    await boot(options, problems);
    // Hand focus over to the sandbox: its first control (Play), as the learner asked to start.
    document.querySelector<HTMLElement>('.time-controls button')?.focus();
  });
} else {
  void import('./boot.ts').then((m) => m.boot(options, problems));
}
