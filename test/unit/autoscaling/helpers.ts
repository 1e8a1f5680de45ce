// Shared set-up for the Auto Scaling / EC2 tests: an engine with a cluster, a launch template whose
// user data names it, and a group; `run` throws on a refused step so set-up mistakes surface.
import { createEngine } from '../../../workers/engine/index.ts';
import type { Step, StepResult } from '../../../workers/protocol.ts';

export type Engine = ReturnType<typeof createEngine>;

export function run(engine: Engine, step: Step): any {
  const result = engine.dispatch(step) as StepResult;
  if ('error' in result) throw new Error(`${result.action}: ${result.error.code}: ${result.error.message}`);
  return result.response;
}

export function refusal(engine: Engine, step: Step): { code: string; message: string } {
  const result = engine.dispatch(step) as StepResult;
  if (!('error' in result)) throw new Error(`expected ${Object.keys(step)[0]} to be refused`);
  return result.error;
}

export const userData = (cluster: string, extra = ''): string => btoa(`#!/bin/bash\necho ECS_CLUSTER=${cluster} >> /etc/ecs/ecs.config\n${extra}`);

export function groupEngine(options: { seed?: number; desired?: number; min?: number; max?: number; zones?: string[]; instanceType?: string; extra?: Record<string, unknown> } = {}): Engine {
  const engine = createEngine({ seed: options.seed ?? 7 });
  run(engine, { 'ecs:CreateCluster': { clusterName: 'demo' } });
  run(engine, { 'ec2:CreateLaunchTemplate': { LaunchTemplateName: 'ecs-lt', LaunchTemplateData: { InstanceType: options.instanceType ?? 'm5.large', UserData: userData('demo') } } });
  run(engine, {
    'autoscaling:CreateAutoScalingGroup': {
      AutoScalingGroupName: 'asg',
      MinSize: options.min ?? 0,
      MaxSize: options.max ?? 10,
      DesiredCapacity: options.desired ?? 2,
      AvailabilityZones: options.zones ?? ['us-east-1a', 'us-east-1b'],
      LaunchTemplate: { LaunchTemplateName: 'ecs-lt' },
      ...(options.extra ?? {}),
    },
  });
  return engine;
}

export function group(engine: Engine, name = 'asg') {
  return engine.snapshot().autoScalingGroups!.find((g) => g.AutoScalingGroupName === name)!;
}
