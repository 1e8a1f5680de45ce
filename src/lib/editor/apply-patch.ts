/**
 * Applies a quick fix (a JSON Patch subset: add, replace, remove, with JSON-pointer paths) to the
 * editor's TEXT rather than to a parsed object, so that everything the fix does not touch keeps
 * the learner's formatting: only the value that changes is rewritten, an added member is inserted
 * after its last sibling with the siblings' indentation, and a removed member takes its comma
 * with it. Re-serialising the whole document would reformat it and move the cursor.
 *
 * Pure and total: bad input (invalid JSON, a path that does not exist) is a value, never a throw.
 */
import { parseJsonTree, type JsonNode } from './json-tree.ts';
import { parsePointer } from './pointer-to-range.ts';
import type { QuickFix } from '../../../workers/protocol.ts';

export type Patch = QuickFix['patches'][number];

export type PatchResult = { ok: true; text: string } | { ok: false; message: string };

/** One text replacement: characters [start, end) become `text`. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

export function applyPatchesToText(text: string, patches: readonly Patch[]): PatchResult {
  let current = text;
  for (const patch of patches) {
    const edit = patchToEdit(current, patch);
    if ('message' in edit) return { ok: false, message: edit.message };
    current = current.slice(0, edit.start) + edit.text + current.slice(edit.end);
  }
  return { ok: true, text: current };
}

/**
 * The smallest single edit that turns `before` into `after` (common prefix and suffix kept), so
 * that the editor applies a fix as one undoable step that leaves the rest of the model alone.
 */
export function minimalEdit(before: string, after: string): TextEdit {
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let tail = 0;
  while (tail < max - start && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
  return { start, end: before.length - tail, text: after.slice(start, after.length - tail) };
}

// ---------------------------------------------------------------------------------------------

type Located = { node: JsonNode; parent: JsonNode | null; segment: string | null };

function patchToEdit(text: string, patch: Patch): TextEdit | { message: string } {
  if (patch === null || typeof patch !== 'object' || typeof patch.path !== 'string') return { message: 'A patch needs a JSON pointer path' };
  const tree = parseJsonTree(text);
  if (!tree.ok) return { message: `The text is not valid JSON (${tree.message}), so the fix cannot be placed` };
  const segments = parsePointer(patch.path);
  const parentSegments = segments.slice(0, -1);
  const last = segments.at(-1) ?? null;
  const parent = walk(tree.root, parentSegments);
  switch (patch.op) {
    case 'replace': {
      const target = last === null ? { node: tree.root, parent: null, segment: null } : parent && childNode(parent, last);
      if (!target) return { message: `Nothing at ${patch.path} to replace` };
      if (!('value' in patch)) return { message: `A replace needs a value (${patch.path})` };
      return replaceValue(text, target.node, patch.value);
    }
    case 'add': {
      if (!('value' in patch)) return { message: `An add needs a value (${patch.path})` };
      if (last === null) return replaceValue(text, tree.root, patch.value);
      if (!parent) return { message: `The parent of ${patch.path} does not exist` };
      if (parent.kind === 'object') {
        const existing = parent.properties.findLast((p) => p.key === last);
        // RFC 6902: adding a member that exists replaces its value.
        if (existing) return replaceValue(text, existing.value, patch.value);
        return insertMember(text, parent, JSON.stringify(last) + ': ', patch.value, parent.properties.length, parent.properties.map((p) => ({ start: p.keyStart, end: p.value.end })));
      }
      if (parent.kind === 'array') {
        const index = last === '-' ? parent.items.length : arrayIndex(last);
        if (index === null || index > parent.items.length) return { message: `Index ${last} is out of range for ${patch.path}` };
        return insertMember(text, parent, '', patch.value, index, parent.items.map((i) => ({ start: i.start, end: i.end })));
      }
      return { message: `Cannot add to ${patch.path}: its parent is not an object or array` };
    }
    case 'remove': {
      if (last === null || !parent) return { message: `Nothing at ${patch.path} to remove` };
      const spans =
        parent.kind === 'object'
          ? parent.properties.map((p) => ({ start: p.keyStart, end: p.value.end, key: p.key }))
          : parent.kind === 'array'
            ? parent.items.map((i, n) => ({ start: i.start, end: i.end, key: String(n) }))
            : [];
      const index = spans.findLastIndex((s) => s.key === last);
      if (index < 0) return { message: `Nothing at ${patch.path} to remove` };
      return removeMember(text, parent, spans, index);
    }
    default:
      return { message: `Unsupported patch operation ${JSON.stringify((patch as { op: unknown }).op)}` };
  }
}

function walk(root: JsonNode, segments: string[]): JsonNode | null {
  let node: JsonNode | null = root;
  for (const segment of segments) {
    node = node ? (childNode(node, segment)?.node ?? null) : null;
  }
  return node;
}

function childNode(node: JsonNode, segment: string): Located | null {
  if (node.kind === 'object') {
    const property = node.properties.findLast((p) => p.key === segment);
    return property ? { node: property.value, parent: node, segment } : null;
  }
  if (node.kind === 'array') {
    const index = arrayIndex(segment);
    const item = index === null ? undefined : node.items[index];
    return item ? { node: item, parent: node, segment } : null;
  }
  return null;
}

function arrayIndex(segment: string): number | null {
  return /^(0|[1-9]\d*)$/.test(segment) ? Number(segment) : null;
}

function replaceValue(text: string, node: JsonNode, value: unknown): TextEdit {
  return { start: node.start, end: node.end, text: serialise(text, value, node.start) };
}

/**
 * Inserts `prefix + value` as item `index` of a container whose members occupy `spans`. Between
 * members we reuse the separator the text already has (", " or ",\n    "), so the new member
 * lines up with its siblings; in an empty container of a pretty-printed document the member gets
 * its own line one indent deeper, in a one-line document it stays on the line.
 */
function insertMember(text: string, container: JsonNode, prefix: string, value: unknown, index: number, spans: { start: number; end: number }[]): TextEdit {
  if (spans.length === 0) {
    // Pretty-printed documents get the member on its own line, as JSON.stringify(…, 2) would.
    const multiline = text.includes('\n');
    const baseIndent = lineIndent(text, container.start);
    const indent = multiline ? baseIndent + indentUnit(text) : '';
    const member = prefix + serialise(text, value, container.start, indent);
    const body = multiline ? `\n${indent}${member}\n${baseIndent}` : member;
    return { start: container.start + 1, end: container.end - 1, text: body };
  }
  const separator = index < spans.length ? text.slice(spans[index]!.start - gapBefore(text, spans[index]!.start), spans[index]!.start) : sepAfterLast(text, spans);
  if (index < spans.length) {
    // Before an existing member: "<new>,<gap>" at the position of that member.
    const at = spans[index]!.start;
    const member = prefix + serialise(text, value, at);
    return { start: at, end: at, text: member + ',' + separator };
  }
  // After the last member: ",<gap><new>" right after it.
  const at = spans.at(-1)!.end;
  const memberStart = spans.at(-1)!.start;
  const member = prefix + serialise(text, value, memberStart);
  return { start: at, end: at, text: ',' + separator + member };
}

/** The whitespace between a member and the comma-or-bracket before it. */
function gapBefore(text: string, pos: number): number {
  let n = 0;
  while (pos - n - 1 >= 0 && ' \t\r\n'.includes(text[pos - n - 1]!)) n++;
  return n;
}

/** The gap to put after the new comma when appending: what precedes the last member, else a space. */
function sepAfterLast(text: string, spans: { start: number; end: number }[]): string {
  const last = spans.at(-1)!;
  const gap = text.slice(last.start - gapBefore(text, last.start), last.start);
  return gap === '' ? ' ' : gap;
}

/** Removes member `index` and one comma: the one after it, or (for the last member) before it. */
function removeMember(text: string, container: JsonNode, spans: { start: number; end: number }[], index: number): TextEdit {
  const span = spans[index]!;
  if (spans.length === 1) {
    // Its only member: leave an empty container, "{}" or "[]".
    return { start: container.start + 1, end: container.end - 1, text: '' };
  }
  if (index < spans.length - 1) return { start: span.start, end: spans[index + 1]!.start, text: '' };
  return { start: spans[index - 1]!.end, end: span.end, text: '' };
}

/**
 * A value as JSON text, indented to sit at `at`: objects and arrays span lines (two-space or the
 * document's own indent unit) when the document itself is on several lines, else stay compact.
 */
function serialise(text: string, value: unknown, at: number, indentOverride?: string): string {
  const json = JSON.stringify(value === undefined ? null : value, null, text.includes('\n') ? indentUnit(text) : undefined);
  const indent = indentOverride ?? lineIndent(text, at);
  return json.replace(/\n/g, '\n' + indent);
}

/** The leading whitespace of the line that holds offset `at`. */
function lineIndent(text: string, at: number): string {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))![0];
}

/** The document's indent step: the smallest indentation of any indented line (default 2 spaces). */
function indentUnit(text: string): string {
  let best: string | null = null;
  for (const match of text.matchAll(/\n([ \t]+)\S/g)) {
    const indent = match[1]!;
    if (best === null || indent.length < best.length) best = indent;
  }
  return best ?? '  ';
}
