/**
 * Auto Scaling (issue 6, owner: the EC2 capacity helper).
 * PLACEHOLDER handlers: each answers NotImplemented until its owner replaces it.
 */
import type { EngineContext } from '../context.ts';
import { fail, type CommandResult } from '../errors.ts';

const notYet = (action: string): CommandResult => fail('NotImplemented', `${action} is being built (issue 6).`);

export function createAutoScalingGroup(_ctx: EngineContext, _raw: unknown): CommandResult {
  return notYet('autoscaling:CreateAutoScalingGroup');
}

export function updateAutoScalingGroup(_ctx: EngineContext, _raw: unknown): CommandResult {
  return notYet('autoscaling:UpdateAutoScalingGroup');
}

export function deleteAutoScalingGroup(_ctx: EngineContext, _raw: unknown): CommandResult {
  return notYet('autoscaling:DeleteAutoScalingGroup');
}

export function describeAutoScalingGroups(_ctx: EngineContext, _raw: unknown): CommandResult {
  return notYet('autoscaling:DescribeAutoScalingGroups');
}

export function setDesiredCapacity(_ctx: EngineContext, _raw: unknown): CommandResult {
  return notYet('autoscaling:SetDesiredCapacity');
}

export function setInstanceProtection(_ctx: EngineContext, _raw: unknown): CommandResult {
  return notYet('autoscaling:SetInstanceProtection');
}

export function terminateInstanceInAutoScalingGroup(_ctx: EngineContext, _raw: unknown): CommandResult {
  return notYet('autoscaling:TerminateInstanceInAutoScalingGroup');
}

export function describeScalingActivities(_ctx: EngineContext, _raw: unknown): CommandResult {
  return notYet('autoscaling:DescribeScalingActivities');
}

export function putScalingPolicy(_ctx: EngineContext, _raw: unknown): CommandResult {
  return notYet('autoscaling:PutScalingPolicy');
}

export function describePolicies(_ctx: EngineContext, _raw: unknown): CommandResult {
  return notYet('autoscaling:DescribePolicies');
}

export function deletePolicy(_ctx: EngineContext, _raw: unknown): CommandResult {
  return notYet('autoscaling:DeletePolicy');
}

export function executePolicy(_ctx: EngineContext, _raw: unknown): CommandResult {
  return notYet('autoscaling:ExecutePolicy');
}
