// Proves validateTaskDefinition never throws and always answers with a well-formed result: for
// seeded random junk (the seed is in each test name; rerun one by its seed), for random mutations
// of valid definitions (and then build/reservation/ports never throw either), and for hostile
// inputs — huge, deeply nested, cyclic, non-JSON values — which are refused after bounded work.
import { describe, expect, it } from 'vitest';
import {
  buildTaskDefinition,
  portRequirements,
  taskReservation,
  toRegisterInput,
  validateTaskDefinition,
} from '../../../workers/engine/taskdef/index.ts';
import type { ValidationResult } from '../../../workers/protocol.ts';
import { fargateApi, META, minimalEc2, nginxWeb, type Doc } from './fixtures.ts';

/** mulberry32: a tiny seeded PRNG, so each case is reproducible from its seed. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  return { next, int, pick };
}

type Rng = ReturnType<typeof prng>;

const WORDS = ['family', 'containerDefinitions', 'name', 'image', 'cpu', 'memory', 'memoryReservation', 'portMappings', 'containerPort',
  'hostPort', 'protocol', 'networkMode', 'essential', 'taskDefinition', 'tags', 'requiresCompatibilities', 'healthCheck', 'dependsOn',
  'volumes', 'mountPoints', '__proto__', 'constructor', 'toString', '', 'a/b', '~'];
const SCALARS: unknown[] = [undefined, null, true, false, 0, -1, 1.5, 65536, 2 ** 53, Number.NaN, Infinity, '', 'x', '256', '1 vCPU', 'awsvpc', 'FARGATE', 'tcp', 'ß∂ƒ', '\u0000'];

function junk(rng: Rng, depth: number): unknown {
  const roll = rng.int(depth > 4 ? 2 : 5);
  if (roll <= 1) return rng.pick(SCALARS);
  if (roll === 2) return Array.from({ length: rng.int(4) }, () => junk(rng, depth + 1));
  const obj: Record<string, unknown> = {};
  for (let i = rng.int(5); i > 0; i -= 1) obj[rng.pick(WORDS)] = junk(rng, depth + 1);
  return obj;
}

/** Replace, delete or add one value somewhere in a copy of `doc`. */
function mutate(rng: Rng, doc: Doc): Doc {
  const copy = structuredClone(doc);
  let node: any = copy;
  for (let steps = rng.int(4); steps > 0; steps -= 1) {
    const keys = Object.keys(node);
    if (keys.length === 0) break;
    const child = node[rng.pick(keys)];
    if (!child || typeof child !== 'object') break;
    node = child;
  }
  const keys = Object.keys(node);
  const key = keys.length > 0 && rng.next() < 0.8 ? rng.pick(keys) : rng.pick(WORDS);
  if (rng.next() < 0.3) delete node[key];
  else node[key] = junk(rng, 3);
  return copy;
}

function expectWellFormed(result: ValidationResult) {
  expect(typeof result.valid).toBe('boolean');
  expect(result.valid).toBe(result.errors.length === 0);
  for (const e of result.errors) {
    expect(e.path === '' || e.path.startsWith('/')).toBe(true);
    expect(e.code).toMatch(/^[A-Za-z]+$/);
    expect(e.message.length).toBeGreaterThan(5);
  }
}

describe('random junk never throws', () => {
  for (const seed of [1, 2, 3, 42, 1337, 20261125]) {
    it(`seed ${seed}: 300 random documents`, () => {
      const rng = prng(seed);
      for (let i = 0; i < 300; i += 1) {
        const input = rng.next() < 0.3 ? { taskDefinition: junk(rng, 1) } : junk(rng, 0);
        const result = validateTaskDefinition(input);
        expectWellFormed(result);
        // Junk is never a task definition: it lacks an object with a family and containers.
        expect(result.valid).toBe(false);
        expect(() => toRegisterInput(input)).not.toThrow();
      }
    });
  }
});

describe('mutated valid definitions never throw, and valid ones build', () => {
  for (const seed of [7, 99, 2024]) {
    it(`seed ${seed}: 300 mutations of the nginx, minimal and Fargate definitions`, () => {
      const rng = prng(seed);
      let stillValid = 0;
      for (let i = 0; i < 300; i += 1) {
        const doc = mutate(rng, rng.pick([nginxWeb(), minimalEc2(), fargateApi()]));
        const result = validateTaskDefinition(doc);
        expectWellFormed(result);
        if (!result.valid) continue;
        stillValid += 1;
        const td = buildTaskDefinition(toRegisterInput(doc), META);
        const { cpuUnits, memoryMiB } = taskReservation(td);
        expect(Number.isFinite(cpuUnits) && Number.isFinite(memoryMiB)).toBe(true);
        for (const p of portRequirements(td)) expect(p.hostPort).toBeGreaterThanOrEqual(0);
      }
      expect(stillValid).toBeGreaterThan(0);
    });
  }
});

describe('hostile inputs are refused after bounded work', () => {
  const deep = (levels: number) => {
    let node: unknown = 'leaf';
    for (let i = 0; i < levels; i += 1) node = { family: node };
    return node;
  };
  const cyclic = () => {
    const doc: Doc = nginxWeb();
    doc.containerDefinitions[0].self = doc;
    return doc;
  };
  const throwingGetter = () => Object.defineProperty(nginxWeb(), 'family', { enumerable: true, get: () => { throw new Error('boom'); } });

  it.each<[string, () => unknown]>([
    ['a million-element array', () => ({ family: 'f', containerDefinitions: new Array(1_000_000).fill(1) })],
    ['a 10 MB string', () => ({ family: 'x'.repeat(10_000_000), containerDefinitions: [] })],
    ['100 000 levels of nesting', () => deep(100_000)],
    ['a cycle', cyclic],
    ['an object with 100 000 keys', () => Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`k${i}`, i]))],
    ['a BigInt', () => ({ family: 'f', containerDefinitions: [{ name: 'a', image: 'x', memory: 10n }] })],
    ['a function and a symbol', () => ({ family: () => 1, containerDefinitions: [Symbol('s')] })],
    ['a getter that throws', throwingGetter],
    ['a null-prototype object', () => Object.assign(Object.create(null), nginxWeb())],
  ])('%s', (_name, make) => {
    const input = make();
    const started = performance.now();
    const result = validateTaskDefinition(input);
    expect(performance.now() - started).toBeLessThan(1000);
    expectWellFormed(result);
    expect(() => toRegisterInput(input)).not.toThrow();
  });

  it('a definition over 64 KiB is refused with its size', () => {
    const doc = nginxWeb();
    doc.containerDefinitions[0].environment = Array.from({ length: 700 }, (_, i) => ({ name: `VAR_${i}`, value: 'v'.repeat(80) }));
    const result = validateTaskDefinition(doc);
    expect(result.errors).toHaveLength(1);
    // AWS's words (awsdocs/amazon-ecs-developer-guide#149), with the exact length of the compact JSON.
    expect(result.errors[0]).toEqual({ path: '', code: 'ClientException', message: `Actual length: '${JSON.stringify(doc).length}'. Max allowed length is '65536' bytes.` });
  });
});
