// Property tests (fast-check) of validateTaskDefinition, the promises of issue 3 "Bad input":
// on arbitrary JSON, on arbitrary JS values, and on random mutations of valid task definitions
// (bare and in the Describe form), the validator
//   1. never throws and answers quickly (each case well under 50 ms),
//   2. answers valid with no errors, or invalid with at least one,
//   3. locates every error by a JSON pointer into the input that is either
//        '' (the whole input: too large, too deep), or
//        a pointer that resolves in the input, or
//        a missing member: the pointer minus its last token resolves to an object (not an array)
//        that lacks that member (e.g. /cpu on a Fargate definition without cpu);
//   4. attaches quick fixes whose patches apply to the input.
// The seed: random per run, printed by fast-check on failure; set TASKDEF_FC_SEED=<n> to replay
// (the seed is in the test names). TASKDEF_FC_RUNS changes the number of runs.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyQuickFix, parsePointer, validateTaskDefinition } from '../../../workers/engine/taskdef/index.ts';
import type { ValidationResult } from '../../../workers/protocol.ts';
import { fargateApi, minimalEc2, nginxWeb, richEc2, type Doc } from './fixtures.ts';

const SEED = process.env.TASKDEF_FC_SEED === undefined ? undefined : Number(process.env.TASKDEF_FC_SEED);
const RUNS = Number(process.env.TASKDEF_FC_RUNS ?? 300);
const SEED_LABEL = SEED === undefined ? 'random seed (printed on failure; replay with TASKDEF_FC_SEED)' : `seed ${SEED}`;
const params = { numRuns: RUNS, ...(SEED === undefined ? {} : { seed: SEED }) };
const MAX_MS = 50;
/** Each property runs RUNS cases (and re-validates for every quick fix): give large runs the time. */
const TIMEOUT_MS = Math.max(30_000, RUNS * 20);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** The value at `tokens` in `root`, or a miss. Own members only, as a JSON pointer means. */
function resolve(root: unknown, tokens: readonly string[]): { found: true; value: unknown } | { found: false } {
  let node = root;
  for (const token of tokens) {
    if (Array.isArray(node)) {
      if (!/^(0|[1-9]\d*)$/.test(token) || Number(token) >= node.length) return { found: false };
      node = node[Number(token)];
    } else if (isObject(node) && Object.hasOwn(node, token)) node = node[token];
    else return { found: false };
  }
  return { found: true, value: node };
}

/** Property 3: where the pointer leads in the input; a string explaining the failure, or null. */
function pointerProblem(input: unknown, pointer: string): string | null {
  if (pointer === '') return null;
  const tokens = parsePointer(pointer);
  if (tokens === null) return `'${pointer}' is not a JSON pointer`;
  if (resolve(input, tokens).found) return null;
  const parent = resolve(input, tokens.slice(0, -1));
  if (parent.found && isObject(parent.value) && !Array.isArray(parent.value)) return null;
  return `'${pointer}' does not exist in the input, nor does it name a missing member of an object`;
}

/**
 * Validates (timed: the fastest of up to 3 tries, so that a GC pause or a busy machine running other
 * test files in parallel is not taken for a slow validator) and checks properties 1–4.
 */
function check(input: unknown): ValidationResult {
  let result!: ValidationResult;
  let ms = Infinity;
  for (let attempt = 0; attempt < 3 && ms >= MAX_MS; attempt += 1) {
    const started = performance.now();
    result = validateTaskDefinition(input);
    ms = Math.min(ms, performance.now() - started);
  }
  expect(ms).toBeLessThan(MAX_MS);
  expect(result.valid).toBe(result.errors.length === 0);
  for (const error of result.errors) {
    expect(typeof error.code).toBe('string');
    expect(error.message.length).toBeGreaterThan(0);
    expect(pointerProblem(input, error.path), `error ${JSON.stringify(error)}`).toBeNull();
    if (error.fix) {
      expect(error.fix.patches.length).toBeGreaterThan(0);
      const applied = applyQuickFix(input, error.fix);
      expect(applied.ok, `fix ${JSON.stringify(error.fix)} of ${error.message}`).toBe(true);
      // …and it removes its own error.
      if (applied.ok) {
        const after = validateTaskDefinition(applied.document).errors;
        expect(after.filter((e) => e.path === error.path && e.message === error.message), `after ${error.fix.title}`).toEqual([]);
      }
    }
  }
  return result;
}

// ---- mutations of valid definitions -----------------------------------------------------------

const KEYS = ['family', 'containerDefinitions', 'name', 'image', 'cpu', 'memory', 'memoryReservation', 'portMappings', 'containerPort',
  'hostPort', 'protocol', 'networkMode', 'essential', 'requiresCompatibilities', 'healthCheck', 'dependsOn', 'condition', 'containerName',
  'volumes', 'mountPoints', 'sourceVolume', 'secrets', 'valueFrom', 'executionRoleArn', 'taskRoleArn', 'logConfiguration', 'logDriver',
  'ephemeralStorage', 'sizeInGiB', 'placementConstraints', 'tags', 'key', 'value', 'links', 'pidMode', 'ipcMode', '__proto__', 'a/b~c'];

/** Values a learner might plausibly type into a field — and some no one should. */
const fieldValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom('256', '512', '1024', '2048', '0.5 vCPU', '1 vCPU', '2 GB', '512 MiB', '', 'awsvpc', 'bridge', 'host', 'none', 'FARGATE',
    'EC2', 'tcp', 'udp', 'START', 'COMPLETE', 'SUCCESS', 'HEALTHY', 'awslogs', 'json-file', 'app', 'web', 'api', 'data',
    'arn:aws:iam::123456789012:role/r', '123456789012.dkr.ecr.us-east-1.amazonaws.com/api:1', 'memberOf', 'attribute:x == y'),
  fc.constantFrom(0, 1, -1, 6, 80, 128, 512, 65535, 65536, 2 ** 31, 1.5, true, false, null),
  fc.constantFrom<unknown>([], {}, ['FARGATE'], ['CMD', 'true'], [{ containerPort: 80 }], [{ containerName: 'web', condition: 'START' }]),
  fc.jsonValue({ maxDepth: 2 }),
);

type Mutation = { pick: number; action: 'delete' | 'set' | 'add' | 'push'; key: string; value: unknown };
const mutation: fc.Arbitrary<Mutation> = fc.record({
  pick: fc.nat(),
  action: fc.constantFrom('delete', 'set', 'add', 'push'),
  key: fc.constantFrom(...KEYS),
  value: fieldValue,
});

/** Every container (object or array) in `doc`, with its own path. */
function containersOf(doc: unknown): unknown[] {
  const out: unknown[] = [];
  const walk = (node: unknown) => {
    if (!isObject(node)) return;
    out.push(node);
    for (const child of Object.values(node)) walk(child);
  };
  walk(doc);
  return out;
}

function applyMutations(base: Doc, mutations: readonly Mutation[]): Doc {
  const doc = structuredClone(base);
  for (const m of mutations) {
    const nodes = containersOf(doc);
    const node = nodes[m.pick % nodes.length] as Record<string, unknown> | unknown[];
    const value = structuredClone(m.value);
    if (Array.isArray(node)) {
      if (m.action === 'delete' && node.length > 0) node.splice(m.pick % node.length, 1);
      else if (m.action === 'push' || node.length === 0) node.push(value);
      else node[m.pick % node.length] = value;
      continue;
    }
    const keys = Object.keys(node);
    const key = m.action === 'add' || keys.length === 0 ? m.key : keys[m.pick % keys.length]!;
    if (m.action === 'delete') delete node[key];
    else Object.defineProperty(node, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return doc;
}

const BASES: readonly (() => Doc)[] = [minimalEc2, nginxWeb, fargateApi, richEc2];

/**
 * Well-typed edits of the fields the rules look at, so that the shape check passes and the ECS
 * rules (and their quick fixes) are what gets exercised.
 */
const NAMES = ['web', 'api', 'migrate', 'app', 'ghost'];
const taskEdit: fc.Arbitrary<[string, unknown]> = fc.oneof(
  fc.tuple(fc.constant('networkMode'), fc.constantFrom('bridge', 'host', 'awsvpc', 'none', undefined)),
  fc.tuple(fc.constant('requiresCompatibilities'), fc.constantFrom(['EC2'], ['FARGATE'], ['EC2', 'FARGATE'], ['EXTERNAL'], undefined)),
  fc.tuple(fc.constant('cpu'), fc.constantFrom('256', '512', '768', '1 vCPU', '2 vCPU', '64', '0.25 vcpu', undefined)),
  fc.tuple(fc.constant('memory'), fc.constantFrom('512', '1 GB', '2048', '3 GB', '4096', '100', '18 GB', undefined)),
  fc.tuple(fc.constant('executionRoleArn'), fc.constantFrom(undefined, 'ecsTaskExecutionRole', 'arn:aws:s3:::nope')),
  fc.tuple(fc.constant('pidMode'), fc.constantFrom('host', 'task', undefined)),
  fc.tuple(fc.constant('ipcMode'), fc.constantFrom('host', 'none', undefined)),
  fc.tuple(fc.constant('ephemeralStorage'), fc.constantFrom(undefined, { sizeInGiB: 20 }, { sizeInGiB: 21 }, { sizeInGiB: 201 })),
);
const containerEdit: fc.Arbitrary<[string, unknown]> = fc.oneof(
  fc.tuple(fc.constant('name'), fc.constantFrom(...NAMES)),
  fc.tuple(fc.constant('memory'), fc.constantFrom(undefined, 0, 4, 64, 512, 4096)),
  fc.tuple(fc.constant('memoryReservation'), fc.constantFrom(undefined, 0, 64, 1024)),
  fc.tuple(fc.constant('cpu'), fc.constantFrom(undefined, 0, 256, 2048)),
  fc.tuple(fc.constant('essential'), fc.boolean()),
  fc.tuple(fc.constant('image'), fc.constantFrom('nginx', '123456789012.dkr.ecr.us-east-1.amazonaws.com/api:1', '')),
  fc.tuple(
    fc.constant('portMappings'),
    fc.array(fc.record({ containerPort: fc.constantFrom(80, 8080), hostPort: fc.constantFrom(0, 80, 8080, undefined), protocol: fc.constantFrom('tcp', 'udp') }, { requiredKeys: ['containerPort'] }), { maxLength: 3 }),
  ),
  fc.tuple(fc.constant('dependsOn'), fc.array(fc.record({ containerName: fc.constantFrom(...NAMES), condition: fc.constantFrom('START', 'COMPLETE', 'SUCCESS', 'HEALTHY') }), { maxLength: 2 })),
  fc.tuple(fc.constant('healthCheck'), fc.constantFrom(undefined, { command: ['CMD', 'true'] }, { command: ['CMD', 'true'], interval: 1 })),
  fc.tuple(fc.constant('privileged'), fc.constantFrom(true, false, undefined)),
  fc.tuple(fc.constant('hostname'), fc.constantFrom('app', undefined)),
  fc.tuple(fc.constant('linuxParameters'), fc.constantFrom(undefined, { sharedMemorySize: 64 }, { capabilities: { add: ['NET_ADMIN', 'NET_ADMIN'] } })),
  fc.tuple(fc.constant('mountPoints'), fc.constantFrom(undefined, [{ sourceVolume: 'shared', containerPath: '/s' }], [{ sourceVolume: 'nope', containerPath: '/n' }])),
  fc.tuple(fc.constant('logConfiguration'), fc.constantFrom(undefined, { logDriver: 'awslogs' }, { logDriver: 'awslogs', options: { 'awslogs-region': 'us-east-1' } })),
  fc.tuple(fc.constant('secrets'), fc.constantFrom(undefined, [{ name: 'X', valueFrom: 'arn:aws:ssm:us-east-1:123456789012:parameter/x' }])),
);
const semanticEdit = fc.oneof(
  taskEdit.map(([key, value]) => ({ container: null, key, value })),
  fc.tuple(fc.nat(9), containerEdit).map(([container, [key, value]]) => ({ container, key, value })),
);
const editedDefinition = fc.tuple(fc.constantFrom(...BASES), fc.array(semanticEdit, { minLength: 1, maxLength: 4 })).map(([base, edits]) => {
  const doc = base();
  for (const { container, key, value } of edits) {
    const containers = doc.containerDefinitions as Doc[];
    const target: Doc = container === null ? doc : containers[container % containers.length]!;
    if (value === undefined) delete target[key];
    else target[key] = structuredClone(value);
  }
  return doc;
});
const mutatedDefinition = fc
  .tuple(fc.constantFrom(...BASES), fc.array(mutation, { minLength: 1, maxLength: 4 }), fc.constantFrom('bare', 'describe'))
  .map(([base, mutations, form]) => {
    const doc = applyMutations(base(), mutations);
    return form === 'bare' ? doc : { taskDefinition: { ...doc, revision: 2, status: 'ACTIVE', compatibilities: ['EC2'] }, tags: [] };
  });

describe(`validateTaskDefinition properties (${SEED_LABEL}, ${RUNS} runs each)`, () => {
  it('the bases are valid, so mutations start from a definition AWS accepts', () => {
    for (const base of BASES) expect(validateTaskDefinition(base())).toEqual({ valid: true, errors: [] });
  });

  it(`arbitrary JSON (fc.jsonValue): never throws, quick, valid xor errors, pointers exist [${SEED_LABEL}]`, () => {
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 8 }), (input) => void check(input)), params);
  }, TIMEOUT_MS);

  it(`arbitrary JSON inside a Describe wrapper [${SEED_LABEL}]`, () => {
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 6 }), (inner) => void check({ taskDefinition: inner })), params);
  }, TIMEOUT_MS);

  it(`arbitrary JS values (fc.anything: Maps, Dates, typed arrays, null prototypes, boxed values…) [${SEED_LABEL}]`, () => {
    const anything = fc.anything({
      maxDepth: 4,
      withBigInt: true,
      withBoxedValues: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withNullPrototype: true,
      withObjectString: true,
      withSparseArray: true,
      withTypedArray: true,
    });
    fc.assert(fc.property(anything, (input) => void check(input)), params);
  }, TIMEOUT_MS);

  it(`mutations of valid definitions, bare and in the Describe form; quick fixes apply [${SEED_LABEL}]`, () => {
    let invalid = 0;
    let fixes = 0;
    fc.assert(
      fc.property(mutatedDefinition, (input) => {
        const result = check(input);
        if (!result.valid) invalid += 1;
        fixes += result.errors.filter((e) => e.fix).length;
      }),
      params,
    );
    // The generator does reach the rules (not only the shape check) and their fixes.
    console.info(`mutations: ${invalid} of ${RUNS} invalid, ${fixes} quick fixes applied`);
    expect(invalid).toBeGreaterThan(0);
  }, TIMEOUT_MS);

  it(`well-typed edits of the fields the ECS rules check; every quick fix applies and removes its error [${SEED_LABEL}]`, () => {
    let fixes = 0;
    fc.assert(
      fc.property(editedDefinition, (input) => {
        fixes += check(input).errors.filter((e) => e.fix).length;
      }),
      params,
    );
    console.info(`well-typed edits: ${fixes} quick fixes applied`);
    if (RUNS >= 100) expect(fixes).toBeGreaterThan(0);
  }, TIMEOUT_MS);

  it('the missing-member rule is exact: a pointer into a missing parent is refused by the checker itself', () => {
    const doc = { family: 'f', containerDefinitions: [{}] };
    expect(pointerProblem(doc, '/cpu')).toBeNull();
    expect(pointerProblem(doc, '/containerDefinitions/0/image')).toBeNull();
    expect(pointerProblem(doc, '/containerDefinitions/1')).not.toBeNull();
    expect(pointerProblem(doc, '/volumes/0/name')).not.toBeNull();
    expect(pointerProblem(doc, '/family/x')).not.toBeNull();
  });
});
