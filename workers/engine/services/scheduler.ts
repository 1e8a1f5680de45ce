/**
 * The service scheduler (being written for issue 5): kickService asks for a reconcile pass of a
 * service at the current virtual time. Placeholder until the scheduler lands.
 */
import type { EngineContext } from '../context.ts';
import type { ServiceRecord } from './model.ts';

export function kickService(_ctx: EngineContext, _service: ServiceRecord): void {}
