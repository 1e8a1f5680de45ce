/** What every command is: a function of the engine's context and the AWS request. */
import type { EngineContext } from '../context.ts';
import type { CommandResult } from '../errors.ts';

export type CommandHandler = (ctx: EngineContext, request: unknown) => CommandResult;
