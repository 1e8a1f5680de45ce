// Proves the essential-container semantics driven by image behaviours, through the engine facade
// with exact virtual times: crashOnStart exits 1 s after RUNNING, crashAfter exactly afterSeconds
// after; an essential exit stops the task with EssentialContainerExited and "Essential container in
// task exited", the other containers get SIGTERM (SIGKILL after their own stop timeout); a
// non-essential exit leaves the task running; behaviour changes reach running containers as
// documented; StopTask first cancels the crash; Fargate tasks pass through DEPROVISIONING.
import { describe, expect, it } from 'vitest';
import { CRASH_ON_START_MS } from '../../../workers/engine/machines/container-exits.ts';
import { STOP_REPORT_MS, UNSTARTED_STOP_MS } from '../../../workers/engine/machines/timings.ts';
import { fargateEngine, runFargate, ms } from '../fargate/helpers.ts';
import { responseOf } from '../engine/helpers.ts';
import { advanceTo, eventsOf, lifecycleEngine, startOne, taskOf, type ContainerSpec } from './helpers.ts';

const behave = (image: string, behavior: string, afterSeconds?: number) => ({
  'sim:SetImageBehavior': { image, behavior, ...(afterSeconds === undefined ? {} : { afterSeconds }) },
});

function finish(engine: ReturnType<typeof lifecycleEngine>): void {
  engine.advance(600_000);
}

describe('an essential container that crashes', () => {
  it('crashOnStart: exits with code 1 one second after RUNNING and the task stops with EssentialContainerExited', () => {
    const engine = lifecycleEngine([{ name: 'web', image: 'web:v2' }], [behave('web:v2', 'crashOnStart')]);
    const { arn, runningAt } = startOne(engine);
    advanceTo(engine, runningAt + CRASH_ON_START_MS - 1);
    expect(taskOf(engine, arn).lastStatus).toBe('RUNNING');
    advanceTo(engine, runningAt + CRASH_ON_START_MS);
    const stopping = taskOf(engine, arn);
    expect(stopping).toMatchObject({ lastStatus: 'STOPPING', desiredStatus: 'STOPPED', stopCode: 'EssentialContainerExited', stoppedReason: 'Essential container in task exited' });
    expect(stopping.containers[0]).toMatchObject({ lastStatus: 'STOPPED', exitCode: 1 });
    expect(stopping.containers[0]!.reason).toBeUndefined();
    expect(ms(stopping.stoppingAt)).toBe(runningAt + CRASH_ON_START_MS);
    finish(engine);
    const stopped = taskOf(engine, arn);
    expect(stopped.lastStatus).toBe('STOPPED');
    // Nothing left to signal: the agent cleans up as for an unstarted stop, then reports.
    const cleanup = ms(stopped.executionStoppedAt) - ms(stopped.stoppingAt);
    expect(cleanup).toBeGreaterThanOrEqual(UNSTARTED_STOP_MS[0]);
    expect(cleanup).toBeLessThan(UNSTARTED_STOP_MS[1]);
    const report = ms(stopped.stoppedAt) - ms(stopped.executionStoppedAt);
    expect(report).toBeGreaterThanOrEqual(STOP_REPORT_MS[0]);
    expect(report).toBeLessThan(STOP_REPORT_MS[1]);
    expect(eventsOf(engine, 'container.exited')[0]!.message).toMatch(/essential container web exited with code 1 after 1\.0 s, so ECS stops the whole task \(stop code EssentialContainerExited\)\.$/);
    expect(eventsOf(engine, 'task.stopping')[0]!.message).toContain('is STOPPING because an essential container exited: no other container is left running');
    expect(eventsOf(engine, 'task.stopped')[0]!.message).toContain('stop code EssentialContainerExited: Essential container in task exited (web exited 1)');
    expect(engine.nextTimerAt()).toBeGreaterThan(3_000_000); // only the hour-long retention timer is left
    const described = responseOf(engine.dispatch({ 'ecs:DescribeTasks': { cluster: 'demo', tasks: [arn] } })).tasks[0];
    expect(described).toMatchObject({ lastStatus: 'STOPPED', stopCode: 'EssentialContainerExited', stoppedReason: 'Essential container in task exited' });
    expect(described.containers[0]).toMatchObject({ name: 'web', lastStatus: 'STOPPED', exitCode: 1, networkBindings: [] });
  });

  it.each([1, 20, 3_600])('crashAfter %i s: exits exactly that long after RUNNING', (afterSeconds) => {
    const engine = lifecycleEngine([{ name: 'web', image: 'web:v2' }], [behave('web:v2', 'crashAfter', afterSeconds)]);
    const { arn, runningAt } = startOne(engine);
    advanceTo(engine, runningAt + afterSeconds * 1000 - 1);
    expect(taskOf(engine, arn).containers[0]!.lastStatus).toBe('RUNNING');
    advanceTo(engine, runningAt + afterSeconds * 1000);
    expect(taskOf(engine, arn)).toMatchObject({ lastStatus: 'STOPPING', stopCode: 'EssentialContainerExited' });
  });

  it('sends SIGTERM to the other containers, whose own stop timeout decides when SIGKILL comes', () => {
    const containers: ContainerSpec[] = [
      { name: 'web', image: 'web:v2', stopTimeout: 120 },
      { name: 'sidecar', image: 'envoy:1', stopTimeout: 1 },
    ];
    const engine = lifecycleEngine(containers, [behave('web:v2', 'crashAfter', 10)]);
    const { arn, runningAt } = startOne(engine);
    finish(engine);
    const task = taskOf(engine, arn);
    expect(ms(task.stoppingAt)).toBe(runningAt + 10_000);
    // Every SIGTERM exit draw is ≥ 1 s, so the sidecar's 1 s timeout always ends it: SIGKILL at 1 s.
    expect(ms(task.executionStoppedAt) - ms(task.stoppingAt)).toBe(1_000);
    const [web, sidecar] = task.containers;
    expect(web).toMatchObject({ lastStatus: 'STOPPED', exitCode: 1 });
    expect(sidecar!.lastStatus).toBe('STOPPED');
    expect([0, 137]).toContain(sidecar!.exitCode);
    expect(task.stopCode).toBe('EssentialContainerExited');
  });
});

describe('a batch job that completes (completeAfter)', () => {
  it('exits with code 0 exactly afterSeconds after RUNNING; the task stops with EssentialContainerExited and says the work is done', () => {
    const engine = lifecycleEngine([{ name: 'job', image: 'batch:1' }], [behave('batch:1', 'completeAfter', 45)]);
    const { arn, runningAt } = startOne(engine);
    advanceTo(engine, runningAt + 44_999);
    expect(taskOf(engine, arn).containers[0]!.lastStatus).toBe('RUNNING');
    advanceTo(engine, runningAt + 45_000);
    expect(taskOf(engine, arn)).toMatchObject({ lastStatus: 'STOPPING', stopCode: 'EssentialContainerExited' });
    finish(engine);
    expect(taskOf(engine, arn).containers[0]).toMatchObject({ lastStatus: 'STOPPED', exitCode: 0 });
    expect(eventsOf(engine, 'container.exited').map((e) => e.message).join('\n')).toContain('exited with code 0 after 45.0 s (its work is done)');
  });

  it('a later crashAfter on the same image makes running containers exit with code 1 again', () => {
    const engine = lifecycleEngine([{ name: 'job', image: 'batch:1' }], [behave('batch:1', 'completeAfter', 600)]);
    const { arn } = startOne(engine);
    engine.dispatch(behave('batch:1', 'crashAfter', 30));
    finish(engine);
    expect(taskOf(engine, arn).containers[0]).toMatchObject({ lastStatus: 'STOPPED', exitCode: 1 });
  });
});

describe('a non-essential container that crashes', () => {
  it('exits with code 1 and the task keeps running; a later StopTask is UserInitiated', () => {
    const engine = lifecycleEngine(
      [{ name: 'web', image: 'web:v1' }, { name: 'logger', image: 'logger:1', essential: false }],
      [behave('logger:1', 'crashOnStart')],
    );
    const { arn, runningAt } = startOne(engine);
    advanceTo(engine, runningAt + 60_000);
    const running = taskOf(engine, arn);
    expect(running.lastStatus).toBe('RUNNING');
    expect(running.desiredStatus).toBe('RUNNING');
    expect(running.stopCode).toBeUndefined();
    expect(running.containers.map((c) => [c.name, c.lastStatus, c.exitCode])).toEqual([['web', 'RUNNING', undefined], ['logger', 'STOPPED', 1]]);
    expect(eventsOf(engine, 'container.exited')[0]!.message).toContain('container logger exited with code 1 after 1.0 s; it is not essential, so the task keeps running.');
    responseOf(engine.dispatch({ 'ecs:StopTask': { cluster: 'demo', task: arn } }));
    finish(engine);
    const stopped = taskOf(engine, arn);
    expect(stopped.stopCode).toBe('UserInitiated');
    expect(stopped.containers.map((c) => c.exitCode)).toEqual([0, 1]);
  });
});

describe('behaviour changes and running tasks', () => {
  it('crashAfter set while running: past the limit it crashes a moment later, else at start + afterSeconds', () => {
    const engine = lifecycleEngine([{ name: 'web', image: 'web:v1' }]);
    const first = startOne(engine);
    advanceTo(engine, first.runningAt + 100_000);
    const set = responseOf(engine.dispatch(behave('web:v1', 'crashAfter', 30)));
    expect(set.runningContainers).toBe(1);
    const now = first.runningAt + 100_000;
    advanceTo(engine, now + 999);
    expect(taskOf(engine, first.arn).lastStatus).toBe('RUNNING');
    advanceTo(engine, now + 1_000);
    expect(taskOf(engine, first.arn).stopCode).toBe('EssentialContainerExited');

    const second = startOne(engine);
    responseOf(engine.dispatch(behave('web:v1', 'crashAfter', 300)));
    advanceTo(engine, second.runningAt + 299_999);
    expect(taskOf(engine, second.arn).lastStatus).toBe('RUNNING');
    advanceTo(engine, second.runningAt + 300_000);
    expect(taskOf(engine, second.arn).lastStatus).toBe('STOPPING');
  });

  it('healthy or unhealthy cancel a planned crash; crashOnStart leaves running containers alone', () => {
    const engine = lifecycleEngine([{ name: 'web', image: 'web:v1' }], [behave('web:v1', 'crashAfter', 60)]);
    const { arn, runningAt } = startOne(engine);
    responseOf(engine.dispatch(behave('web:v1', 'healthy')));
    advanceTo(engine, runningAt + 120_000);
    expect(taskOf(engine, arn).lastStatus).toBe('RUNNING');
    const reply = responseOf(engine.dispatch(behave('web:v1', 'crashOnStart')));
    expect(reply.runningContainers).toBe(1);
    expect(eventsOf(engine, 'image.behavior').at(-1)!.message).toContain('its 1 running container already started and keeps running');
    advanceTo(engine, runningAt + 600_000);
    expect(taskOf(engine, arn).lastStatus).toBe('RUNNING');
  });

  it('StopTask before the crash cancels it', () => {
    const engine = lifecycleEngine([{ name: 'web', image: 'web:v2' }], [behave('web:v2', 'crashAfter', 30)]);
    const { arn } = startOne(engine);
    responseOf(engine.dispatch({ 'ecs:StopTask': { cluster: 'demo', task: arn, reason: 'done' } }));
    finish(engine);
    expect(taskOf(engine, arn)).toMatchObject({ lastStatus: 'STOPPED', stopCode: 'UserInitiated', stoppedReason: 'done' });
    expect(eventsOf(engine, 'container.exited')).toEqual([]);
  });

  it('a registry-less behaviour reaches the same repository:tag in another registry', () => {
    const image = 'registry.example.com/web:v2';
    const engine = lifecycleEngine([{ name: 'web', image: 'public.ecr.aws/nginx/nginx:1.27' }]);
    responseOf(engine.dispatch({ 'ecs:RegisterTaskDefinition': { family: 'app', containerDefinitions: [{ name: 'web', image, memory: 128 }] } }));
    responseOf(engine.dispatch(behave('web:v2', 'crashOnStart')));
    const tasks = responseOf(engine.dispatch({ 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'app:2' } })).tasks;
    finish(engine);
    expect(taskOf(engine, tasks[0].taskArn).stopCode).toBe('EssentialContainerExited');
  });
});

describe('Fargate', () => {
  it('an essential exit stops a Fargate task through DEPROVISIONING', () => {
    const engine = fargateEngine(1, [behave('public.ecr.aws/nginx/nginx:1.27', 'crashAfter', 5)]);
    const [task] = runFargate(engine, 1);
    engine.advance(120_000);
    const stopped = taskOf(engine, task!.taskArn);
    expect(stopped).toMatchObject({ lastStatus: 'STOPPED', stopCode: 'EssentialContainerExited', stoppedReason: 'Essential container in task exited' });
    expect(ms(stopped.stoppingAt) - ms(stopped.startedAt)).toBe(5_000);
    expect(stopped.attachments[0]!.status).toBe('DELETED');
    expect(stopped.containers[0]!.exitCode).toBe(1);
  });
});
