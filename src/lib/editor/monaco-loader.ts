/**
 * Loads Monaco lazily (this module is only ever reached through a dynamic import, after the
 * cluster view's first paint) using the slim 0.57 entry points: the editor API, the editor
 * features (completion, hover, markers…), and the JSON language alone. The full entry would add
 * every language and its workers.
 *
 * Monaco 0.57 paths (package.json "exports": "./*" → "./esm/vs/*.js"):
 *   monaco-editor/editor                              the editor API
 *   monaco-editor/features/register.all               editor contributions
 *   monaco-editor/languages/features/json/register    JSON language + jsonDefaults
 *   monaco-editor/editor/editor.worker, …/json/json.worker   the two workers
 */
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/features/register.all';
import { jsonDefaults } from 'monaco-editor/languages/features/json/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import JsonWorker from 'monaco-editor/languages/features/json/json.worker?worker';
import { createModuleWorker } from '../worker-factory.ts';
import { followPageTheme } from './monaco-theme.ts';

// Both labels need a worker, or the core editor worker fails and the console fills with errors.
// createModuleWorker: inside a sandboxed (opaque-origin) iframe, a data: module worker importing the same script (worker-factory.ts).
self.MonacoEnvironment = {
  getWorker(_workerId: string, label: string) {
    return createModuleWorker(() => (label === 'json' ? new JsonWorker() : new EditorWorker()));
  },
};

followPageTheme(monaco.editor);

export { monaco, jsonDefaults };

/** The look the editors share (task definitions, service requests, the authoring mode's YAML); each adds its own. */
export const JSON_EDITOR_OPTIONS = {
  automaticLayout: true,
  minimap: { enabled: false },
  fontSize: 13,
  lineNumbersMinChars: 3,
  scrollBeyondLastLine: false,
  tabSize: 2,
  fixedOverflowWidgets: true,
} as const satisfies monaco.editor.IStandaloneEditorConstructionOptions;
// The editor's own helpers travel in this lazy chunk too: they are needed only once Monaco is up,
// and keeping them out of the entry chunk keeps the first paint's download small.
export { applyFix, registerQuickFixes } from './quick-fixes.ts';
export { issueRange, issuesToMarkers, SEMANTIC_OWNER } from './semantic-markers.ts';
export { describeJsonError } from './pointer-to-range.ts';
export { withParameterTitles } from './schema-titles.ts';
export { browserStorage, clearEdits, loadEdits, saveEdits } from './edit-storage.ts';
export { registerText } from './register-text.ts';
export { setEditorSchema, setEditorSchemaValidation } from './json-diagnostics.ts';
