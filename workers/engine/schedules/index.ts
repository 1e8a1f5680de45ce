/**
 * Schedule expressions (rate, 6-field cron, at) as EventBridge rules and Application Auto Scaling
 * scheduled actions take them, evaluated on the virtual clock. Pure: no engine state, no wall time.
 */
export {
  AAS_INVALID_SCHEDULE,
  EVENTBRIDGE_INVALID_SCHEDULE,
  parseScheduleExpression,
  type AtSchedule,
  type CronSchedule,
  type RateSchedule,
  type Schedule,
  type ScheduleDialect,
  type ScheduleParseResult,
} from './expression.ts';
export { nextFireAfter, toEpochMs, toVirtualMs, type FireOptions } from './next-fire.ts';
export { describeSchedule } from './describe.ts';
export { parseFixedTimezone, type TimezoneResult } from './timezone.ts';
