/**
 * validateTaskDefinition: the whole check of a task definition, in the order the real path takes
 * — the size cap, the AWS CLI's parameter validation (shape; nothing is sent when it fails), then
 * the ECS service's rules. Never throws: every input, however odd, gets a ValidationResult.
 *
 * Decisions where "follow AWS" needs one:
 * - Unknown members are refused, as the AWS CLI (botocore's ParamValidation) refuses them before
 *   sending anything; an SDK that sends them would have the service ignore them, but learners use
 *   the CLI's JSON. The read-only members of a DescribeTaskDefinition output are ignored in that
 *   form (the console's "Create new revision" JSON round-trip) and unknown in a bare Register input.
 * - The 64 KiB quota is measured on the compact JSON of the input, in UTF-8 bytes.
 * - ephemeralStorage on an EC2-only definition is accepted (AWS documents it for Fargate and no
 *   source shows registration refusing it; the EC2 agent ignores it).
 * - Every error carries the JSON pointer of the offending member in the input; a missing member is
 *   pointed at where it would be (its parent exists). Errors with an obvious fix carry it
 *   (rules/fixes.ts), as JSON Patch on the same document.
 */
import * as z from 'zod/mini';
import type { ValidationIssue, ValidationResult } from '../../protocol.ts';
import { readDocument, sizeIssue } from './input.ts';
import { RegisterTaskDefinitionInputSchema } from './model.ts';
import { CLIENT_CODE, paramIssues } from './params.ts';
import { runRules } from './rules/index.ts';

export function validateTaskDefinition(input: unknown): ValidationResult {
  try {
    const errors = collectIssues(input);
    return { valid: errors.length === 0, errors };
  } catch (error) {
    // A bug of ours must not become an exception in the caller (the UI, the CLI, the engine).
    const detail = error instanceof Error ? error.message : String(error);
    return { valid: false, errors: [{ path: '', code: 'InternalError', message: `The sandbox could not check this input: ${detail}` }] };
  }
}

function collectIssues(input: unknown): ValidationIssue[] {
  const tooBig = sizeIssue(input);
  if (tooBig) return [tooBig];
  const { document, pointerOf, wrapperIssues } = readDocument(input);
  // A Describe wrapper without a usable taskDefinition: nothing more to check.
  if (document === undefined && wrapperIssues.length > 0) return wrapperIssues;
  const parsed = z.safeParse(RegisterTaskDefinitionInputSchema, document);
  if (!parsed.success) {
    return [...wrapperIssues, ...paramIssues(parsed.error.issues, RegisterTaskDefinitionInputSchema, document, pointerOf)];
  }
  if (wrapperIssues.length > 0) return wrapperIssues;
  return runRules(parsed.data).map((issue) => {
    const out: ValidationIssue = { path: pointerOf(issue.path), code: issue.code ?? CLIENT_CODE, message: issue.message };
    if (issue.fix) {
      const patches = issue.fix.patches.map(({ path, ...rest }) => ({ ...rest, path: pointerOf(path) }));
      out.fix = { title: issue.fix.title, patches };
    }
    return out;
  });
}
