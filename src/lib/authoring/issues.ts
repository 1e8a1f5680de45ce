/**
 * A scenario's parse and schema issues as the author sees them: one sentence naming the file (or
 * URL), the line and column and the problem; and the same issues as editor markers.
 */
import type { ScenarioIssue } from '../../../workers/protocol.ts';
import { shownSource } from './fetch-scenario.ts';

export function issueSentence(source: string, issue: ScenarioIssue): string {
  const where = issue.line === undefined ? '' : `, line ${issue.line}${issue.column === undefined ? '' : `, column ${issue.column}`}`;
  return `${shownSource(source)}${where}: ${issue.message}`;
}

/** A refusal to switch: what the page says when a scenario from outside does not parse. */
export function refusalSentence(source: string, issues: readonly ScenarioIssue[]): string {
  const first = issues[0];
  const problem = first ? issueSentence(source, first) : `${shownSource(source)}: it is not a valid scenario`;
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length === 2 ? '' : 's'})` : '';
  return `Refused ${problem}${more}. The scenario loaded before stays.`;
}

export interface MarkerData {
  message: string;
  startLineNumber: number;
  startColumn: number;
  endLineNumber: number;
  endColumn: number;
}

/**
 * Markers for Monaco: from the issue's column to the end of its line (the parser points at the
 * start of the offending node). Issues without a line mark the first line; lines past the end of
 * the text mark the last one.
 */
export function issueMarkers(text: string, issues: readonly ScenarioIssue[]): MarkerData[] {
  const lines = text.split('\n');
  return issues.map((issue) => {
    const line = Math.min(Math.max(1, issue.line ?? 1), Math.max(1, lines.length));
    const content = lines[line - 1] ?? '';
    const firstNonBlank = content.length - content.trimStart().length + 1;
    const startColumn = issue.column ?? firstNonBlank;
    return {
      message: issue.message,
      startLineNumber: line,
      startColumn,
      endLineNumber: line,
      endColumn: Math.max(startColumn + 1, content.length + 1),
    };
  });
}
