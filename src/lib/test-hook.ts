/**
 * `window.__ecsSandbox`: a tiny, documented hook for the browser tests (and for curious learners
 * in the console). Typing into Monaco through the keyboard auto-closes brackets and quotes, so
 * the tests set the editor's text through this hook instead. `ready` resolves once Monaco is up.
 */
import type { SandboxClient } from './sandbox-client.svelte.ts';

export interface MarkerSummary {
  /** "ecs-rules" (the engine's AWS validation) or "json" (syntax and JSON Schema). */
  owner: string;
  message: string;
  code?: string;
  startLineNumber: number;
  startColumn: number;
  endLineNumber: number;
  endColumn: number;
}

export interface EditorAccess {
  setText(text: string): void;
  getText(): string;
  /** The markers of `owner` on the model: "ecs-rules" (default, AWS validation), "json", or "*" for all. */
  getMarkers(owner?: string): MarkerSummary[];
  /** Focus the editor with the cursor at a 1-based line and column. */
  focusAt(line: number, column: number): void;
}

export interface SandboxTestHook {
  setEditorText(text: string): void;
  getEditorText(): string;
  getEditorMarkers(owner?: string): MarkerSummary[];
  focusEditorAt(line: number, column: number): void;
  ready: Promise<void>;
  /** The service editor while it is open (issue 5), else undefined. */
  serviceEditor?: EditorAccess;
  /** The capacity provider editor while it is open (issue 6), else undefined. */
  capacityEditor?: EditorAccess;
  /** The scaling policy editor while it is open (issue 7), else undefined. */
  scalingEditor?: EditorAccess;
  /** The page's sandbox client (issue 8): undo, jumps, the session state, as the UI calls them. */
  client?: SandboxClient;
}

export type RequestEditorName = 'serviceEditor' | 'capacityEditor' | 'scalingEditor';

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
    getEditorMarkers: (owner) => editor?.getMarkers(owner) ?? [],
    focusEditorAt: (line, column) => editor?.focusAt(line, column),
    ready,
  };
}

/** Called by the editor panel once Monaco is mounted. */
export function editorReady(access: EditorAccess): void {
  editor = access;
  resolveReady();
}

/** Called by a request editor once its Monaco is mounted, and with null when it closes. */
export function requestEditorReady(name: RequestEditorName, access: EditorAccess | null): void {
  if (!window.__ecsSandbox) return;
  if (access) window.__ecsSandbox[name] = access;
  else delete window.__ecsSandbox[name];
}

/** Called by the sandbox client once it exists, so tests can drive the session as the UI does. */
export function clientReady(client: SandboxClient): void {
  if (typeof window !== 'undefined' && window.__ecsSandbox) window.__ecsSandbox.client = client;
}
