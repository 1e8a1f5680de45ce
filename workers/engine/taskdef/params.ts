/**
 * The shape check, worded as the AWS CLI words it. `aws ecs register-task-definition` validates the
 * request against the API model before sending it (botocore's ParamValidator) and prints one line
 * per problem:
 *   Unknown parameter in containerDefinitions[0]: "imagee", must be one of: name, image, …
 *   Invalid type for parameter containerDefinitions[0].cpu, value: 256, type: <class 'str'>, valid types: <class 'int'>
 *   Missing required parameter in input: "family"
 * zod finds the problems (model.ts); this module re-words each zod issue that way. The values are
 * printed as Python's str() prints them, because that is what the CLI shows.
 */
import type * as z from 'zod/mini';
import type { ValidationIssue } from '../../protocol.ts';
import { MSG, PARAM } from './messages.ts';

export type Path = readonly (string | number)[];
/** Turns a path inside the validated Register document into a JSON pointer into the original input. */
export type PointerOf = (path: Path) => string;

export const PARAM_CODE = 'ParamValidationError';
export const CLIENT_CODE = 'ClientException';
export const SERIALIZATION_CODE = 'SerializationException';

/** One ValidationIssue per problem zod found, in the CLI's words. */
export function paramIssues(
  issues: readonly z.core.$ZodIssue[],
  root: z.core.$ZodType,
  document: unknown,
  pointerOf: PointerOf,
): ValidationIssue[] {
  const lines: { order: number[]; issue: ValidationIssue }[] = [];
  for (const issue of issues) {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    for (const line of issueLines(issue, path, root, document, pointerOf)) lines.push({ order: documentOrder(document, line.at), issue: line.issue });
  }
  // botocore walks the request in its own key order and reports missing members of an object
  // before its other problems; zod reports unknown keys last. Sorting restores the CLI's order.
  return lines.sort((a, b) => compareOrder(a.order, b.order)).map((line) => line.issue);
}

/** Where a path sits in the document: per level, the array index or the key's position (-1 when absent). */
function documentOrder(document: unknown, path: Path): number[] {
  const order: number[] = [];
  let node: unknown = document;
  for (const segment of path) {
    if (typeof segment === 'number') order.push(segment);
    else order.push(node !== null && typeof node === 'object' ? Object.keys(node).indexOf(segment) : -1);
    node = node !== null && typeof node === 'object' ? (node as Record<string | number, unknown>)[segment] : undefined;
  }
  return order;
}

function compareOrder(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i += 1) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

type Line = { at: Path; issue: ValidationIssue };

function issueLines(issue: z.core.$ZodIssue, path: Path, root: z.core.$ZodType, document: unknown, pointerOf: PointerOf): Line[] {
  const value = valueAt(document, path);
  const line = (code: string, message: string, at: Path = path): Line => ({ at, issue: { path: pointerOf(at), code, message } });
  if (issue.code === 'unrecognized_keys') {
    const members = objectMembers(schemaAt(root, path));
    return issue.keys.map((key) => line(PARAM_CODE, PARAM.unknown(parameterName(path), key, members), [...path, key]));
  }
  if (issue.code === 'invalid_type' && value === undefined && path.length > 0) {
    return [line(PARAM_CODE, PARAM.missing(parameterName(path.slice(0, -1)), String(path[path.length - 1])))];
  }
  if (issue.code === 'invalid_value' && typeof value === 'string') {
    return [line(CLIENT_CODE, MSG.enumValue(parameterName(path), value, issue.values.map(String)))];
  }
  if (issue.code === 'invalid_type' || issue.code === 'invalid_value') {
    return [line(PARAM_CODE, invalidTypeMessage(path, value, schemaAt(root, path)))];
  }
  // Python's int has no bound, so the CLI sends it; the service cannot read it as a 32-bit Integer.
  if ((issue.code === 'too_big' || issue.code === 'too_small') && typeof value === 'number') {
    return [line(SERIALIZATION_CODE, MSG.notAnInteger)];
  }
  return [line(PARAM_CODE, `Invalid value for parameter ${parameterName(path)}: ${otherIssueWords(issue)}`)];
}

/**
 * zod/mini loads no locale, so the message of any issue handled by none of the lines above is a bare
 * "Invalid input". The one such issue this model can raise — a map with a symbol key, which only an
 * in-process caller can pass (JSON, YAML and structured clones have none) — gets the words of zod's
 * English locale, as when the model used the classic API, which loads that locale.
 */
function otherIssueWords(issue: z.core.$ZodIssue): string {
  return issue.code === 'invalid_key' ? `Invalid key in ${issue.origin}` : issue.message;
}

function invalidTypeMessage(path: Path, value: unknown, schema: z.core.$ZodType | undefined): string {
  return PARAM.invalidType(parameterName(path), pythonStr(value), `<class '${pythonType(value)}'>`, validTypes(schema));
}

/** botocore's parameter name: `input` at the top, then `containerDefinitions[0].portMappings[1].hostPort`. */
export function parameterName(path: Path): string {
  if (path.length === 0) return 'input';
  let name = '';
  for (const segment of path) {
    if (typeof segment === 'number') name += `[${segment}]`;
    else name += name === '' ? segment : `.${segment}`;
  }
  return name;
}

/** JSON pointer (RFC 6901) of a path, under a prefix such as `/taskDefinition`. */
export function toPointer(prefix: string, path: Path): string {
  return prefix + path.map((p) => '/' + String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

export function valueAt(document: unknown, path: Path): unknown {
  let node: unknown = document;
  for (const segment of path) {
    if (node === null || typeof node !== 'object') return undefined;
    if (!Object.prototype.hasOwnProperty.call(node, segment)) return undefined;
    node = (node as Record<string | number, unknown>)[segment];
  }
  return node;
}

// ---------------------------------------------------------------------------------------------
// Walking the zod model by path (to list an object's members, or name the type a field expects)
// ---------------------------------------------------------------------------------------------

interface SchemaDef {
  type: string;
  innerType?: z.core.$ZodType;
  shape?: Record<string, z.core.$ZodType>;
  element?: z.core.$ZodType;
  valueType?: z.core.$ZodType;
}

function defOf(schema: z.core.$ZodType): SchemaDef {
  return (schema as unknown as { _zod: { def: SchemaDef } })._zod.def;
}

function unwrap(schema: z.core.$ZodType): z.core.$ZodType {
  let current = schema;
  for (let def = defOf(current); (def.type === 'optional' || def.type === 'nullable' || def.type === 'default') && def.innerType; def = defOf(current)) {
    current = def.innerType;
  }
  return current;
}

export function schemaAt(root: z.core.$ZodType, path: Path): z.core.$ZodType | undefined {
  let current: z.core.$ZodType | undefined = unwrap(root);
  for (const segment of path) {
    if (!current) return undefined;
    const def = defOf(current);
    let next: z.core.$ZodType | undefined;
    if (def.type === 'object' && typeof segment === 'string') next = def.shape?.[segment];
    else if (def.type === 'array' && typeof segment === 'number') next = def.element;
    else if (def.type === 'record') next = def.valueType;
    current = next ? unwrap(next) : undefined;
  }
  return current;
}

function objectMembers(schema: z.core.$ZodType | undefined): string[] {
  if (!schema) return [];
  const def = defOf(schema);
  return def.type === 'object' && def.shape ? Object.keys(def.shape) : [];
}

function validTypes(schema: z.core.$ZodType | undefined): string {
  const type = schema ? defOf(schema).type : 'unknown';
  switch (type) {
    case 'string':
    case 'enum':
      return "<class 'str'>";
    case 'number':
    case 'int':
      return "<class 'int'>";
    case 'boolean':
      return "<class 'bool'>";
    case 'array':
      return "<class 'list'>, <class 'tuple'>";
    case 'object':
    case 'record':
      return "<class 'dict'>";
    default:
      return "<class 'dict'>";
  }
}

// ---------------------------------------------------------------------------------------------
// Python's view of JSON values (the CLI is Python)
// ---------------------------------------------------------------------------------------------

const MAX_SHOWN_CHARS = 120;

export function pythonType(value: unknown): string {
  if (value === null || value === undefined) return 'NoneType';
  if (typeof value === 'string') return 'str';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'object') return 'dict';
  return typeof value;
}

/** `str(value)` as Python prints it: strings bare, containers as their repr. Long values are cut. */
export function pythonStr(value: unknown): string {
  const text = typeof value === 'string' ? value : pythonRepr(value, 0);
  return text.length > MAX_SHOWN_CHARS ? text.slice(0, MAX_SHOWN_CHARS) + '…' : text;
}

function pythonRepr(value: unknown, depth: number): string {
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return pythonNumber(value);
  if (typeof value === 'string') return `'${value.slice(0, MAX_SHOWN_CHARS).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (depth > 3) return '…';
  if (Array.isArray(value)) return `[${value.slice(0, 10).map((v) => pythonRepr(v, depth + 1)).join(', ')}${value.length > 10 ? ', …' : ''}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    const shown = entries.slice(0, 10).map(([k, v]) => `${pythonRepr(k, depth + 1)}: ${pythonRepr(v, depth + 1)}`);
    return `{${shown.join(', ')}${entries.length > 10 ? ', …' : ''}}`;
  }
  return String(value);
}

function pythonNumber(n: number): string {
  if (Number.isNaN(n)) return 'nan';
  if (!Number.isFinite(n)) return n > 0 ? 'inf' : '-inf';
  if (Number.isInteger(n)) return String(n);
  return String(n);
}
