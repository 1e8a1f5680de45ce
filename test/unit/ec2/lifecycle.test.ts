// An EC2 instance's life: pending → running after its boot, its agent registering the container
// instance with the cluster its user data names, termination (user, fault) stopping its tasks with
// AWS's reason, and the group replacing it.
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../workers/engine/index.ts';
import { EC2_TIMINGS } from '../../../workers/engine/ec2/lifecycle.ts';
import { group, groupEngine, refusal, run, userData, type Engine } from '../autoscaling/helpers.ts';

function withService(engine: Engine, count: number): void {
  run(engine, { 'ecs:RegisterTaskDefinition': { family: 'web', containerDefinitions: [{ name: 'web', image: 'nginx', cpu: 256, memory: 256 }] } });
  run(engine, { 'ecs:CreateService': { cluster: 'demo', serviceName: 'web', taskDefinition: 'web', desiredCount: count, launchType: 'EC2' } });
}

describe('boot timeline', () => {
  it('is pending during the boot, running within it, and registered with the cluster a little later', () => {
    const engine = groupEngine({ desired: 1 });
    const [bootMin, bootMax] = EC2_TIMINGS.bootMs;
    engine.advance(bootMin - 1);
    expect(engine.snapshot().ec2Instances![0]!.State).toEqual({ Code: 0, Name: 'pending' });
    expect(group(engine).Instances[0]!.LifecycleState).toBe('Pending');
    engine.advance(bootMax - bootMin + 1);
    const running = engine.snapshot().ec2Instances![0]!;
    expect(running.State).toEqual({ Code: 16, Name: 'running' });
    expect(group(engine).Instances[0]!.LifecycleState).toBe('InService');
    expect(engine.snapshot().containerInstances).toHaveLength(0);
    engine.advance(EC2_TIMINGS.agentRegistrationMs[1]);
    const [instance] = engine.snapshot().containerInstances;
    expect(instance).toMatchObject({ ec2InstanceId: running.InstanceId, status: 'ACTIVE' });
    expect(engine.snapshot().ec2Instances![0]!.containerInstanceArn).toBe(instance!.containerInstanceArn);
    expect(running.Tags).toContainEqual({ Key: 'aws:autoscaling:groupName', Value: 'asg' });
  });

  it('joins the cluster of ECS_CLUSTER; without user data it creates and joins `default`', () => {
    const engine = createEngine({ seed: 3 });
    run(engine, { 'ec2:CreateLaunchTemplate': { LaunchTemplateName: 'plain', LaunchTemplateData: { InstanceType: 't3.medium' } } });
    run(engine, { 'autoscaling:CreateAutoScalingGroup': { AutoScalingGroupName: 'g', MinSize: 1, MaxSize: 1, AvailabilityZones: ['us-east-1c'], LaunchTemplate: { LaunchTemplateName: 'plain' } } });
    engine.advance(70_000);
    expect(engine.snapshot().clusters.map((c) => c.clusterName)).toEqual(['default']);
    expect(engine.snapshot().containerInstances[0]!.attributes).toContainEqual({ name: 'ecs.availability-zone', value: 'us-east-1c' });
  });

  it('an agent whose cluster does not exist retries each minute and joins once it is created', () => {
    const engine = createEngine({ seed: 3 });
    run(engine, { 'ec2:CreateLaunchTemplate': { LaunchTemplateName: 'late-lt', LaunchTemplateData: { InstanceType: 't3.medium', UserData: userData('later') } } });
    run(engine, { 'autoscaling:CreateAutoScalingGroup': { AutoScalingGroupName: 'g', MinSize: 1, MaxSize: 1, AvailabilityZones: ['us-east-1a'], LaunchTemplate: { LaunchTemplateName: 'late-lt' } } });
    engine.advance(70_000);
    expect(engine.snapshot().containerInstances).toHaveLength(0);
    expect(engine.snapshot().events.some((e) => e.message.includes('cluster later (ECS_CLUSTER in its user data) does not exist'))).toBe(true);
    run(engine, { 'ecs:CreateCluster': { clusterName: 'later' } });
    engine.advance(EC2_TIMINGS.agentRetryMs);
    expect(engine.snapshot().containerInstances.map((c) => c.containerInstanceArn)).toEqual([expect.stringContaining('container-instance/later/')]);
  });
});

describe('termination', () => {
  it('sim:TerminateInstance fails the instance at once: its tasks stop with AWS reason and the group replaces it', () => {
    const engine = groupEngine({ desired: 2 });
    engine.advance(90_000);
    withService(engine, 4);
    engine.advance(60_000);
    const victim = engine.snapshot().containerInstances[0]!;
    const onIt = engine.snapshot().tasks.filter((t) => t.containerInstanceArn === victim.containerInstanceArn && t.lastStatus === 'RUNNING');
    expect(onIt.length).toBeGreaterThan(0);
    run(engine, { 'sim:TerminateInstance': { instanceId: victim.ec2InstanceId } });
    const tasks = engine.snapshot().tasks.filter((t) => onIt.some((o) => o.taskArn === t.taskArn));
    for (const task of tasks) {
      expect(task.stoppedReason).toBe(`Host EC2 (instance ${victim.ec2InstanceId}) terminated.`);
      expect(task.stopCode).toBe('TerminationNotice');
    }
    // DEREGISTERING until its tasks are reported STOPPED (at once: the host is gone), then gone.
    expect(engine.snapshot().containerInstances.find((c) => c.ec2InstanceId === victim.ec2InstanceId)).toMatchObject({ status: 'DEREGISTERING', agentConnected: false });
    const g = group(engine);
    expect(g.Instances.filter((i) => i.LifecycleState === 'Pending')).toHaveLength(1);
    const activities = engine.snapshot().scalingActivities!;
    expect(activities[1]!.Description).toBe(`Terminating EC2 instance: ${victim.ec2InstanceId}`);
    expect(activities[1]!.Cause).toMatch(/^At \S+Z an instance was taken out of service in response to an EC2 health check indicating it has been terminated or stopped\.$/);
    expect(activities[0]!.Cause).toMatch(/an instance was started in response to a difference between desired and actual capacity, increasing the capacity from 1 to 2\.$/);
    engine.advance(5_000);
    expect(engine.snapshot().containerInstances.map((c) => c.ec2InstanceId)).not.toContain(victim.ec2InstanceId);
    expect(engine.snapshot().tasks.filter((t) => onIt.some((o) => o.taskArn === t.taskArn)).every((t) => t.lastStatus === 'STOPPED')).toBe(true);
    engine.advance(115_000);
    expect(engine.snapshot().containerInstances).toHaveLength(2);
    expect(engine.snapshot().services[0]!.runningCount).toBe(4);
    expect(engine.snapshot().ec2Instances!.find((i) => i.InstanceId === victim.ec2InstanceId)!.State.Name).toBe('terminated');
  });

  it('refuses sim:TerminateInstance on an unknown instance or one already terminated, changing nothing', () => {
    const engine = groupEngine({ desired: 1 });
    engine.advance(90_000);
    const before = JSON.stringify(engine.snapshot());
    expect(refusal(engine, { 'sim:TerminateInstance': { instanceId: 'i-0000' } }).message).toContain('There is no EC2 instance i-0000');
    expect(JSON.stringify(engine.snapshot())).toBe(before);
    const id = engine.snapshot().ec2Instances![0]!.InstanceId;
    run(engine, { 'sim:TerminateInstance': { instanceId: id } });
    expect(refusal(engine, { 'sim:TerminateInstance': { instanceId: id } }).message).toContain('already');
  });

  it('ec2:TerminateInstances goes through shutting-down, with a user-initiated reason', () => {
    const engine = groupEngine({ desired: 1 });
    engine.advance(90_000);
    const id = engine.snapshot().ec2Instances![0]!.InstanceId;
    const response = run(engine, { 'ec2:TerminateInstances': { InstanceIds: [id] } }) as { TerminatingInstances: unknown[] };
    expect(response.TerminatingInstances).toEqual([{ InstanceId: id, PreviousState: { Code: 16, Name: 'running' }, CurrentState: { Code: 32, Name: 'shutting-down' } }]);
    expect(engine.snapshot().ec2Instances![0]!.StateTransitionReason).toMatch(/^User initiated \(2026-01-01 00:01:30 GMT\)$/);
    expect(refusal(engine, { 'ec2:TerminateInstances': { InstanceIds: ['i-nope'] } }).code).toBe('InvalidInstanceID.NotFound');
  });

  it('ec2:DescribeInstances filters by group tag and state', () => {
    const engine = groupEngine({ desired: 2 });
    engine.advance(90_000);
    const id = engine.snapshot().ec2Instances![0]!.InstanceId;
    run(engine, { 'ec2:TerminateInstances': { InstanceIds: [id] } });
    const running = run(engine, { 'ec2:DescribeInstances': { Filters: [{ Name: 'tag:aws:autoscaling:groupName', Values: ['asg'] }, { Name: 'instance-state-name', Values: ['running'] }] } }) as { Reservations: { Instances: { InstanceId: string }[] }[] };
    expect(running.Reservations.flatMap((r) => r.Instances).map((i) => i.InstanceId)).not.toContain(id);
    expect(running.Reservations).toHaveLength(1);
    const byId = run(engine, { 'ec2:DescribeInstances': { InstanceIds: [id] } }) as { Reservations: { Instances: { State: { Name: string } }[] }[] };
    expect(byId.Reservations[0]!.Instances[0]!.State.Name).toBe('shutting-down');
    expect(refusal(engine, { 'ec2:DescribeInstances': { Filters: [{ Name: 'colour', Values: ['red'] }] } }).code).toBe('InvalidParameterValue');
  });
});

describe('ecs:DeregisterContainerInstance', () => {
  it('refuses while tasks run, without force; with force the tasks stop and the EC2 instance keeps running', () => {
    const engine = groupEngine({ desired: 1 });
    engine.advance(90_000);
    withService(engine, 1);
    engine.advance(60_000);
    const instance = engine.snapshot().containerInstances[0]!;
    const before = JSON.stringify(engine.snapshot());
    expect(refusal(engine, { 'ecs:DeregisterContainerInstance': { cluster: 'demo', containerInstance: instance.containerInstanceArn } })).toEqual({ code: 'InvalidParameterException', message: 'Found running tasks on the instance.' });
    expect(JSON.stringify(engine.snapshot())).toBe(before);
    const response = run(engine, { 'ecs:DeregisterContainerInstance': { cluster: 'demo', containerInstance: instance.containerInstanceArn, force: true } }) as { containerInstance: { status: string } };
    expect(response.containerInstance.status).toBe('INACTIVE');
    // Listed as DEREGISTERING while its task stops (SIGTERM, stop timeout), then gone.
    expect(engine.snapshot().containerInstances.map((c) => c.status)).toEqual(['DEREGISTERING']);
    expect(engine.snapshot().tasks[0]!.desiredStatus).toBe('STOPPED');
    engine.advance(60_000);
    expect(engine.snapshot().containerInstances).toHaveLength(0);
    expect(engine.snapshot().tasks[0]!.lastStatus).toBe('STOPPED');
    expect(engine.snapshot().ec2Instances![0]!.State.Name).toBe('running');
  });

  it('deregisters an idle instance without force; refuses one it does not know', () => {
    const engine = groupEngine({ desired: 1 });
    engine.advance(90_000);
    const instance = engine.snapshot().containerInstances[0]!;
    run(engine, { 'ecs:DeregisterContainerInstance': { cluster: 'demo', containerInstance: instance.containerInstanceArn } });
    expect(engine.snapshot().containerInstances).toHaveLength(0);
    expect(refusal(engine, { 'ecs:DeregisterContainerInstance': { cluster: 'demo', containerInstance: 'nope' } }).code).toBe('InvalidParameterException');
  });
});

describe('capacity provider of the group', () => {
  it('an instance registers with its group and, when the cluster lists the group provider, its capacityProviderName', () => {
    const engine = createEngine({ seed: 6 });
    run(engine, { 'ec2:CreateLaunchTemplate': { LaunchTemplateName: 'ecs-lt', LaunchTemplateData: { InstanceType: 'm5.large', UserData: userData('demo') } } });
    run(engine, { 'autoscaling:CreateAutoScalingGroup': { AutoScalingGroupName: 'asg', MinSize: 0, MaxSize: 3, AvailabilityZones: ['us-east-1a'], LaunchTemplate: { LaunchTemplateName: 'ecs-lt' } } });
    const arn = group(engine).AutoScalingGroupARN;
    run(engine, { 'ecs:CreateCapacityProvider': { name: 'cp', autoScalingGroupProvider: { autoScalingGroupArn: arn, managedScaling: { status: 'DISABLED' }, managedTerminationProtection: 'DISABLED' } } });
    run(engine, { 'ecs:CreateCluster': { clusterName: 'demo', capacityProviders: ['cp'] } });
    run(engine, { 'autoscaling:SetDesiredCapacity': { AutoScalingGroupName: 'asg', DesiredCapacity: 1 } });
    engine.advance(90_000);
    expect(engine.snapshot().containerInstances[0]!.capacityProviderName).toBe('cp');
    expect(group(engine).capacityProviderName).toBe('cp');
  });
});
