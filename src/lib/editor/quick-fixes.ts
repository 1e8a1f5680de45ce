/**
 * Quick fixes in Monaco: a code action provider for JSON that offers, for each of our markers
 * under the cursor, the fix the validator attached to its issue (lightbulb, Ctrl+.), applied as
 * one minimal text edit (apply-patch.ts) so the rest of the learner's formatting is untouched and
 * one Ctrl+Z undoes it.
 */
import type { QuickFix, ValidationIssue } from '../../../workers/protocol.ts';
import { applyPatchesToText, minimalEdit } from './apply-patch.ts';
import { issueForMarker, SEMANTIC_SOURCE } from './semantic-markers.ts';

type Monaco = typeof import('monaco-editor/editor');
type Model = ReturnType<Monaco['editor']['createModel']>;

/** The fix as a Monaco range edit on `model`, or null when it no longer applies to the text. */
export function fixToEdit(monaco: Monaco, model: Model, fix: QuickFix): { range: InstanceType<Monaco['Range']>; text: string } | null {
  const before = model.getValue();
  const result = applyPatchesToText(before, fix.patches);
  if (!result.ok) return null;
  const edit = minimalEdit(before, result.text);
  const start = model.getPositionAt(edit.start);
  const end = model.getPositionAt(edit.end);
  return { range: new monaco.Range(start.lineNumber, start.column, end.lineNumber, end.column), text: edit.text };
}

/** Applies a fix to the model as one undoable edit; false when the fix no longer applies. */
export function applyFix(monaco: Monaco, model: Model, fix: QuickFix): boolean {
  const edit = fixToEdit(monaco, model, fix);
  if (edit === null) return false;
  model.pushStackElement();
  model.pushEditOperations([], [{ range: edit.range, text: edit.text }], () => null);
  model.pushStackElement();
  return true;
}

/** Registers the provider for `modelUri`; `currentIssues` returns the issues behind the markers. */
export function registerQuickFixes(monaco: Monaco, modelUri: string, currentIssues: () => readonly ValidationIssue[]): { dispose(): void } {
  return monaco.languages.registerCodeActionProvider(
    'json',
    {
      provideCodeActions(model, _range, context) {
        if (model.uri.toString() !== monaco.Uri.parse(modelUri).toString()) return { actions: [], dispose() {} };
        const text = model.getValue();
        const actions = [];
        for (const marker of context.markers) {
          if (marker.source !== SEMANTIC_SOURCE) continue;
          const issue = issueForMarker(currentIssues(), marker, text);
          if (!issue?.fix) continue;
          const edit = fixToEdit(monaco, model, issue.fix);
          if (edit === null) continue;
          actions.push({
            title: issue.fix.title,
            kind: 'quickfix',
            diagnostics: [marker],
            isPreferred: true,
            edit: { edits: [{ resource: model.uri, textEdit: edit, versionId: model.getVersionId() }] },
          });
        }
        return { actions, dispose() {} };
      },
    },
    { providedCodeActionKinds: ['quickfix'] },
  );
}
