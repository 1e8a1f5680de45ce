/**
 * EC2 launch templates and instances (issue 6, owner: the EC2 capacity helper).
 * PLACEHOLDER handlers: each answers NotImplemented until its owner replaces it.
 */
import type { EngineContext } from '../context.ts';
import { fail, type CommandResult } from '../errors.ts';

const notYet = (action: string): CommandResult => fail('NotImplemented', `${action} is being built (issue 6).`);

export function createLaunchTemplate(_ctx: EngineContext, _raw: unknown): CommandResult {
  return notYet('ec2:CreateLaunchTemplate');
}

export function describeLaunchTemplates(_ctx: EngineContext, _raw: unknown): CommandResult {
  return notYet('ec2:DescribeLaunchTemplates');
}

export function deleteLaunchTemplate(_ctx: EngineContext, _raw: unknown): CommandResult {
  return notYet('ec2:DeleteLaunchTemplate');
}

export function describeInstances(_ctx: EngineContext, _raw: unknown): CommandResult {
  return notYet('ec2:DescribeInstances');
}

export function terminateInstances(_ctx: EngineContext, _raw: unknown): CommandResult {
  return notYet('ec2:TerminateInstances');
}

export function simTerminateInstance(_ctx: EngineContext, _raw: unknown): CommandResult {
  return notYet('sim:TerminateInstance');
}

export function deregisterContainerInstance(_ctx: EngineContext, _raw: unknown): CommandResult {
  return notYet('ecs:DeregisterContainerInstance');
}
