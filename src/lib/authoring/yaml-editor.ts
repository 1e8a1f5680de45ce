/**
 * The authoring mode's Monaco editor of a scenario's YAML: Monaco's YAML highlighting, markers
 * from the parser's issues (line and column), completion of the keys the scenario schema allows
 * at the cursor (scenario-keys.ts), and access for the browser tests (`window.__ecsAuthoring`).
 * Reached only through a dynamic import: it travels with Monaco's lazy chunk.
 */
import { JSON_EDITOR_OPTIONS, monaco } from '../editor/monaco-loader.ts';
import 'monaco-editor/languages/definitions/yaml/register';
import type { ScenarioIssue } from '../../../workers/protocol.ts';
import { issueMarkers } from './issues.ts';
import { keysAt } from './scenario-keys.ts';
import scenarioSchema from '../../../scenarios/schema/scenario.schema.json';
import objectiveSchema from '../../../scenarios/schema/objective.schema.json';

export const AUTHORING_OWNER = 'scenario';
const MODEL_URI = 'inmemory://ecs-sandbox/scenario.yaml';

export interface AuthoringEditorAccess {
  setText(text: string): void;
  getText(): string;
  getMarkers(): { message: string; startLineNumber: number; startColumn: number }[];
}

declare global {
  interface Window {
    /** The authoring editor while it is open (browser tests set its text through it). */
    __ecsAuthoring?: AuthoringEditorAccess;
  }
}

export interface YamlEditor {
  access: AuthoringEditorAccess;
  setIssues(issues: readonly ScenarioIssue[]): void;
  /** Move the cursor to a line and column and scroll it into view; `focus` (default) focuses the editor too. */
  reveal(line: number, column: number, focus?: boolean): void;
  dispose(): void;
}

let completionRegistered = false;

/** Completion of the schema's keys at the cursor: once per page (Monaco's providers are global). */
function registerKeyCompletion(): void {
  if (completionRegistered) return;
  completionRegistered = true;
  monaco.languages.registerCompletionItemProvider('yaml', {
    provideCompletionItems(model, position) {
      if (model.uri.toString() !== MODEL_URI) return { suggestions: [] };
      const lines = model.getLinesContent().slice(0, position.lineNumber);
      const word = model.getWordUntilPosition(position);
      const range = { startLineNumber: position.lineNumber, endLineNumber: position.lineNumber, startColumn: word.startColumn, endColumn: word.endColumn };
      return {
        suggestions: keysAt(scenarioSchema as object, lines, position.column, { 'objective.schema.json': objectiveSchema as Record<string, unknown> }).map((key) => ({
          label: key.name,
          kind: monaco.languages.CompletionItemKind.Property,
          insertText: `${key.name}: `,
          documentation: key.description,
          range,
        })),
      };
    },
  });
}

export function mountYamlEditor(el: HTMLElement, text: string, onChange: (text: string) => void): YamlEditor {
  registerKeyCompletion();
  const uri = monaco.Uri.parse(MODEL_URI);
  monaco.editor.getModel(uri)?.dispose();
  const model = monaco.editor.createModel(text, 'yaml', uri);
  const editor = monaco.editor.create(el, {
    ...JSON_EDITOR_OPTIONS, // the look of the sandbox's other editors
    model,
    ariaLabel: 'Scenario YAML. Problems are listed below the editor; F8 goes to the next one.',
  });
  const subscription = model.onDidChangeContent(() => onChange(model.getValue()));
  const access: AuthoringEditorAccess = {
    setText: (t) => editor.setValue(t),
    getText: () => editor.getValue(),
    getMarkers: () =>
      monaco.editor.getModelMarkers({ resource: uri, owner: AUTHORING_OWNER }).map((m) => ({ message: m.message, startLineNumber: m.startLineNumber, startColumn: m.startColumn })),
  };
  window.__ecsAuthoring = access;
  return {
    access,
    setIssues(issues) {
      const markers = issueMarkers(model.getValue(), issues).map((m) => ({ ...m, severity: monaco.MarkerSeverity.Error }));
      monaco.editor.setModelMarkers(model, AUTHORING_OWNER, markers);
    },
    reveal(lineNumber, column, focus = true) {
      editor.setPosition({ lineNumber, column });
      editor.revealLineInCenter(lineNumber);
      if (focus) editor.focus();
    },
    dispose() {
      subscription.dispose();
      if (window.__ecsAuthoring === access) delete window.__ecsAuthoring;
      model.dispose();
      editor.dispose();
    },
  };
}
