/**
 * Request checks for Application Auto Scaling scheduled actions on ECS services: PutScheduledAction,
 * DeleteScheduledAction, DescribeScheduledActions. Pure, never throws; see requests.ts for the shape
 * of checkers and request-messages.ts for the texts.
 *
 * AWS facts (API reference PutScheduledAction / ScalableTargetAction / DescribeScheduledActions;
 * AASUG scheduled scaling; ecs-reference §8):
 * - Schedule: at(yyyy-mm-ddThh:mm:ss), rate(value unit), cron(6 fields) — parsed by
 *   schedules/expression.ts (dialect 'application-autoscaling'); the refusal is AWS's text
 *   (AAS_INVALID_SCHEDULE) followed by the sandbox's explanation.
 * - Timezone: IANA name, default UTC; the sandbox honours fixed offsets only (schedules/timezone.ts).
 * - StartTime / EndTime: timestamps, UTC (JSON: epoch seconds; the CLI also sends ISO 8601 text).
 * - ScalableTargetAction: MinCapacity and/or MaxCapacity ("You can set both values or just one").
 * - ScheduledActionName: 1–256 characters, unique per scalable target; pattern (API reference)
 *   `(?!((^[ ]+.*)|(.*([\u0000-\u001f]|[\u007f-\u009f]|[:/|])+.*)|(.*[ ]+$))).+` — no colon, slash or
 *   bar, no control characters, no leading or trailing space.
 * - Updating: parameters not given keep their values (as RegisterScalableTarget; UNCONFIRMED for
 *   PutScheduledAction). 200 scheduled actions per scalable target (LimitExceededException).
 * - DescribeScheduledActions MaxResults 1–50, default 50.
 */
import { parseScheduleExpression, parseFixedTimezone, toVirtualMs, type Schedule } from '../schedules/index.ts';
import {
  constraintViolation,
  MAX_SCHEDULED_ACTIONS_PER_TARGET,
  minAboveMax,
  noScheduledActionFound,
  noTargetRegistered,
  notNull,
  SCHEDULED_MIN_OR_MAX_REQUIRED,
  scheduledActionLimit,
  type AasResult,
} from './request-messages.ts';
import {
  checkDimension,
  checkNamespace,
  checkPage,
  checkResourceId,
  checkTargetKey,
  countMember,
  guard,
  isObject,
  refuse,
  requestObject,
  stringList,
  stringMember,
  type EcsTargetKey,
  type Fields,
  type Page,
  type RegisteredTarget,
} from './requests.ts';

/** A scheduled action as the engine keeps it (request field names; times in epoch seconds). */
export interface StoredScheduledAction {
  ScheduledActionName: string;
  Schedule: string;
  Timezone?: string;
  StartTime?: number;
  EndTime?: number;
  ScalableTargetAction: { MinCapacity?: number; MaxCapacity?: number };
}

export interface ScheduledActionContext {
  target(resourceId: string): RegisteredTarget | undefined;
  /** The scheduled actions already on the target. */
  scheduledActions(resourceId: string): readonly StoredScheduledAction[];
}

export interface PutScheduledActionValue extends EcsTargetKey, StoredScheduledAction {
  Timezone: string;
  isNew: boolean;
  /** The parsed Schedule, for nextFireAfter. */
  schedule: Schedule;
  /** Fixed offset of Timezone, east positive (nextFireAfter's utcOffsetMinutes). */
  utcOffsetMinutes: number;
  /** StartTime / EndTime on the virtual clock (nextFireAfter's startMs / endMs). */
  startMs?: number;
  endMs?: number;
}

const NAME_PATTERN = '(?!((^[ ]+.*)|(.*([\\u0000-\\u001f]|[\\u007f-\\u009f]|[:/|])+.*)|(.*[ ]+$))).+';
// eslint-disable-next-line no-control-regex
const NAME_FORBIDDEN = /(^ )|([\u0000-\u001f\u007f-\u009f:/|])|( $)/;

function actionName(input: Fields): string {
  const name = stringMember(input, 'ScheduledActionName', { required: true, max: 256 }) as string;
  if (NAME_FORBIDDEN.test(name)) {
    refuse(`${constraintViolation(name, 'scheduledActionName', `Member must satisfy regular expression pattern: ${NAME_PATTERN}`)} (no ':', '/' or '|', no leading or trailing space)`);
  }
  return name;
}

/** A timestamp in epoch seconds (number) or ISO 8601 text → epoch seconds. */
function timestamp(input: Fields, key: 'StartTime' | 'EndTime'): number | undefined {
  const value = input[key];
  if (value === undefined || value === null) return undefined;
  const seconds = typeof value === 'number' ? value : typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value) ? Date.parse(value) / 1000 : NaN;
  if (!Number.isFinite(seconds) || seconds < 0 || seconds > 253402300799) {
    // UNCONFIRMED wording.
    refuse(constraintViolation(value, key.charAt(0).toLowerCase() + key.slice(1), 'Member must be a timestamp: epoch seconds or ISO 8601 such as 2026-03-01T09:00:00Z'));
  }
  return seconds;
}

function targetAction(value: unknown): { MinCapacity?: number; MaxCapacity?: number } {
  if (value === undefined || value === null) return {};
  if (!isObject(value)) return refuse(constraintViolation(value, 'scalableTargetAction', 'Member must be an object of MinCapacity and/or MaxCapacity'));
  const min = countMember(value, 'MinCapacity', 'scalableTargetAction.minCapacity');
  const max = countMember(value, 'MaxCapacity', 'scalableTargetAction.maxCapacity');
  return { ...(min === undefined ? {} : { MinCapacity: min }), ...(max === undefined ? {} : { MaxCapacity: max }) };
}

export function checkPutScheduledAction(raw: unknown, context: ScheduledActionContext): AasResult<PutScheduledActionValue> {
  return guard(() => {
    const input = requestObject(raw, 'PutScheduledAction');
    const ScheduledActionName = actionName(input);
    const key = checkTargetKey(input);
    if (!context.target(key.ResourceId)) refuse(noTargetRegistered(key.ResourceId), 'ObjectNotFoundException');
    const existingActions = context.scheduledActions(key.ResourceId);
    const existing = existingActions.find((a) => a.ScheduledActionName === ScheduledActionName);

    const scheduleText = input['Schedule'] ?? existing?.Schedule;
    // UNCONFIRMED: AWS requires Schedule when the action is created (the member is optional for updates).
    if (scheduleText === undefined || scheduleText === null) refuse(notNull('schedule'));
    const parsed = parseScheduleExpression(scheduleText, { dialect: 'application-autoscaling' });
    if (!parsed.ok) return refuse(`${parsed.awsMessage} ${parsed.message}`);

    const Timezone = stringMember(input, 'Timezone', { required: false, max: 1600 }) ?? existing?.Timezone ?? 'UTC';
    const zone = parseFixedTimezone(Timezone);
    if (!zone.ok) return refuse(zone.message); // Sandbox message: AWS takes any IANA zone

    const StartTime = timestamp(input, 'StartTime') ?? existing?.StartTime;
    const EndTime = timestamp(input, 'EndTime') ?? existing?.EndTime;
    if (StartTime !== undefined && EndTime !== undefined && EndTime < StartTime) {
      // UNCONFIRMED wording.
      refuse(`EndTime must be after StartTime: StartTime ${new Date(StartTime * 1000).toISOString()}, EndTime ${new Date(EndTime * 1000).toISOString()}`);
    }

    const given = targetAction(input['ScalableTargetAction']);
    const ScalableTargetAction = { ...existing?.ScalableTargetAction, ...given };
    if (ScalableTargetAction.MinCapacity === undefined && ScalableTargetAction.MaxCapacity === undefined) refuse(SCHEDULED_MIN_OR_MAX_REQUIRED);
    const { MinCapacity, MaxCapacity } = ScalableTargetAction;
    if (MinCapacity !== undefined && MaxCapacity !== undefined && MinCapacity > MaxCapacity) refuse(minAboveMax(MinCapacity, MaxCapacity));

    if (!existing && existingActions.length >= MAX_SCHEDULED_ACTIONS_PER_TARGET) refuse(scheduledActionLimit(key.ResourceId), 'LimitExceededException');
    return {
      ...key,
      ScheduledActionName,
      Schedule: scheduleText as string,
      Timezone,
      ...(StartTime === undefined ? {} : { StartTime, startMs: toVirtualMs(StartTime * 1000) }),
      ...(EndTime === undefined ? {} : { EndTime, endMs: toVirtualMs(EndTime * 1000) }),
      ScalableTargetAction,
      isNew: existing === undefined,
      schedule: parsed.schedule,
      utcOffsetMinutes: zone.offsetMinutes,
    };
  });
}

export type DeleteScheduledActionValue = EcsTargetKey & { ScheduledActionName: string };

/** DeleteScheduledAction: the action must exist on the target (ObjectNotFoundException). */
export function checkDeleteScheduledAction(raw: unknown, context: Pick<ScheduledActionContext, 'scheduledActions'>): AasResult<DeleteScheduledActionValue> {
  return guard(() => {
    const input = requestObject(raw, 'DeleteScheduledAction');
    const ScheduledActionName = stringMember(input, 'ScheduledActionName', { required: true, max: 1600 }) as string;
    const key = checkTargetKey(input);
    if (!context.scheduledActions(key.ResourceId).some((a) => a.ScheduledActionName === ScheduledActionName)) {
      refuse(noScheduledActionFound(key.ResourceId, ScheduledActionName), 'ObjectNotFoundException');
    }
    return { ...key, ScheduledActionName };
  });
}

export interface DescribeScheduledActionsValue extends Page {
  ServiceNamespace: 'ecs';
  ScheduledActionNames?: string[];
  ResourceId?: string;
  ScalableDimension?: 'ecs:service:DesiredCount';
}

/** DescribeScheduledActions: filters and MaxResults 1–50 (default 50). */
export function checkDescribeScheduledActions(raw: unknown): AasResult<DescribeScheduledActionsValue> {
  return guard(() => {
    const input = requestObject(raw, 'DescribeScheduledActions');
    const ServiceNamespace = checkNamespace(input['ServiceNamespace']);
    const ScheduledActionNames = stringList(input, 'ScheduledActionNames', 'scheduledActionNames');
    const ResourceId = input['ResourceId'] === undefined || input['ResourceId'] === null ? undefined : checkResourceId(input['ResourceId']).ResourceId;
    const ScalableDimension = checkDimension(input['ScalableDimension'], false);
    return {
      ServiceNamespace,
      ...(ScheduledActionNames ? { ScheduledActionNames } : {}),
      ...(ResourceId ? { ResourceId } : {}),
      ...(ScalableDimension ? { ScalableDimension } : {}),
      ...checkPage(input, 50),
    };
  });
}
