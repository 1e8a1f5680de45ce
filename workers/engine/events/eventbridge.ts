/**
 * ECS's EventBridge events ("ECS Task State Change", "ECS Deployment State Change", "ECS Service
 * Action"), in the envelope EventBridge delivers (ECS Developer Guide, ecs_cwe_events). They ride
 * on the sandbox's event log (SimEvent.eventBridge), so the UI, scenario objectives and later the
 * EventBridge rules of issue 7 read one stream. The envelope id is derived from the log's sequence
 * number, so a seed reproduces it.
 */
import type { EventBridgeEvent, SimEvent } from '../../protocol.ts';
import type { EngineContext } from '../context.ts';
import { ACCOUNT_ID, REGION, isoAt } from '../ids/arn.ts';

export type EcsDetailType = EventBridgeEvent['detail-type'];

/** What a producer gives; emit() wraps it in the envelope with the time and a deterministic id. */
export interface EventBridgeDraft {
  detailType: EcsDetailType;
  /** aws.ecs unless given (S3's "Object Created" is aws.s3, events/s3-events.ts). */
  source?: EventBridgeEvent['source'];
  resources: string[];
  detail: Record<string, unknown>;
}

export function eventBridgeEnvelope(draft: EventBridgeDraft, sequence: number, virtualMs: number): EventBridgeEvent {
  const hex = sequence.toString(16).padStart(12, '0');
  return {
    version: '0',
    id: `00000000-0000-4000-8000-${hex}`,
    'detail-type': draft.detailType,
    source: draft.source ?? 'aws.ecs',
    account: ACCOUNT_ID,
    time: isoAt(virtualMs).replace(/\.\d{3}Z$/, 'Z'),
    region: REGION,
    resources: draft.resources,
    detail: draft.detail,
  };
}

/**
 * Who reads the event log as it is written: the EventBridge rules (events/rule-delivery.ts), which
 * load with their commands while emit() is in the worker's first chunk, so they meet through this
 * hook (as services/cluster-changes.ts does for instances). One listener per owner; each returns at
 * once when it has nothing to do, so the core pays one empty loop per line when no rule exists.
 */
type EventLogListener = (ctx: EngineContext, event: SimEvent) => void;

const eventLogListeners = new Map<string, EventLogListener>();

export function provideEventLogListener(owner: string, listener: EventLogListener): void {
  eventLogListeners.set(owner, listener);
}

/** Called by emit() after each line is appended (engine.ts). */
export function eventLogged(ctx: EngineContext, event: SimEvent): void {
  for (const listener of eventLogListeners.values()) listener(ctx, event);
}
