// Proves the two palettes of app.css are readable: every text/background pair the UI uses has a
// WCAG 2 contrast of at least 4.5:1 in both themes (3:1 for the marks that are not text), and the
// dark palette overrides only roles the light one defines. Ratios are computed from the CSS text
// itself with WCAG's relative luminance formula, so changing a colour in app.css is checked here.
import { describe, expect, it } from 'vitest';
import { APP_CSS, blockOf, contrast, palettes, rgb, variables } from './palette.ts';

const { light, dark } = palettes();

// [text, background]: where the UI puts one on the other.
const TEXT_PAIRS: [string, string][] = [
  ...[
    '--page', '--panel', '--control-bg', '--sunken', '--subtle', '--bar-bg', '--faint', '--table-head', '--code-bg', '--pre-bg',
    '--code-inline-bg', '--track', '--step-mark', '--info-bg', '--hint-bg', '--warn-bg', '--suggest-bg', '--prediction-bg', '--tg-bg',
    '--external-bg', '--chip-filter-bg', '--chip-constraint-bg', '--score-bg', '--chosen-bg', '--fail-bg', '--ok-bg', '--bad-bg',
  ].map((bg): [string, string] => ['--ink', bg]),
  ...['--page', '--panel', '--control-bg', '--sunken', '--subtle', '--bar-bg', '--table-head', '--code-bg', '--track', '--tg-bg', '--info-bg', '--hint-bg'].map(
    (bg): [string, string] => ['--muted', bg],
  ),
  ['--accent', '--panel'],
  ['--accent', '--page'],
  ['--ok', '--panel'],
  ['--ok', '--ok-bg'],
  ['--bad', '--panel'],
  ['--bad', '--bad-bg'],
  ['--warn', '--panel'],
  ['--warn', '--warn-bg'],
  ['--teal', '--panel'],
  ['--pass-ink', '--panel'],
  ['--check-ok', '--panel'],
  ['--check-bad', '--panel'],
  ['--refusal-ink', '--refusal-bg'],
  ['--past-ink', '--past-bg'],
  ['--past-button-ink', '--past-button'],
  ['--accent-ink', '--accent'],
  ['--on-strong', '--ok'],
  ['--on-strong', '--accent'],
  ['--on-strong', '--bad'],
  ['--on-strong', '--ink'],
  ['--head-ink', '--head'],
  ['--head-ink', '--head-control'],
  ['--head-muted', '--head'],
  ['--on-fill', '--lb-alb'],
  ['--on-fill', '--lb-network'],
  ['--on-fill', '--lb-classic'],
];

// Marks that carry meaning without text (target-health links, resource bars): 3:1 (WCAG 1.4.11).
const MARK_PAIRS: [string, string][] = [
  ['--health-initial', '--page'],
  ['--health-healthy', '--page'],
  ['--health-unhealthy', '--page'],
  ['--health-draining', '--page'],
  ['--cpu', '--track'],
  ['--mem', '--track'],
  ['--high', '--track'],
];

// Pairs of the light theme once under the bar, recorded so that they could not get worse while the
// dark theme was made; all since raised (the accent, the draining line and the high bar darkened),
// so none is left: every pair must meet the bar.
const LIGHT_AS_BEFORE: Record<string, number> = {};

const ratio = (p: Record<string, string>, [fg, bg]: [string, string]) => contrast(rgb(p, fg), rgb(p, bg));

describe('contrast of the light and dark palettes', () => {
  it.each(TEXT_PAIRS)('text %s on %s: at least 4.5:1 in both themes', (fg, bg) => {
    expect(ratio(dark, [fg, bg]), `dark: ${fg} on ${bg}`).toBeGreaterThanOrEqual(4.5);
    const known = LIGHT_AS_BEFORE[`${fg} on ${bg}`];
    expect(ratio(light, [fg, bg]), `light: ${fg} on ${bg}`).toBeGreaterThanOrEqual(known ? known - 0.005 : 4.5);
  });

  it.each(MARK_PAIRS)('mark %s on %s: at least 3:1 in both themes', (fg, bg) => {
    expect(ratio(dark, [fg, bg]), `dark: ${fg} on ${bg}`).toBeGreaterThanOrEqual(3);
    const known = LIGHT_AS_BEFORE[`${fg} on ${bg}`];
    expect(ratio(light, [fg, bg]), `light: ${fg} on ${bg}`).toBeGreaterThanOrEqual(known ? known - 0.005 : 3);
  });

  it('computes WCAG ratios (black on white is 21:1, a colour on itself 1:1, #767676 on white 4.54:1)', () => {
    expect(contrast([0, 0, 0], [255, 255, 255])).toBeCloseTo(21, 5);
    expect(contrast([18, 52, 86], [18, 52, 86])).toBe(1);
    expect(contrast([0x76, 0x76, 0x76], [255, 255, 255])).toBeCloseTo(4.54, 2);
  });

  it('overrides in dark only roles that light defines, and declares color-scheme: dark', () => {
    const darkBlock = blockOf(APP_CSS, "html[data-theme='dark']");
    const unknown = Object.keys(variables(darkBlock)).filter((name) => !(name in light));
    expect(unknown).toEqual([]);
    expect(darkBlock).toMatch(/color-scheme:\s*dark;/);
    expect(blockOf(APP_CSS, ':root')).toMatch(/color-scheme:\s*light;/);
  });

  it('gives every colour role a dark value, or says why it keeps its light one', () => {
    // Fills that carry white text in both themes, and sizes/fonts, keep one value.
    const sameInBoth = new Set(['--on-fill', '--lb-alb', '--lb-network', '--lb-classic', '--head-ink', '--head-line', '--past-accent', '--radius', '--mono']);
    const missing = Object.keys(light).filter((name) => !sameInBoth.has(name) && dark[name] === light[name]);
    expect(missing).toEqual([]);
  });
});
