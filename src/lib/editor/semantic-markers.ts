/**
 * The engine's validation errors as editor markers: each at the text range of its JSON pointer
 * (see pointer-to-range.ts), under its own owner so that Monaco's schema markers (owner "json")
 * and ours come and go independently, and with enough on the marker (source, code, message) to
 * find the issue — and its quick fix — again when Monaco hands the marker back to a code action.
 * Pure: no Monaco import, so it is tested in Node.
 */
import type { ValidationIssue } from '../../../workers/protocol.ts';
import { pointerToRange, type TextRange } from './pointer-to-range.ts';

/** Marker owner of the engine's (AWS rules') errors. */
export const SEMANTIC_OWNER = 'ecs-rules';
/** Shown after the message in Monaco's hover: "… Amazon ECS(ClientException)". */
export const SEMANTIC_SOURCE = 'Amazon ECS';

export interface SemanticMarker {
  startLineNumber: number;
  startColumn: number;
  endLineNumber: number;
  endColumn: number;
  message: string;
  code: string;
  source: string;
}

/** Where an issue points; the document's first character when the pointer cannot be placed. */
export function issueRange(text: string, issue: ValidationIssue): Omit<TextRange, 'exact'> {
  const range = pointerToRange(text, issue.path);
  if (range === null) return { startLineNumber: 1, startColumn: 1, endLineNumber: 1, endColumn: 2 };
  const { exact: _exact, ...rest } = range;
  return rest;
}

export function issuesToMarkers(text: string, issues: readonly ValidationIssue[]): SemanticMarker[] {
  return issues.map((issue) => ({ ...issueRange(text, issue), message: issue.message, code: issue.code, source: SEMANTIC_SOURCE }));
}

/** The issue behind a marker Monaco gives back (same message and code; position breaks ties). */
export function issueForMarker(
  issues: readonly ValidationIssue[],
  marker: { message: string; code?: string | { value: string }; source?: string; startLineNumber: number; startColumn: number },
  text: string,
): ValidationIssue | undefined {
  if (marker.source !== SEMANTIC_SOURCE) return undefined;
  const code = typeof marker.code === 'object' ? marker.code.value : marker.code;
  const candidates = issues.filter((i) => i.message === marker.message && i.code === code);
  if (candidates.length <= 1) return candidates[0];
  return candidates.find((i) => {
    const r = issueRange(text, i);
    return r.startLineNumber === marker.startLineNumber && r.startColumn === marker.startColumn;
  }) ?? candidates[0];
}
