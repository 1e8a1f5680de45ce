/**
 * Monaco's JSON diagnostics options are one global setting (`jsonDefaults.setDiagnosticsOptions`
 * replaces them whole), but two editors use them: the task definition editor and the service
 * editor, each with its own JSON Schema. This keeps every editor's schema in one list, so opening
 * one editor does not wipe the other's completions and markers.
 *
 * Schema validation is switched off while any editor's JSON is broken (the parser's guess at the
 * structure is wrong then, and schema errors are noise); Monaco offers no per-schema switch.
 */
export interface SchemaEntry {
  uri: string;
  fileMatch: string[];
  schema: object;
}

export interface DiagnosticsTarget {
  setDiagnosticsOptions(options: {
    validate?: boolean;
    allowComments?: boolean;
    trailingCommas?: 'error' | 'warning' | 'ignore';
    schemaValidation?: 'error' | 'warning' | 'ignore';
    schemas?: SchemaEntry[];
  }): void;
}

const schemas = new Map<string, SchemaEntry>();
const broken = new Set<string>();
let applied = '';

function apply(target: DiagnosticsTarget): void {
  const options = {
    validate: true,
    allowComments: false,
    trailingCommas: 'error' as const,
    schemaValidation: broken.size > 0 ? ('ignore' as const) : ('error' as const),
    schemas: [...schemas.values()],
  };
  // Setting the same options again re-validates every model: skip it when nothing changed.
  const key = `${options.schemaValidation}|${options.schemas.map((s) => s.uri).join(',')}`;
  if (key === applied) return;
  applied = key;
  target.setDiagnosticsOptions(options);
}

/** Add or replace `owner`'s schema (null removes it). */
export function setEditorSchema(target: DiagnosticsTarget, owner: string, entry: SchemaEntry | null): void {
  if (entry === null) schemas.delete(owner);
  else {
    schemas.set(owner, entry);
    applied = ''; // a replaced schema object under the same URI must still be sent
  }
  broken.delete(owner);
  apply(target);
}

/** `owner`'s JSON parses (schema errors wanted) or not (only the syntax error). */
export function setEditorSchemaValidation(target: DiagnosticsTarget, owner: string, on: boolean): void {
  if (on) broken.delete(owner);
  else broken.add(owner);
  apply(target);
}
