/**
 * IAM policy documents as the sandbox understands them: `{Version, Statement: [...]}` with
 * statements of Effect Allow|Deny, Action|NotAction and Resource|NotResource (a string or a list),
 * optional Sid, Principal (trust policies) and Condition (kept, not evaluated). Documents arrive as
 * JSON text (as the AWS CLI sends them) or as objects (handier in a scenario file); both are
 * parsed into the same normalized form. Parsing never throws: problems come back as messages.
 */

export interface PolicyStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action?: string[];
  NotAction?: string[];
  Resource?: string[];
  NotResource?: string[];
  /** Trust policies only: `{Service: [...]}`, `{AWS: [...]}` or `*`. */
  Principal?: unknown;
  /** Kept as given; the sandbox does not evaluate conditions (said in the README). */
  Condition?: unknown;
}

export interface PolicyDocument {
  Version?: string;
  Statement: PolicyStatement[];
}

/** `document` is normalized for evaluation; `original` is the document as given (what IAM gives back). */
export type ParsedPolicy = { ok: true; document: PolicyDocument; original: unknown } | { ok: false; message: string };

const VERSIONS = ['2012-10-17', '2008-10-17'];
const STATEMENT_KEYS = new Set(['Sid', 'Effect', 'Action', 'NotAction', 'Resource', 'NotResource', 'Principal', 'NotPrincipal', 'Condition']);

/** AWS's message for a document that is not JSON (IAM MalformedPolicyDocument). */
export const INVALID_JSON = 'This policy contains invalid Json';
/** AWS's generic MalformedPolicyDocument message. */
export const SYNTAX_ERRORS = 'Syntax errors in policy.';

function stringList(value: unknown): string[] | undefined {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === 'string')) return [...value];
  return undefined;
}

/**
 * Parse a permissions policy (`kind: 'permissions'`: every statement needs an action and a
 * resource, no principal) or a trust policy (`kind: 'trust'`: a principal, an action, no resource).
 */
export function parsePolicyDocument(raw: unknown, kind: 'permissions' | 'trust'): ParsedPolicy {
  let value = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch {
      return { ok: false, message: INVALID_JSON };
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, message: INVALID_JSON };
  const record = value as Record<string, unknown>;
  if (record.Version !== undefined && !VERSIONS.includes(String(record.Version))) {
    return { ok: false, message: `${SYNTAX_ERRORS} Version must be "2012-10-17" (or the older "2008-10-17"), not ${JSON.stringify(record.Version)}.` };
  }
  const rawStatements = Array.isArray(record.Statement) ? record.Statement : record.Statement === undefined ? undefined : [record.Statement];
  if (rawStatements === undefined || rawStatements.length === 0) {
    return { ok: false, message: `${SYNTAX_ERRORS} The document needs a "Statement": one statement or a list of them.` };
  }
  const statements: PolicyStatement[] = [];
  for (const [index, item] of rawStatements.entries()) {
    const parsed = parseStatement(item, index, kind);
    if (typeof parsed === 'string') return { ok: false, message: `${SYNTAX_ERRORS} ${parsed}` };
    statements.push(parsed);
  }
  return {
    ok: true,
    document: { ...(record.Version === undefined ? {} : { Version: String(record.Version) }), Statement: statements },
    original: structuredClone(value),
  };
}

function parseStatement(item: unknown, index: number, kind: 'permissions' | 'trust'): PolicyStatement | string {
  const where = `Statement ${index + 1}`;
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return `${where} must be an object with Effect, Action and ${kind === 'trust' ? 'Principal' : 'Resource'}.`;
  const s = item as Record<string, unknown>;
  for (const key of Object.keys(s)) if (!STATEMENT_KEYS.has(key)) return `${where} has an unknown field "${key}".`;
  if (s.Effect !== 'Allow' && s.Effect !== 'Deny') return `${where}: Effect must be "Allow" or "Deny", not ${JSON.stringify(s.Effect)}.`;
  const out: PolicyStatement = { Effect: s.Effect };
  if (typeof s.Sid === 'string') out.Sid = s.Sid;
  if ((s.Action === undefined) === (s.NotAction === undefined)) return `${where} needs exactly one of Action or NotAction.`;
  const action = s.Action === undefined ? undefined : stringList(s.Action);
  const notAction = s.NotAction === undefined ? undefined : stringList(s.NotAction);
  if (s.Action !== undefined && action === undefined) return `${where}: Action must be a string or a non-empty list of strings such as "ecr:BatchGetImage".`;
  if (s.NotAction !== undefined && notAction === undefined) return `${where}: NotAction must be a string or a non-empty list of strings.`;
  for (const name of [...(action ?? []), ...(notAction ?? [])]) {
    if (name !== '*' && !/^[a-zA-Z0-9-]+:[a-zA-Z0-9*?]+$/.test(name)) return `${where}: "${name}" is not an action: write service:Action, e.g. "logs:PutLogEvents" or "s3:Get*".`;
  }
  if (action !== undefined) out.Action = action;
  if (notAction !== undefined) out.NotAction = notAction;
  if (kind === 'permissions') {
    if (s.Principal !== undefined || s.NotPrincipal !== undefined) return `${where}: a permissions policy has no Principal (that belongs in the role's trust policy).`;
    if ((s.Resource === undefined) === (s.NotResource === undefined)) return `${where} needs exactly one of Resource or NotResource.`;
    const resource = s.Resource === undefined ? undefined : stringList(s.Resource);
    const notResource = s.NotResource === undefined ? undefined : stringList(s.NotResource);
    if (s.Resource !== undefined && resource === undefined) return `${where}: Resource must be "*", an ARN or a list of ARNs.`;
    if (s.NotResource !== undefined && notResource === undefined) return `${where}: NotResource must be an ARN or a list of ARNs.`;
    for (const arn of [...(resource ?? []), ...(notResource ?? [])]) {
      if (arn !== '*' && !arn.startsWith('arn:')) return `${where}: Resource "${arn}" must be "*" or an ARN (arn:aws:…).`;
    }
    if (resource !== undefined) out.Resource = resource;
    if (notResource !== undefined) out.NotResource = notResource;
  } else {
    if (s.Resource !== undefined || s.NotResource !== undefined) return `${where}: a trust policy has no Resource (AWS: "Has prohibited field Resource").`;
    if (s.Principal === undefined) return `${where}: a trust policy statement needs a Principal, e.g. {"Service": "ecs-tasks.amazonaws.com"}.`;
    out.Principal = structuredClone(s.Principal);
  }
  if (s.Condition !== undefined) out.Condition = structuredClone(s.Condition);
  return out;
}

/** The AWS services a trust policy lets assume the role (Allow statements with sts:AssumeRole). */
export function trustedServices(trust: PolicyDocument): string[] {
  const services: string[] = [];
  for (const statement of trust.Statement) {
    if (statement.Effect !== 'Allow') continue;
    const actions = statement.Action ?? [];
    if (!actions.some((action) => action === '*' || /^sts:(AssumeRole|\*)$/i.test(action))) continue;
    const principal = statement.Principal;
    if (principal === '*') {
      services.push('*');
      continue;
    }
    if (typeof principal !== 'object' || principal === null) continue;
    const service = (principal as Record<string, unknown>).Service;
    for (const name of stringList(service) ?? []) services.push(name);
  }
  return services;
}

/** Whether the trust policy lets `service` (e.g. ecs-tasks.amazonaws.com) assume the role. */
export function trusts(trust: PolicyDocument, service: string): boolean {
  return trustedServices(trust).some((name) => name === '*' || name === service);
}
