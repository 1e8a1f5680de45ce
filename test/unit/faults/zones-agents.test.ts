import { describe, expect, it } from 'vitest';
import type { SandboxEngine } from '../../../workers/protocol.ts';
import { demoEngine, errorOf, responseOf } from '../engine/helpers.ts';
import { runFargate } from '../fargate/helpers.ts';
import { events, spotEngine, task } from './helpers.ts';

const instances = (engine: SandboxEngine) => engine.snapshot().containerInstances;
const zoneOf = (engine: SandboxEngine, arn: string) => instances(engine).find((i) => i.containerInstanceArn === arn)!.attributes.find((a) => a.name === 'ecs.availability-zone')!.value;

describe('sim:DisconnectAgent', () => {
  it('keeps the tasks running, places nothing new on the instance, shows agentConnected false, and reconnects', () => {
    const engine = demoEngine(3, 't3.medium', 1);
    const [first] = responseOf<{ tasks: { taskArn: string }[] }>(engine.dispatch({ 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'web' } })).tasks;
    engine.advance(30_000);
    const arn = instances(engine)[0]!.containerInstanceArn;
    responseOf(engine.dispatch({ 'sim:DisconnectAgent': { cluster: 'demo', containerInstance: arn } }));
    const described = responseOf<{ containerInstances: { agentConnected: boolean }[] }>(engine.dispatch({ 'ecs:DescribeContainerInstances': { cluster: 'demo', containerInstances: [arn] } }));
    expect(described.containerInstances[0]!.agentConnected).toBe(false);
    const [change] = events(engine, 'instance.agent-disconnected');
    expect(change!.eventBridge!['detail-type']).toBe('ECS Container Instance State Change');
    expect(change!.eventBridge!.detail).toMatchObject({ agentConnected: false, containerInstanceArn: arn });

    engine.advance(60_000);
    expect(task(engine, first!.taskArn).lastStatus).toBe('RUNNING');
    const blocked = responseOf<{ tasks: unknown[] }>(engine.dispatch({ 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'web' } }));
    expect(blocked.tasks).toHaveLength(0);
    const explained = responseOf<any>(engine.dispatch({ 'sim:ExplainPlacement': { runTask: { cluster: 'demo', taskDefinition: 'web' } } }));
    expect(JSON.stringify(explained)).toContain('agent disconnected');

    responseOf(engine.dispatch({ 'sim:ReconnectAgent': { cluster: 'demo', containerInstance: arn } }));
    expect(instances(engine)[0]!.agentConnected).toBe(true);
    expect(responseOf<{ tasks: unknown[] }>(engine.dispatch({ 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'web' } })).tasks).toHaveLength(1);
  });

  it('reconnects by itself when durationSeconds ends', () => {
    const engine = demoEngine(3, 't3.medium', 1);
    const arn = instances(engine)[0]!.containerInstanceArn;
    responseOf(engine.dispatch({ 'sim:DisconnectAgent': { cluster: 'demo', containerInstance: arn, durationSeconds: 90 } }));
    engine.advance(89_000);
    expect(instances(engine)[0]!.agentConnected).toBe(false);
    expect(engine.snapshot().faults!.map((f) => f.kind)).toEqual(['agent-disconnected']);
    engine.advance(1_000);
    expect(instances(engine)[0]!.agentConnected).toBe(true);
    expect(engine.snapshot().faults).toEqual([]);
  });

  it('refuses an unknown cluster or instance, and a second disconnect, changing nothing', () => {
    const engine = demoEngine(3, 't3.medium', 1);
    const arn = instances(engine)[0]!.containerInstanceArn;
    const before = JSON.stringify(engine.snapshot());
    expect(errorOf(engine.dispatch({ 'sim:DisconnectAgent': { cluster: 'nope', containerInstance: arn } })).code).toBe('ClusterNotFoundException');
    expect(errorOf(engine.dispatch({ 'sim:DisconnectAgent': { cluster: 'demo', containerInstance: 'ffff' } })).message).toMatch(/is not registered with cluster demo/);
    expect(errorOf(engine.dispatch({ 'sim:ReconnectAgent': { cluster: 'demo', containerInstance: arn } })).message).toMatch(/is connected/);
    expect(errorOf(engine.dispatch({ 'sim:DisconnectAgent': { cluster: 'demo', containerInstance: arn, durationSeconds: 0 } })).message).toMatch(/durationSeconds/);
    expect(JSON.stringify(engine.snapshot())).toBe(before);
  });
});

describe('sim:FailAvailabilityZone', () => {
  it('stops the zone\'s tasks, disconnects its agents, steers Fargate away, and restores after its duration', () => {
    const engine = demoEngine(5, 't3.medium', 3);
    responseOf(engine.dispatch({ 'ecs:RegisterTaskDefinition': { family: 'fg', requiresCompatibilities: ['FARGATE'], networkMode: 'awsvpc', cpu: '256', memory: '512', containerDefinitions: [{ name: 'fg', image: 'nginx' }] } }));
    const ec2 = responseOf<{ tasks: { taskArn: string; containerInstanceArn: string }[] }>(engine.dispatch({ 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'web', count: 3, placementStrategy: [{ type: 'spread', field: 'attribute:ecs.availability-zone' }] } })).tasks;
    engine.advance(60_000);
    const inA = ec2.filter((t) => zoneOf(engine, t.containerInstanceArn) === 'us-east-1a');
    expect(inA).toHaveLength(1);

    responseOf(engine.dispatch({ 'sim:FailAvailabilityZone': { zone: 'us-east-1a', durationSeconds: 600 } }));
    engine.advance(60_000);
    expect(task(engine, inA[0]!.taskArn).lastStatus).toBe('STOPPED');
    expect(task(engine, inA[0]!.taskArn).stoppedReason).toMatch(/Availability Zone us-east-1a is out/);
    const others = ec2.filter((t) => t !== inA[0]);
    for (const t of others) expect(task(engine, t.taskArn).lastStatus).toBe('RUNNING');
    for (const instance of instances(engine)) expect(instance.agentConnected).toBe(zoneOf(engine, instance.containerInstanceArn) !== 'us-east-1a');

    const fargate = responseOf<{ tasks: { availabilityZone: string }[] }>(engine.dispatch({ 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'fg', launchType: 'FARGATE', count: 4, networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-us-east-1a', 'subnet-us-east-1b'] } } } })).tasks;
    expect(fargate.map((t) => t.availabilityZone)).toEqual(['us-east-1b', 'us-east-1b', 'us-east-1b', 'us-east-1b']);
    const none = responseOf<{ tasks: unknown[]; failures: { reason: string }[] }>(engine.dispatch({ 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'fg', launchType: 'FARGATE', networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-us-east-1a'] } } } }));
    expect(none.tasks).toHaveLength(0);
    expect(none.failures[0]!.reason).toMatch(/every Availability Zone of the given subnets is out — us-east-1a/);
    expect(engine.snapshot().faults!.map((f) => f.target)).toEqual(['us-east-1a']);

    engine.advance(540_000);
    for (const instance of instances(engine)) expect(instance.agentConnected).toBe(true);
    expect(events(engine, 'fault.zone-restored')).toHaveLength(1);
    expect(engine.snapshot().faults).toEqual([]);
  });

  it('refuses an unknown zone, a zone already out, and restoring one that is not out, changing nothing', () => {
    const engine = demoEngine(5, 't3.medium', 1);
    const before = JSON.stringify(engine.snapshot());
    expect(errorOf(engine.dispatch({ 'sim:FailAvailabilityZone': { zone: 'us-east-1z' } })).message).toMatch(/does not exist in us-east-1/);
    expect(errorOf(engine.dispatch({ 'sim:RestoreAvailabilityZone': { zone: 'us-east-1a' } })).message).toMatch(/is not out/);
    expect(JSON.stringify(engine.snapshot())).toBe(before);
    responseOf(engine.dispatch({ 'sim:FailAvailabilityZone': { zone: 'us-east-1b' } }));
    const during = JSON.stringify(engine.snapshot());
    expect(errorOf(engine.dispatch({ 'sim:FailAvailabilityZone': { zone: 'us-east-1b' } })).message).toMatch(/already out/);
    expect(JSON.stringify(engine.snapshot())).toBe(during);
  });

  it('stops Fargate tasks in the zone', () => {
    const engine = spotEngine();
    const tasks = runFargate(engine, 3, undefined, { cluster: 'demo' });
    engine.advance(60_000);
    responseOf(engine.dispatch({ 'sim:FailAvailabilityZone': { zone: 'us-east-1c' } }));
    engine.advance(60_000);
    const byZone = tasks.map((t) => [t.availabilityZone, task(engine, t.taskArn).lastStatus]);
    expect(byZone).toEqual([['us-east-1a', 'RUNNING'], ['us-east-1b', 'RUNNING'], ['us-east-1c', 'STOPPED']]);
  });
});
