/**
 * A Vite plugin for the sandbox worker's build that moves the task definition JSON Schema to build
 * time, so the worker (part of the initial JavaScript budget) carries neither zod's JSON Schema
 * generator nor the model's documentation.
 *
 * - schema.ts is replaced by its own result: taskDefinitionJsonSchema() computed here, in Node, from
 *   the full model (descriptions, defaults, examples, Monaco's snippets), and shipped as data,
 *   deep-frozen as the original. Monaco gets byte for byte what it got before. A worker that calls
 *   taskDefinitionJsonSchema() carries the data; one that calls only loadTaskDefinitionJsonSchema()
 *   gets it as a lazy chunk (`virtual:taskdef-schema`), off its initial JavaScript.
 * - model.ts loses its documentation arguments — those of str/int/bool/strList/strMap, the second
 *   argument of list() and of described(). They only feed the JSON Schema, which is no longer
 *   generated in the worker; the shapes (what validation reads) are untouched.
 *
 * Node (the CLI, tests, the first-frame plugin) keeps the real modules: the plugin is applied only
 * to builds (`apply: 'build'`), and registered only for the worker bundle (vite.config.ts,
 * worker.plugins). test/unit/taskdef/schema-plugin.test.ts proves both substitutions equivalent.
 */
import ts from 'typescript';
import type { Plugin } from 'vite';
import { taskDefinitionJsonSchema } from '../workers/engine/taskdef/schema.ts';

const SCHEMA_MODULE = /\/workers\/engine\/taskdef\/schema\.ts$/;
const MODEL_MODULE = /\/workers\/engine\/taskdef\/model\.ts$/;
const DATA_ID = 'virtual:taskdef-schema';
const RESOLVED_DATA_ID = `\0${DATA_ID}`;

export function taskdefSchemaPlugin(): Plugin {
  return {
    name: 'ecs-sandbox:taskdef-schema',
    apply: 'build',
    // Before Vite's own TypeScript transform, so model.ts is still the source that was written.
    enforce: 'pre',
    resolveId(id) {
      return id === DATA_ID ? RESOLVED_DATA_ID : null;
    },
    load(id) {
      if (id === RESOLVED_DATA_ID) return schemaDataModule(taskDefinitionJsonSchema());
      return SCHEMA_MODULE.test(cleanId(id)) ? schemaStandIn(taskDefinitionJsonSchema()) : null;
    },
    transform(code, id) {
      return MODEL_MODULE.test(cleanId(id)) ? { code: stripModelDocs(code), map: null } : null;
    },
  };
}

/** Vite ids may carry a query (`?worker_file…`); Windows paths use backslashes. */
function cleanId(id: string): string {
  return id.split('?')[0]!.replace(/\\/g, '/');
}

const DEEP_FREEZE = [
  'function deepFreeze(node) {',
  "  if (node !== null && typeof node === 'object') {",
  '    for (const value of Object.values(node)) deepFreeze(value);',
  '    Object.freeze(node);',
  '  }',
  '  return node;',
  '}',
];

/** `JSON.parse("…")`, deep-frozen: V8 parses a JSON string faster than the same object literal. */
const frozenParse = (schema: object) => `deepFreeze(JSON.parse(${JSON.stringify(JSON.stringify(schema))}))`;

/**
 * The schema.ts stand-in: the same two exports, answering the precomputed schema, deep-frozen as
 * the original's is, and one object whichever is called first. The data sits inside the function
 * that needs it, so the bundler drops it when nothing calls taskDefinitionJsonSchema(); then
 * loadTaskDefinitionJsonSchema() fetches it from the lazy data chunk instead.
 */
export function schemaStandIn(schema: object): string {
  return [
    '// Stand-in for workers/engine/taskdef/schema.ts in the worker build (tools/taskdef-schema.plugin.ts).',
    'let cached;',
    'export function taskDefinitionJsonSchema() {',
    `  cached ??= ${frozenParse(schema)};`,
    '  return cached;',
    '}',
    'export async function loadTaskDefinitionJsonSchema() {',
    `  const { schema } = await import('${DATA_ID}');`,
    '  cached ??= schema;',
    '  return cached;',
    '}',
    ...DEEP_FREEZE,
    '',
  ].join('\n');
}

/** The lazy data chunk behind loadTaskDefinitionJsonSchema(). */
export function schemaDataModule(schema: object): string {
  return [
    '// Generated at build time by tools/taskdef-schema.plugin.ts from workers/engine/taskdef/schema.ts.',
    `export const schema = ${frozenParse(schema)};`,
    ...DEEP_FREEZE,
    '',
  ].join('\n');
}

/** model.ts helpers whose every argument is documentation: str('…', { default, examples, … }). */
const DOC_ONLY_HELPERS = new Set(['str', 'int', 'bool', 'strList', 'strMap']);
/** model.ts helpers whose second argument is documentation: list(item, '…'), described(schema, {…}). */
const DOC_SECOND_HELPERS = new Set(['list', 'described']);

/**
 * model.ts without its documentation: every documentation argument (see above) is removed from the
 * call, so the helper receives undefined. Calls are found with the TypeScript parser, not by text.
 * Only argument lists change: no shape, enum value, export or type is touched.
 */
export function stripModelDocs(source: string): string {
  const file = ts.createSourceFile('model.ts', source, ts.ScriptTarget.Latest, true);
  const cuts: { start: number; end: number }[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.arguments.length > 0) {
      const name = node.expression.text;
      const args = node.arguments;
      if (DOC_ONLY_HELPERS.has(name)) cuts.push({ start: args[0]!.getStart(file), end: args.end });
      else if (DOC_SECOND_HELPERS.has(name) && args.length >= 2) cuts.push({ start: args[0]!.end, end: args.end });
    }
    // Nested calls inside a removed argument go with it; the first argument of list()/described()
    // (the item or schema) may hold further calls to strip.
    ts.forEachChild(node, visit);
  };
  visit(file);
  // Outermost cuts win: a cut inside another cut is already gone.
  const kept = cuts
    .sort((a, b) => a.start - b.start || b.end - a.end)
    .filter((cut, i, all) => !all.slice(0, i).some((outer) => outer.start <= cut.start && cut.end <= outer.end));
  let out = source;
  for (const cut of kept.reverse()) out = out.slice(0, cut.start) + out.slice(cut.end);
  return out;
}
