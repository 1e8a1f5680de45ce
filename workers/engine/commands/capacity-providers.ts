/**
 * ECS capacity providers (issue 6, owner: the capacity provider helper).
 * PLACEHOLDER handlers: each answers NotImplemented until its owner replaces it.
 */
import type { EngineContext } from '../context.ts';
import { fail, type CommandResult } from '../errors.ts';

const notYet = (action: string): CommandResult => fail('NotImplemented', `${action} is being built (issue 6).`);

export function createCapacityProvider(_ctx: EngineContext, _raw: unknown): CommandResult {
  return notYet('ecs:CreateCapacityProvider');
}

export function updateCapacityProvider(_ctx: EngineContext, _raw: unknown): CommandResult {
  return notYet('ecs:UpdateCapacityProvider');
}

export function deleteCapacityProvider(_ctx: EngineContext, _raw: unknown): CommandResult {
  return notYet('ecs:DeleteCapacityProvider');
}

export function describeCapacityProviders(_ctx: EngineContext, _raw: unknown): CommandResult {
  return notYet('ecs:DescribeCapacityProviders');
}

export function putClusterCapacityProviders(_ctx: EngineContext, _raw: unknown): CommandResult {
  return notYet('ecs:PutClusterCapacityProviders');
}
