/**
 * RunTask (and a service's launches) through a capacity provider strategy: the count is split
 * base-then-weight over the providers (provider-strategy.ts distributeTasks, given the tasks each
 * already has), then each share launches on its provider — FARGATE / FARGATE_SPOT on Fargate,
 * an Auto Scaling group provider on its own instances (waiting for capacity when it has managed
 * scaling and no room). The answers are merged: tasks in strategy order, then failures.
 */
import { provideCapacityHook } from '../commands/capacity-hooks.ts';
import { resolveStrategy } from './launch-strategy.ts';
import type { Task } from '../../protocol.ts';
import type { EngineContext } from '../context.ts';
import { ok, type CommandResult } from '../errors.ts';
import { runOnEc2 } from '../commands/run-task-ec2.ts';
import { runOnFargate } from '../commands/run-task-fargate.ts';
import type { RunTaskRequest } from '../commands/run-task-request.ts';
import type { ResolvedStrategy } from './launch-strategy.ts';
import { splitOverProviders } from './launch-strategy.ts';

export function runWithStrategy(ctx: EngineContext, run: RunTaskRequest, strategy: ResolvedStrategy, already: Record<string, number> = {}): CommandResult {
  const parts = splitOverProviders(strategy.items, run.count, already);
  const tasks: Task[] = [];
  const failures: unknown[] = [];
  let firstError: CommandResult | undefined;
  let firstErrorCount = 0;
  for (const part of parts) {
    const share: RunTaskRequest = { ...run, count: part.count, capacityProviderName: part.provider };
    const result = strategy.launchType === 'FARGATE' ? runOnFargate(ctx, share) : runOnEc2(ctx, share);
    if (!result.ok) {
      // The shares are checked alike, so only the first can be refused before anything launched;
      // a later refusal (e.g. one provider without instances) becomes failures of its share.
      if (tasks.length === 0 && firstError === undefined) {
        firstError = result;
        firstErrorCount = part.count;
        continue;
      }
      for (let i = 0; i < part.count; i++) failures.push({ reason: result.error.message });
      continue;
    }
    const response = result.response as { tasks: Task[]; failures: unknown[] };
    tasks.push(...response.tasks);
    failures.push(...response.failures);
  }
  if (tasks.length === 0 && firstError !== undefined && failures.length === 0) return firstError;
  if (firstError !== undefined && !firstError.ok) {
    for (let i = 0; i < firstErrorCount; i++) failures.push({ reason: firstError.error.message });
  }
  return ok({ tasks, failures });
}

// RunTask (first chunk) reaches strategies through its hook.
provideCapacityHook('strategies', { resolve: resolveStrategy, run: (ctx, run, strategy) => runWithStrategy(ctx, run, strategy) });
