/**
 * Gives every property of the task definition JSON Schema a title naming its AWS parameter
 * ("RegisterTaskDefinition parameter containerDefinitions[].memory"), so that Monaco's hover —
 * which shows a schema's title above its description — tells the learner which field of the AWS
 * API they are reading about, wherever the cursor is in a nested definition. The schema comes
 * from the worker (zod model with descriptions); the original is left untouched.
 */

type SchemaNode = Record<string, unknown>;

const API = 'RegisterTaskDefinition';

export function withParameterTitles(schema: object): object {
  return walk(schema as SchemaNode, '');
}

function walk(node: SchemaNode, path: string): SchemaNode {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return node;
  const out: SchemaNode = { ...node };
  if (path !== '' && out.title === undefined) out.title = `${API} parameter ${path}`;
  const properties = node.properties as Record<string, SchemaNode> | undefined;
  if (properties && typeof properties === 'object') {
    out.properties = Object.fromEntries(Object.entries(properties).map(([key, child]) => [key, walk(child, path === '' ? key : `${path}.${key}`)]));
  }
  if (node.items && typeof node.items === 'object' && !Array.isArray(node.items)) out.items = walk(node.items as SchemaNode, `${path}[]`);
  if (node.additionalProperties && typeof node.additionalProperties === 'object') out.additionalProperties = walk(node.additionalProperties as SchemaNode, `${path}.*`);
  // Alternatives describe the same parameter: same path, and no title of their own on top.
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    const list = node[key];
    if (Array.isArray(list)) out[key] = list.map((alt: SchemaNode) => stripTitle(walk(alt, path), node));
  }
  return out;
}

function stripTitle(alt: SchemaNode, parent: SchemaNode): SchemaNode {
  if (alt.title === undefined || alt.title === parent.title) return alt;
  const { title: _title, ...rest } = alt;
  return (alt.title as string).startsWith(API) ? rest : alt;
}
