/**
 * sim:SendRequests — send `count` client requests to a load balancer's listener and see where they
 * go: `{loadBalancer: <name or ARN>, port?: <listener port>, count}`. AWS has no such API; it stands
 * for "clients call the load balancer's DNS name", so a learner can watch an ALB spread requests over
 * the tasks of a service — several of them on one instance through dynamic host ports — and see that
 * only healthy targets get traffic (or all of them when none is healthy: the ALB fails open).
 *
 * The routing itself is elb/routing.ts (round robin, or least outstanding requests); this command
 * resolves the listener, names the task behind each target, writes one line to the event log and
 * answers the split. The load balancer must be active (it answers nothing while provisioning).
 */
import type { EngineContext } from '../context.ts';
import { fail, invalidParameter, ok, type CommandResult } from '../errors.ts';
import { elbOf, type ListenerRecord, type LoadBalancerRecord } from '../elb/model.ts';
import { routeRequests } from '../elb/routing.ts';
import { idOfArn } from '../ids/arn.ts';
import { plural } from '../text.ts';
import { LB_PROVISIONING_MS } from './elbv2.ts';
import { checkParams } from './params.ts';

/** A million requests in one call is plenty for any lesson, and routing stays cheap (whole rounds). */
export const MAX_REQUESTS = 1_000_000;

interface SendRequestsInput {
  loadBalancer: string;
  port?: number;
  count: number;
}

export interface RoutedTarget {
  Id: string;
  Port: number;
  /** The task answering on that target, when one does. */
  taskArn?: string;
  requests: number;
}

function findLoadBalancer(ctx: EngineContext, nameOrArn: string): LoadBalancerRecord | undefined {
  const elb = ctx.state.elb;
  if (elb === undefined) return undefined;
  const byArn = elb.loadBalancers.get(nameOrArn);
  if (byArn !== undefined) return byArn;
  for (const lb of elb.loadBalancers.values()) if (lb.name === nameOrArn) return lb;
  return undefined;
}

export function sendRequests(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams<SendRequestsInput>(raw, {
    params: { loadBalancer: 'string', port: 'integer', count: 'integer' },
    required: ['loadBalancer', 'count'],
  });
  if (!checked.ok) return checked.result;
  const { loadBalancer, port, count } = checked.input;
  if (count < 1 || count > MAX_REQUESTS) return invalidParameter(`count must be between 1 and ${MAX_REQUESTS}, not ${count}.`);
  const lb = findLoadBalancer(ctx, loadBalancer);
  if (lb === undefined) return fail('LoadBalancerNotFound', `Load balancer '${loadBalancer}' not found: create it with elbv2:CreateLoadBalancer (requests go to a load balancer's listener, by its name or ARN).`);
  if (!lb.active) return fail('InvalidConfigurationRequest', `Load balancer '${lb.name}' is still provisioning: it answers requests once its State is active (${LB_PROVISIONING_MS / 60_000} minutes after it was created).`);
  const elb = elbOf(ctx.state);
  const listeners: ListenerRecord[] = [...elb.listeners.values()].filter((listener) => listener.loadBalancerArn === lb.arn);
  if (listeners.length === 0) return fail('ListenerNotFound', `Load balancer '${lb.name}' has no listener, so nothing answers: add one with elbv2:CreateListener.`);
  const listener = port === undefined ? listeners[0]! : listeners.find((candidate) => candidate.port === port);
  if (listener === undefined) {
    return fail('ListenerNotFound', `Load balancer '${lb.name}' has no listener on port ${port}; its listeners are on ${listeners.map((l) => l.port).join(', ')}.`);
  }
  const tg = elb.targetGroups.get(listener.targetGroupArn);
  if (tg === undefined) return fail('TargetGroupNotFound', `The listener on port ${listener.port} forwards to a target group that no longer exists.`);

  const result = routeRequests(ctx.state, tg, count);
  const targets: RoutedTarget[] = [];
  for (const [key, requests] of Object.entries(result.routed)) {
    const target = tg.targets.get(key);
    if (target === undefined) continue;
    const taskArn = target.task?.task.taskArn;
    targets.push({ Id: target.id, Port: target.port, ...(taskArn === undefined ? {} : { taskArn }), requests });
  }
  const split = targets.map((t) => `${t.Id}:${t.Port}${t.taskArn === undefined ? '' : ` (task ${idOfArn(t.taskArn).slice(0, 8)})`} ${t.requests}`).join(', ');
  let message = `${plural(count, 'request')} to ${lb.name}:${listener.port} → target group ${tg.name}: `;
  if (targets.length === 0) message += `none answered (${result.dropped} dropped: no target is registered).`;
  else message += `${split}${result.failOpen ? ' — no target is healthy, so the load balancer failed open and sent requests to all of them' : ''}.`;
  ctx.emit('elb.requests', message, lb.arn);
  return ok({ loadBalancerArn: lb.arn, listenerPort: listener.port, targetGroupArn: tg.arn, targets, failOpen: result.failOpen, dropped: result.dropped });
}
