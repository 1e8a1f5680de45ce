/**
 * Request checking as the AWS CLI does it before anything reaches AWS (botocore's
 * ParamValidationError): unknown parameter names, missing required parameters and wrong types are
 * refused with botocore's own wording, all problems listed at once. Only the top level of a request
 * is checked here; each command checks the values it uses.
 */
import { fail, type CommandResult } from '../errors.ts';

/**
 * `document` is a JSON document parameter (an IAM policy, an ECR lifecycle policy): a string, as
 * the AWS CLI sends it, or — a sandbox convenience for scenario files — the document as an object.
 */
export type ParamType = 'string' | 'integer' | 'boolean' | 'list' | 'map' | 'structure' | 'document';

export interface OperationShape {
  /** Every parameter the AWS API accepts for the operation, with its type. */
  params: Record<string, ParamType>;
  required?: readonly string[];
}

export const PARAM_VALIDATION_ERROR = 'ParamValidationError';
/** botocore's first line; the problems follow, one per line. */
export const PARAM_VALIDATION_PREFIX = 'Parameter validation failed:\n';

const VALID_TYPES: Record<ParamType, string> = {
  string: "<class 'str'>",
  integer: "<class 'int'>",
  boolean: "<class 'bool'>",
  list: "<class 'list'>, <class 'tuple'>",
  map: "<class 'dict'>",
  structure: "<class 'dict'>",
  document: "<class 'str'>",
};

/** botocore's problem line for a value of the wrong type, e.g. "Invalid type for parameter count, value: 2, type: <class 'str'>, valid types: <class 'int'>". */
export function invalidTypeProblem(path: string, value: unknown, validTypes: string): string {
  return `Invalid type for parameter ${path}, value: ${pythonStr(value)}, type: ${pythonType(value)}, valid types: ${validTypes}`;
}

/** The Python type botocore would name for a JSON value. */
function pythonType(value: unknown): string {
  if (value === null) return "<class 'NoneType'>";
  if (Array.isArray(value)) return "<class 'list'>";
  switch (typeof value) {
    case 'string':
      return "<class 'str'>";
    case 'boolean':
      return "<class 'bool'>";
    case 'number':
      return Number.isInteger(value) ? "<class 'int'>" : "<class 'float'>";
    default:
      return "<class 'dict'>";
  }
}

/** Python's str() of a value, near enough for a message. */
function pythonStr(value: unknown): string {
  if (value === null) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  return JSON.stringify(value);
}

function hasType(value: unknown, type: ParamType): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'list':
      return Array.isArray(value);
    case 'document':
      return typeof value === 'string' || (typeof value === 'object' && value !== null && !Array.isArray(value));
    default:
      return typeof value === 'object' && value !== null && !Array.isArray(value);
  }
}

export type ParamCheck<T> = { ok: true; input: T } | { ok: false; result: CommandResult };

/**
 * Check a request against its shape. A missing request (YAML `ecs:ListClusters:` gives null) is an
 * empty one. On success the request is returned typed as the caller declares it.
 */
export function checkParams<T extends object>(raw: unknown, shape: OperationShape): ParamCheck<T> {
  const input = raw === null || raw === undefined ? {} : raw;
  if (typeof input !== 'object' || Array.isArray(input)) {
    const message = `${PARAM_VALIDATION_PREFIX}${invalidTypeProblem('input', input, "<class 'dict'>")}`;
    return { ok: false, result: fail(PARAM_VALIDATION_ERROR, message) };
  }
  const problems: string[] = [];
  const names = Object.keys(shape.params);
  for (const required of shape.required ?? []) {
    if ((input as Record<string, unknown>)[required] === undefined) {
      problems.push(`Missing required parameter in input: "${required}"`);
    }
  }
  for (const [name, value] of Object.entries(input)) {
    const type = shape.params[name];
    if (type === undefined) {
      problems.push(`Unknown parameter in input: "${name}", must be one of: ${names.join(', ')}`);
    } else if (value !== undefined && !hasType(value, type)) {
      problems.push(invalidTypeProblem(name, value, VALID_TYPES[type]));
    }
  }
  if (problems.length > 0) {
    return { ok: false, result: fail(PARAM_VALIDATION_ERROR, `${PARAM_VALIDATION_PREFIX}${problems.join('\n')}`) };
  }
  return { ok: true, input: input as T };
}
