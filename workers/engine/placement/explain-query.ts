/**
 * The placement explainer's entry point: answers an ExplainQuery (a task, a recorded decision or a
 * what-if RunTask) from the decision records the placement pipeline keeps. Read-only.
 */
import type { ExplainQuery, ExplainResult } from '../../protocol.ts';
import type { EngineContext } from '../context.ts';

export function explainPlacement(_ctx: EngineContext, _query: ExplainQuery): ExplainResult {
  return { ok: false, error: { code: 'InvalidParameterException', message: 'The placement explainer is not built yet.' } };
}
