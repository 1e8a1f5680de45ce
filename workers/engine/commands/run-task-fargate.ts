/** RunTask with launchType FARGATE (being built: the "fargate" part of issue 4). */
import type { EngineContext } from '../context.ts';
import { invalidParameter, MESSAGES, type CommandResult } from '../errors.ts';
import type { RunTaskRequest } from './run-task-request.ts';

export function runOnFargate(_ctx: EngineContext, _run: RunTaskRequest): CommandResult {
  return invalidParameter(MESSAGES.fargateLater());
}
