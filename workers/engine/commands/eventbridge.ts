/** PLACEHOLDER (issue 7 contract): the owner replaces each handler with the real one. */
import { notBuiltYet } from './placeholder.ts';
import type { CommandHandler } from './handler.ts';

export const eventsPutRule: CommandHandler = notBuiltYet('events:PutRule');
export const eventsDeleteRule: CommandHandler = notBuiltYet('events:DeleteRule');
export const eventsDescribeRule: CommandHandler = notBuiltYet('events:DescribeRule');
export const eventsListRules: CommandHandler = notBuiltYet('events:ListRules');
export const eventsEnableRule: CommandHandler = notBuiltYet('events:EnableRule');
export const eventsDisableRule: CommandHandler = notBuiltYet('events:DisableRule');
export const eventsPutTargets: CommandHandler = notBuiltYet('events:PutTargets');
export const eventsRemoveTargets: CommandHandler = notBuiltYet('events:RemoveTargets');
export const eventsListTargetsByRule: CommandHandler = notBuiltYet('events:ListTargetsByRule');
