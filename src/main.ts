// The page's entry, kept tiny: it reads the address's options (issue 9: embed, theme,
// clickToLoad…), applies the theme before anything paints, and loads the app (boot.ts) — at once,
// or, with clickToLoad=1, only when the learner asks for it, so that a course page embedding many
// sandboxes loads almost nothing until then.
import { parseEmbedOptions } from './lib/embed/options.ts';
import { applyTheme } from './lib/embed/theme.ts';

const { options, problems } = parseEmbedOptions(location.search);
applyTheme(options.theme);
if (options.embed) document.documentElement.dataset.embed = '1';
void import('./boot.ts').then((m) => m.boot(options, problems));
