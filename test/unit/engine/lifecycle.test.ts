// Proves a task's life on virtual time: PENDING → (pull) → RUNNING → STOPPING → STOPPED with the
// timeline fields, counts and resources following it, the SIGKILL after stopTimeout, and stopped
// tasks disappearing one hour after they stopped. Timing bounds come from machines/timings.ts.
import { describe, expect, it } from 'vitest';
import {
  AGENT_PICKUP_MS,
  CONTAINER_START_MS,
  IMAGE_PULL_MS,
  SIGTERM_EXIT_MS,
  STOP_REPORT_MS,
  STOPPED_TASK_RETENTION_MS,
} from '../../../workers/engine/machines/timings.ts';
import type { SandboxEngine, Task } from '../../../workers/protocol.ts';
import { demoEngine, responseOf, run, WEB_TASK_DEFINITION } from './helpers.ts';

const EPOCH = Date.parse('2026-01-01T00:00:00.000Z');
const ms = (iso: string | undefined): number => Date.parse(iso!) - EPOCH;
const taskOf = (engine: SandboxEngine, arn: string): Task | undefined => engine.snapshot().tasks.find((t) => t.taskArn === arn);
const integer = (resources: { name: string; integerValue: number }[], name: string): number => resources.find((r) => r.name === name)!.integerValue;

/** Advance one millisecond at a time up to `limit` until the task reaches `status`; returns the time. */
function advanceUntil(engine: SandboxEngine, arn: string, status: string, limit: number): number {
  for (let t = 0; t < limit; t++) {
    if (taskOf(engine, arn)?.lastStatus === status) return engine.snapshot().time;
    const next = engine.nextTimerAt();
    if (next === null) break;
    engine.advance(next - engine.snapshot().time);
  }
  return taskOf(engine, arn)?.lastStatus === status ? engine.snapshot().time : -1;
}

describe('task lifecycle', () => {
  it('goes PENDING → RUNNING within the pickup + pull + start window, filling the timeline', () => {
    const engine = demoEngine(5);
    const [task] = run(engine, {}).tasks as Task[];
    expect(task!.lastStatus).toBe('PENDING');
    const instance = () => engine.snapshot().containerInstances.find((i) => i.containerInstanceArn === task!.containerInstanceArn)!;
    expect(instance()).toMatchObject({ pendingTasksCount: 1, runningTasksCount: 0 });
    const runningAt = advanceUntil(engine, task!.taskArn, 'RUNNING', 100);
    const fastest = AGENT_PICKUP_MS[0] + IMAGE_PULL_MS[0] + CONTAINER_START_MS[0]; // 700 + 2000 + 500 = 3200
    const slowest = AGENT_PICKUP_MS[1] + IMAGE_PULL_MS[1] + CONTAINER_START_MS[1]; // 1500 + 5000 + 1500 = 8000
    expect(runningAt).toBeGreaterThanOrEqual(fastest);
    expect(runningAt).toBeLessThan(slowest);
    const running = taskOf(engine, task!.taskArn)!;
    expect(ms(running.createdAt)).toBe(0);
    expect(ms(running.pullStartedAt)).toBeGreaterThanOrEqual(AGENT_PICKUP_MS[0]);
    expect(ms(running.pullStoppedAt)).toBeGreaterThan(ms(running.pullStartedAt));
    expect(ms(running.startedAt)).toBe(runningAt);
    expect(running.containers[0]!.lastStatus).toBe('RUNNING');
    expect(running.containers[0]!.networkBindings).toEqual([{ bindIP: '0.0.0.0', containerPort: 80, hostPort: 32768, protocol: 'tcp' }]);
    expect(instance()).toMatchObject({ pendingTasksCount: 0, runningTasksCount: 1 });
    expect(engine.snapshot().clusters[0]).toMatchObject({ pendingTasksCount: 0, runningTasksCount: 1 });
    expect(engine.snapshot().events.filter((e) => e.kind === 'task.running').map((e) => e.time)).toEqual([runningAt]);
  });

  it('stops: STOPPING at once, STOPPED after SIGTERM exit + report, resources released, exit code 0', () => {
    const engine = demoEngine(6);
    const [task] = run(engine, {}).tasks as Task[];
    engine.advance(10_000);
    const hostOf = () => engine.snapshot().containerInstances.find((i) => i.containerInstanceArn === task!.containerInstanceArn)!;
    const before = hostOf();
    expect(integer(before.remainingResources, 'MEMORY')).toBe(3992 - 512);
    responseOf(engine.dispatch({ 'ecs:StopTask': { cluster: 'demo', task: task!.taskArn } }));
    const stopping = taskOf(engine, task!.taskArn)!;
    expect(stopping).toMatchObject({ lastStatus: 'STOPPING', desiredStatus: 'STOPPED', stoppingAt: '2026-01-01T00:00:10.000Z', stoppedReason: 'Task stopped by user' });
    const stoppedAt = advanceUntil(engine, task!.taskArn, 'STOPPED', 100);
    expect(stoppedAt - 10_000).toBeGreaterThanOrEqual(SIGTERM_EXIT_MS[0] + STOP_REPORT_MS[0]);
    expect(stoppedAt - 10_000).toBeLessThan(SIGTERM_EXIT_MS[1] + STOP_REPORT_MS[1]);
    const stopped = taskOf(engine, task!.taskArn)!;
    expect(ms(stopped.executionStoppedAt)).toBeLessThan(ms(stopped.stoppedAt));
    expect(stopped.containers[0]).toMatchObject({ lastStatus: 'STOPPED', exitCode: 0, networkBindings: [] });
    const after = hostOf();
    expect(after.remainingResources).toEqual(after.registeredResources);
    expect(after).toMatchObject({ runningTasksCount: 0, pendingTasksCount: 0 });
    expect(engine.snapshot().events.at(-1)).toMatchObject({ kind: 'task.stopped', time: stoppedAt });
  });

  it('kills a container that outlives its stopTimeout (exit code 137 at exactly the timeout)', () => {
    const engine = demoEngine(7);
    const container = { ...WEB_TASK_DEFINITION.containerDefinitions[0], stopTimeout: 1 };
    responseOf(engine.dispatch({ 'ecs:RegisterTaskDefinition': { ...WEB_TASK_DEFINITION, family: 'slow', containerDefinitions: [container] } }));
    const [task] = run(engine, { taskDefinition: 'slow' }).tasks as Task[];
    engine.advance(10_000);
    engine.dispatch({ 'ecs:StopTask': { cluster: 'demo', task: task!.taskArn } });
    engine.advance(5_000);
    const stopped = taskOf(engine, task!.taskArn)!;
    // SIGTERM exit is drawn in [1000, 3000) ms; the stop timeout is 1000 ms, so SIGKILL at 1000 ms.
    expect(ms(stopped.executionStoppedAt) - ms(stopped.stoppingAt)).toBe(1_000);
    expect(stopped.containers[0]!.exitCode).toBe(137);
  });

  it('stops a PENDING task quickly, without exit codes, and a second StopTask changes nothing', () => {
    const engine = demoEngine(8);
    const [task] = run(engine, {}).tasks as Task[];
    engine.dispatch({ 'ecs:StopTask': { cluster: 'demo', task: task!.taskArn, reason: 'changed my mind' } });
    const again = responseOf(engine.dispatch({ 'ecs:StopTask': { cluster: 'demo', task: task!.taskArn, reason: 'other' } }));
    expect(again.task.stoppedReason).toBe('changed my mind');
    engine.advance(2_000);
    const stopped = taskOf(engine, task!.taskArn)!;
    expect(stopped.lastStatus).toBe('STOPPED');
    expect(stopped.startedAt).toBeUndefined();
    expect(stopped.containers[0]!.exitCode).toBeUndefined();
  });

  it('keeps a stopped task listed for one hour of virtual time, then drops it', () => {
    const engine = demoEngine(9);
    const [task] = run(engine, {}).tasks as Task[];
    engine.advance(10_000);
    engine.dispatch({ 'ecs:StopTask': { cluster: 'demo', task: task!.taskArn } });
    engine.advance(10_000);
    const stoppedAt = ms(taskOf(engine, task!.taskArn)!.stoppedAt);
    expect(engine.nextTimerAt()).toBe(stoppedAt + STOPPED_TASK_RETENTION_MS);
    engine.advance(stoppedAt + STOPPED_TASK_RETENTION_MS - 1 - engine.snapshot().time);
    expect(taskOf(engine, task!.taskArn)?.lastStatus).toBe('STOPPED');
    const listed = responseOf(engine.dispatch({ 'ecs:ListTasks': { cluster: 'demo', desiredStatus: 'STOPPED' } }));
    expect(listed.taskArns).toEqual([task!.taskArn]);
    engine.advance(1);
    expect(taskOf(engine, task!.taskArn)).toBeUndefined();
    expect(engine.nextTimerAt()).toBeNull();
  });

  it('releases a stopped task\'s dynamic port, and the agent moves on to the next port', () => {
    const engine = demoEngine(10, 't3.medium', 1);
    const [first] = run(engine, {}).tasks as Task[];
    engine.advance(10_000);
    engine.dispatch({ 'ecs:StopTask': { cluster: 'demo', task: first!.taskArn } });
    engine.advance(10_000);
    const [second] = run(engine, {}).tasks as Task[];
    engine.advance(10_000);
    expect(taskOf(engine, second!.taskArn)!.containers[0]!.networkBindings[0]!.hostPort).toBe(32769);
  });
});
