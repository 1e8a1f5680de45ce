/**
 * ECS's EventBridge events ("ECS Task State Change", "ECS Deployment State Change", "ECS Service
 * Action"), in the envelope EventBridge delivers (ECS Developer Guide, ecs_cwe_events). They ride
 * on the sandbox's event log (SimEvent.eventBridge), so the UI, scenario objectives and later the
 * EventBridge rules of issue 7 read one stream. The envelope id is derived from the log's sequence
 * number, so a seed reproduces it.
 */
import type { EventBridgeEvent } from '../../protocol.ts';
import { ACCOUNT_ID, REGION, isoAt } from '../ids/arn.ts';

export type EcsDetailType = EventBridgeEvent['detail-type'];

/** What a producer gives; emit() wraps it in the envelope with the time and a deterministic id. */
export interface EventBridgeDraft {
  detailType: EcsDetailType;
  resources: string[];
  detail: Record<string, unknown>;
}

export function eventBridgeEnvelope(draft: EventBridgeDraft, sequence: number, virtualMs: number): EventBridgeEvent {
  const hex = sequence.toString(16).padStart(12, '0');
  return {
    version: '0',
    id: `00000000-0000-4000-8000-${hex}`,
    'detail-type': draft.detailType,
    source: 'aws.ecs',
    account: ACCOUNT_ID,
    time: isoAt(virtualMs).replace(/\.\d{3}Z$/, 'Z'),
    region: REGION,
    resources: draft.resources,
    detail: draft.detail,
  };
}
