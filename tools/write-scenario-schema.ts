/**
 * Writes scenarios/schema/scenario.schema.json from workers/scenario/json-schema.ts — run it after
 * adding an action, a topic or a key: `npx tsx tools/write-scenario-schema.ts`.
 * test/unit/scenario/json-schema.test.ts fails until the file matches.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { scenarioJsonSchema } from '../workers/scenario/json-schema.ts';

export const SCENARIO_SCHEMA_FILE = new URL('../scenarios/schema/scenario.schema.json', import.meta.url);

export function scenarioSchemaText(): string {
  return JSON.stringify(scenarioJsonSchema(), null, 2) + '\n';
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/').split('/').pop()!)) {
  mkdirSync(new URL('.', SCENARIO_SCHEMA_FILE), { recursive: true });
  writeFileSync(SCENARIO_SCHEMA_FILE, scenarioSchemaText());
  console.log(`wrote ${SCENARIO_SCHEMA_FILE.pathname}`);
}
