/**
 * Completion of keys in a scenario's YAML from its JSON Schema, without a YAML language server:
 * the path of the map the cursor is in is read from the indentation of the lines above it
 * (`steps` → an item → `objectives` → an item → `check`), and the schema is walked along that path
 * ($ref, allOf / anyOf / oneOf and array items followed). Good enough for block-style YAML, which
 * is how scenarios are written; flow maps (`{a: 1}`) and block scalars get no suggestions.
 */

export interface KeySuggestion {
  name: string;
  description?: string;
}

type Schema = Record<string, unknown>;
/** `'[]'` is a list item; anything else is a key. */
type Token = string;
interface Level {
  indent: number;
  token: Token;
}

const KEY = /^("[^"]*"|'[^']*'|[^\s#'"{[\]}:,][^:#]*?)\s*:(?:\s|$)/;

/** The structure a line opens: its list items (`- `) and its key, each with its indentation. */
export function levelsOf(line: string): Level[] {
  let indent = line.length - line.trimStart().length;
  let rest = line.trimStart();
  if (rest === '' || rest.startsWith('#')) return [];
  const levels: Level[] = [];
  while (rest === '-' || rest.startsWith('- ')) {
    levels.push({ indent, token: '[]' });
    const after = rest.slice(1);
    indent += 1 + (after.length - after.trimStart().length);
    rest = after.trimStart();
  }
  const key = KEY.exec(rest)?.[1];
  if (key !== undefined) levels.push({ indent, token: key.replace(/^["']|["']$/g, '') });
  return levels;
}

/**
 * The path of the map a key typed at `column` (1-based) of the last line would belong to.
 * `lines` ends with the cursor's line.
 */
export function yamlPathAt(lines: readonly string[], column: number): Token[] {
  const current = (lines.at(-1) ?? '').slice(0, Math.max(0, column - 1));
  const path = levelsOf(`${current}x: `).filter((l) => l.token === '[]').map((l) => l.token);
  const items = levelsOf(`${current}x: `);
  let limit = items.length > 0 ? items[0]!.indent : 0;
  let inList = path.length > 0;
  if (!inList) limit = current.length - current.trimStart().length;
  for (let i = lines.length - 2; i >= 0 && (limit > 0 || inList); i--) {
    const levels = levelsOf(lines[i]!);
    for (let j = levels.length - 1; j >= 0; j--) {
      const level = levels[j]!;
      const accept = inList ? (level.token === '[]' ? level.indent < limit : level.indent <= limit) : level.indent < limit;
      if (!accept) continue;
      path.unshift(level.token);
      limit = level.indent;
      inList = level.token === '[]';
    }
  }
  return path;
}

/** Follows `$ref`s (`#/definitions/X`, `other.schema.json#/definitions/X`) within the given documents. */
function resolve(node: unknown, root: Schema, others: Record<string, Schema>, seen = 0): Schema[] {
  if (node === null || typeof node !== 'object' || seen > 20) return [];
  const schema = node as Schema;
  const out: Schema[] = [];
  if (typeof schema.$ref === 'string') {
    const [file, pointer = ''] = schema.$ref.split('#');
    const doc = file ? others[file] : root;
    const target = doc === undefined ? undefined : pointer.split('/').filter(Boolean).reduce<unknown>((n, part) => (n as Schema | undefined)?.[part], doc);
    out.push(...resolve(target, doc ?? root, others, seen + 1));
  }
  for (const key of ['allOf', 'anyOf', 'oneOf'] as const) {
    const list = schema[key];
    if (Array.isArray(list)) for (const member of list) out.push(...resolve(member, root, others, seen + 1));
  }
  out.push(schema);
  return out;
}

function step(nodes: Schema[], token: Token, root: Schema, others: Record<string, Schema>): Schema[] {
  const next: Schema[] = [];
  for (const node of nodes) {
    const child = token === '[]' ? node.items : (node.properties as Schema | undefined)?.[token];
    if (child !== undefined) next.push(...resolve(child, root, others));
  }
  return next;
}

/** The keys the schema allows in the map at the cursor, in the schema's order. */
export function keysAt(schema: object, lines: readonly string[], column: number, others: Record<string, Schema> = {}): KeySuggestion[] {
  const root = schema as Schema;
  let nodes = resolve(root, root, others);
  for (const token of yamlPathAt(lines, column)) nodes = step(nodes, token, root, others);
  const keys = new Map<string, KeySuggestion>();
  for (const node of nodes) {
    for (const [name, value] of Object.entries((node.properties as Schema | undefined) ?? {})) {
      if (keys.has(name)) continue;
      const description = typeof (value as Schema)?.description === 'string' ? ((value as Schema).description as string) : undefined;
      keys.set(name, description === undefined ? { name } : { name, description });
    }
  }
  return [...keys.values()];
}
