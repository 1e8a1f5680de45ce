// A fixed, seeded corpus of task-definition inputs for equivalence tests: the validator's answers
// to it were recorded (fixtures/validation-before.json) before the model moved from zod's classic
// API to zod/mini, and must not change. Deterministic: the same seeds give the same inputs.
//
// Three kinds of inputs, so every branch of the shape check (params.ts) and of the rules is hit:
// - random mutations of the valid fixtures (replace, delete or add one value at any depth);
// - schema-directed edits: a member the JSON Schema lists (any depth, any container, volume, …)
//   set to a value of a wrong type, an out-of-range integer, an unknown enum value, or an
//   unknown sibling key — so every member of the model answers at least once;
// - random junk, bare and in a Describe wrapper.
import schemaBefore from './fixtures/schema-before.json' with { type: 'json' };
import { fargateApi, minimalEc2, nginxWeb, richEc2, type Doc } from './fixtures.ts';

/** mulberry32: a tiny seeded PRNG (as in fuzz.test.ts), so each case is reproducible. */
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
  'volumes', 'mountPoints', 'constructor', 'toString', '', 'a/b', '~'];
// A function's source text depends on the transpiler (tsx vs vite); this one prints the same everywhere.
const FN = Object.assign(() => 1, { toString: () => 'function fn() {}' });
// Only the answers are stored, not the inputs, so values without a JSON form are welcome too.
const SCALARS: unknown[] = [undefined, Number.NaN, Infinity, -Infinity, -0, 10n, Symbol.for('s'), FN, null, true, false, 0, -1, 1.5, 65536, 2 ** 31, 2 ** 53, -(2 ** 31) - 1, '', 'x', '256', '1 vCPU', 'awsvpc',
  'FARGATE', 'tcp', 'udp', 'HEALTHY', 'awslogs', 'ß∂ƒ', '\u0000', 'nginx:latest'];

function junk(rng: Rng, depth: number): unknown {
  const roll = rng.int(depth > 4 ? 2 : 5);
  if (roll <= 1) return rng.pick(SCALARS);
  if (roll === 2) return Array.from({ length: rng.int(4) }, () => junk(rng, depth + 1));
  const obj: Record<string, unknown> = {};
  for (let i = rng.int(5); i > 0; i -= 1) obj[rng.pick(WORDS)] = junk(rng, depth + 1);
  return obj;
}

function mutate(rng: Rng, doc: Doc): Doc {
  const copy = structuredClone(doc);
  let node: any = copy;
  for (let steps = rng.int(6); steps > 0; steps -= 1) {
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

type SchemaNode = { type?: string; properties?: Record<string, SchemaNode>; items?: SchemaNode; enum?: unknown[]; additionalProperties?: unknown };

/** Every member path the schema lists: '[]' stands for "an array element", e.g. containerDefinitions/[]/portMappings/[]/hostPort. */
function memberPaths(node: SchemaNode, prefix: string[] = []): string[][] {
  const out: string[][] = [];
  for (const [name, child] of Object.entries(node.properties ?? {})) {
    out.push([...prefix, name]);
    out.push(...memberPaths(child, [...prefix, name]));
  }
  if (node.items) out.push(...memberPaths(node.items, [...prefix, '[]']));
  return out;
}

function schemaAt(path: string[]): SchemaNode | undefined {
  let node: SchemaNode | undefined = schemaBefore as SchemaNode;
  for (const segment of path) node = segment === '[]' ? node?.items : node?.properties?.[segment];
  return node;
}

/** A value the member at `schema` must refuse (or, sometimes, a valid-looking one: the rules then speak). */
function wrongValue(rng: Rng, schema: SchemaNode | undefined): unknown {
  const type = schema?.type;
  const candidates: unknown[] = [null, 'x', 7, true, [], {}, [1], { a: 1 }, 1.5, 2 ** 31, -(2 ** 31) - 1, -1, 0, ''];
  if (schema?.enum) candidates.push('NOT_A_VALUE', String(schema.enum[0]).toLowerCase(), schema.enum[0]);
  if (type === 'integer') candidates.push(2 ** 53, 65536, 6, 5, 300, 301);
  if (type === 'string') candidates.push('256', '0.25 vCPU', 'a'.repeat(300), 'bad name!');
  return rng.pick(candidates);
}

/** A value of the member's own type: the shape check passes, so the service's rules answer. */
function rightTypedValue(rng: Rng, schema: SchemaNode | undefined): unknown {
  if (schema?.enum) return rng.pick(schema.enum);
  switch (schema?.type) {
    case 'integer':
      return rng.pick([0, 1, 5, 6, 80, 128, 300, 65535, 65536, 10240, -1]);
    case 'boolean':
      return rng.pick([true, false]);
    case 'string':
      return rng.pick(['', 'web', 'api', '256', '512', '1 vCPU', '2 GB', 'awsvpc', 'a'.repeat(256), 'bad name!', 'arn:aws:iam::123456789012:role/r']);
    case 'array':
      return rng.pick([[], ['x'], [{}]]);
    default:
      return rng.pick([{}, 'x']);
  }
}

/** Sets `path` in `doc` (creating objects and one-element arrays on the way) to `value`. */
function setPath(doc: Doc, path: string[], value: unknown, rng: Rng): void {
  let node: any = doc;
  for (let i = 0; i < path.length - 1; i += 1) {
    const segment = path[i]!;
    const nextIsArray = path[i + 1] === '[]';
    if (segment === '[]') {
      if (!Array.isArray(node)) return;
      if (node.length === 0) node.push(nextIsArray ? [] : {});
      node = node[rng.int(node.length)];
    } else {
      if (node[segment] === undefined || node[segment] === null || typeof node[segment] !== 'object') node[segment] = nextIsArray ? [] : {};
      node = node[segment];
    }
    if (node === null || typeof node !== 'object') return;
  }
  const last = path[path.length - 1]!;
  if (last === '[]') {
    if (Array.isArray(node)) node.push(value);
  } else {
    node[last] = value;
  }
}

function schemaEdit(rng: Rng, doc: Doc, paths: string[][]): Doc {
  const copy = structuredClone(doc);
  const path = rng.pick(paths);
  const roll = rng.next();
  if (roll < 0.15) setPath(copy, [...path.slice(0, -1), 'unknownMember'], 1, rng);
  else if (roll < 0.45) setPath(copy, path, rightTypedValue(rng, schemaAt(path)), rng);
  else if (roll < 0.55) setPath(copy, path, structuredClone(rng.pick([{}, [], [{}], 'ok', 1]) as unknown), rng);
  else setPath(copy, path, wrongValue(rng, schemaAt(path)), rng);
  return copy;
}

export type CorpusCase = { id: string; input: unknown };

/** The corpus: about 3 900 inputs, each with a stable id. */
export function equivalenceCorpus(): CorpusCase[] {
  const cases: CorpusCase[] = [];
  const bases = [nginxWeb, minimalEc2, fargateApi, richEc2];
  for (const seed of [11, 12, 13]) {
    const rng = prng(seed);
    for (let i = 0; i < 300; i += 1) cases.push({ id: `mutate:${seed}:${i}`, input: mutate(rng, rng.pick(bases)()) });
  }
  const paths = memberPaths(schemaBefore as SchemaNode);
  for (const seed of [21, 22, 23, 24, 25]) {
    const rng = prng(seed);
    for (let i = 0; i < 300; i += 1) {
      let doc = schemaEdit(rng, rng.pick(bases)(), paths);
      // Sometimes two edits at once, so the order of several issues is compared too.
      if (rng.next() < 0.3) doc = schemaEdit(rng, doc, paths);
      cases.push({ id: `schema:${seed}:${i}`, input: rng.next() < 0.15 ? { taskDefinition: doc, tags: [] } : doc });
    }
  }
  for (const seed of [31, 32]) {
    const rng = prng(seed);
    for (let i = 0; i < 250; i += 1) cases.push({ id: `junk:${seed}:${i}`, input: rng.next() < 0.3 ? { taskDefinition: junk(rng, 1) } : junk(rng, 0) });
  }
  // Every member of the model, each set to each kind of wrong value once (no randomness).
  const fixed = prng(41);
  for (const path of paths) {
    for (const value of [null, 'x', 7, 1.5, {}, 2 ** 53]) {
      const doc = richEc2();
      setPath(doc, path, value, fixed);
      cases.push({ id: `member:${path.join('.')}:${JSON.stringify(value)}`, input: doc });
    }
  }
  // Values only an in-process caller (the CLI's JS API, a test) can pass: no JSON form, symbol keys,
  // odd prototypes. The worker gets structured clones, but validateTaskDefinition is public.
  const sym = Symbol.for('key');
  const hostile: [string, () => unknown][] = [
    ['symbol key in a record', () => edit(nginxWeb(), (d) => { d.containerDefinitions[0].dockerLabels = { a: 'b', [sym]: 'c' }; })],
    ['symbol key in an object', () => edit(nginxWeb(), (d) => { d.containerDefinitions[0][sym] = 1; })],
    ['symbol key at the top', () => edit(nginxWeb(), (d) => { (d as Record<symbol, unknown>)[sym] = 1; })],
    ['symbol value in a record', () => edit(nginxWeb(), (d) => { d.containerDefinitions[0].dockerLabels = { a: sym }; })],
    ['BigInt memory', () => edit(nginxWeb(), (d) => { d.containerDefinitions[0].memory = 512n; })],
    ['NaN cpu', () => edit(nginxWeb(), (d) => { d.containerDefinitions[0].cpu = Number.NaN; })],
    ['Infinity port', () => edit(nginxWeb(), (d) => { d.containerDefinitions[0].portMappings[0].containerPort = Infinity; })],
    ['-0 hostPort', () => edit(nginxWeb(), (d) => { d.containerDefinitions[0].portMappings[0].hostPort = -0; })],
    ['undefined members', () => edit(nginxWeb(), (d) => { d.cpu = undefined; d.containerDefinitions[0].image = undefined; })],
    ['a Date as family', () => edit(nginxWeb(), (d) => { d.family = new Date(0); })],
    ['a Map as dockerLabels', () => edit(nginxWeb(), (d) => { d.containerDefinitions[0].dockerLabels = new Map([['a', 'b']]); })],
    ['a class instance as a container', () => edit(nginxWeb(), (d) => { d.containerDefinitions[0] = Object.assign(new (class Box {})(), d.containerDefinitions[0]); })],
    ['a null-prototype container', () => edit(nginxWeb(), (d) => { d.containerDefinitions[0] = Object.assign(Object.create(null), d.containerDefinitions[0]); })],
    ['a null-prototype record', () => edit(nginxWeb(), (d) => { d.containerDefinitions[0].dockerLabels = Object.assign(Object.create(null), { a: 'b' }); })],
    ['a sparse array', () => edit(nginxWeb(), (d) => { d.containerDefinitions[0].command = ['a', , 'c']; })],
    ['a non-enumerable unknown key', () => edit(nginxWeb(), (d) => { Object.defineProperty(d, 'hidden', { value: 1, enumerable: false }); })],
    ['an inherited unknown key', () => Object.assign(Object.create({ inherited: 1 }), nginxWeb())],
    ['__proto__ as an own key', () => edit(nginxWeb(), (d) => { Object.defineProperty(d, '__proto__', { value: { x: 1 }, enumerable: true, configurable: true, writable: true }); })],
    ['a function as image', () => edit(nginxWeb(), (d) => { d.containerDefinitions[0].image = FN; })],
    ['a String object as image', () => edit(nginxWeb(), (d) => { d.containerDefinitions[0].image = new String('nginx'); })],
    ['a Number object as memory', () => edit(nginxWeb(), (d) => { d.containerDefinitions[0].memory = new Number(512); })],
    ['a typed array as command', () => edit(nginxWeb(), (d) => { d.containerDefinitions[0].command = new Uint8Array(2); })],
    ['an array as the input', () => [nginxWeb()]],
    ['a string as the input', () => JSON.stringify(nginxWeb())],
  ];
  for (const [name, make] of hostile) cases.push({ id: `hostile:${name}`, input: make() });
  return cases;
}

function edit(doc: Doc, change: (d: Doc) => void): Doc {
  change(doc);
  return doc;
}
