// Proves a theme is one palette: outside app.css's two palette blocks, no style of the app (app.css
// and every component's <style> block) writes a colour literally; each names a palette variable.
// Allowed: black shadows (they read on both themes) and the default --family of a tile or swatch
// (task families keep their colours in both themes, as the task palette in view-model/palette.ts).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_CSS, blockOf } from './palette.ts';

const COMPONENTS = new URL('../../../src/components/', import.meta.url).pathname;
const SRC = new URL('../../../src/', import.meta.url).pathname;
const tsFiles = (dir: string) => readdirSync(join(SRC, dir)).filter((f) => f.endsWith('.ts')).map((f) => join(SRC, dir, f));
const CHART_SOURCES = [
  ...tsFiles('lib/view-model/scaling'),
  ...tsFiles('lib/view-model/capacity'),
  join(SRC, 'lib/capacity/chart-render.ts'),
  join(SRC, 'components/scaling/scaling-chart-render.ts'),
];
const COLOUR = /#[0-9a-f]{3,8}\b|\brgba?\(|\bhsla?\(|\b(?:white|black)\b(?!-)/gi;

function svelteFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? svelteFiles(join(dir, e.name)) : e.name.endsWith('.svelte') ? [join(dir, e.name)] : [],
  );
}

/** The colour literals in a stylesheet's text, one "line: text" per offending line. */
function literalColours(css: string): string[] {
  return css
    .replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '))
    .split('\n')
    .map((line, i) => [i + 1, line.trim()] as const)
    .filter(([, line]) => {
      const found = line.match(COLOUR) ?? [];
      const allowed = /rgba?\(0 0 0 \/ [0-9.]+\)/g;
      const rest = line.replace(allowed, '').replace(/^--family:\s*#[0-9a-f]{6};$/i, '');
      return found.length > 0 && (rest.match(COLOUR) ?? []).length > 0;
    })
    .map(([n, line]) => `${n}: ${line}`);
}

describe('colours come from the palette', () => {
  it('finds a literal colour when there is one (the check can fail)', () => {
    expect(literalColours('.a {\n  color: #fff;\n  background: var(--panel);\n  border: 1px solid white;\n}')).toEqual(['2: color: #fff;', '4: border: 1px solid white;']);
    expect(literalColours('.a { box-shadow: 0 1px 2px rgb(0 0 0 / 0.2); white-space: nowrap; }')).toEqual([]);
  });

  it('app.css outside its two palettes has none', () => {
    const rest = APP_CSS.replace(blockOf(APP_CSS, ':root'), '').replace(blockOf(APP_CSS, "html[data-theme='dark']"), '');
    expect(literalColours(rest)).toEqual([]);
  });

  // The charts' view models and D3 renderers: a series names a palette role (var(--series-…)).
  it.each(CHART_SOURCES.map((f) => [f.slice(SRC.length), f]))('%s (chart series) writes no colour literal', (_name, file) => {
    expect(literalColours(readFileSync(file, 'utf8'))).toEqual([]);
  });

  it.each(svelteFiles(COMPONENTS).map((f) => [f.slice(COMPONENTS.length), f]))('%s has none in its <style>', (_name, file) => {
    const styles = [...readFileSync(file, 'utf8').matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map((m) => m[1]).join('\n');
    expect(literalColours(styles)).toEqual([]);
  });
});
