/**
 * taskDefinitionJsonSchema: the JSON Schema of a RegisterTaskDefinition input, generated from the
 * zod model (model.ts) so that the editor's completion, hover text and squiggles describe exactly
 * what the validator accepts. Draft-07, the draft Monaco's JSON language service knows best.
 *
 * In the sandbox worker's build this module is replaced by its own result, computed at build time
 * (tools/taskdef-schema.plugin.ts): the worker ships the schema as data, not zod's generator.
 */
import * as z from 'zod/mini';
import { RegisterTaskDefinitionInputSchema } from './model.ts';

let cached: object | undefined;

export function taskDefinitionJsonSchema(): object {
  cached ??= deepFreeze(tidy(z.toJSONSchema(RegisterTaskDefinitionInputSchema, { target: 'draft-7' })) as object);
  return cached;
}

/**
 * The same schema (the same object), for a caller that can wait. In the worker build it comes from
 * a chunk of its own, fetched on first call: a worker that uses only this one keeps the schema's
 * ~6 KB gzip out of its initial JavaScript (the editor asks for it after the first paint anyway).
 */
export async function loadTaskDefinitionJsonSchema(): Promise<object> {
  return taskDefinitionJsonSchema();
}

/** Drops the 32-bit bounds zod adds to every integer: they say nothing a learner needs. */
const MACHINE_BOUNDS = new Set([Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 2147483647, -2147483648]);

function tidy(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(tidy);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if ((key === 'minimum' || key === 'maximum') && MACHINE_BOUNDS.has(value as number)) continue;
    out[key] = tidy(value);
  }
  return out;
}

function deepFreeze<T>(node: T): T {
  if (node !== null && typeof node === 'object') {
    for (const value of Object.values(node)) deepFreeze(value);
    Object.freeze(node);
  }
  return node;
}
