// Proves the mapping between the engine's validation issues and the editor's markers: each issue
// becomes a marker at its pointer's range (the document start when the text cannot be placed),
// carrying the AWS code and message, and a marker handed back by Monaco finds its issue (and so
// its quick fix) again, by message and code, with the position breaking ties.
import { describe, expect, it } from 'vitest';
import type { ValidationIssue } from '../../../workers/protocol.ts';
import { issueForMarker, issuesToMarkers, SEMANTIC_SOURCE } from '../../../src/lib/editor/semantic-markers.ts';

const TEXT = '{\n  "a": { "hostPort": 8080 },\n  "b": { "hostPort": 9090 }\n}';
const issue = (path: string, fix?: ValidationIssue['fix']): ValidationIssue => ({ path, code: 'ClientException', message: 'ports must match', ...(fix ? { fix } : {}) });

describe('semantic markers', () => {
  it('places each issue at its field', () => {
    expect(issuesToMarkers(TEXT, [issue('/b/hostPort')])).toEqual([
      { startLineNumber: 3, startColumn: 10, endLineNumber: 3, endColumn: 20, message: 'ports must match', code: 'ClientException', source: SEMANTIC_SOURCE },
    ]);
  });

  it('falls back to the document start on unparsable text', () => {
    expect(issuesToMarkers('{', [issue('/a')])[0]).toMatchObject({ startLineNumber: 1, startColumn: 1, endLineNumber: 1, endColumn: 2 });
  });

  it('finds the issue behind a marker, by position when messages repeat', () => {
    const fixB = { title: 'fix b', patches: [] };
    const issues = [issue('/a/hostPort'), issue('/b/hostPort', fixB)];
    const [, markerB] = issuesToMarkers(TEXT, issues);
    expect(issueForMarker(issues, markerB!, TEXT)?.fix).toBe(fixB);
    expect(issueForMarker(issues, { ...markerB!, source: 'json' }, TEXT)).toBeUndefined();
    expect(issueForMarker(issues, { ...markerB!, code: { value: 'ClientException' } }, TEXT)?.path).toBe('/b/hostPort');
    expect(issueForMarker(issues, { ...markerB!, message: 'other' }, TEXT)).toBeUndefined();
  });
});
