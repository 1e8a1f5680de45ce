/**
 * Turns a validation error's JSON pointer (e.g. `/containerDefinitions/0/memory`) into the text
 * range it refers to, so the editor can underline it. When the pointer names something that is
 * not in the text (a required field that is missing), the range falls back to the nearest
 * ancestor that is: the property name of the object that lacks the field, or its opening brace.
 */
import { offsetToPosition, parseJsonTree, type JsonNode } from './json-tree.ts';

/** A 1-based, Monaco-style range; `exact` is false when it points at an ancestor. */
export interface TextRange {
  startLineNumber: number;
  startColumn: number;
  endLineNumber: number;
  endColumn: number;
  exact: boolean;
}

/** RFC 6901: `/a~1b/c~0d` → ['a/b', 'c~d']. */
export function parsePointer(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return [];
  const body = pointer.startsWith('/') ? pointer.slice(1) : pointer;
  return body.split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function pointerToRange(text: string, pointer: string): TextRange | null {
  const tree = parseJsonTree(text);
  if (!tree.ok) return null;
  let node: JsonNode = tree.root;
  // The span to underline for the current node: for a property, its name (where a reader looks).
  let span = { start: node.start, end: Math.min(node.end, node.start + 1) };
  for (const segment of parsePointer(pointer)) {
    const child = childOf(node, segment);
    if (child === null) return toRange(text, span.start, span.end, false);
    node = child.node;
    span = child.span;
  }
  return toRange(text, span.start, span.end, true);
}

function childOf(node: JsonNode, segment: string): { node: JsonNode; span: { start: number; end: number } } | null {
  if (node.kind === 'object') {
    // Duplicate keys: JSON.parse keeps the last one, so the last one is what was validated.
    const property = node.properties.findLast((p) => p.key === segment);
    if (property === undefined) return null;
    return { node: property.value, span: { start: property.keyStart, end: property.keyEnd } };
  }
  if (node.kind === 'array' && /^(0|[1-9]\d*)$/.test(segment)) {
    const item = node.items[Number(segment)];
    if (item === undefined) return null;
    return { node: item, span: { start: item.start, end: item.kind === 'scalar' ? item.end : item.start + 1 } };
  }
  return null;
}

function toRange(text: string, start: number, end: number, exact: boolean): TextRange {
  const a = offsetToPosition(text, start);
  const b = offsetToPosition(text, end);
  return { startLineNumber: a.line, startColumn: a.column, endLineNumber: b.line, endColumn: b.column, exact };
}

/** Where a syntax error is, for the "invalid JSON" message: `line 3, column 5: Expected ...`. */
export function describeJsonError(text: string): { line: number; column: number; message: string } | null {
  if (text.trim() === '') return { line: 1, column: 1, message: 'The editor is empty: expected a task definition as a JSON object' };
  const tree = parseJsonTree(text);
  if (tree.ok) return null;
  const { line, column } = offsetToPosition(text, tree.offset);
  return { line, column, message: tree.message };
}
