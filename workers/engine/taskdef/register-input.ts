/**
 * toRegisterInput: the plain RegisterTaskDefinition input behind either accepted form (Describe
 * wrapper and read-only fields removed), as a fresh copy the caller may keep.
 */
import { isPlainRecord, readDocument, sizeIssue } from './input.ts';

export function toRegisterInput(input: unknown): Record<string, unknown> {
  try {
    // Same work cap as validation: an input too big or too deep to be valid is not copied.
    if (sizeIssue(input)) return {};
    const { document } = readDocument(input);
    if (!isPlainRecord(document)) return {};
    return JSON.parse(JSON.stringify(document)) as Record<string, unknown>;
  } catch {
    // Only reachable for inputs validateTaskDefinition refuses (cycles, BigInt); callers validate first.
    return {};
  }
}
