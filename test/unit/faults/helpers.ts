// Shared helpers for the fault tests: a cluster `demo` with FARGATE and FARGATE_SPOT associated,
// the Fargate task definition `web` (0.25 vCPU, 0.5 GB) and readers for tasks and events.
import type { SandboxEngine, SimEvent, Step, Task } from '../../../workers/protocol.ts';
import { createEngine } from '../../../workers/engine/index.ts';
import { responseOf } from '../engine/helpers.ts';
import { FARGATE_WEB, networkConfiguration, SUBNETS } from '../fargate/helpers.ts';

export function spotEngine(seed = 1, extra: Step[] = []): SandboxEngine {
  const engine = createEngine({ seed });
  const steps: Step[] = [
    { 'ecs:CreateCluster': { clusterName: 'demo' } },
    { 'ecs:PutClusterCapacityProviders': { cluster: 'demo', capacityProviders: ['FARGATE', 'FARGATE_SPOT'], defaultCapacityProviderStrategy: [] } },
    { 'ecs:RegisterTaskDefinition': FARGATE_WEB },
    ...extra,
  ];
  for (const step of steps) responseOf(engine.dispatch(step));
  return engine;
}

export function runSpot(engine: SandboxEngine, count = 1, subnets: string[] = SUBNETS): { tasks: Task[]; failures: { arn: string; reason: string }[] } {
  return responseOf(engine.dispatch({
    'ecs:RunTask': { cluster: 'demo', taskDefinition: 'web', count, networkConfiguration: networkConfiguration(subnets), capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }] },
  }));
}

export function task(engine: SandboxEngine, arn: string): Task {
  const found = engine.snapshot().tasks.find((t) => t.taskArn === arn);
  if (found === undefined) throw new Error(`no task ${arn}`);
  return found;
}

export function events(engine: SandboxEngine, kind?: string): SimEvent[] {
  return engine.snapshot().events.filter((e) => kind === undefined || e.kind === kind);
}
