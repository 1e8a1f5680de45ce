/**
 * A stable colour per task-definition family: the family name is hashed (FNV-1a), so `web` has
 * the same colour on every load, in every scenario, whatever else is registered. The palette is
 * Tableau 10 (distinguishable, readable with white text at the darker end).
 */
export const FAMILY_PALETTE = [
  '#4e79a7',
  '#f28e2b',
  '#59a14f',
  '#e15759',
  '#76b7b2',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#bab0ac',
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
