// Proves the two palettes of app.css are readable: every text/background pair the UI uses has a
// WCAG 2 contrast of at least 4.5:1 in both themes (3:1 for the marks that are not text), and the
// dark palette overrides only roles the light one defines. Ratios are computed from the CSS text
// itself with WCAG's relative luminance formula, so changing a colour in app.css is checked here.
import { describe, expect, it } from 'vitest';
import { APP_CSS, blockOf, contrast, palettes, rgb, variables } from './palette.ts';
import { ASG_SERIES, CPU_COLOR } from '../../../src/lib/view-model/capacity/asg.ts';
import { LAUNCH_TYPE_COLORS } from '../../../src/lib/view-model/capacity/cost.ts';
import { RESERVATION_COLOR } from '../../../src/lib/view-model/capacity/reservation.ts';
import { COUNT_SERIES } from '../../../src/lib/view-model/scaling/count-chart.ts';
import { METRIC_COLOR } from '../../../src/lib/view-model/scaling/policy-metric.ts';

const { light, dark } = palettes();

// Every colour the view models give a chart series: each must be a palette role, var(--series-…).
const SERIES_COLOURS: string[] = [
  ...Object.values(COUNT_SERIES).map((s) => s.color),
  METRIC_COLOR,
  ...ASG_SERIES.map((s) => s.color),
  CPU_COLOR,
  RESERVATION_COLOR,
  ...Object.values(LAUNCH_TYPE_COLORS),
];
const SERIES_ROLES = [...new Set(SERIES_COLOURS.map((c) => /^var\((--series-[a-z0-9-]+)\)$/.exec(c)?.[1] ?? c))];

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
  // The chart series (scaling and capacity charts, cost bands, their legend swatches), on the panel
  // the charts sit on.
  ...SERIES_ROLES.map((role): [string, string] => [role, '--panel']),
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

  it('gives the chart series palette roles defined in both palettes, not colours', () => {
    expect(SERIES_ROLES.length).toBeGreaterThanOrEqual(9);
    for (const role of SERIES_ROLES) {
      expect(role, 'a series colour is var(--series-…)').toMatch(/^--series-[a-z0-9-]+$/);
      expect(light[role], `${role} in the light palette`).toMatch(/^#[0-9a-f]{6}$/i);
      expect(dark[role], `${role} has its own dark value`).not.toBe(light[role]);
    }
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
