/**
 * One short phrase per EventBridge event, for the event-log lines of rules ("Rule stopped-tasks
 * matched an ECS Task State Change: task 3f2a1b0c… STOPPED — Essential container in task exited").
 */
import type { EventBridgeEvent } from '../../protocol.ts';
import { idOfArn } from '../ids/arn.ts';

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const short = (arn: string | undefined): string => (arn === undefined ? '?' : `${idOfArn(arn).slice(0, 8)}…`);

export function eventSummary(event: EventBridgeEvent): string {
  const d = event.detail;
  switch (event['detail-type']) {
    case 'ECS Task State Change': {
      const reason = str(d.stoppedReason);
      return `task ${short(str(d.taskArn))} ${str(d.lastStatus) ?? ''}${reason !== undefined && d.lastStatus === 'STOPPED' ? ` — ${reason}` : ''}`;
    }
    case 'ECS Deployment State Change':
      return `${idOfArn(event.resources[0] ?? '')} ${str(d.eventName) ?? ''}${str(d.reason) ? ` — ${str(d.reason)}` : ''}`;
    case 'ECS Service Action':
      return `${idOfArn(event.resources[0] ?? '')} ${str(d.eventName) ?? ''}`;
    case 'ECS Container Instance State Change':
      return `container instance ${short(str(d.containerInstanceArn) ?? event.resources[0])} ${str(d.status) ?? ''}${d.agentConnected === false ? ' (agent disconnected)' : ''}`;
    case 'Object Created': {
      const bucket = (d.bucket as { name?: string } | undefined)?.name ?? '?';
      const object = d.object as { key?: string; size?: number } | undefined;
      return `s3://${bucket}/${object?.key ?? '?'} (${object?.size ?? 0} bytes)`;
    }
    case 'Scheduled Event':
      return `the schedule of ${idOfArn(event.resources[0] ?? '')}`;
  }
}

/** "an ECS Task State Change", "an Object Created" — the article the detail type reads with. */
export function detailTypeWithArticle(event: EventBridgeEvent): string {
  const type = event['detail-type'];
  return `${/^[AEIOU]/.test(type) ? 'an' : 'a'} ${type}`;
}
