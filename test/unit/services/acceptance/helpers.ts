// Shared helpers for the course-notes acceptance tests: a cluster, a web task definition in bridge
// mode with a dynamic host port, a service, and views of the snapshot by revision.
import type { SandboxEngine, Service, Snapshot, Task } from '../../../../workers/protocol.ts';
import { createEngine } from '../../../../workers/engine/index.ts';

export function call<T = any>(engine: SandboxEngine, action: string, request: unknown): T {
  const result = engine.dispatch({ [action]: request });
  if ('error' in result) throw new Error(`${action} failed: ${result.error.code}: ${result.error.message}`);
  return result.response as T;
}

export function webTaskDefinition(revisionTag: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    family: 'web',
    containerDefinitions: [
      { name: 'web', image: `web:${revisionTag}`, cpu: 128, memory: 128, essential: true, portMappings: [{ containerPort: 80, hostPort: 0 }], ...extra },
    ],
  };
}

/** Cluster `demo` with `count` instances of `instanceType`, web:1 registered. */
export function clusterEngine(count: number, instanceType = 'm5.xlarge', seed = 1): SandboxEngine {
  const engine = createEngine({ seed });
  call(engine, 'ecs:CreateCluster', { clusterName: 'demo' });
  call(engine, 'sim:AddContainerInstances', { cluster: 'demo', instanceType, count, availabilityZones: ['us-east-1a', 'us-east-1b'] });
  call(engine, 'ecs:RegisterTaskDefinition', webTaskDefinition('v1'));
  return engine;
}

export function service(snap: Snapshot, name = 'web'): Service {
  const found = snap.services.find((s) => s.serviceName === name && s.status === 'ACTIVE');
  if (found === undefined) throw new Error(`service ${name} is not in the snapshot`);
  return found;
}

export const revisionOf = (task: Task): number => Number(task.taskDefinitionArn.slice(task.taskDefinitionArn.lastIndexOf(':') + 1));

/** The service's tasks of one revision that the scheduler still wants (desiredStatus RUNNING, not STOPPED). */
export function wanted(snap: Snapshot, revision: number, name = 'web'): Task[] {
  return snap.tasks.filter((t) => t.group === `service:${name}` && revisionOf(t) === revision && t.desiredStatus === 'RUNNING' && t.lastStatus !== 'STOPPED');
}

export function running(snap: Snapshot, revision: number, name = 'web'): Task[] {
  return wanted(snap, revision, name).filter((t) => t.lastStatus === 'RUNNING');
}

/** Advance in `stepMs` slices until `done(snapshot)` or `limitMs` (then throws, unless `timeoutIsFine`); returns the last snapshot. */
export function advanceUntil(engine: SandboxEngine, done: (snap: Snapshot) => boolean, limitMs: number, stepMs = 1000, each?: (snap: Snapshot) => void, timeoutIsFine = false): Snapshot {
  for (let waited = 0; waited <= limitMs; waited += stepMs) {
    const snap = engine.snapshot();
    each?.(snap);
    if (done(snap) || (timeoutIsFine && waited + stepMs > limitMs)) return snap;
    engine.advance(stepMs);
  }
  throw new Error(`not reached within ${limitMs / 1000} s of virtual time`);
}

export function isSteady(snap: Snapshot, name = 'web'): boolean {
  const s = service(snap, name);
  return s.deployments.length === 1 && s.deployments[0]!.rolloutState === 'COMPLETED' && s.runningCount === s.desiredCount && s.pendingCount === 0;
}
