// Proves sim:SendRequests: requests to a listener reach the healthy targets behind it — several
// bridge tasks on ONE instance through their dynamic host ports, each named by task — and the
// command refuses (changing nothing) an unknown or provisioning load balancer, a missing listener
// port and a count out of range.
import { describe, expect, it } from 'vitest';
import { call, createAlb, createTg, elbEngine, errorOf, listen, runWeb } from '../elb/helpers.ts';

function albWithThreeTasks() {
  const engine = elbEngine(3);
  const lb = createAlb(engine);
  const tg = createTg(engine);
  listen(engine, lb, tg);
  const { instanceId, ports } = runWeb(engine, 3);
  call(engine, 'elbv2:RegisterTargets', { TargetGroupArn: tg, Targets: ports.map((Port) => ({ Id: instanceId, Port })) });
  engine.advance(200_000); // provisioning (120 s) and five passing checks 30 s apart
  return { engine, lb, tg, instanceId, ports };
}

describe('sim:SendRequests', () => {
  it('spreads requests round robin over the tasks of one instance, by their dynamic host ports', () => {
    const { engine, instanceId, ports } = albWithThreeTasks();
    expect(ports).toHaveLength(3);
    const response = call(engine, 'sim:SendRequests', { loadBalancer: 'web-alb', count: 300 });
    expect(response.targets.map((t: any) => [t.Id, t.Port, t.requests])).toEqual(ports.map((port) => [instanceId, port, 100]));
    const running = new Set(engine.snapshot().tasks.map((t) => t.taskArn));
    for (const target of response.targets) expect(running.has(target.taskArn)).toBe(true);
    expect(response.failOpen).toBe(false);
    const line = engine.snapshot().events.at(-1)!;
    expect(line.kind).toBe('elb.requests');
    expect(line.message).toContain('300 requests to web-alb:80 → target group web-tg');
  });

  it('refuses bad requests and changes nothing', () => {
    const { engine } = albWithThreeTasks();
    const before = JSON.stringify(engine.snapshot());
    expect(errorOf(engine.dispatch({ 'sim:SendRequests': { loadBalancer: 'nope', count: 1 } })).code).toBe('LoadBalancerNotFound');
    expect(errorOf(engine.dispatch({ 'sim:SendRequests': { loadBalancer: 'web-alb', port: 8080, count: 1 } })).message).toContain('no listener on port 8080; its listeners are on 80');
    expect(errorOf(engine.dispatch({ 'sim:SendRequests': { loadBalancer: 'web-alb', count: 0 } })).message).toContain('between 1 and 1000000');
    expect(errorOf(engine.dispatch({ 'sim:SendRequests': { count: 1 } })).code).toBeDefined();
    expect(JSON.stringify(engine.snapshot())).toBe(before);
  });

  it('a load balancer still provisioning answers nothing', () => {
    const engine = elbEngine(4);
    const lb = createAlb(engine);
    listen(engine, lb, createTg(engine));
    expect(errorOf(engine.dispatch({ 'sim:SendRequests': { loadBalancer: lb, count: 5 } })).message).toContain('still provisioning');
  });
});
