// Test helpers for capacity providers: an engine whose context the test can reach (to give container
// instances an Auto Scaling group as the EC2 helper's agents do, or to read the state), and a
// stand-in Auto Scaling group record where the test does not need the real group's lifecycle.
import { autoScalingOf, type AsgRecord } from '../../../workers/engine/autoscaling/model.ts';
import { COMMANDS } from '../../../workers/engine/commands/index.ts';
import type { EngineContext } from '../../../workers/engine/context.ts';
import { createEngineWith } from '../../../workers/engine/engine.ts';
import { clusterInstancesChanged } from '../../../workers/engine/services/cluster-changes.ts';
import type { SandboxEngine, Step } from '../../../workers/protocol.ts';

export interface CapacityTestEngine {
  engine: SandboxEngine;
  ctx: EngineContext;
  /** Dispatch; throws on an error so setup mistakes are loud. Returns the response. */
  run(step: Step): any;
  /** Dispatch; returns the error (throws if there was none). */
  refuse(step: Step): { code: string; message: string };
}

export function capacityEngine(seed = 1): CapacityTestEngine {
  let captured: EngineContext | undefined;
  const engine = createEngineWith(
    (action) =>
      action === 'ecs:ListClusters'
        ? (ctx, raw) => {
            captured = ctx;
            return COMMANDS['ecs:ListClusters'](ctx, raw);
          }
        : COMMANDS[action],
    { seed },
  );
  engine.dispatch({ 'ecs:ListClusters': {} });
  const run = (step: Step): any => {
    const result = engine.dispatch(step);
    if ('error' in result && result.error !== undefined) throw new Error(`${result.action}: ${result.error.code}: ${result.error.message}`);
    return (result as { response?: unknown }).response;
  };
  const refuse = (step: Step) => {
    const result = engine.dispatch(step);
    if (!('error' in result) || result.error === undefined) throw new Error(`${Object.keys(step)[0]} was not refused`);
    return result.error;
  };
  return { engine, ctx: captured!, run, refuse };
}

/** A stand-in Auto Scaling group record (what the asg helper stores), for tests of the ECS side only. */
export function standInGroup(ctx: EngineContext, name: string, options: Partial<AsgRecord> = {}): AsgRecord {
  const group: AsgRecord = {
    name,
    arn: `arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:00000000-0000-0000-0000-000000000000:autoScalingGroupName/${name}`,
    createdMs: 0,
    minSize: 0,
    maxSize: 10,
    desiredCapacity: 0,
    defaultCooldownSeconds: 300,
    healthCheckGracePeriodSeconds: 0,
    healthCheckType: 'EC2',
    availabilityZones: ['us-east-1a'],
    subnetIds: [],
    newInstancesProtectedFromScaleIn: false,
    terminationPolicies: ['Default'] as AsgRecord['terminationPolicies'],
    tags: [],
    instances: new Map(),
    ...options,
  };
  autoScalingOf(ctx.state).groups.set(name, group);
  return group;
}

/** Mark the cluster's container instances (by ARN) as instances of the group, as its agents register them, and tell the listeners. */
export function joinGroup(ctx: EngineContext, clusterName: string, groupName: string, arns: readonly string[]): void {
  for (const arn of arns) {
    const instance = ctx.state.instances.get(arn);
    if (instance === undefined) throw new Error(`no instance ${arn}`);
    instance.autoScalingGroupName = groupName;
  }
  clusterInstancesChanged(ctx, clusterName);
}

export const FARGATE_TD = {
  family: 'web',
  requiresCompatibilities: ['FARGATE', 'EC2'],
  networkMode: 'awsvpc',
  cpu: '256',
  memory: '512',
  containerDefinitions: [{ name: 'web', image: 'nginx:latest', essential: true }],
};

export const AWSVPC = { awsvpcConfiguration: { subnets: ['subnet-us-east-1a', 'subnet-us-east-1b'], securityGroups: ['sg-default'] } };

export const BRIDGE_TD = {
  family: 'api',
  requiresCompatibilities: ['EC2'],
  containerDefinitions: [{ name: 'api', image: 'api:1', essential: true, cpu: 1024, memory: 1024 }],
};
