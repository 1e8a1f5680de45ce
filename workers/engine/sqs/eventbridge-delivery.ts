/**
 * EventBridge rules with an SQS queue target (events/invoke-targets.ts asks through
 * provideQueueDelivery): the event (or the target's Input) becomes one message on the queue, sent
 * at the virtual instant the rule ran — so a rule can feed a worker service.
 *
 * A queue of this account and Region that does not exist fails the invocation (counted in
 * FailedInvocations) with SQS's text; an ARN of another account or Region is not modelled
 * ('unknown': the rule just logs the delivery). The queue's resource policy (which must let
 * events.amazonaws.com call sqs:SendMessage on AWS) is not evaluated (Sandbox).
 */
import type { EngineContext } from '../context.ts';
import { provideQueueDelivery } from '../events/invoke-targets.ts';
import { ACCOUNT_ID, REGION } from '../ids/arn.ts';
import { catchUp } from './catch-up.ts';
import { consumersByQueue } from './consumers.ts';
import { sendMessages } from './flow.ts';

function deliver(ctx: EngineContext, queueArn: string, body: string): undefined | 'unknown' | { failed: string } {
  const [, , , region, account, name] = queueArn.split(':');
  if (region !== REGION || account !== ACCOUNT_ID || name === undefined) return 'unknown';
  const record = ctx.state.sqs?.queues.get(name);
  if (record === undefined) return { failed: `sqs:SendMessage to ${queueArn}: The specified queue does not exist.` };
  if (new TextEncoder().encode(body).length > record.maximumMessageSize)
    return { failed: `sqs:SendMessage to ${queueArn}: One or more parameters are invalid. Reason: Message must be shorter than ${record.maximumMessageSize} bytes.` };
  catchUp(ctx, record, consumersByQueue(ctx.state).get(name) ?? []);
  const sent = sendMessages(record.queue, 1, ctx.clock.now);
  if (!sent.ok) return { failed: sent.error.message };
  record.queue = sent.queue;
  return undefined;
}

provideQueueDelivery((ctx, queueArn, body) => deliver(ctx, queueArn, body));
