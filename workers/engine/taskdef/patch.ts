/**
 * Applies a quick fix (protocol.ts QuickFix: the add/replace/remove subset of JSON Patch, RFC 6902)
 * to a JSON document. The editor applies fixes to its text itself; this is for everything else
 * that holds the document as a value (the CLI, tests). Pure: returns a new document, never throws.
 */
import type { QuickFix } from '../../protocol.ts';

export type PatchResult = { ok: true; document: unknown } | { ok: false; message: string };

/** RFC 6901: "/a~1b/0" → ["a/b", "0"]; "" → [] (the whole document). */
export function parsePointer(pointer: string): string[] | null {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) return null;
  return pointer
    .slice(1)
    .split('/')
    .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function isContainer(value: unknown): value is Record<string, unknown> | unknown[] {
  return typeof value === 'object' && value !== null;
}

function arrayIndex(token: string, length: number, allowEnd: boolean): number | null {
  if (allowEnd && token === '-') return length;
  if (!/^(0|[1-9]\d*)$/.test(token)) return null;
  const index = Number(token);
  return index < length || (allowEnd && index === length) ? index : null;
}

/** The patched copy of `document`, or why a patch could not be applied. */
export function applyQuickFix(document: unknown, fix: Pick<QuickFix, 'patches'>): PatchResult {
  let root: unknown;
  try {
    root = structuredClone(document);
  } catch {
    return { ok: false, message: 'The document is not plain JSON.' };
  }
  for (const patch of fix.patches) {
    const tokens = parsePointer(patch.path);
    if (tokens === null) return { ok: false, message: `'${patch.path}' is not a JSON pointer.` };
    if (tokens.length === 0) {
      if (patch.op === 'remove') return { ok: false, message: 'Cannot remove the whole document.' };
      root = structuredClone(patch.value);
      continue;
    }
    let parent: unknown = root;
    for (const token of tokens.slice(0, -1)) {
      if (!isContainer(parent)) return { ok: false, message: `'${patch.path}' does not exist.` };
      parent = Array.isArray(parent) ? parent[arrayIndex(token, parent.length, false) ?? -1] : Object.hasOwn(parent, token) ? parent[token] : undefined;
    }
    if (!isContainer(parent)) return { ok: false, message: `The parent of '${patch.path}' does not exist.` };
    const last = tokens[tokens.length - 1]!;
    const value = structuredClone(patch.value);
    if (Array.isArray(parent)) {
      const index = arrayIndex(last, parent.length, patch.op === 'add');
      if (index === null) return { ok: false, message: `'${patch.path}' is not an element of the array.` };
      if (patch.op === 'add') parent.splice(index, 0, value);
      else if (patch.op === 'replace') parent[index] = value;
      else parent.splice(index, 1);
    } else {
      const exists = Object.hasOwn(parent, last);
      if (patch.op !== 'add' && !exists) return { ok: false, message: `'${patch.path}' does not exist.` };
      if (patch.op === 'remove') delete parent[last];
      else Object.defineProperty(parent, last, { value, enumerable: true, writable: true, configurable: true });
    }
  }
  return { ok: true, document: root };
}
