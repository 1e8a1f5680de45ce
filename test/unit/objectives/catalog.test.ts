// The field catalog cannot drift from the Snapshot: every field the engine produces in real runs
// of the bundled scenarios (and a few extra actions) must be catalogued with its type; every
// catalogued field must be named in workers/protocol.ts (or, for container definitions, in the
// RegisterTaskDefinition schema); and every array the Snapshot carries is either readable by
// objectives or deliberately left out here.
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COLLECTIONS, isList, isObject, type FieldType } from '../../../workers/scenario/objectives/catalog.ts';
import { ContainerDefinition, RegisterTaskDefinitionInputSchema } from '../../../workers/engine/taskdef/model.ts';
import type { Snapshot } from '../../../workers/protocol.ts';
import { loaded, SCENARIO_DIR } from './helpers.ts';

/** Snapshot members objectives do not read (series, bookkeeping, or not asked for by the course yet). */
const NOT_READ = new Set([
  'time', 'seed', 'listeners', 'classicLoadBalancers', 'launchTemplates', 'autoScalingPolicies', 'scalingActivities', 'metrics',
  'cost', 'serviceScalingPolicies', 'scheduledActions', 'traffic', 'serviceCounts',
]);

function snapshots(): Snapshot[] {
  const out: Snapshot[] = [];
  for (const file of readdirSync(SCENARIO_DIR).filter((name) => name.endsWith('.yaml') && name !== 'course.yaml')) {
    const engine = loaded(file.replace(/\.yaml$/, ''));
    out.push(engine.snapshot());
    engine.advance(3_700_000);
    out.push(engine.snapshot());
    if (file === 'services.yaml') {
      // A failing deployment: stopped tasks with exit codes and reasons, a rollback.
      engine.dispatch({ 'ecs:UpdateService': { cluster: 'demo', service: 'web', taskDefinition: 'web:3', deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: true } } } });
      engine.advance(300_000);
      out.push(engine.snapshot());
    }
  }
  return out;
}

const SNAPSHOTS = snapshots();

function typeProblems(value: unknown, type: FieldType, where: string, problems: Set<string>): void {
  if (value === undefined || type === 'any') return;
  if (isList(type)) {
    if (!Array.isArray(value)) problems.add(`${where}: catalogued as a list, is ${typeof value}`);
    else for (const item of value) typeProblems(item, type.list, `${where}[]`, problems);
    return;
  }
  if (isObject(type)) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      problems.add(`${where}: catalogued as an object, is ${Array.isArray(value) ? 'a list' : typeof value}`);
      return;
    }
    for (const [key, inner] of Object.entries(value)) {
      const innerType = type.fields[key];
      if (innerType === undefined) problems.add(`${where}.${key}: not in the catalog`);
      else typeProblems(inner, innerType, `${where}.${key}`, problems);
    }
    return;
  }
  if (typeof value !== type) problems.add(`${where}: catalogued as ${type}, is ${typeof value}`);
}

function fieldNames(type: FieldType, into: Set<string>, skip: ReadonlySet<FieldType> = new Set()): Set<string> {
  if (skip.has(type)) return into;
  if (isList(type)) return fieldNames(type.list, into, skip);
  if (isObject(type)) {
    for (const [key, inner] of Object.entries(type.fields)) {
      into.add(key);
      fieldNames(inner, into, skip);
    }
  }
  return into;
}

describe('the objective field catalog', () => {
  it('has every field the engine produces, with its type', () => {
    const problems = new Set<string>();
    let items = 0;
    for (const snapshot of SNAPSHOTS) {
      for (const [name, collection] of Object.entries(COLLECTIONS)) {
        const list = (snapshot as unknown as Record<string, unknown>)[collection.key];
        if (!Array.isArray(list)) continue;
        for (const item of list) {
          items++;
          typeProblems(item, collection.item, name, problems);
        }
      }
    }
    expect([...problems]).toEqual([]);
    expect(items).toBeGreaterThan(500);
  });

  it('reads or deliberately skips every member of the Snapshot', () => {
    const read = new Set(Object.values(COLLECTIONS).map((collection) => collection.key as string));
    const members = new Set(SNAPSHOTS.flatMap((snapshot) => Object.keys(snapshot)));
    expect([...members].filter((member) => !read.has(member) && !NOT_READ.has(member))).toEqual([]);
  });

  it('names only fields that protocol.ts (or the task definition schema) names', () => {
    const protocol = readFileSync(new URL('../../../workers/protocol.ts', import.meta.url), 'utf8');
    const containerDefinition = COLLECTIONS.taskDefinitions!.item.fields.containerDefinitions!;
    const schemaKeys = new Set(Object.keys((ContainerDefinition as unknown as { shape: object }).shape));
    const containerKeys = fieldNames(isList(containerDefinition) ? containerDefinition.list : containerDefinition, new Set(), new Set());
    // Container definitions: their own keys match RegisterTaskDefinition's ContainerDefinition exactly.
    const ownContainerKeys = new Set(Object.keys((isList(containerDefinition) && isObject(containerDefinition.list) ? containerDefinition.list : { fields: {} }).fields));
    expect([...ownContainerKeys].filter((key) => !schemaKeys.has(key))).toEqual([]);
    expect([...schemaKeys].filter((key) => !ownContainerKeys.has(key))).toEqual([]);
    const registerKeys = new Set(Object.keys((RegisterTaskDefinitionInputSchema as unknown as { shape: object }).shape));
    const missing: string[] = [];
    for (const [name, collection] of Object.entries(COLLECTIONS)) {
      for (const field of fieldNames(collection.item, new Set(), new Set([containerDefinition]))) {
        if (!new RegExp(`\\b${field}\\??:`).test(protocol) && !registerKeys.has(field) && !containerKeys.has(field)) missing.push(`${name}: ${field}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
