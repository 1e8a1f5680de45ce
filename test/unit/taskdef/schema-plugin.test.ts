// Proves the worker build's stand-ins (tools/taskdef-schema.plugin.ts) change nothing but size:
// - the precomputed schema (schema.ts's stand-in, sync or from its lazy data module) is the JSON
//   Schema recorded before the move to zod/mini, deep-frozen like the original, one object;
// - model.ts without its documentation arguments keeps no description, default, example or snippet
//   text, and its zod model accepts and refuses exactly what the full model does, with the same
//   issues (code, path, keys, expected type), on the whole equivalence corpus;
// - the plugin substitutes only those two modules, and only in builds.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { schemaDataModule, schemaStandIn, stripModelDocs, taskdefSchemaPlugin } from '../../../tools/taskdef-schema.plugin.ts';
import { RegisterTaskDefinitionInputSchema } from '../../../workers/engine/taskdef/model.ts';
import { taskDefinitionJsonSchema } from '../../../workers/engine/taskdef/schema.ts';
import { equivalenceCorpus } from './equivalence-corpus.ts';

const taskdefDir = fileURLToPath(new URL('../../../workers/engine/taskdef/', import.meta.url));
const modelSource = readFileSync(join(taskdefDir, 'model.ts'), 'utf8');
const schemaBefore = JSON.parse(readFileSync(new URL('./fixtures/schema-before.json', import.meta.url), 'utf8'));
const scratch = mkdtempSync(join(tmpdir(), 'taskdef-plugin-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Imports generated source as a module of its own (relative imports made absolute). */
async function importSource(name: string, source: string): Promise<Record<string, any>> {
  const file = join(scratch, name);
  writeFileSync(file, source.replace(/from '\.\/([\w-]+\.ts)'/g, (_m, dep: string) => `from '${join(taskdefDir, dep)}'`));
  return import(/* @vite-ignore */ pathToFileURL(file).href);
}

/** Every string literal and template text of a source's values, unescaped. */
function stringsIn(source: string): string[] {
  const file = ts.createSourceFile('x.ts', source, ts.ScriptTarget.Latest, true);
  const out: string[] = [];
  const visit = (node: ts.Node): void => {
    // Types vanish at compile time (Omit<Meta, 'description'>); imports name modules.
    if (ts.isImportDeclaration(node) || ts.isTypeNode(node)) return;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) out.push(node.text);
    if (ts.isTemplateExpression(node)) out.push(node.head.text, ...node.templateSpans.map((s) => s.literal.text));
    ts.forEachChild(node, visit);
  };
  visit(file);
  return out;
}

/** Every enum value the schema lists: the only strings the stripped model needs. */
function enumValues(node: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(node)) node.forEach((n) => enumValues(n, out));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'enum' && Array.isArray(value)) value.forEach((v) => out.add(String(v)));
      else enumValues(value, out);
    }
  }
  return out;
}

/** The parts of a zod issue the validator reads (params.ts), without zod's locale-dependent message. */
function issueFacts(result: ReturnType<typeof z.safeParse>) {
  if (result.success) return { success: true, data: result.data };
  return {
    success: false,
    issues: result.error.issues.map((issue) => {
      const { message: _message, input: _input, ...facts } = issue as typeof issue & { input?: unknown };
      return facts;
    }),
  };
}

describe('the precomputed schema', () => {
  const schemaNow = taskDefinitionJsonSchema();
  /** The stand-in as its own module, its lazy data module written beside it. */
  async function standIn(name: string) {
    const data = join(scratch, `${name}-data.js`);
    writeFileSync(data, schemaDataModule(schemaNow));
    return importSource(`${name}.js`, schemaStandIn(schemaNow).replaceAll("'virtual:taskdef-schema'", `'${pathToFileURL(data).href}'`));
  }
  const frozenThrough = (schema: any) => Object.isFrozen(schema) && Object.isFrozen(schema.properties.containerDefinitions.items.properties.portMappings);

  it('the stand-in has the exports of schema.ts', async () => {
    const module = await standIn('exports');
    expect(Object.keys(module).sort()).toEqual(Object.keys(await import('../../../workers/engine/taskdef/schema.ts')).sort());
  });

  it('taskDefinitionJsonSchema() answers the schema recorded before, deep-frozen, one object', async () => {
    const module = await standIn('sync');
    const schema = module.taskDefinitionJsonSchema();
    expect(JSON.stringify(schema, null, 2) + '\n').toBe(readFileSync(new URL('./fixtures/schema-before.json', import.meta.url), 'utf8'));
    expect(schema).toEqual(schemaBefore);
    expect(frozenThrough(schema)).toBe(true);
    expect(module.taskDefinitionJsonSchema()).toBe(schema);
    expect(await module.loadTaskDefinitionJsonSchema()).toBe(schema);
  });

  it('loadTaskDefinitionJsonSchema() answers the same from the lazy data module, one object', async () => {
    const module = await standIn('lazy');
    const schema = await module.loadTaskDefinitionJsonSchema();
    expect(schema).toEqual(schemaBefore);
    expect(frozenThrough(schema)).toBe(true);
    expect(module.taskDefinitionJsonSchema()).toBe(schema);
  });

  it('in Node, loadTaskDefinitionJsonSchema answers the very object taskDefinitionJsonSchema does', async () => {
    const original = await import('../../../workers/engine/taskdef/index.ts');
    expect(await original.loadTaskDefinitionJsonSchema()).toBe(original.taskDefinitionJsonSchema());
  });
});

describe('model.ts without its documentation', () => {
  const stripped = stripModelDocs(modelSource);

  it('keeps no documentation text: the strings left are enum values and the schema names', () => {
    const allowed = enumValues(schemaBefore);
    const left = stringsIn(stripped).filter((s) => !allowed.has(s));
    expect(left).toEqual([]);
    // …while the original has them (the check above is not vacuous).
    expect(stringsIn(modelSource).filter((s) => !allowed.has(s)).length).toBeGreaterThan(150);
  });

  it('is still a module with the same exports', async () => {
    const module = await importSource('model.ts', stripped);
    const original = await import('../../../workers/engine/taskdef/model.ts');
    expect(Object.keys(module).sort()).toEqual(Object.keys(original).sort());
    expect(Object.keys(module.RegisterTaskDefinitionInputSchema.shape)).toEqual(Object.keys(RegisterTaskDefinitionInputSchema.shape));
  });

  it('accepts and refuses exactly what the full model does, with the same issues', async () => {
    const module = await importSource('model-parse.ts', stripped);
    const strippedSchema = module.RegisterTaskDefinitionInputSchema;
    const differing: string[] = [];
    for (const c of equivalenceCorpus()) {
      for (const input of [c.input, (c.input as { taskDefinition?: unknown } | null)?.taskDefinition]) {
        const full = issueFacts(z.safeParse(RegisterTaskDefinitionInputSchema, input));
        const bare = issueFacts(z.safeParse(strippedSchema, input));
        // Deep equality as vitest sees it (NaN equals NaN, symbols by identity), case by case.
        try {
          expect(bare).toEqual(full);
        } catch {
          differing.push(c.id);
        }
      }
    }
    expect(differing).toEqual([]);
  });
});

describe('the plugin', () => {
  const plugin = taskdefSchemaPlugin();
  const load = plugin.load as (id: string) => string | null;
  const resolveId = plugin.resolveId as (id: string) => string | null;
  const transform = plugin.transform as (code: string, id: string) => { code: string } | null;

  it('applies to builds only, before the TypeScript transform', () => {
    expect(plugin.apply).toBe('build');
    expect(plugin.enforce).toBe('pre');
  });

  it('replaces schema.ts (with or without a query) and nothing else, and serves the data module', () => {
    expect(resolveId('virtual:taskdef-schema')).toBe('\0virtual:taskdef-schema');
    expect(resolveId('./schema.ts')).toBeNull();
    expect(load('\0virtual:taskdef-schema')).toBe(schemaDataModule(taskDefinitionJsonSchema()));
    expect(load(join(taskdefDir, 'schema.ts'))).toBe(schemaStandIn(taskDefinitionJsonSchema()));
    expect(load(`${join(taskdefDir, 'schema.ts')}?worker_file&type=module`)).not.toBeNull();
    expect(load(join(taskdefDir, 'model.ts'))).toBeNull();
    expect(load('/somewhere/else/schema.ts')).toBeNull();
  });

  it('strips model.ts and leaves other modules alone', () => {
    expect(transform(modelSource, join(taskdefDir, 'model.ts'))?.code).toBe(stripModelDocs(modelSource));
    expect(transform('export const x = str("keep");', join(taskdefDir, 'params.ts'))).toBeNull();
  });
});
