/** maxResults / nextToken paging as the List* operations do it (max 100 per page). */
import { invalidParameter, MESSAGES, type CommandResult } from '../errors.ts';

export type Page<T> = { ok: true; items: T[]; nextToken?: string } | { ok: false; result: CommandResult };

const TOKEN_PREFIX = 'sandbox-page-';

export function paginate<T>(items: readonly T[], maxResults: number | undefined, nextToken: string | undefined): Page<T> {
  const size = maxResults ?? 100;
  if (size < 1 || size > 100) return { ok: false, result: invalidParameter(MESSAGES.maxResultsRange(size)) };
  let offset = 0;
  if (nextToken !== undefined) {
    const text = nextToken.startsWith(TOKEN_PREFIX) ? nextToken.slice(TOKEN_PREFIX.length) : '';
    if (!/^\d+$/.test(text)) return { ok: false, result: invalidParameter(MESSAGES.invalidNextToken()) };
    offset = Number(text);
  }
  const pageItems = items.slice(offset, offset + size);
  const end = offset + pageItems.length;
  return end < items.length ? { ok: true, items: pageItems, nextToken: `${TOKEN_PREFIX}${end}` } : { ok: true, items: pageItems };
}
