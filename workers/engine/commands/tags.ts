/** Resource tags ({key, value}, at most 50 per resource — ecs-reference §15). */
import { invalidParameter, MESSAGES, type CommandResult } from '../errors.ts';

export interface Tag {
  key: string;
  value: string;
}

export type TagCheck = { ok: true; tags: Tag[] } | { ok: false; result: CommandResult };

export function checkTags(tags: unknown[] | undefined): TagCheck {
  if (tags === undefined) return { ok: true, tags: [] };
  if (tags.length > 50) return { ok: false, result: invalidParameter(MESSAGES.tooManyTags(tags.length)) };
  const out: Tag[] = [];
  for (const [index, tag] of tags.entries()) {
    const t = tag as { key?: unknown; value?: unknown } | null;
    if (typeof t?.key !== 'string' || t.key.length < 1 || t.key.length > 128 || (t.value !== undefined && typeof t.value !== 'string')) {
      return {
        ok: false,
        result: invalidParameter(MESSAGES.invalidTag(index)),
      };
    }
    out.push({ key: t.key, value: typeof t.value === 'string' ? t.value : '' });
  }
  return { ok: true, tags: out };
}
