// Proves request routing as an ALB does it: only healthy targets, round robin by default (whole
// rounds plus a rotating remainder), least outstanding requests as the option, none to draining
// targets, fail-open to every target when none is healthy, nothing without a load balancer; and that
// ECS's registration rule (targetsOfTask) gives bridge tasks instance:hostPort and awsvpc tasks ip:port.
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../workers/engine/clock.ts';
import type { EngineContext } from '../../../workers/engine/context.ts';
import { Prng } from '../../../workers/engine/prng.ts';
import { emptyState } from '../../../workers/engine/state.ts';
import * as elbv2 from '../../../workers/engine/commands/elbv2.ts';
import { deregisterTarget, registerTarget, routeRequests, targetGroupByArn, targetsOfTask, type TargetGroupRecord } from '../../../workers/engine/elb/index.ts';
import type { CommandResult } from '../../../workers/engine/errors.ts';

function context(): EngineContext {
  const state = emptyState(1);
  const clock = new VirtualClock();
  return { state, clock, prng: new Prng(1), emit: () => {}, launchTask: () => {}, requestStop: () => {} };
}

const value = (result: CommandResult): any => {
  if (!result.ok) throw new Error(result.error.message);
  return result.response;
};

/** An ALB forwarding to an ip target group with targets 172.31.0.10…, states set by hand. */
function group(states: ('healthy' | 'unhealthy' | 'initial' | 'draining')[], algorithm?: string): { ctx: EngineContext; tg: TargetGroupRecord } {
  const ctx = context();
  const lb = value(elbv2.createLoadBalancer(ctx, { Name: 'alb', Subnets: ['subnet-us-east-1a', 'subnet-us-east-1b'] })).LoadBalancers[0].LoadBalancerArn;
  const tgArn = value(elbv2.createTargetGroup(ctx, { Name: 'tg', Protocol: 'HTTP', Port: 80, VpcId: 'vpc-default', TargetType: 'ip' })).TargetGroups[0].TargetGroupArn;
  value(elbv2.createListener(ctx, { LoadBalancerArn: lb, Protocol: 'HTTP', Port: 80, DefaultActions: [{ Type: 'forward', TargetGroupArn: tgArn }] }));
  if (algorithm !== undefined) value(elbv2.modifyTargetGroupAttributes(ctx, { TargetGroupArn: tgArn, Attributes: [{ Key: 'load_balancing.algorithm.type', Value: algorithm }] }));
  const tg = targetGroupByArn(ctx.state, tgArn)!;
  states.forEach((state, i) => {
    registerTarget(ctx, tg, `172.31.0.${10 + i}`, 80);
    if (state === 'draining') deregisterTarget(ctx, tg, `172.31.0.${10 + i}`, 80);
    else tg.targets.get(`172.31.0.${10 + i}:80`)!.state = state;
  });
  return { ctx, tg };
}

describe('routeRequests', () => {
  it('round robin over healthy targets only, continuing where it stopped', () => {
    const { ctx, tg } = group(['healthy', 'unhealthy', 'healthy', 'healthy', 'draining']);
    expect(routeRequests(ctx.state, tg, 10)).toEqual({ routed: { '172.31.0.10:80': 4, '172.31.0.12:80': 3, '172.31.0.13:80': 3 }, failOpen: false, dropped: 0 });
    expect(routeRequests(ctx.state, tg, 2).routed).toEqual({ '172.31.0.12:80': 1, '172.31.0.13:80': 1 });
    expect(routeRequests(ctx.state, tg, 1).routed).toEqual({ '172.31.0.10:80': 1 });
    expect([...tg.targets.values()].map((t) => t.requests)).toEqual([5, 0, 4, 4, 0]);
  });

  it('fails open: no healthy target → all registered, not draining, targets share the requests', () => {
    const { ctx, tg } = group(['unhealthy', 'initial', 'draining']);
    expect(routeRequests(ctx.state, tg, 4)).toEqual({ routed: { '172.31.0.10:80': 2, '172.31.0.11:80': 2 }, failOpen: true, dropped: 0 });
  });

  it('least outstanding requests evens out targets that were behind', () => {
    const { ctx, tg } = group(['healthy', 'healthy', 'healthy'], 'least_outstanding_requests');
    tg.targets.get('172.31.0.10:80')!.requests = 5;
    expect(routeRequests(ctx.state, tg, 7).routed).toEqual({ '172.31.0.11:80': 4, '172.31.0.12:80': 3 });
  });

  it('least outstanding requests: each request to the fewest-so-far target (first on a tie), listed in the order targets first got one', () => {
    const seed = 20261207;
    let x = seed;
    const next = (n: number): number => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) % n);
    for (let round = 0; round < 40; round++) {
      const size = 1 + next(7);
      const { ctx, tg } = group(Array.from({ length: size }, () => (next(5) === 0 ? 'unhealthy' : 'healthy')), 'least_outstanding_requests');
      const targets = [...tg.targets.values()];
      for (const target of targets) target.requests = next(12);
      const count = next(60);
      // The rule, one request at a time (what the router computes in O(count log targets)).
      const pool = targets.filter((t) => t.state === 'healthy');
      const use = pool.length > 0 ? pool : targets;
      const requests = use.map((t) => t.requests);
      const expected: Record<string, number> = {};
      for (let i = 0; i < count; i++) {
        let best = 0;
        for (let j = 1; j < use.length; j++) if (requests[j]! < requests[best]!) best = j;
        requests[best]!++;
        const key = `${use[best]!.id}:${use[best]!.port}`;
        expected[key] = (expected[key] ?? 0) + 1;
      }
      const routed = routeRequests(ctx.state, tg, count).routed;
      expect(Object.entries(routed), `seed ${seed}, round ${round}`).toEqual(Object.entries(expected));
      expect(use.map((t) => t.requests), `seed ${seed}, round ${round}`).toEqual(requests);
    }
  });

  it('drops everything without a load balancer or without targets; bad counts route nothing', () => {
    const ctx = context();
    const tgArn = value(elbv2.createTargetGroup(ctx, { Name: 'tg', Protocol: 'HTTP', Port: 80, VpcId: 'vpc-default', TargetType: 'ip' })).TargetGroups[0].TargetGroupArn;
    const tg = targetGroupByArn(ctx.state, tgArn)!;
    expect(routeRequests(ctx.state, tg, 3)).toEqual({ routed: {}, failOpen: false, dropped: 3 });
    const { ctx: c2, tg: empty } = group([]);
    expect(routeRequests(c2.state, empty, 2)).toEqual({ routed: {}, failOpen: false, dropped: 2 });
    expect(routeRequests(c2.state, empty, -1).dropped).toBe(0);
  });

  it('is deterministic and cheap: a million requests over 1,000 targets in whole rounds', () => {
    const { ctx, tg } = group(Array.from({ length: 1000 }, () => 'healthy' as const));
    const result = routeRequests(ctx.state, tg, 1_000_003);
    expect(Object.values(result.routed).filter((n) => n === 1001)).toHaveLength(3);
    expect(Object.values(result.routed).filter((n) => n === 1000)).toHaveLength(997);
  });
});

describe('targetsOfTask (what the service scheduler registers)', () => {
  it('maps a record to its target and refuses a target-type mismatch with ECS wording', () => {
    const ctx = context();
    const tgArn = value(elbv2.createTargetGroup(ctx, { Name: 'tg', Protocol: 'HTTP', Port: 80, VpcId: 'vpc-default' })).TargetGroups[0].TargetGroupArn;
    const ipArn = value(elbv2.createTargetGroup(ctx, { Name: 'ip', Protocol: 'HTTP', Port: 80, VpcId: 'vpc-default', TargetType: 'ip' })).TargetGroups[0].TargetGroupArn;
    const tg = targetGroupByArn(ctx.state, tgArn)!;
    const ipTg = targetGroupByArn(ctx.state, ipArn)!;
    ctx.state.instances.set('ci', { ec2InstanceId: 'i-0123456789abcdef0' } as never);
    const bridge = { instanceArn: 'ci', ports: [{ containerName: 'web', containerPort: 80, hostPort: 32770, protocol: 'tcp', dynamic: true }] } as never;
    expect(targetsOfTask(ctx.state, tg, bridge, 'web', 80)).toEqual({ ok: true, Id: 'i-0123456789abcdef0', Port: 32770 });
    expect(targetsOfTask(ctx.state, ipTg, bridge, 'web', 80).ok).toBe(false);
    const awsvpc = { ports: [], eni: { allocation: { privateIPv4Address: '172.31.3.4' } } } as never;
    expect(targetsOfTask(ctx.state, ipTg, awsvpc, 'web', 80)).toEqual({ ok: true, Id: '172.31.3.4', Port: 80 });
    expect(targetsOfTask(ctx.state, tg, awsvpc, 'web', 80)).toEqual({
      ok: false,
      message: `The provided target group ${tgArn} has target type instance, which is incompatible with the awsvpc network mode specified in the task definition.`,
    });
  });
});
