/**
 * Writes scenarios/schema/scenario.schema.json from workers/scenario/json-schema.ts — run it after
 * adding an action, a topic or a key: `npx tsx tools/write-scenario-schema.ts`.
 * test/unit/scenario/json-schema.test.ts fails until the file matches.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scenarioJsonSchema } from '../workers/scenario/json-schema.ts';

export const SCENARIO_SCHEMA_FILE = new URL('../scenarios/schema/scenario.schema.json', import.meta.url);

export function scenarioSchemaText(): string {
  return JSON.stringify(scenarioJsonSchema(), null, 2) + '\n';
}

// Run as a script (not imported by the test).
if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  mkdirSync(new URL('.', SCENARIO_SCHEMA_FILE), { recursive: true });
  writeFileSync(SCENARIO_SCHEMA_FILE, scenarioSchemaText());
  console.log(`wrote ${SCENARIO_SCHEMA_FILE.pathname}`);
}
