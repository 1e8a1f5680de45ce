/**
 * CloudWatch alarms (issue 6 for Auto Scaling policies; issue 7 extends), owner: the EC2 capacity helper.
 * PLACEHOLDER handlers: each answers NotImplemented until its owner replaces it.
 */
import type { EngineContext } from '../context.ts';
import { fail, type CommandResult } from '../errors.ts';

const notYet = (action: string): CommandResult => fail('NotImplemented', `${action} is being built (issue 6).`);

export function putMetricAlarm(_ctx: EngineContext, _raw: unknown): CommandResult {
  return notYet('cloudwatch:PutMetricAlarm');
}

export function describeAlarms(_ctx: EngineContext, _raw: unknown): CommandResult {
  return notYet('cloudwatch:DescribeAlarms');
}

export function deleteAlarms(_ctx: EngineContext, _raw: unknown): CommandResult {
  return notYet('cloudwatch:DeleteAlarms');
}

export function setServiceLoad(_ctx: EngineContext, _raw: unknown): CommandResult {
  return notYet('sim:SetServiceLoad');
}
