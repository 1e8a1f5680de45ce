// Shared helpers for the load-balancer lifecycle tests: a bare engine context (test/unit/fargate/context.ts)
// with an instance, a bridge web task definition (dynamic host port), an ALB, a target group and a
// listener; a task run with `loadBalancers` and an observer that records what it hears, as the
// service scheduler would set them; EventBridge drafts kept beside the event log.
import type { EventBridgeDraft } from '../../../workers/engine/events/eventbridge.ts';
import type { TaskRecord } from '../../../workers/engine/state.ts';
import type { ServiceLoadBalancer } from '../../../workers/protocol.ts';
import { testContext, type TestContext } from '../fargate/context.ts';

export interface LbContext extends TestContext {
  drafts: { kind: string; draft: EventBridgeDraft }[];
  tg: string;
  instanceId: string;
}

export const SUBNETS = ['subnet-us-east-1a', 'subnet-us-east-1b'];

export function lbContext(seed = 1, tgAttributes: Record<string, string> = {}, instanceGroups?: string[]): LbContext {
  const base = testContext(seed);
  const drafts: LbContext['drafts'] = [];
  const emit = base.emit.bind(base);
  const ctx = Object.assign(base, { drafts, tg: '', instanceId: '' }) as LbContext;
  ctx.emit = (kind, message, arn, placementId, draft) => {
    emit(kind, message, arn, placementId, draft);
    if (draft !== undefined) drafts.push({ kind, draft });
  };
  ctx.call('ecs:CreateCluster', { clusterName: 'demo' });
  ctx.call('sim:AddContainerInstances', { cluster: 'demo', instanceType: 'm5.large', count: 1, ...(instanceGroups === undefined ? {} : { securityGroupIds: instanceGroups }) });
  ctx.call('ecs:RegisterTaskDefinition', { family: 'web', containerDefinitions: [{ name: 'web', image: 'nginx:1.27', memory: 128, portMappings: [{ containerPort: 80 }] }] });
  const lb = ctx.call('elbv2:CreateLoadBalancer', { Name: 'web-alb', Subnets: SUBNETS }).LoadBalancers[0].LoadBalancerArn;
  ctx.tg = ctx.call('elbv2:CreateTargetGroup', { Name: 'web-tg', Protocol: 'HTTP', Port: 80, VpcId: 'vpc-default' }).TargetGroups[0].TargetGroupArn;
  ctx.call('elbv2:CreateListener', { LoadBalancerArn: lb, Protocol: 'HTTP', Port: 80, DefaultActions: [{ Type: 'forward', TargetGroupArn: ctx.tg }] });
  const attributes = Object.entries(tgAttributes).map(([Key, Value]) => ({ Key, Value }));
  if (attributes.length > 0) ctx.call('elbv2:ModifyTargetGroupAttributes', { TargetGroupArn: ctx.tg, Attributes: attributes });
  ctx.instanceId = [...ctx.state.instances.values()][0]!.ec2InstanceId;
  return ctx;
}

/** Run one web task as a service task behind `ctx.tg` (or the given mappings); `heard` collects the observer's calls. */
export function runServiceTask(ctx: LbContext, mappings?: ServiceLoadBalancer[]): { record: TaskRecord; heard: string[] } {
  const arn = ctx.call('ecs:RunTask', { cluster: 'demo', taskDefinition: 'web' }).tasks[0].taskArn;
  const record = ctx.state.tasks.get(arn)!;
  record.loadBalancers = mappings ?? [{ targetGroupArn: ctx.tg, containerName: 'web', containerPort: 80 }];
  const heard: string[] = [];
  const at = () => ctx.clock.now;
  record.observer = {
    running: (r) => heard.push(`running ${r.task.lastStatus} @${at()}`),
    stopped: (r) => heard.push(`stopped ${r.task.stopCode} @${at()}`),
    targetRegistered: (_r, lb, t) => heard.push(`registered ${lb.targetGroupArn ? 'tg' : lb.loadBalancerName} ${t.id}:${t.port} @${at()}`),
    targetDeregistered: (_r, lb, t) => heard.push(`deregistered ${lb.targetGroupArn ? 'tg' : lb.loadBalancerName} ${t.id}:${t.port} @${at()}`),
    targetHealthChanged: (_r, _lb, h) => heard.push(`health ${h.state}${h.reason ? ` ${h.reason}` : ''} :${h.port} @${at()}`),
  };
  return { record, heard };
}

/** Advance timer by timer until `done` holds (at most `limitMs` of virtual time). */
export function advanceUntil(ctx: TestContext, done: () => boolean, limitMs = 3_600_000): number {
  const end = ctx.clock.now + limitMs;
  while (!done()) {
    const next = ctx.clock.nextTimerAt();
    if (next === null || next > end) throw new Error(`condition not reached by ${end}`);
    ctx.clock.advance(next - ctx.clock.now);
  }
  return ctx.clock.now;
}

export function targetState(ctx: LbContext, id: string, port: number): string | undefined {
  return ctx.state.elb!.targetGroups.get(ctx.tg)!.targets.get(`${id}:${port}`)?.state;
}
