/** PLACEHOLDER (issue 7 contract): the owner replaces each handler with the real one. */
import { notBuiltYet } from './placeholder.ts';
import type { CommandHandler } from './handler.ts';

export const sqsCreateQueue: CommandHandler = notBuiltYet('sqs:CreateQueue');
export const sqsDeleteQueue: CommandHandler = notBuiltYet('sqs:DeleteQueue');
export const sqsGetQueueUrl: CommandHandler = notBuiltYet('sqs:GetQueueUrl');
export const sqsListQueues: CommandHandler = notBuiltYet('sqs:ListQueues');
export const sqsGetQueueAttributes: CommandHandler = notBuiltYet('sqs:GetQueueAttributes');
export const sqsSetQueueAttributes: CommandHandler = notBuiltYet('sqs:SetQueueAttributes');
export const sqsSendMessage: CommandHandler = notBuiltYet('sqs:SendMessage');
export const sqsPurgeQueue: CommandHandler = notBuiltYet('sqs:PurgeQueue');
export const simSendMessages: CommandHandler = notBuiltYet('sim:SendMessages');
