/**
 * Faults, Spot and ECS Anywhere (issue 6, owner: the faults/Spot/external/cost helper).
 * PLACEHOLDER handlers: each answers NotImplemented until its owner replaces it.
 */
import type { EngineContext } from '../context.ts';
import { fail, type CommandResult } from '../errors.ts';

const notYet = (action: string): CommandResult => fail('NotImplemented', `${action} is being built (issue 6).`);

export function interruptSpot(_ctx: EngineContext, _raw: unknown): CommandResult {
  return notYet('sim:InterruptSpot');
}

export function setSpotMarket(_ctx: EngineContext, _raw: unknown): CommandResult {
  return notYet('sim:SetSpotMarket');
}

export function failAvailabilityZone(_ctx: EngineContext, _raw: unknown): CommandResult {
  return notYet('sim:FailAvailabilityZone');
}

export function restoreAvailabilityZone(_ctx: EngineContext, _raw: unknown): CommandResult {
  return notYet('sim:RestoreAvailabilityZone');
}

export function disconnectAgent(_ctx: EngineContext, _raw: unknown): CommandResult {
  return notYet('sim:DisconnectAgent');
}

export function reconnectAgent(_ctx: EngineContext, _raw: unknown): CommandResult {
  return notYet('sim:ReconnectAgent');
}

export function registerExternalInstance(_ctx: EngineContext, _raw: unknown): CommandResult {
  return notYet('sim:RegisterExternalInstance');
}
