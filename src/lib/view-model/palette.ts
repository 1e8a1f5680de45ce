/**
 * A stable colour per task-definition family: the family name is hashed (FNV-1a), so `web` has
 * the same colour on every load, in every scenario, whatever else is registered. The palette is
 * ten hues dark enough for white tile text (contrast ≥ 4.5:1 against #fff).
 */
export const FAMILY_PALETTE = [
  '#1f6fb2',
  '#b45309',
  '#2e7d32',
  '#c0392b',
  '#00796b',
  '#6a3fa0',
  '#ad1457',
  '#5d4037',
  '#455a64',
  '#7a6a00',
] as const;

export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

export function familyColor(family: string): string {
  return FAMILY_PALETTE[fnv1a(family) % FAMILY_PALETTE.length]!;
}
