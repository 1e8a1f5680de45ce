/** Placeholder replaced below. */
import type { EngineContext } from '../context.ts';
import type { CapacityProviderRecord } from './model.ts';
export function syncProtection(_ctx: EngineContext, _provider: CapacityProviderRecord): void {}
