import { describe, expect, it } from 'vitest';
import { errorOf, responseOf } from '../engine/helpers.ts';
import { networkConfiguration, runFargate } from '../fargate/helpers.ts';
import { events, runSpot, spotEngine, task } from './helpers.ts';
import { CAPACITY_UNAVAILABLE, SPOT_TASK_INTERRUPTED } from '../../../workers/engine/faults/messages.ts';

const RUNNING_BY_MS = 60_000;

describe('Fargate Spot interruptions', () => {
  it('warns with a TerminationNotice event while RUNNING, sends SIGTERM, and stops within the stop timeout with SpotInterruption', () => {
    const engine = spotEngine();
    const [spot] = runSpot(engine, 1).tasks;
    expect(spot!.capacityProviderName).toBe('FARGATE_SPOT');
    engine.advance(RUNNING_BY_MS);
    expect(task(engine, spot!.taskArn).lastStatus).toBe('RUNNING');
    const warnedAt = engine.snapshot().time;
    responseOf(engine.dispatch({ 'sim:InterruptSpot': { cluster: 'demo', tasks: [spot!.taskArn] } }));

    const [warning] = events(engine, 'task.spot-interrupted');
    expect(warning!.eventBridge!['detail-type']).toBe('ECS Task State Change');
    expect(warning!.eventBridge!.detail).toMatchObject({
      desiredStatus: 'STOPPED',
      lastStatus: 'RUNNING',
      stopCode: 'TerminationNotice',
      stoppedReason: 'Your Spot Task was interrupted.',
    });
    expect(warning!.message).toContain('SIGTERM');

    engine.advance(30_000);
    const stopped = task(engine, spot!.taskArn);
    expect(stopped.lastStatus).toBe('STOPPED');
    expect(stopped.stopCode).toBe('SpotInterruption');
    expect(stopped.stoppedReason).toBe(SPOT_TASK_INTERRUPTED);
    // SIGTERM at the warning: the containers exit long before the two minutes are up.
    expect(Date.parse(stopped.stoppingAt!) - Date.parse('2026-01-01T00:00:00.000Z')).toBe(warnedAt);
  });

  it('refuses to interrupt what is not Fargate Spot, or does not exist, and changes nothing', () => {
    const engine = spotEngine();
    const [onDemand] = runFargate(engine, 1, undefined, { cluster: 'demo' });
    engine.advance(RUNNING_BY_MS);
    const before = JSON.stringify(engine.snapshot());
    expect(errorOf(engine.dispatch({ 'sim:InterruptSpot': { cluster: 'demo', tasks: [onDemand!.taskArn] } })).message).toMatch(/does not run on FARGATE_SPOT/);
    expect(errorOf(engine.dispatch({ 'sim:InterruptSpot': { cluster: 'demo', tasks: ['0123'] } })).message).toMatch(/was not found/);
    expect(errorOf(engine.dispatch({ 'sim:InterruptSpot': { cluster: 'nope', count: 1 } })).code).toBe('ClusterNotFoundException');
    expect(errorOf(engine.dispatch({ 'sim:InterruptSpot': { cluster: 'demo', count: 1 } })).message).toMatch(/No FARGATE_SPOT task/);
    expect(errorOf(engine.dispatch({ 'sim:InterruptSpot': { instanceIds: ['i-0000'] } })).message).toMatch(/does not exist/);
    expect(errorOf(engine.dispatch({ 'sim:InterruptSpot': {} })).message).toMatch(/needs tasks, count or instanceIds/);
    expect(JSON.stringify(engine.snapshot())).toBe(before);
  });

  it('RunTask on FARGATE_SPOT without capacity fails with AWS\'s reason; FARGATE still starts', () => {
    const engine = spotEngine();
    responseOf(engine.dispatch({ 'sim:SetSpotMarket': { fargateSpotCapacityAvailable: false } }));
    const run = runSpot(engine, 2);
    expect(run.tasks).toHaveLength(0);
    expect(run.failures).toHaveLength(2);
    expect(run.failures[0]!.reason).toBe(CAPACITY_UNAVAILABLE);
    expect(CAPACITY_UNAVAILABLE).toBe('Capacity is unavailable at this time. Please try again later or in a different availability zone.');
    expect(runFargate(engine, 1, undefined, { cluster: 'demo' })).toHaveLength(1);
    expect(engine.snapshot().faults!.some((f) => f.target === 'FARGATE_SPOT')).toBe(true);
  });
});

describe('Fargate Spot platforms', () => {
  it('refuses ARM64 and Windows task definitions on FARGATE_SPOT (Linux x86_64 only), changing nothing', () => {
    const engine = spotEngine();
    responseOf(engine.dispatch({ 'ecs:RegisterTaskDefinition': { family: 'arm', requiresCompatibilities: ['FARGATE'], networkMode: 'awsvpc', cpu: '256', memory: '512', runtimePlatform: { cpuArchitecture: 'ARM64', operatingSystemFamily: 'LINUX' }, containerDefinitions: [{ name: 'a', image: 'nginx' }] } }));
    const before = JSON.stringify(engine.snapshot());
    const refused = errorOf(engine.dispatch({ 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'arm', networkConfiguration: networkConfiguration(), capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }] } }));
    expect(refused.message).toMatch(/Fargate Spot does not run ARM64 tasks/);
    expect(JSON.stringify(engine.snapshot())).toBe(before);
  });
});

describe('a service on FARGATE_SPOT', () => {
  const create = {
    'ecs:CreateService': {
      cluster: 'demo', serviceName: 'web', taskDefinition: 'web', desiredCount: 2,
      capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }],
      networkConfiguration: networkConfiguration(),
    },
  };
  const running = (engine: ReturnType<typeof spotEngine>) => engine.snapshot().tasks.filter((t) => t.lastStatus === 'RUNNING' && t.group === 'service:web');

  it('replaces an interrupted task while Spot has capacity, and reports AWS\'s capacity message while it has none', () => {
    const engine = spotEngine();
    responseOf(engine.dispatch(create));
    engine.advance(120_000);
    expect(running(engine)).toHaveLength(2);
    responseOf(engine.dispatch({ 'sim:InterruptSpot': { cluster: 'demo', count: 1 } }));
    engine.advance(120_000);
    expect(running(engine)).toHaveLength(2);
    expect(engine.snapshot().tasks.filter((t) => t.stopCode === 'SpotInterruption')).toHaveLength(1);

    responseOf(engine.dispatch({ 'sim:SetSpotMarket': { fargateSpotCapacityAvailable: false } }));
    responseOf(engine.dispatch({ 'sim:InterruptSpot': { cluster: 'demo', count: 1 } }));
    engine.advance(120_000);
    expect(running(engine)).toHaveLength(1);
    const service = engine.snapshot().services.find((s) => s.serviceName === 'web')!;
    expect(service.events.map((e) => e.message)).toContain(
      '(service web) was unable to place a task. Reason: Capacity is unavailable at this time. Please try again later or in a different availability zone.',
    );

    responseOf(engine.dispatch({ 'sim:SetSpotMarket': { fargateSpotCapacityAvailable: true } }));
    engine.advance(120_000);
    expect(running(engine)).toHaveLength(2);
  });
});

describe('the Spot market rate', () => {
  const interrupted = (seed: number): string[] => {
    const engine = spotEngine(seed);
    runSpot(engine, 10);
    engine.advance(RUNNING_BY_MS);
    responseOf(engine.dispatch({ 'sim:SetSpotMarket': { fargateSpotInterruptionsPerHour: 2 } }));
    engine.advance(30 * 60_000);
    return engine.snapshot().tasks.filter((t) => t.stopCode === 'SpotInterruption').map((t) => t.taskArn).sort();
  };

  it('interrupts on the seeded clock: the same seed gives the same interruptions', () => {
    const seed = 4242;
    const first = interrupted(seed);
    // 10 tasks × 2 per hour × half an hour ≈ 10 expected; the draws are the seed's.
    expect(first.length, `seed ${seed}`).toBeGreaterThan(0);
    expect(first.length, `seed ${seed}`).toBeLessThanOrEqual(10);
    expect(interrupted(seed)).toEqual(first);
  });

  it('refuses a rate out of range and changes nothing', () => {
    const engine = spotEngine();
    const before = JSON.stringify(engine.snapshot());
    expect(errorOf(engine.dispatch({ 'sim:SetSpotMarket': { fargateSpotInterruptionsPerHour: -1 } })).message).toMatch(/from 0 to 60/);
    expect(errorOf(engine.dispatch({ 'sim:SetSpotMarket': { nope: 1 } })).code).toBe('ParamValidationError');
    expect(JSON.stringify(engine.snapshot())).toBe(before);
  });
});

describe('Fargate Spot behind a load balancer', () => {
  it('gets SIGTERM at the warning instead of waiting out the 300 s deregistration delay, and is STOPPED within two minutes', () => {
    const engine = spotEngine();
    responseOf(engine.dispatch({ 'elbv2:CreateLoadBalancer': { Name: 'web-alb', Subnets: ['subnet-us-east-1a', 'subnet-us-east-1b'] } }));
    responseOf(engine.dispatch({ 'elbv2:CreateTargetGroup': { Name: 'web-tg', Protocol: 'HTTP', Port: 80, VpcId: 'vpc-default', TargetType: 'ip' } }));
    responseOf(engine.dispatch({ 'elbv2:CreateListener': { LoadBalancerArn: '${loadBalancer:web-alb}', Protocol: 'HTTP', Port: 80, DefaultActions: [{ Type: 'forward', TargetGroupArn: '${targetGroup:web-tg}' }] } }));
    responseOf(engine.dispatch({
      'ecs:CreateService': {
        cluster: 'demo', serviceName: 'web', taskDefinition: 'web', desiredCount: 1,
        capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }],
        networkConfiguration: networkConfiguration(),
        loadBalancers: [{ targetGroupArn: '${targetGroup:web-tg}', containerName: 'web', containerPort: 80 }],
      },
    }));
    engine.advance(3 * 60_000);
    const running = engine.snapshot().tasks.find((t) => t.lastStatus === 'RUNNING')!;
    const warnedAt = engine.snapshot().time;
    responseOf(engine.dispatch({ 'sim:InterruptSpot': { cluster: 'demo', tasks: [running.taskArn] } }));
    engine.advance(1);
    expect(events(engine, "task.draining").at(-1)!.message).toMatch(/interrupted by Spot: its targets drain \(300.0 s\) while it gets SIGTERM now/);
    engine.advance(120_000);
    const stopped = task(engine, running.taskArn);
    expect(stopped.lastStatus).toBe('STOPPED');
    expect(Date.parse(stopped.stoppedAt!) - Date.parse('2026-01-01T00:00:00.000Z') - warnedAt).toBeLessThanOrEqual(120_000);
  });
});
