/**
 * A small JSON Schema (draft-07) validator for the tests, so the published scenario schema can be
 * checked against real files without adding a dependency (ajv is not installed). It supports the
 * keywords the scenario and objective schemas use and throws on any other validation keyword, so a
 * schema can never pass a file merely because a keyword was ignored.
 */
export type JsonSchema = Record<string, unknown> | boolean;

export interface SchemaError {
  /** JSON pointer of the value. */
  path: string;
  message: string;
}

const ANNOTATIONS = new Set([
  '$schema', '$id', '$comment', 'title', 'description', 'markdownDescription', 'default', 'examples', 'definitions',
  'enumDescriptions', 'markdownEnumDescriptions', 'defaultSnippets', 'deprecationMessage', 'errorMessage', 'doNotSuggest',
]);

/** The validation keywords `check` implements (any other non-annotation keyword throws). */
export const VALIDATION_KEYWORDS = new Set([
  '$ref', 'type', 'enum', 'const', 'pattern', 'minLength', 'maxLength', 'minimum', 'maximum', 'exclusiveMinimum',
  'exclusiveMaximum', 'items', 'minItems', 'maxItems', 'uniqueItems', 'required', 'minProperties', 'maxProperties',
  'properties', 'patternProperties', 'additionalProperties', 'propertyNames', 'allOf', 'anyOf', 'oneOf', 'not', 'if',
  'then', 'else',
]);

/** Every keyword used anywhere in a schema (the names under properties, patternProperties and definitions are not keywords). */
export function keywordsOf(schema: JsonSchema, found = new Set<string>()): Set<string> {
  if (typeof schema !== 'object') return found;
  for (const [keyword, arg] of Object.entries(schema)) {
    found.add(keyword);
    if (keyword === 'properties' || keyword === 'patternProperties' || keyword === 'definitions') {
      for (const sub of Object.values(arg as Record<string, JsonSchema>)) keywordsOf(sub, found);
    } else if (Array.isArray(arg) && ['allOf', 'anyOf', 'oneOf', 'items'].includes(keyword)) {
      for (const sub of arg as JsonSchema[]) keywordsOf(sub, found);
    } else if (['not', 'if', 'then', 'else', 'items', 'additionalProperties', 'propertyNames'].includes(keyword)) {
      keywordsOf(arg as JsonSchema, found);
    }
  }
  return found;
}

export function isAnnotation(keyword: string): boolean {
  return ANNOTATIONS.has(keyword);
}

/** Validates `value` against `documents[root]`; external `$ref`s name other documents of the map by file name. */
export function validate(value: unknown, documents: Record<string, JsonSchema>, root: string): SchemaError[] {
  const errors: SchemaError[] = [];
  check(value, documents[root]!, root, '', errors, documents);
  return errors;
}

function check(value: unknown, schema: JsonSchema, doc: string, path: string, errors: SchemaError[], docs: Record<string, JsonSchema>): void {
  if (schema === true) return;
  if (schema === false) {
    errors.push({ path, message: 'no value is allowed here' });
    return;
  }
  const fail = (message: string): void => void errors.push({ path, message });
  for (const [keyword, arg] of Object.entries(schema)) {
    if (ANNOTATIONS.has(keyword)) continue;
    switch (keyword) {
      case '$ref': {
        const [file, fragment] = (arg as string).split('#');
        const target = file === '' ? doc : file!;
        if (!(target in docs)) throw new Error(`unresolved $ref ${String(arg)}`);
        check(value, resolve(docs[target]!, fragment ?? ''), target, path, errors, docs);
        break;
      }
      case 'type': {
        const types = Array.isArray(arg) ? (arg as string[]) : [arg as string];
        if (!types.some((type) => hasType(value, type))) fail(`must be ${types.join(' or ')}`);
        break;
      }
      case 'enum':
        if (!(arg as unknown[]).some((option) => equal(option, value))) fail(`must be one of ${JSON.stringify(arg).slice(0, 80)}`);
        break;
      case 'const':
        if (!equal(arg, value)) fail(`must be ${JSON.stringify(arg)}`);
        break;
      case 'pattern':
        if (typeof value === 'string' && !new RegExp(arg as string, 'u').test(value)) fail(`must match ${String(arg)}`);
        break;
      case 'minLength':
        if (typeof value === 'string' && [...value].length < (arg as number)) fail(`must be at least ${String(arg)} characters`);
        break;
      case 'maxLength':
        if (typeof value === 'string' && [...value].length > (arg as number)) fail(`must be at most ${String(arg)} characters`);
        break;
      case 'minimum':
        if (typeof value === 'number' && value < (arg as number)) fail(`must be ≥ ${String(arg)}`);
        break;
      case 'maximum':
        if (typeof value === 'number' && value > (arg as number)) fail(`must be ≤ ${String(arg)}`);
        break;
      case 'exclusiveMinimum':
        if (typeof value === 'number' && value <= (arg as number)) fail(`must be > ${String(arg)}`);
        break;
      case 'exclusiveMaximum':
        if (typeof value === 'number' && value >= (arg as number)) fail(`must be < ${String(arg)}`);
        break;
      case 'items':
        if (Array.isArray(value)) {
          if (Array.isArray(arg)) value.forEach((item, i) => i < arg.length && check(item, arg[i] as JsonSchema, doc, `${path}/${i}`, errors, docs));
          else value.forEach((item, i) => check(item, arg as JsonSchema, doc, `${path}/${i}`, errors, docs));
        }
        break;
      case 'minItems':
        if (Array.isArray(value) && value.length < (arg as number)) fail(`must have at least ${String(arg)} items`);
        break;
      case 'maxItems':
        if (Array.isArray(value) && value.length > (arg as number)) fail(`must have at most ${String(arg)} items`);
        break;
      case 'uniqueItems':
        if (arg === true && Array.isArray(value) && value.some((a, i) => value.some((b, j) => j < i && equal(a, b)))) fail('must not repeat an item');
        break;
      case 'required':
        if (isObject(value)) for (const key of arg as string[]) if (!(key in value)) fail(`must have "${key}"`);
        break;
      case 'minProperties':
        if (isObject(value) && Object.keys(value).length < (arg as number)) fail(`must have at least ${String(arg)} keys`);
        break;
      case 'maxProperties':
        if (isObject(value) && Object.keys(value).length > (arg as number)) fail(`must have at most ${String(arg)} keys`);
        break;
      case 'properties':
      case 'patternProperties':
        break; // with additionalProperties, below
      case 'additionalProperties':
        break;
      case 'propertyNames':
        if (isObject(value)) for (const key of Object.keys(value)) check(key, arg as JsonSchema, doc, `${path}/${key}`, errors, docs);
        break;
      case 'allOf':
        for (const part of arg as JsonSchema[]) check(value, part, doc, path, errors, docs);
        break;
      case 'anyOf':
        if (!(arg as JsonSchema[]).some((part) => passes(value, part, doc, docs))) fail('matches none of anyOf');
        break;
      case 'oneOf': {
        const matching = (arg as JsonSchema[]).filter((part) => passes(value, part, doc, docs)).length;
        if (matching !== 1) fail(matching === 0 ? 'matches none of oneOf' : `matches ${matching} of oneOf`);
        break;
      }
      case 'not':
        if (passes(value, arg as JsonSchema, doc, docs)) fail(`must not match ${JSON.stringify(arg)}`);
        break;
      case 'if':
        if (passes(value, arg as JsonSchema, doc, docs)) {
          if ('then' in schema) check(value, schema.then as JsonSchema, doc, path, errors, docs);
        } else if ('else' in schema) check(value, schema.else as JsonSchema, doc, path, errors, docs);
        break;
      case 'then':
      case 'else':
        break;
      default:
        throw new Error(`the test validator does not support the keyword "${keyword}"`);
    }
  }
  if (isObject(value) && ('properties' in schema || 'patternProperties' in schema || 'additionalProperties' in schema)) {
    const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
    const patterns = Object.entries((schema.patternProperties ?? {}) as Record<string, JsonSchema>);
    for (const [key, item] of Object.entries(value)) {
      let matched = false;
      if (Object.hasOwn(properties, key)) {
        matched = true;
        check(item, properties[key]!, doc, `${path}/${key}`, errors, docs);
      }
      for (const [pattern, sub] of patterns) {
        if (new RegExp(pattern, 'u').test(key)) {
          matched = true;
          check(item, sub, doc, `${path}/${key}`, errors, docs);
        }
      }
      if (!matched && 'additionalProperties' in schema) {
        if (schema.additionalProperties === false) errors.push({ path: `${path}/${key}`, message: `unknown key "${key}"` });
        else check(item, schema.additionalProperties as JsonSchema, doc, `${path}/${key}`, errors, docs);
      }
    }
  }
}

function passes(value: unknown, schema: JsonSchema, doc: string, docs: Record<string, JsonSchema>): boolean {
  const errors: SchemaError[] = [];
  check(value, schema, doc, '', errors, docs);
  return errors.length === 0;
}

function resolve(document: JsonSchema, fragment: string): JsonSchema {
  let node: unknown = document;
  for (const segment of fragment.split('/').filter((part) => part !== '')) {
    node = (node as Record<string, unknown>)[segment.replaceAll('~1', '/').replaceAll('~0', '~')];
    if (node === undefined) throw new Error(`unresolved $ref fragment #${fragment}`);
  }
  return node as JsonSchema;
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case 'null': return value === null;
    case 'array': return Array.isArray(value);
    case 'object': return isObject(value);
    case 'integer': return typeof value === 'number' && Number.isInteger(value);
    case 'number': return typeof value === 'number';
    default: return typeof value === type;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function equal(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
