// Proves container health checks: the pure arithmetic (settings with AWS's defaults, one check's
// outcome, when a failing container turns UNHEALTHY for interval/retries/startPeriod, task health
// from essential containers) and the same through the engine with exact times: UNHEALTHY after
// `retries` counted failures, HEALTHY after a success, UNKNOWN without checks, recovery when the
// image turns healthy, standalone tasks kept running, one clock timer per task for all its checks
// and none once the outcome is settled (parked checks come back on their grid when the image changes).
import { describe, expect, it } from 'vitest';
import {
  afterCheck,
  healthCheckSettings,
  nextGridCheckMs,
  taskHealthStatus,
  unhealthyAtMs,
  type HealthCheckSettings,
} from '../../../workers/engine/machines/health-checks.ts';
import type { Task } from '../../../workers/protocol.ts';
import { testContext } from '../fargate/context.ts';
import { responseOf } from '../engine/helpers.ts';
import { advanceTo, eventsOf, lifecycleEngine, startOne, taskDefinition, taskOf } from './helpers.ts';

const settings = (interval: number, retries: number, startPeriod: number): HealthCheckSettings => ({
  intervalMs: interval * 1000,
  timeoutMs: 5000,
  retries,
  startPeriodMs: startPeriod * 1000,
});

describe('health check arithmetic', () => {
  it('fills AWS defaults: interval 30 s, timeout 5 s, retries 3, startPeriod 0', () => {
    expect(healthCheckSettings({ healthCheck: { command: ['CMD', 'true'] } })).toEqual({ intervalMs: 30_000, timeoutMs: 5_000, retries: 3, startPeriodMs: 0 });
    expect(healthCheckSettings({ healthCheck: { command: ['CMD', 'true'], interval: 5, timeout: 2, retries: 10, startPeriod: 300 } })).toEqual({
      intervalMs: 5_000,
      timeoutMs: 2_000,
      retries: 10,
      startPeriodMs: 300_000,
    });
    expect(healthCheckSettings({})).toBeUndefined();
    expect(healthCheckSettings({ healthCheck: { command: [] } })).toBeUndefined();
  });

  // interval, retries, startPeriod → seconds after start at which an always-failing container is UNHEALTHY
  it.each([
    [30, 3, 0, 90],
    [30, 1, 0, 30],
    [5, 10, 0, 50],
    [30, 3, 45, 120],
    [30, 3, 60, 120],
    [30, 3, 61, 150],
    [10, 2, 300, 310],
    [300, 10, 300, 3_000],
    [7, 3, 20, 35],
  ])('interval %i s, retries %i, startPeriod %i s → UNHEALTHY at %i s', (interval, retries, startPeriod, expected) => {
    expect(unhealthyAtMs(settings(interval, retries, startPeriod), 0)).toBe(expected * 1000);
    // The same by replaying the checks one by one with afterCheck.
    let state = { settings: settings(interval, retries, startPeriod), startedMs: 0, failures: 0, status: 'UNKNOWN' as const as 'UNKNOWN' | 'HEALTHY' | 'UNHEALTHY' };
    let at = 0;
    while (state.status !== 'UNHEALTHY') {
      at += interval * 1000;
      state = { ...state, ...afterCheck(state, false, at) };
    }
    expect(at).toBe(expected * 1000);
  });

  it('a success makes the container HEALTHY and resets the count, even inside the start period', () => {
    const s = { settings: settings(30, 3, 120), startedMs: 0 };
    expect(afterCheck({ ...s, failures: 0, status: 'UNKNOWN' }, true, 30_000)).toEqual({ status: 'HEALTHY', failures: 0 });
    expect(afterCheck({ ...s, failures: 0, status: 'UNKNOWN' }, false, 30_000)).toEqual({ status: 'UNKNOWN', failures: 0 });
    expect(afterCheck({ ...s, failures: 2, status: 'HEALTHY' }, false, 150_000)).toEqual({ status: 'UNHEALTHY', failures: 3 });
    expect(afterCheck({ ...s, failures: 1, status: 'HEALTHY' }, false, 150_000)).toEqual({ status: 'HEALTHY', failures: 2 });
    expect(afterCheck({ ...s, failures: 7, status: 'UNHEALTHY' }, true, 150_000)).toEqual({ status: 'HEALTHY', failures: 0 });
  });

  it.each([
    [[{ essential: true, status: 'HEALTHY' }], 'HEALTHY'],
    [[{ essential: true, status: 'HEALTHY' }, { essential: true, status: 'UNKNOWN' }], 'UNKNOWN'],
    [[{ essential: true, status: 'HEALTHY' }, { essential: true, status: 'UNHEALTHY' }], 'UNHEALTHY'],
    [[{ essential: true, status: 'UNKNOWN' }, { essential: true, status: 'UNHEALTHY' }], 'UNHEALTHY'],
    [[{ essential: true, status: 'HEALTHY' }, { essential: false, status: 'UNHEALTHY' }], 'HEALTHY'],
    [[{ essential: false, status: 'HEALTHY' }], 'UNKNOWN'],
    [[], 'UNKNOWN'],
  ] as const)('task health of %j is %s', (containers, expected) => {
    expect(taskHealthStatus(containers)).toBe(expected);
  });
});

const withCheck = (extra: Record<string, unknown> = {}) => ({ ...extra });

describe('health checks on the virtual clock', () => {
  it('a healthy image: HEALTHY at the first check, interval after RUNNING', () => {
    const engine = lifecycleEngine([{ name: 'web', image: 'web:v1', healthCheck: withCheck({ interval: 10 }) }]);
    const { arn, runningAt } = startOne(engine);
    expect(taskOf(engine, arn).healthStatus).toBe('UNKNOWN');
    advanceTo(engine, runningAt + 9_999);
    expect(taskOf(engine, arn).containers[0]!.healthStatus).toBe('UNKNOWN');
    advanceTo(engine, runningAt + 10_000);
    const task = taskOf(engine, arn);
    expect(task.containers[0]!.healthStatus).toBe('HEALTHY');
    expect(task.healthStatus).toBe('HEALTHY');
    expect(eventsOf(engine, 'container.healthy')[0]!.message).toContain('container web is HEALTHY — its health check passed (10.0 s after it started).');
    expect(eventsOf(engine, 'task.health.healthy')).toHaveLength(1);
  });

  it.each([
    [{}, 90],
    [{ interval: 5, retries: 1 }, 5],
    [{ interval: 10, retries: 2, startPeriod: 25 }, 40],
  ])('an unhealthy image with %j: UNHEALTHY exactly %i s after RUNNING, and a standalone task keeps running', (check, seconds) => {
    const engine = lifecycleEngine([{ name: 'web', image: 'web:v2', healthCheck: check }], [{ 'sim:SetImageBehavior': { image: 'web:v2', behavior: 'unhealthy' } }]);
    const { arn, runningAt } = startOne(engine);
    advanceTo(engine, runningAt + seconds * 1000 - 1);
    expect(taskOf(engine, arn).healthStatus).toBe('UNKNOWN');
    advanceTo(engine, runningAt + seconds * 1000);
    const task = taskOf(engine, arn);
    expect(task.containers[0]!.healthStatus).toBe('UNHEALTHY');
    expect(task.healthStatus).toBe('UNHEALTHY');
    expect(eventsOf(engine, 'task.health.unhealthy')[0]!.message).toContain('A standalone task (RunTask) keeps running while UNHEALTHY; a service would replace it.');
    advanceTo(engine, runningAt + 3_600_000);
    expect(taskOf(engine, arn).lastStatus).toBe('RUNNING');
  });

  it('recovers: unhealthy → healthy at the next check after the image turns healthy', () => {
    const engine = lifecycleEngine([{ name: 'web', image: 'web:v2', healthCheck: { interval: 30 } }], [{ 'sim:SetImageBehavior': { image: 'web:v2', behavior: 'unhealthy' } }]);
    const { arn, runningAt } = startOne(engine);
    advanceTo(engine, runningAt + 100_000);
    expect(taskOf(engine, arn).healthStatus).toBe('UNHEALTHY');
    responseOf(engine.dispatch({ 'sim:SetImageBehavior': { image: 'web:v2', behavior: 'healthy' } }));
    advanceTo(engine, runningAt + 119_999);
    expect(taskOf(engine, arn).healthStatus).toBe('UNHEALTHY');
    advanceTo(engine, runningAt + 120_000);
    expect(taskOf(engine, arn).healthStatus).toBe('HEALTHY');
    // …and back to UNHEALTHY three checks after it turns unhealthy again.
    responseOf(engine.dispatch({ 'sim:SetImageBehavior': { image: 'web:v2', behavior: 'unhealthy' } }));
    advanceTo(engine, runningAt + 209_999);
    expect(taskOf(engine, arn).healthStatus).toBe('HEALTHY');
    advanceTo(engine, runningAt + 210_000);
    expect(taskOf(engine, arn).healthStatus).toBe('UNHEALTHY');
  });

  it('judges the task by its essential containers; containers without a check stay UNKNOWN', () => {
    const engine = lifecycleEngine(
      [
        { name: 'web', image: 'web:v1', healthCheck: { interval: 10 } },
        { name: 'metrics', image: 'metrics:1', essential: false, healthCheck: { interval: 10, retries: 1 } },
        { name: 'proxy', image: 'proxy:1' },
      ],
      [{ 'sim:SetImageBehavior': { image: 'metrics:1', behavior: 'unhealthy' } }],
    );
    const { arn, runningAt } = startOne(engine);
    advanceTo(engine, runningAt + 60_000);
    const task: Task = taskOf(engine, arn);
    expect(task.containers.map((c) => [c.name, c.healthStatus])).toEqual([['web', 'HEALTHY'], ['metrics', 'UNHEALTHY'], ['proxy', 'UNKNOWN']]);
    expect(task.healthStatus).toBe('HEALTHY');
  });

  it('a task without health checks stays UNKNOWN and leaves no timer behind', () => {
    const engine = lifecycleEngine([{ name: 'web', image: 'web:v1' }]);
    const { arn } = startOne(engine);
    expect(engine.nextTimerAt()).toBeNull();
    engine.advance(3_600_000);
    expect(taskOf(engine, arn).healthStatus).toBe('UNKNOWN');
  });

  it('StopTask ends the checks', () => {
    const engine = lifecycleEngine([{ name: 'web', image: 'web:v1', healthCheck: { interval: 5 } }]);
    const { arn } = startOne(engine);
    responseOf(engine.dispatch({ 'ecs:StopTask': { cluster: 'demo', task: arn } }));
    engine.advance(60_000);
    expect(taskOf(engine, arn).lastStatus).toBe('STOPPED');
    expect(eventsOf(engine, 'container.healthy')).toEqual([]);
  });

  it('uses one clock timer per task for all of its containers’ checks', () => {
    const ctx = testContext(1);
    ctx.call('ecs:CreateCluster', { clusterName: 'demo' });
    ctx.call('sim:AddContainerInstances', { cluster: 'demo', instanceType: 'm5.large', count: 1 });
    ctx.call('ecs:RegisterTaskDefinition', taskDefinition('app', [
      { name: 'a', image: 'a:1', healthCheck: { interval: 5 } },
      { name: 'b', image: 'b:1', healthCheck: { interval: 7 } },
      { name: 'c', image: 'c:1', healthCheck: { interval: 11 } },
    ]));
    ctx.call('sim:SetImageBehavior', { image: 'c:1', behavior: 'unhealthy' });
    ctx.call('ecs:RunTask', { cluster: 'demo', taskDefinition: 'app', count: 2 });
    ctx.clock.advance(10_000);
    expect([...ctx.state.tasks.values()].every((r) => r.task.lastStatus === 'RUNNING')).toBe(true);
    expect(ctx.clock.pendingTimers()).toBe(2);
    ctx.clock.advance(20_000);
    // Still evaluating c (fails every 11 s, retries 3): one timer per task.
    expect(ctx.clock.pendingTimers()).toBe(2);
    ctx.clock.advance(600_000);
    // Settled (a and b HEALTHY on a healthy image, c UNHEALTHY on an unhealthy one): no timer at all.
    expect(ctx.clock.pendingTimers()).toBe(0);
    expect([...ctx.state.tasks.values()].map((r) => r.task.healthStatus)).toEqual(['UNHEALTHY', 'UNHEALTHY']);
    // The image turns healthy: the parked checks come back on their grid and pass.
    ctx.call('sim:SetImageBehavior', { image: 'c:1', behavior: 'healthy' });
    expect(ctx.clock.pendingTimers()).toBe(2);
    ctx.clock.advance(11_000);
    expect([...ctx.state.tasks.values()].map((r) => r.task.healthStatus)).toEqual(['HEALTHY', 'HEALTHY']);
    expect(ctx.clock.pendingTimers()).toBe(0);
  });

  it.each([
    [0, 30, 10_000, 30_000],
    [0, 30, 30_000, 60_000],
    [5_000, 30, 34_999, 35_000],
    [5_000, 10, 1_000_000, 1_005_000],
  ])('the check grid: started %i, interval %i s, now %i → next check at %i', (startedMs, interval, now, expected) => {
    expect(nextGridCheckMs(startedMs, interval * 1000, now)).toBe(expected);
  });
});
