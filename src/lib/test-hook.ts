/**
 * `window.__ecsSandbox`: a tiny, documented hook for the browser tests (and for curious learners
 * in the console). Typing into Monaco through the keyboard auto-closes brackets and quotes, so
 * the tests set the editor's text through this hook instead. `ready` resolves once Monaco is up.
 */
export interface MarkerSummary {
  message: string;
  startLineNumber: number;
  startColumn: number;
}

export interface EditorAccess {
  setText(text: string): void;
  getText(): string;
  /** The AWS validation markers currently on the model. */
  getMarkers(): MarkerSummary[];
  /** Focus the editor with the cursor at a 1-based line and column. */
  focusAt(line: number, column: number): void;
}

export interface SandboxTestHook {
  setEditorText(text: string): void;
  getEditorText(): string;
  getEditorMarkers(): MarkerSummary[];
  focusEditorAt(line: number, column: number): void;
  ready: Promise<void>;
}

declare global {
  interface Window {
    __ecsSandbox?: SandboxTestHook;
  }
}

let editor: EditorAccess | null = null;
let resolveReady: () => void = () => undefined;

export function installTestHook(): void {
  const ready = new Promise<void>((resolve) => {
    resolveReady = resolve;
  });
  window.__ecsSandbox = {
    setEditorText: (text) => editor?.setText(text),
    getEditorText: () => editor?.getText() ?? '',
    getEditorMarkers: () => editor?.getMarkers() ?? [],
    focusEditorAt: (line, column) => editor?.focusAt(line, column),
    ready,
  };
}

/** Called by the editor panel once Monaco is mounted. */
export function editorReady(access: EditorAccess): void {
  editor = access;
  resolveReady();
}
