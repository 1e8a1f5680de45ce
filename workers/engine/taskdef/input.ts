/**
 * The two forms a task definition arrives in, reduced to one: the RegisterTaskDefinition input
 * itself, or a DescribeTaskDefinition output `{"taskDefinition": {...}, "tags": [...]}` whose
 * read-only fields are dropped. Errors keep pointing into the document the user wrote, so a
 * problem in the Describe form is reported at `/taskDefinition/containerDefinitions/0/memory`.
 *
 * Also the work cap: before anything else the input is measured (depth, node count, approximate
 * JSON size) so that a huge or deeply nested input costs a bounded walk, never a slow validation.
 */
import type { ValidationIssue } from '../../protocol.ts';
import { INPUT_CAPS, MAX_TASK_DEFINITION_BYTES, READ_ONLY_FIELDS } from './limits.ts';
import { MSG, PARAM } from './messages.ts';
import { PARAM_CODE, pythonStr, pythonType, toPointer, type Path, type PointerOf } from './params.ts';

const DESCRIBE_MEMBERS = ['taskDefinition', 'tags'] as const;

export interface RegisterDocument {
  /** The Register input to validate (a shallow copy when unwrapped); undefined when there is none. */
  document: unknown;
  pointerOf: PointerOf;
  /** Problems with the Describe wrapper itself (unknown members beside taskDefinition). */
  wrapperIssues: ValidationIssue[];
}

export function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function has(record: Record<string, unknown>, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(record, key);
}

/** A Describe output: an object with `taskDefinition` and none of the Register members it would need. */
export function isDescribeForm(input: unknown): input is Record<string, unknown> {
  return isPlainRecord(input) && has(input, 'taskDefinition') && !has(input, 'family') && !has(input, 'containerDefinitions');
}

export function readDocument(input: unknown): RegisterDocument {
  if (!isDescribeForm(input)) return { document: input, pointerOf: (path) => toPointer('', path), wrapperIssues: [] };
  const wrapperIssues: ValidationIssue[] = Object.keys(input)
    .filter((key) => !(DESCRIBE_MEMBERS as readonly string[]).includes(key))
    .map((key) => ({ path: toPointer('', [key]), code: PARAM_CODE, message: PARAM.unknown('input', key, DESCRIBE_MEMBERS) }));
  const inner = input.taskDefinition;
  if (!isPlainRecord(inner)) {
    const message = PARAM.invalidType('taskDefinition', pythonStr(inner), `<class '${pythonType(inner)}'>`, "<class 'dict'>");
    wrapperIssues.push({ path: '/taskDefinition', code: PARAM_CODE, message });
    return { document: undefined, pointerOf: (path) => toPointer('/taskDefinition', path), wrapperIssues };
  }
  const document: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(inner)) {
    // defineProperty, not assignment: a "__proto__" member must stay a member (and be reported).
    if (!(READ_ONLY_FIELDS as readonly string[]).includes(key)) {
      Object.defineProperty(document, key, { value, enumerable: true, writable: true, configurable: true });
    }
  }
  // Describe returns tags beside the task definition; Register takes them inside.
  const tagsFromWrapper = has(input, 'tags') && !has(document, 'tags');
  if (tagsFromWrapper) document.tags = input.tags;
  const pointerOf = (path: Path) =>
    tagsFromWrapper && path[0] === 'tags' ? toPointer('', path) : toPointer('/taskDefinition', path);
  return { document, pointerOf, wrapperIssues };
}

/** A refusal when the input is too deep or too large to be a task definition; null when it is fine. */
export function sizeIssue(input: unknown): ValidationIssue | null {
  const size = measure(input);
  if (size.depthExceeded) return { path: '', code: PARAM_CODE, message: MSG.tooDeep(INPUT_CAPS.maxDepth) };
  // The walk's estimate is cheap but approximate (escapes, UTF-8); near the quota, count exactly —
  // AWS's message states the length — as long as the input is small enough to serialize quickly.
  const bytes = size.bytes > EXACT_SIZE_FROM_BYTES && !size.capped ? exactJsonBytes(input) ?? size.bytes : size.bytes;
  if (bytes > MAX_TASK_DEFINITION_BYTES) {
    return { path: '', code: 'ClientException', message: MSG.tooLarge(bytes, MAX_TASK_DEFINITION_BYTES) };
  }
  return null;
}

/** From half the quota on, the size is measured exactly (a stringify of ≤ ~100 KB: well under a millisecond). */
const EXACT_SIZE_FROM_BYTES = MAX_TASK_DEFINITION_BYTES / 2;
const EXACT_SIZE_UP_TO_BYTES = 2 * MAX_TASK_DEFINITION_BYTES;

/** UTF-8 length of the compact JSON of `input`, or null when it has no JSON form (BigInt, cycles). */
function exactJsonBytes(input: unknown): number | null {
  let text: string | undefined;
  try {
    text = JSON.stringify(input);
  } catch {
    return null;
  }
  if (text === undefined) return null;
  let bytes = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4; // a surrogate pair: one 4-byte character
      i += 1;
    } else bytes += 3;
  }
  return bytes;
}

interface Size {
  depthExceeded: boolean;
  /** Approximate compact-JSON size; stops counting a little past the quota. */
  bytes: number;
  /** The walk stopped early (too many nodes, or far past the quota): `bytes` is a lower bound. */
  capped?: boolean;
}

/** An iterative walk bounded by depth, node count and size (so cycles and giants end quickly). */
function measure(input: unknown): Size {
  const stack: { value: unknown; depth: number }[] = [{ value: input, depth: 0 }];
  let bytes = 0;
  let nodes = 0;
  while (stack.length > 0) {
    const { value, depth } = stack.pop()!;
    if (depth > INPUT_CAPS.maxDepth) return { depthExceeded: true, bytes };
    nodes += 1;
    if (nodes > INPUT_CAPS.maxNodes || bytes > EXACT_SIZE_UP_TO_BYTES) {
      return { depthExceeded: false, bytes: Math.max(bytes, MAX_TASK_DEFINITION_BYTES + 1), capped: true };
    }
    if (typeof value === 'string') bytes += value.length + 2;
    else if (Array.isArray(value)) {
      if (value.length > INPUT_CAPS.maxNodes) return { depthExceeded: false, bytes: MAX_TASK_DEFINITION_BYTES + value.length, capped: true };
      bytes += 2 + value.length;
      for (let i = value.length - 1; i >= 0; i -= 1) stack.push({ value: value[i], depth: depth + 1 });
    } else if (isPlainRecord(value)) {
      const keys = Object.keys(value);
      if (keys.length > INPUT_CAPS.maxNodes) return { depthExceeded: false, bytes: MAX_TASK_DEFINITION_BYTES + keys.length, capped: true };
      bytes += 2 + keys.length;
      for (const key of keys) {
        bytes += key.length + 3;
        stack.push({ value: value[key], depth: depth + 1 });
      }
    } else bytes += String(value).length;
  }
  return { depthExceeded: false, bytes, capped: bytes > EXACT_SIZE_UP_TO_BYTES };
}
