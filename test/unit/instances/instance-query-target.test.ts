// Proves instanceQueryTarget answers the cluster query language's subjects from the engine's
// records: ec2InstanceId, agentConnected, agentVersion, registeredAt in ms, runningTasksCount as
// DescribeContainerInstances counts it (RUNNING only), task:group over tasks not yet STOPPED, and
// attributes (undefined when absent, null for the agent's value-less capability attributes), and
// that it follows attribute changes.
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../workers/engine/clock.ts';
import { putAttributes } from '../../../workers/engine/commands/attributes.ts';
import { createCluster } from '../../../workers/engine/commands/clusters.ts';
import { addContainerInstances } from '../../../workers/engine/commands/container-instances.ts';
import { instanceQueryTarget, queryTargetContext } from '../../../workers/engine/commands/instance-query-target.ts';
import type { EngineContext } from '../../../workers/engine/context.ts';
import { Prng } from '../../../workers/engine/prng.ts';
import { AGENT_VERSION_INFO } from '../../../workers/engine/snapshot.ts';
import { emptyState, type TaskRecord } from '../../../workers/engine/state.ts';
import type { Task } from '../../../workers/protocol.ts';

function context(): EngineContext {
  const state = emptyState(1);
  const clock = new VirtualClock();
  return { state, clock, prng: new Prng(1), emit: () => undefined, launchTask: () => undefined, requestStop: () => undefined };
}

/** A task record on an instance with just the fields the target reads. */
function fakeTask(instanceArn: string, lastStatus: Task['lastStatus'], group: string): TaskRecord {
  return { instanceArn, clusterName: 'c', task: { lastStatus, group } as Task } as TaskRecord;
}

describe('instanceQueryTarget', () => {
  it('answers every subject of the cluster query language', () => {
    const ctx = context();
    createCluster(ctx, { clusterName: 'c' });
    ctx.clock.advance(90_000);
    addContainerInstances(ctx, { cluster: 'c', instanceType: 'm6g.large', availabilityZones: ['us-east-1b'], attributes: { stack: 'prod' } });
    const instance = [...ctx.state.instances.values()][0]!;
    const arn = instance.containerInstanceArn;
    ctx.state.tasks.set('t1', fakeTask(arn, 'RUNNING', 'family:web'));
    ctx.state.tasks.set('t2', fakeTask(arn, 'PENDING', 'family:worker'));
    ctx.state.tasks.set('t3', fakeTask(arn, 'STOPPED', 'family:old'));
    ctx.state.tasks.set('t4', fakeTask('elsewhere', 'RUNNING', 'family:api'));
    const target = instanceQueryTarget(ctx.state, instance);
    expect(target.ec2InstanceId).toBe(instance.ec2InstanceId);
    expect(target.agentConnected).toBe(true);
    expect(target.agentVersion).toBe(AGENT_VERSION_INFO.agentVersion);
    // Registered 90 s after the epoch 2026-01-01T00:00:00Z.
    expect(target.registeredAtMs).toBe(Date.UTC(2026, 0, 1, 0, 1, 30));
    // RUNNING only (t1); t2 is pending, t3 stopped, t4 elsewhere.
    expect(target.runningTasksCount).toBe(1);
    expect(target.hasTaskInGroup('family:web')).toBe(true);
    expect(target.hasTaskInGroup('family:worker')).toBe(true);
    expect(target.hasTaskInGroup('family:old')).toBe(false);
    expect(target.hasTaskInGroup('family:api')).toBe(false);
    expect(target.attribute('ecs.cpu-architecture')).toBe('arm64');
    expect(target.attribute('ecs.availability-zone')).toBe('us-east-1b');
    expect(target.attribute('stack')).toBe('prod');
    expect(target.attribute('ecs.capability.task-eni')).toBeNull();
    expect(target.attribute('no-such-attribute')).toBeUndefined();
  });

  it('sees attributes changed after it was made, and shares one context over many instances', () => {
    const ctx = context();
    createCluster(ctx, { clusterName: 'c' });
    addContainerInstances(ctx, { cluster: 'c', instanceType: 'm5.large', count: 3 });
    const [a, b] = [...ctx.state.instances.values()];
    const shared = queryTargetContext(ctx.state);
    const targetA = instanceQueryTarget(ctx.state, a!, shared);
    const targetB = instanceQueryTarget(ctx.state, b!, shared);
    expect(targetA.attribute('stack')).toBeUndefined();
    putAttributes(ctx, { cluster: 'c', attributes: [{ name: 'stack', value: 'blue', targetId: b!.containerInstanceArn }] });
    // A target made after the change sees it.
    expect(instanceQueryTarget(ctx.state, b!, shared).attribute('stack')).toBe('blue');
    expect(targetB.runningTasksCount).toBe(0);
    expect(targetA.hasTaskInGroup('family:web')).toBe(false);
  });
});
