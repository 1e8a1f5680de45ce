/**
 * Reads app.css's two palettes (the light one in :root, the dark overrides under
 * html[data-theme='dark']) and computes WCAG 2 contrast ratios between their colours.
 */
import { readFileSync } from 'node:fs';

export type Palette = Record<string, string>;

export const APP_CSS = readFileSync(new URL('../../../src/app.css', import.meta.url), 'utf8');

/** The declarations of the first rule whose selector is exactly `selector`. */
export function blockOf(css: string, selector: string): string {
  const start = css.indexOf(`${selector} {`);
  if (start < 0) throw new Error(`no "${selector}" rule in app.css`);
  const open = css.indexOf('{', start);
  return css.slice(open + 1, css.indexOf('\n}', open));
}

export function variables(block: string): Palette {
  const out: Palette = {};
  for (const m of block.replace(/\/\*[\s\S]*?\*\//g, '').matchAll(/(--[a-z0-9-]+)\s*:\s*([^;]+);/g)) out[m[1]!] = m[2]!.trim();
  return out;
}

export function palettes(css = APP_CSS): { light: Palette; dark: Palette } {
  const light = variables(blockOf(css, ':root'));
  const dark = { ...light, ...variables(blockOf(css, "html[data-theme='dark']")) };
  return { light, dark };
}

/** A palette colour as [r, g, b] in 0–255 (#rgb, #rrggbb; var() references followed). */
export function rgb(palette: Palette, name: string): [number, number, number] {
  let value = palette[name];
  for (let hops = 0; value?.startsWith('var('); hops++) {
    if (hops > 5) throw new Error(`${name}: var() loop`);
    value = palette[value.slice(4, -1).trim()];
  }
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(value ?? '');
  if (!hex) throw new Error(`${name} is not a #hex colour: ${value}`);
  const digits = hex[1]!;
  const h = digits.length === 3 ? [...digits].map((c) => c + c).join('') : digits;
  return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16)) as [number, number, number];
}

/** WCAG 2 relative luminance of an sRGB colour. */
export function luminance([r, g, b]: [number, number, number]): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** WCAG 2 contrast ratio, from 1 to 21. */
export function contrast(a: [number, number, number], b: [number, number, number]): number {
  const [la, lb] = [luminance(a), luminance(b)];
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}
