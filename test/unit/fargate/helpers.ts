// Shared helpers for the Fargate tests: a cluster `demo` with no container instances, a
// Fargate-compatible task definition `web` (awsvpc, 0.25 vCPU, 0.5 GB) and RunTask shortcuts.
import type { SandboxEngine, Step, Task } from '../../../workers/protocol.ts';
import { createEngine } from '../../../workers/engine/index.ts';
import { responseOf } from '../engine/helpers.ts';

export const SUBNETS = ['subnet-us-east-1a', 'subnet-us-east-1b', 'subnet-us-east-1c'];

export const FARGATE_WEB = {
  family: 'web',
  requiresCompatibilities: ['FARGATE'],
  networkMode: 'awsvpc',
  cpu: '256',
  memory: '512',
  containerDefinitions: [{ name: 'web', image: 'public.ecr.aws/nginx/nginx:1.27', portMappings: [{ containerPort: 80 }] }],
};

export function fargateSteps(extra: Step[] = []): Step[] {
  return [{ 'ecs:CreateCluster': { clusterName: 'demo' } }, { 'ecs:RegisterTaskDefinition': FARGATE_WEB }, ...extra];
}

export function fargateEngine(seed = 1, extra: Step[] = []): SandboxEngine {
  const engine = createEngine({ seed });
  for (const step of fargateSteps(extra)) responseOf(engine.dispatch(step));
  return engine;
}

export function networkConfiguration(subnets: string[] = SUBNETS): Record<string, unknown> {
  return { awsvpcConfiguration: { subnets } };
}

/** The RunTask step for `count` tasks of `web` on Fargate over `subnets`, with `extra` request fields. */
export function runStep(count = 1, subnets: string[] = SUBNETS, extra: Record<string, unknown> = {}): Step {
  return {
    'ecs:RunTask': { cluster: 'demo', taskDefinition: 'web', launchType: 'FARGATE', count, networkConfiguration: networkConfiguration(subnets), ...extra },
  };
}

export function runFargate(engine: SandboxEngine, count = 1, subnets: string[] = SUBNETS, extra: Record<string, unknown> = {}): Task[] {
  return responseOf<{ tasks: Task[] }>(engine.dispatch(runStep(count, subnets, extra))).tasks;
}

export function taskOf(engine: SandboxEngine, arn: string): Task {
  const found = engine.snapshot().tasks.find((task) => task.taskArn === arn);
  if (found === undefined) throw new Error(`no task ${arn}`);
  return found;
}

/** The value of an ENI attachment detail (`privateIPv4Address`, `subnetId`, …). */
export function eniDetail(task: Task, name: string): string | undefined {
  return task.attachments[0]?.details.find((detail) => detail.name === name)?.value;
}

const EPOCH = Date.parse('2026-01-01T00:00:00.000Z');
/** Virtual milliseconds of an ISO timestamp. */
export const ms = (iso: string | undefined): number => Date.parse(iso!) - EPOCH;

/** Advance timer by timer until the task reaches `status` (or no timer is left); returns the time, or -1. */
export function advanceUntil(engine: SandboxEngine, arn: string, status: string, limit = 200): number {
  for (let i = 0; i < limit; i++) {
    if (taskOf(engine, arn).lastStatus === status) return engine.snapshot().time;
    const next = engine.nextTimerAt();
    if (next === null) break;
    engine.advance(next - engine.snapshot().time);
  }
  return taskOf(engine, arn).lastStatus === status ? engine.snapshot().time : -1;
}

/** The statuses a task went through, in order, sampled at every timer. */
export function statusTrail(engine: SandboxEngine, arn: string, until: string, limit = 200): string[] {
  const trail = [taskOf(engine, arn).lastStatus as string];
  for (let i = 0; i < limit && trail.at(-1) !== until; i++) {
    const next = engine.nextTimerAt();
    if (next === null) break;
    engine.advance(next - engine.snapshot().time);
    const status = taskOf(engine, arn).lastStatus;
    if (status !== trail.at(-1)) trail.push(status);
  }
  return trail;
}
