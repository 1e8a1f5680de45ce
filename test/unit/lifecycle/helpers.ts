// Shared helpers for the lifecycle tests: a cluster `demo` with one m5.large instance, task
// definitions built from a few containers, RunTask, and reading tasks and events back.
import type { SandboxEngine, SimEvent, Step, Task } from '../../../workers/protocol.ts';
import { createEngine } from '../../../workers/engine/index.ts';
import { responseOf } from '../engine/helpers.ts';

export { responseOf };

export interface ContainerSpec {
  name: string;
  image: string;
  essential?: boolean;
  healthCheck?: Record<string, unknown>;
  stopTimeout?: number;
}

export function taskDefinition(family: string, containers: ContainerSpec[]): Record<string, unknown> {
  return { family, containerDefinitions: containers.map((c) => ({ memory: 128, ...c, ...(c.healthCheck === undefined ? {} : { healthCheck: { command: ['CMD-SHELL', 'curl -f http://localhost/ || exit 1'], ...c.healthCheck } }) })) };
}

/** A fresh engine with cluster `demo`, one instance, the given task definition and setup steps. */
export function lifecycleEngine(containers: ContainerSpec[], setup: Step[] = [], seed = 1): SandboxEngine {
  const engine = createEngine({ seed });
  const steps: Step[] = [
    { 'ecs:CreateCluster': { clusterName: 'demo' } },
    { 'sim:AddContainerInstances': { cluster: 'demo', instanceType: 'm5.large', count: 1 } },
    { 'ecs:RegisterTaskDefinition': taskDefinition('app', containers) },
    ...setup,
  ];
  for (const step of steps) responseOf(engine.dispatch(step));
  return engine;
}

export function runTask(engine: SandboxEngine): string {
  return responseOf<{ tasks: Task[] }>(engine.dispatch({ 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'app' } })).tasks[0]!.taskArn;
}

export function taskOf(engine: SandboxEngine, arn: string): Task {
  const found = engine.snapshot().tasks.find((task) => task.taskArn === arn);
  if (found === undefined) throw new Error(`no task ${arn}`);
  return found;
}

/** Advance timer by timer until the task is RUNNING; returns the virtual time it became RUNNING. */
export function runUntilRunning(engine: SandboxEngine, arn: string): number {
  for (let i = 0; i < 50; i++) {
    if (taskOf(engine, arn).lastStatus === 'RUNNING') return engine.snapshot().time;
    const next = engine.nextTimerAt();
    if (next === null) break;
    engine.advance(next - engine.snapshot().time);
  }
  throw new Error('task never ran');
}

/** Run one task and return its ARN and the time it became RUNNING. */
export function startOne(engine: SandboxEngine): { arn: string; runningAt: number } {
  const arn = runTask(engine);
  return { arn, runningAt: runUntilRunning(engine, arn) };
}

/** Advance to absolute virtual time `atMs`. */
export function advanceTo(engine: SandboxEngine, atMs: number): void {
  engine.advance(atMs - engine.snapshot().time);
}

export function eventsOf(engine: SandboxEngine, kind: string): SimEvent[] {
  return engine.snapshot().events.filter((event) => event.kind === kind);
}
