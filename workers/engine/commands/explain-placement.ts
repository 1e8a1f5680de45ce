/**
 * sim:ExplainPlacement: the placement explainer as a command, so the CLI, scenario files and the
 * command box can ask it too. Read-only; the response is a PlacementExplanation (protocol.ts).
 */
import type { ExplainQuery } from '../../protocol.ts';
import type { EngineContext } from '../context.ts';
import { ok, type CommandResult } from '../errors.ts';
import { explainPlacement } from '../placement/explain-query.ts';

export function explainPlacementCommand(ctx: EngineContext, raw: unknown): CommandResult {
  const result = explainPlacement(ctx, raw as ExplainQuery);
  return result.ok ? ok(result.explanation) : { ok: false, error: result.error };
}
