/**
 * The placement explainer's entry point (SandboxEngine.explainPlacement and sim:ExplainPlacement):
 * explains a task's placement, a recorded decision (placement events carry its id), or what a
 * RunTask request would do now (a what-if: the same checks and errors as RunTask, nothing placed).
 * Read-only.
 */
import type { ExplainQuery, ExplainResult, PlacementExplanation } from '../../protocol.ts';
import { checkRunTask } from '../commands/run-task.ts';
import { prepareEc2Placement } from '../commands/run-task-ec2.ts';
import type { EngineContext } from '../context.ts';
import { MESSAGES } from '../errors.ts';
import type { TaskRecord } from '../state.ts';
import { DEFAULT_MAX_ROWS, explainDecision, explainWhatIf } from './explain-decision.ts';
import { PLACEMENT_MESSAGES as M } from './messages.ts';

const invalid = (message: string): ExplainResult => ({ ok: false, error: { code: 'InvalidParameterException', message } });

export function explainPlacement(ctx: EngineContext, query: ExplainQuery): ExplainResult {
  if (typeof query !== 'object' || query === null || Array.isArray(query)) return invalid(M.explainQueryInvalid());
  const maxRows = clampRows((query as { maxRows?: unknown }).maxRows);
  if ('taskArn' in query && typeof query.taskArn === 'string') return explainTask(ctx, query.taskArn, maxRows);
  if ('placementId' in query && typeof query.placementId === 'string') {
    const record = ctx.state.placementDecisions.get(query.placementId);
    if (record === undefined) {
      const id = Number(query.placementId.replace(/^placement-/, ''));
      return invalid(Number.isInteger(id) && id > 0 && id < ctx.state.nextPlacementId ? M.notKept(query.placementId) : M.unknownPlacement(query.placementId));
    }
    // By default the first task that could not be placed, else the first task.
    const index = typeof query.index === 'number' && Number.isInteger(query.index) && query.index >= 0 && query.index < record.count
      ? query.index
      : record.choices.length < record.count ? record.choices.length : 0;
    return { ok: true, explanation: explainDecision(record, index, maxRows) };
  }
  if ('runTask' in query) return explainRunTask(ctx, query.runTask, maxRows);
  return invalid(M.explainQueryInvalid());
}

function explainTask(ctx: EngineContext, given: string, maxRows: number): ExplainResult {
  const record = ctx.state.tasks.get(given) ?? [...ctx.state.tasks.values()].find((r) => r.task.taskArn.endsWith(`/${given}`));
  if (record === undefined) return invalid(MESSAGES.taskNotFound());
  if (record.fargatePlacement !== undefined) return { ok: true, explanation: fargateExplanation(record) };
  if (record.placement === undefined) return invalid(M.taskNotPlacedByPipeline(record.task.taskArn));
  const decision = ctx.state.placementDecisions.get(record.placement.placementId);
  if (decision === undefined) return invalid(M.notKept(record.placement.placementId));
  return { ok: true, explanation: explainDecision(decision, record.placement.index, maxRows) };
}

function explainRunTask(ctx: EngineContext, raw: unknown, maxRows: number): ExplainResult {
  const checked = checkRunTask(ctx, raw);
  if (!checked.ok) return checked.result.ok ? invalid(M.explainQueryInvalid()) : { ok: false, error: checked.result.error };
  if (checked.launchType === 'FARGATE') return invalid(M.fargateNoPlacement());
  const prepared = prepareEc2Placement(ctx, checked.run);
  if (!prepared.ok) return prepared.result.ok ? invalid(M.explainQueryInvalid()) : { ok: false, error: prepared.result.error };
  return { ok: true, explanation: explainWhatIf(prepared.ledger, ctx.clock.now, checked.run.count, maxRows) };
}

/** A Fargate task: no instances to weigh, only the zone Fargate's spread chose (run-task-fargate.ts). */
function fargateExplanation(record: TaskRecord): PlacementExplanation {
  const placement = record.fargatePlacement!;
  const td = record.taskDefinition;
  return {
    time: record.createdMs,
    clusterName: record.clusterName,
    taskDefinitionArn: td.taskDefinitionArn,
    label: `${td.family}:${td.revision}`,
    group: record.task.group,
    index: placement.index,
    count: placement.count,
    launchType: 'FARGATE',
    strategies: [{ type: 'spread', field: 'attribute:ecs.availability-zone', origin: 'default' }],
    constraints: [],
    outcome: 'placed',
    summary: placement.summary,
    rules: [],
    rows: [],
    instanceCount: 0,
    eligibleCount: 0,
    suggestions: [],
  };
}

function clampRows(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return DEFAULT_MAX_ROWS;
  return Math.max(1, Math.min(5000, Math.floor(value)));
}
