/** What the Application Auto Scaling command files share: the checkers' refusal as a result, and their view of a target. */
import type { EngineContext } from '../context.ts';
import { fail, type CommandResult } from '../errors.ts';
import type { AasResult } from '../appautoscaling/request-messages.ts';
import type { RegisteredTarget } from '../appautoscaling/requests.ts';

/** An AWS error value of the checkers as the command's refusal. */
export const refusal = (result: Extract<AasResult<unknown>, { ok: false }>): CommandResult => fail(result.error.code, result.error.message);

/** The checkers' view of a registered target. */
export function registeredTarget(ctx: EngineContext, resourceId: string): RegisteredTarget | undefined {
  const target = ctx.state.appAutoScaling?.targets.get(resourceId);
  return target === undefined ? undefined : { MinCapacity: target.min, MaxCapacity: target.max, SuspendedState: { ...target.suspended }, RoleARN: target.roleArn };
}
