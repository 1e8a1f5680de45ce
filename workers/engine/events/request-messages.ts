/**
 * EventBridge's error codes and texts for the rule and target requests (rule-requests.ts,
 * target-requests.ts, input-transformer.ts), in one place. Each says where it comes from;
 * "UNCONFIRMED" marks a text no real AWS answer was found for, "Sandbox" one AWS has no equivalent of.
 */
import type { AwsError } from '../../protocol.ts';

export type EventsError = AwsError;

export const validation = (message: string): EventsError => ({ code: 'ValidationException', message });
export const notFound = (message: string): EventsError => ({ code: 'ResourceNotFoundException', message });

/** Quotas: 300 rules per event bus, 5 targets per rule, 10 targets per PutTargets call (PutTargets API reference; ecs-reference §15). */
export const RULES_PER_BUS = 300;
export const TARGETS_PER_RULE = 5;
export const TARGETS_PER_REQUEST = 10;

/** Name / Id constraint of the API model: 1-64 characters of [.\-_A-Za-z0-9] (PutRule Name, Target Id). */
export const NAME_PATTERN_TEXT = '[\\.\\-_A-Za-z0-9]+';
export const NAME_RE = /^[.\-_A-Za-z0-9]+$/;
export const NAME_MAX = 64;

export const MESSAGES = {
  /** AWS's request-validation format (the "1 validation error detected" texts every AWS JSON API answers). */
  patternConstraint: (value: string, field: string) =>
    `1 validation error detected: Value '${value}' at '${field}' failed to satisfy constraint: Member must satisfy regular expression pattern: ${NAME_PATTERN_TEXT}`,
  maxLength: (value: string, field: string, max: number) =>
    `1 validation error detected: Value '${value}' at '${field}' failed to satisfy constraint: Member must have length less than or equal to ${max}`,
  minLength: (field: string, min: number) =>
    `1 validation error detected: Value at '${field}' failed to satisfy constraint: Member must have length greater than or equal to ${min}`,
  enumConstraint: (value: string, field: string, values: readonly string[]) =>
    `1 validation error detected: Value '${value}' at '${field}' failed to satisfy constraint: Member must satisfy enum value set: [${values.join(', ')}]`,
  /** As moto and LocalStack answer PutRule with neither field (UNCONFIRMED against AWS, but both emulators agree). */
  patternOrSchedule: () => 'Parameter(s) EventPattern or ScheduleExpression must be specified.',
  /** moto and LocalStack (UNCONFIRMED against AWS). */
  scheduleOnDefaultBusOnly: () => 'ScheduleExpression is supported only on the default event bus.',
  /** AWS: real PutTargets / DescribeRule answers quoted in error reports (terraform, Pulumi). */
  ruleNotFound: (name: string, bus: string) => `Rule ${name} does not exist on EventBus ${bus}.`,
  /** AWS: the text terraform-provider-aws retries on when deleting a rule. */
  ruleHasTargets: () => "Rule can't be deleted since it has targets.",
  /** The LimitExceededException text (AWS's documented description of the exception; LocalStack answers it for 5 targets). UNCONFIRMED for the rules quota. */
  limitExceeded: () => 'The requested resource exceeds the maximum number allowed.',
  /** AWS: real PutTargets answers for CodePipeline / Step Functions targets; UNCONFIRMED that ECS targets use the same text. */
  roleArnRequired: (targetArn: string) => `RoleArn is required for target ${targetArn}.`,
  /** moto and LocalStack (UNCONFIRMED against AWS). */
  arnFormat: (arn: string) => `Parameter ${arn} is not valid. Reason: Provided Arn is not in correct format.`,
  /** UNCONFIRMED: AWS documents the three as mutually exclusive; this wording is the sandbox's. */
  inputExclusive: (id: string) => `Target ${id}: Input, InputPath, and InputTransformer are mutually exclusive; give at most one.`,
  /** UNCONFIRMED wording (moto/LocalStack use the same shape for FIFO SqsParameters). */
  parameterRequired: (parameter: string, id: string) => `Parameter(s) ${parameter} must be specified for target: ${id}.`,
  /** LocalStack's RemoveTargets FailedEntries text for an unknown Id (UNCONFIRMED against AWS). */
  noSuchTarget: (rule: string, id: string) => `Rule '${rule}' does not have a target with the Id '${id}'.`,
} as const;
