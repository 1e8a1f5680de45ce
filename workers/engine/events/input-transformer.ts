/**
 * EventBridge InputTransformer { InputPathsMap, InputTemplate }: checking one as PutTargets does and
 * applying it to an event (pure; never throws). An S3-upload rule uses it to pass the object key into
 * the ECS task's containerOverrides.
 *
 * Semantics (EventBridge User Guide "Transforming target input" and the InputTransformer API reference):
 * - InputPathsMap: up to 100 variables; keys [A-Za-z0-9_-]+, not starting with "AWS."; values JSON paths in
 *   dot notation (`$.detail.object.key`), array indices allowed (`$.resources[0]`).
 * - Reserved variables: aws.events.rule-arn, aws.events.rule-name, aws.events.event (the event without
 *   its detail), aws.events.event.json (the whole event), aws.events.event.ingestion-time.
 * - InputTemplate: 1-8192 characters; placeholders `<name>`. A placeholder outside a JSON string becomes the
 *   value as JSON (a string keeps its quotes); inside a quoted string a string value goes in as its bare
 *   text — "EventBridge does not escape values extracted by Input Path", so a value holding a quote can
 *   break the JSON (the sandbox then answers an error). A template that is not JSON is plain text.
 * - "If you specify a variable to match a JSON path that doesn't exist in the event, that variable isn't
 *   created and will not appear in the output": the sandbox writes nothing in its place; if that leaves
 *   the JSON invalid, the result is an error naming the variable (what a real target then receives is
 *   UNCONFIRMED — reports say the invocation is dropped).
 */
export interface InputTransformer {
  InputPathsMap?: Record<string, string>;
  InputTemplate: string;
}

export type TransformerCheck = { ok: true; transformer: InputTransformer } | { ok: false; message: string };
export type TransformResult =
  | { ok: true; text: string; value: unknown; missing: string[] }
  | { ok: false; message: string; text: string; missing: string[] };

export interface TransformContext {
  ruleArn?: string;
  ruleName?: string;
  ingestionTime?: string;
}

export const MAX_INPUT_PATHS = 100;
export const MAX_TEMPLATE_CHARS = 8192;
const KEY_RE = /^[A-Za-z0-9_-]+$/;
const PLACEHOLDER_RE = /^<([A-Za-z0-9_.-]+)>/;
const RESERVED = ['aws.events.rule-arn', 'aws.events.rule-name', 'aws.events.event', 'aws.events.event.json', 'aws.events.event.ingestion-time'];

type Step = string | number;

/** A JSON path in dot notation with optional [n] indices → its steps, or undefined when not supported. */
export function parseJsonPath(path: string): Step[] | undefined {
  if (path === '$') return [];
  if (!path.startsWith('$.')) return undefined;
  const steps: Step[] = [];
  for (const part of path.slice(2).split('.')) {
    const m = /^([A-Za-z0-9_\-/]+)((?:\[\d+\])*)$/.exec(part);
    if (!m) return undefined;
    steps.push(m[1] as string);
    for (const index of (m[2] ?? '').matchAll(/\[(\d+)\]/g)) steps.push(Number(index[1]));
  }
  return steps;
}

function lookup(event: unknown, steps: readonly Step[]): { found: boolean; value?: unknown } {
  let node: unknown = event;
  for (const step of steps) {
    if (typeof step === 'number') {
      if (!Array.isArray(node) || step >= node.length) return { found: false };
      node = node[step];
    } else {
      if (typeof node !== 'object' || node === null || Array.isArray(node) || !Object.prototype.hasOwnProperty.call(node, step)) return { found: false };
      node = (node as Record<string, unknown>)[step];
    }
  }
  return node === undefined ? { found: false } : { found: true, value: node };
}

/** The transformer as PutTargets checks it (messages are the sandbox's; AWS's exact texts UNCONFIRMED). */
export function checkInputTransformer(raw: unknown): TransformerCheck {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, message: 'InputTransformer must be an object {InputPathsMap, InputTemplate}.' };
  const { InputPathsMap: map, InputTemplate: template } = raw as Record<string, unknown>;
  if (typeof template !== 'string' || template.length < 1 || template.length > MAX_TEMPLATE_CHARS) {
    return { ok: false, message: `InputTemplate is required: a string of 1-${MAX_TEMPLATE_CHARS} characters with <variable> placeholders.` };
  }
  if (map !== undefined) {
    if (typeof map !== 'object' || map === null || Array.isArray(map)) return { ok: false, message: 'InputPathsMap must be an object of variable name → JSON path.' };
    const entries = Object.entries(map as Record<string, unknown>);
    if (entries.length > MAX_INPUT_PATHS) return { ok: false, message: `InputPathsMap holds at most ${MAX_INPUT_PATHS} variables; this one has ${entries.length}.` };
    for (const [key, path] of entries) {
      if (!KEY_RE.test(key) || key.startsWith('AWS.')) return { ok: false, message: `InputPathsMap key "${key}" must be letters, digits, _ and - (and not start with "AWS.").` };
      if (typeof path !== 'string' || path.length > 256 || !parseJsonPath(path)) {
        return { ok: false, message: `InputPathsMap "${key}": "${String(path)}" is not a JSON path in dot notation such as $.detail.object.key.` };
      }
    }
  }
  return { ok: true, transformer: raw as InputTransformer };
}

/** The variables' values for one event (missing ones absent), reserved variables included. */
function variables(transformer: InputTransformer, event: unknown, context: TransformContext): { values: Map<string, unknown>; missing: Set<string> } {
  const values = new Map<string, unknown>();
  const missing = new Set<string>();
  for (const [key, path] of Object.entries(transformer.InputPathsMap ?? {})) {
    const steps = parseJsonPath(path);
    const hit = steps ? lookup(event, steps) : { found: false };
    if (hit.found) values.set(key, hit.value);
    else missing.add(key);
  }
  if (context.ruleArn !== undefined) values.set('aws.events.rule-arn', context.ruleArn);
  if (context.ruleName !== undefined) values.set('aws.events.rule-name', context.ruleName);
  if (context.ingestionTime !== undefined) values.set('aws.events.event.ingestion-time', context.ingestionTime);
  if (typeof event === 'object' && event !== null && !Array.isArray(event)) {
    const { detail: _detail, ...withoutDetail } = event as Record<string, unknown>;
    values.set('aws.events.event', withoutDetail);
  }
  values.set('aws.events.event.json', event);
  return { values, missing };
}

const asJson = (value: unknown): string => {
  try {
    return JSON.stringify(value) ?? 'null';
  } catch {
    return 'null';
  }
};

/** Apply the transformer to an event: the text the target receives and, when it is JSON, its value. */
export function applyInputTransformer(transformer: InputTransformer, event: unknown, context: TransformContext = {}): TransformResult {
  const checked = checkInputTransformer(transformer);
  if (!checked.ok) return { ok: false, message: checked.message, text: '', missing: [] };
  const template = transformer.InputTemplate;
  const { values, missing } = variables(transformer, event, context);
  const used: string[] = [];
  const trimmed = template.trimStart();
  const jsonMode = trimmed.startsWith('{') || trimmed.startsWith('[') || trimmed.startsWith('"');
  let out = '';
  let inString = false;
  for (let i = 0; i < template.length; i++) {
    const ch = template[i] as string;
    if (ch === '<') {
      const m = PLACEHOLDER_RE.exec(template.slice(i, i + 300));
      const name = m?.[1];
      if (m && name !== undefined && (values.has(name) || missing.has(name) || RESERVED.includes(name))) {
        if (values.has(name)) {
          const value = values.get(name);
          out += (inString || !jsonMode) && typeof value === 'string' ? value : asJson(value);
        } else if (!used.includes(name)) {
          used.push(name);
        }
        i += m[0].length - 1;
        continue;
      }
    }
    if (jsonMode) {
      if (inString && ch === '\\') {
        out += ch + (template[i + 1] ?? '');
        i++;
        continue;
      }
      if (ch === '"') inString = !inString;
    }
    out += ch;
  }
  if (!jsonMode) return { ok: true, text: out, value: out, missing: used };
  try {
    return { ok: true, text: out, value: JSON.parse(out) as unknown, missing: used };
  } catch {
    const why = used.length > 0 ? ` The event has no value for ${used.map((n) => `<${n}>`).join(', ')} (${used.map((n) => transformer.InputPathsMap?.[n] ?? n).join(', ')}), so nothing was written in its place.` : ' A value inserted inside quotes may hold a quote: EventBridge does not escape values.';
    return { ok: false, message: `The transformed input is not valid JSON.${why}`, text: out, missing: used };
  }
}
