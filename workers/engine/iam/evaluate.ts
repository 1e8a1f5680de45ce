/**
 * The IAM policy evaluation the sandbox needs, as a pure function: a request (action, resource) is
 * allowed when at least one Allow statement matches it and no Deny statement does — an explicit
 * Deny always wins, and with no matching statement the answer is the implicit deny. Matching
 * follows IAM: actions compare case-insensitively, resources case-sensitively, and `*` (any run of
 * characters) and `?` (one character) are wildcards in both. Conditions are not evaluated.
 */
import type { PolicyStatement } from './policy.ts';

export type Decision =
  | { allowed: true; by: PolicyStatement }
  | { allowed: false; reason: 'explicitDeny'; by: PolicyStatement }
  | { allowed: false; reason: 'implicitDeny' };

/** Anything that carries the statements of its policies (a role, resolved). */
export interface PolicyHolder {
  statements: readonly PolicyStatement[];
}

/**
 * IAM wildcard match; `caseInsensitive` for actions. The classic two-pointer algorithm (backtrack
 * only to the last `*`): O(pattern × value) at worst, so a learner's pattern such as `*a*a*a*a*b`
 * cannot make the engine backtrack exponentially, as a regular expression could.
 */
export function wildcardMatch(pattern: string, value: string, caseInsensitive: boolean): boolean {
  if (pattern === '*') return true;
  const p = caseInsensitive ? pattern.toLowerCase() : pattern;
  const v = caseInsensitive ? value.toLowerCase() : value;
  let pi = 0;
  let vi = 0;
  let star = -1;
  let resume = 0;
  while (vi < v.length) {
    if (pi < p.length && (p[pi] === '?' || p[pi] === v[vi])) {
      pi += 1;
      vi += 1;
    } else if (pi < p.length && p[pi] === '*') {
      star = pi;
      resume = vi;
      pi += 1;
    } else if (star >= 0) {
      pi = star + 1;
      resume += 1;
      vi = resume;
    } else {
      return false;
    }
  }
  while (pi < p.length && p[pi] === '*') pi += 1;
  return pi === p.length;
}

function matchesAction(statement: PolicyStatement, action: string): boolean {
  if (statement.Action !== undefined) return statement.Action.some((pattern) => wildcardMatch(pattern, action, true));
  if (statement.NotAction !== undefined) return !statement.NotAction.some((pattern) => wildcardMatch(pattern, action, true));
  return false;
}

function matchesResource(statement: PolicyStatement, resource: string): boolean {
  if (statement.Resource !== undefined) return statement.Resource.some((pattern) => wildcardMatch(pattern, resource, false));
  if (statement.NotResource !== undefined) return !statement.NotResource.some((pattern) => wildcardMatch(pattern, resource, false));
  return false;
}

/** Evaluate `action` on `resource` against a set of permission statements. */
export function evaluate(statements: readonly PolicyStatement[], action: string, resource: string): Decision {
  let allow: PolicyStatement | undefined;
  for (const statement of statements) {
    if (!matchesAction(statement, action) || !matchesResource(statement, resource)) continue;
    if (statement.Effect === 'Deny') return { allowed: false, reason: 'explicitDeny', by: statement };
    allow ??= statement;
  }
  return allow === undefined ? { allowed: false, reason: 'implicitDeny' } : { allowed: true, by: allow };
}

/** True when the holder's policies allow `action` on `resource`. */
export function isAllowed(holder: PolicyHolder, action: string, resource: string): boolean {
  return evaluate(holder.statements, action, resource).allowed;
}
