/**
 * Turns scenario text (YAML, or JSON, which is YAML too) into plain data plus a way to find the
 * line and column of any part of it by JSON-pointer path. This is the only module that knows about
 * the `yaml` package. It enforces the safety limits: text size, no tags beyond the plain data types
 * (so `!!js/function`, `!!binary` or custom `!tags` cannot smuggle anything in), a small alias
 * budget (no "billion laughs"), one document per file.
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';
import { findJsonSyntaxError } from './json-syntax.ts';
import { LIMITS, MESSAGES } from './messages.ts';
import { findExcessiveNesting } from './nesting.ts';
import type { PathSegment } from './pointer.ts';
import type { ScenarioIssue } from '../protocol.ts';

export interface Position {
  line: number;
  column: number;
}

export interface ReadDocument {
  ok: true;
  value: unknown;
  /** Where the node at `path` starts (or its key, with `key: true`); the nearest existing ancestor if it is missing. */
  locate(path: readonly PathSegment[], options?: { key?: boolean }): Position;
}

export type ReadResult = ReadDocument | { ok: false; issues: ScenarioIssue[] };

/** The tags of plain data (YAML 1.2 core schema). Anything else is refused. */
const ALLOWED_TAGS = new Set(['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((name) => `tag:yaml.org,2002:${name}`));

export type Syntax = 'json' | 'yaml' | 'auto';

export function readDocument(text: string, syntax: Syntax): ReadResult {
  const lineCounter = new LineCounter();
  const at = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(Math.max(0, Math.min(offset, text.length)));
    return { line, column: col };
  };
  if (syntax === 'json') {
    const jsonError = findJsonSyntaxError(text);
    if (jsonError) return { ok: false, issues: [{ message: MESSAGES.invalidJson(jsonError.message), ...positionIn(text, jsonError.offset) }] };
  }
  const tooDeepAt = findExcessiveNesting(text);
  if (tooDeepAt >= 0) return { ok: false, issues: [{ message: MESSAGES.tooDeep(), ...positionIn(text, tooDeepAt) }] };
  const document = parseDocument(text, {
    lineCounter,
    prettyErrors: false,
    schema: 'core',
    merge: false,
    // Checked in structureIssues instead: the yaml package's own check is quadratic in the number
    // of keys (measured: 10 s for a 200 KB map of 20 000 keys, against 0.2 s without it).
    uniqueKeys: false,
    strict: true,
    keepSourceTokens: false,
  });
  const issues = syntaxIssues(document, text, syntax, at);
  if (issues.length > 0) return { ok: false, issues };
  const structural = structureIssues(document, at);
  if (structural.length > 0) return { ok: false, issues: structural };
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: LIMITS.maxAliasCount });
  } catch (error) {
    const isAliasBomb = error instanceof ReferenceError && /alias/i.test(error.message);
    return { ok: false, issues: [{ message: isAliasBomb ? MESSAGES.aliasBomb() : MESSAGES.tooDeep(), line: 1, column: 1 }] };
  }
  return {
    ok: true,
    value,
    locate: (path, options) => at(locateOffset(document, path, options?.key ?? false)),
  };
}

function syntaxIssues(document: Document, text: string, syntax: Syntax, at: (offset: number) => Position): ScenarioIssue[] {
  if (document.errors.length === 0) return [];
  // A text that looks like JSON but is broken reads better with JSON's own terms.
  const trimmed = text.trimStart();
  if (syntax === 'auto' && (trimmed.startsWith('{') || trimmed.startsWith('['))) {
    const jsonError = findJsonSyntaxError(text);
    if (jsonError) return [{ message: MESSAGES.invalidJson(jsonError.message), ...positionIn(text, jsonError.offset) }];
  }
  return document.errors.map((error) => {
    const message =
      error.code === 'MULTIPLE_DOCS'
          ? MESSAGES.multipleDocuments()
          : MESSAGES.yamlSyntax(lowerFirst(error.message.split('\n')[0]!.replace(/ at line \d+, column \d+.*$/, '')));
    return { message, ...at(error.pos[0]) };
  });
}

/**
 * What the YAML parser accepts but a scenario file must not contain: tags beyond plain data, keys
 * written twice in one map, and keys that are not plain scalars (`? [a, b] : c`). One pass, linear.
 */
function structureIssues(document: Document, at: (offset: number) => Position): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  visit(document, {
    Node(_key, node) {
      if (issues.length >= LIMITS.maxIssues) return visit.BREAK;
      if (node.tag !== undefined && !ALLOWED_TAGS.has(node.tag)) {
        const shown = node.tag.replace('tag:yaml.org,2002:', '!!');
        // The range starts at the value; the tag sits just before it on the same line.
        issues.push({ message: MESSAGES.tagRefused(shown), ...at(node.range?.[0] ?? 0) });
      }
      if (isMap(node)) issues.push(...keyIssues(node.items, at));
      return undefined;
    },
  });
  return issues;
}

function keyIssues(pairs: readonly { key: unknown }[], at: (offset: number) => Position): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  const seen = new Set<string>();
  for (const { key } of pairs) {
    const offset = rangeStart(key) ?? 0;
    if (!isScalar(key)) {
      issues.push({ message: MESSAGES.complexKey(), ...at(offset) });
      continue;
    }
    const name = String(key.value);
    if (seen.has(name)) issues.push({ message: MESSAGES.duplicateKey(name), ...at(offset) });
    seen.add(name);
  }
  return issues;
}

function locateOffset(document: Document, path: readonly PathSegment[], wantKey: boolean): number {
  let node: unknown = document.contents;
  let offset = rangeStart(node) ?? 0;
  for (let index = 0; index < path.length; index++) {
    if (isAlias(node)) node = node.resolve(document);
    const segment = path[index]!;
    let next: unknown;
    let keyNode: unknown;
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
      keyNode = pair?.key;
      next = pair?.value;
    } else if (isSeq(node) && /^\d+$/.test(String(segment))) {
      // A number, or a pointer's digits (`/steps/0`, parsed back from the objective checker's issues).
      next = node.items[Number(segment)];
    }
    const isLast = index === path.length - 1;
    const start = rangeStart(isLast && wantKey && keyNode ? keyNode : next) ?? rangeStart(keyNode);
    if (start === undefined) break;
    offset = start;
    node = next;
  }
  return offset;
}

function rangeStart(node: unknown): number | undefined {
  if (node && typeof node === 'object' && 'range' in node) {
    const range = (node as Node).range;
    if (Array.isArray(range)) return range[0];
  }
  return undefined;
}

/** 1-based line and column of an offset, without a LineCounter (used before YAML parsing). */
export function positionIn(text: string, offset: number): Position {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split('\n');
  return { line: lines.length, column: lines.at(-1)!.length + 1 };
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
