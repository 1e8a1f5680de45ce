/**
 * A Monaco editor of one AWS API request as JSON, as the service and capacity provider editors
 * use it: the shared look (JSON_EDITOR_OPTIONS), the request's JSON Schema (completion, hover docs,
 * schema markers; switched off while the text is not JSON, so only the syntax error shows),
 * Ctrl/Cmd+S to send, and the test hook's access. Reached only through a dynamic import, so it
 * travels in Monaco's lazy chunk.
 */
import { describeJsonError, JSON_EDITOR_OPTIONS, jsonDefaults, monaco, setEditorSchema, setEditorSchemaValidation, withParameterTitles } from './monaco-loader.ts';
import type { EditorAccess } from '../test-hook.ts';

export interface RequestEditorSpec {
  /** Whose schema this is, among the editors sharing Monaco's JSON defaults. */
  owner: string;
  modelUri: string;
  text: string;
  ariaLabel: string;
  schema: object | null;
  schemaUri: string;
  onSave(): void;
}

export interface RequestEditor {
  access: EditorAccess;
  /** Replace the schema (another request kind) under a new URI, or remove it (null). */
  setSchema(schema: object | null, schemaUri: string): void;
  focus(): void;
  dispose(): void;
}

export function mountRequestEditor(el: HTMLElement, spec: RequestEditorSpec): RequestEditor {
  const setSchema = (schema: object | null, uri: string) =>
    setEditorSchema(jsonDefaults, spec.owner, schema ? { uri, fileMatch: [spec.modelUri], schema: withParameterTitles(schema) } : null);
  setSchema(spec.schema, spec.schemaUri);
  const uri = monaco.Uri.parse(spec.modelUri);
  monaco.editor.getModel(uri)?.dispose();
  const model = monaco.editor.createModel(spec.text, 'json', uri);
  const editor = monaco.editor.create(el, { model, ...JSON_EDITOR_OPTIONS, ariaLabel: spec.ariaLabel });
  editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS, () => spec.onSave());
  model.onDidChangeContent(() => {
    setEditorSchemaValidation(jsonDefaults, spec.owner, describeJsonError(model.getValue()) === null);
  });
  return {
    access: {
      setText: (text) => editor.setValue(text),
      getText: () => editor.getValue(),
      focusAt: (lineNumber, column) => {
        editor.setPosition({ lineNumber, column });
        editor.focus();
      },
      getMarkers: () =>
        monaco.editor
          .getModelMarkers({ resource: model.uri })
          .map((x) => ({ owner: x.owner, message: x.message, startLineNumber: x.startLineNumber, startColumn: x.startColumn, endLineNumber: x.endLineNumber, endColumn: x.endColumn })),
    },
    setSchema,
    focus: () => editor.focus(),
    dispose: () => {
      setEditorSchema(jsonDefaults, spec.owner, null);
      model.dispose();
      editor.dispose();
    },
  };
}
