// Scale-in through the capacity provider's gate (ECS managed draining): the chosen instance waits in
// Terminating:Wait while its container instance drains, and is terminated only once its tasks moved.
// Managed draining works with managed scaling on or off (the user scales the group by hand here).
import { expect, it } from 'vitest';
import { createEngine } from '../../../workers/engine/index.ts';
import { group, run, userData } from './helpers.ts';

it.each(['ENABLED', 'DISABLED'])('an instance of a managed-draining provider drains before the group terminates it (managed scaling %s)', (scaling) => {
  const engine = createEngine({ seed: 12 });
  run(engine, { 'ec2:CreateLaunchTemplate': { LaunchTemplateName: 'ecs-lt', LaunchTemplateData: { InstanceType: 'm5.large', UserData: userData('demo') } } });
  run(engine, { 'autoscaling:CreateAutoScalingGroup': { AutoScalingGroupName: 'asg', MinSize: 0, MaxSize: 3, DesiredCapacity: 2, AvailabilityZones: ['us-east-1a', 'us-east-1b'], LaunchTemplate: { LaunchTemplateName: 'ecs-lt' } } });
  run(engine, { 'ecs:CreateCapacityProvider': { name: 'cp', autoScalingGroupProvider: { autoScalingGroupArn: group(engine).AutoScalingGroupARN, managedScaling: { status: scaling, targetCapacity: 100 }, managedTerminationProtection: 'DISABLED', managedDraining: 'ENABLED' } } });
  run(engine, { 'ecs:CreateCluster': { clusterName: 'demo', capacityProviders: ['cp'] } });
  run(engine, { 'ecs:RegisterTaskDefinition': { family: 'web', containerDefinitions: [{ name: 'web', image: 'nginx', cpu: 256, memory: 256 }] } });
  engine.advance(90_000);
  run(engine, { 'ecs:CreateService': { cluster: 'demo', serviceName: 'web', taskDefinition: 'web', desiredCount: 2, launchType: 'EC2' } });
  engine.advance(60_000);
  expect(engine.snapshot().services[0]!.runningCount).toBe(2);

  run(engine, { 'autoscaling:SetDesiredCapacity': { AutoScalingGroupName: 'asg', DesiredCapacity: 1 } });
  engine.advance(1);
  const waiting = group(engine).Instances.find((i) => i.LifecycleState === 'Terminating:Wait');
  expect(waiting).toBeDefined();
  expect(engine.snapshot().scalingActivities![0]!.StatusCode).toBe('MidLifecycleAction');
  const draining = engine.snapshot().containerInstances.find((c) => c.ec2InstanceId === waiting!.InstanceId)!;
  expect(draining.status).toBe('DRAINING');

  engine.advance(10 * 60_000);
  expect(group(engine).Instances.map((i) => i.InstanceId)).not.toContain(waiting!.InstanceId);
  expect(engine.snapshot().ec2Instances!.find((i) => i.InstanceId === waiting!.InstanceId)!.State.Name).toBe('terminated');
  expect(engine.snapshot().services[0]!.runningCount).toBe(2);
  const stopped = engine.snapshot().tasks.filter((t) => t.lastStatus === 'STOPPED');
  // The tasks left by draining (the service scheduler replaced them), not by the host dying under them.
  expect(stopped.every((t) => t.stoppedReason !== `Host EC2 (instance ${waiting!.InstanceId}) terminated.`)).toBe(true);
  expect(engine.snapshot().scalingActivities!.find((a) => a.Description === `Terminating EC2 instance: ${waiting!.InstanceId}`)!.StatusCode).toBe('Successful');
});
