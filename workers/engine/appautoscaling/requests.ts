/**
 * Request checks of Application Auto Scaling for ECS services (pure groundwork for issue 7, not wired
 * to an action): RegisterScalableTarget, DeregisterScalableTarget, DescribeScalableTargets, and the
 * pieces policy-requests.ts and scheduled-requests.ts share (the target identity, pagination).
 *
 * Each checker is `(raw, context) → { ok: true, value } | { ok: false, error: { code, message } }` and
 * never throws; `context` is a small object the action handler fills from engine state, so nothing
 * here reads the engine. Texts and their sources: request-messages.ts.
 *
 * AWS facts (API reference RegisterScalableTarget, DescribeScalableTargets; ecs-reference §8):
 * - A target is identified by ServiceNamespace + ResourceId + ScalableDimension; for ECS: ecs,
 *   service/<cluster>/<service>, ecs:service:DesiredCount.
 * - "When you register a new scalable target, you must specify values for the minimum and maximum
 *   capacity"; to update one, "specify the parameters that you want to change … Any parameters that you
 *   don't specify are not changed." ECS services accept a minimum of 0.
 * - RoleARN defaults to the service-linked role AWSServiceRoleForApplicationAutoScaling_ECSService.
 * - DescribeScalableTargets MaxResults 1–50, default 50; NextToken pages.
 */
import { ACCOUNT_ID } from '../ids/arn.ts';
import {
  constraintViolation,
  ecsServiceDoesNotExist,
  enumViolation,
  INVALID_NEXT_TOKEN,
  lengthViolation,
  MIN_MAX_REQUIRED_FOR_NEW_TARGET,
  minAboveMax,
  noTargetFound,
  notNull,
  SANDBOX_ECS_ONLY,
  SCALABLE_DIMENSIONS,
  SERVICE_NAMESPACES,
  UNSUPPORTED_TARGET,
  type AasError,
  type AasErrorCode,
  type AasResult,
} from './request-messages.ts';

export const ECS_NAMESPACE = 'ecs';
export const ECS_DIMENSION = 'ecs:service:DesiredCount';
export const ECS_SERVICE_LINKED_ROLE_ARN = `arn:aws:iam::${ACCOUNT_ID}:role/aws-service-role/ecs.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_ECSService`;

export interface SuspendedState {
  DynamicScalingInSuspended: boolean;
  DynamicScalingOutSuspended: boolean;
  ScheduledScalingSuspended: boolean;
}

/** A registered scalable target as the engine holds it (what the context returns). */
export interface RegisteredTarget {
  MinCapacity: number;
  MaxCapacity: number;
  SuspendedState: SuspendedState;
  RoleARN: string;
}

/** The identity of an ECS service's scalable target, with the cluster and service read from it. */
export interface EcsTargetKey {
  ServiceNamespace: 'ecs';
  ScalableDimension: 'ecs:service:DesiredCount';
  ResourceId: string;
  cluster: string;
  service: string;
}

export type Fields = Record<string, unknown>;

/** Thrown inside the checkers and turned into an error value at their boundary (`guard`). */
export class Refusal {
  constructor(
    readonly code: AasErrorCode,
    readonly message: string,
  ) {}
}
export const refuse = (message: string, code: AasErrorCode = 'ValidationException'): never => {
  throw new Refusal(code, message);
};

/** Runs a checker body; any Refusal (or a bug) becomes an error value, never an exception. */
export function guard<T>(body: () => T): AasResult<T> {
  try {
    return { ok: true, value: body() };
  } catch (caught) {
    const error: AasError =
      caught instanceof Refusal ? { code: caught.code, message: caught.message } : { code: 'ValidationException', message: `Request could not be read: ${String(caught)}` };
    return { ok: false, error };
  }
}

export const isObject = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value);

export function requestObject(raw: unknown, action: string): Fields {
  if (!isObject(raw)) refuse(`The request must be an object of ${action} parameters`);
  return raw as Fields;
}

/** A required or optional string member with AWS's length limits. */
export function stringMember(input: Fields, key: string, options: { required: boolean; max?: number }): string | undefined {
  const member = key.charAt(0).toLowerCase() + key.slice(1);
  const value = input[key];
  if (value === undefined || value === null) return options.required ? refuse(notNull(member)) : undefined;
  if (typeof value !== 'string') return refuse(constraintViolation(value, member, 'Member must be a string'));
  if (value.length < 1 || value.length > (options.max ?? 1600)) refuse(lengthViolation(value, member, 1, options.max ?? 1600));
  return value;
}

export function booleanMember(input: Fields, key: string, member: string): boolean | undefined {
  const value = input[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') refuse(constraintViolation(value, member, 'Member must be a boolean (true or false)'));
  return value as boolean;
}

/** A whole number ≥ 0 (capacities, cooldowns); undefined when absent. */
export function countMember(input: Fields, key: string, member: string): number | undefined {
  const value = input[key];
  if (value === undefined || value === null) return undefined;
  if (!Number.isInteger(value) || (value as number) < 0) {
    refuse(constraintViolation(value, member, 'Member must be a whole number greater than or equal to 0')); // UNCONFIRMED rule text
  }
  return value as number;
}

/** ServiceNamespace: AWS's enum first, then the sandbox's ECS-only rule. */
export function checkNamespace(value: unknown): 'ecs' {
  if (value === undefined || value === null) refuse(notNull('serviceNamespace'));
  if (!SERVICE_NAMESPACES.includes(value as 'ecs')) refuse(`${enumViolation(value, 'serviceNamespace', SERVICE_NAMESPACES)}. ${SANDBOX_ECS_ONLY}`);
  if (value !== ECS_NAMESPACE) refuse(`ServiceNamespace '${String(value)}' is not simulated. ${SANDBOX_ECS_ONLY}`);
  return ECS_NAMESPACE;
}

export function checkDimension(value: unknown, required: boolean): 'ecs:service:DesiredCount' | undefined {
  if (value === undefined || value === null) return required ? refuse(notNull('scalableDimension')) : undefined;
  if (!SCALABLE_DIMENSIONS.includes(value as 'ecs:service:DesiredCount')) refuse(`${enumViolation(value, 'scalableDimension', SCALABLE_DIMENSIONS)}. ${SANDBOX_ECS_ONLY}`);
  if (value !== ECS_DIMENSION) refuse(`${UNSUPPORTED_TARGET}. ${SANDBOX_ECS_ONLY}`);
  return ECS_DIMENSION;
}

const ECS_RESOURCE_ID = /^service\/([^/]+)\/([^/]+)$/;

/** `service/<cluster>/<service>` → its parts, or AWS's refusal of an id of the wrong form. */
export function checkResourceId(value: unknown, member = 'resourceId'): { ResourceId: string; cluster: string; service: string } {
  if (value === undefined || value === null) refuse(notNull(member));
  if (typeof value !== 'string') refuse(constraintViolation(value, member, 'Member must be a string'));
  const id = value as string;
  if (id.length < 1 || id.length > 1600) refuse(lengthViolation(id, member, 1, 1600));
  const match = ECS_RESOURCE_ID.exec(id);
  if (!match) {
    refuse(`${UNSUPPORTED_TARGET}. An ECS service's ResourceId is service/<cluster-name>/<service-name>, e.g. service/default/web; got '${id}'.`);
  }
  return { ResourceId: id, cluster: match![1] as string, service: match![2] as string };
}

/** ServiceNamespace + ResourceId + ScalableDimension, all required (Register, Deregister, Put*, Delete*). */
export function checkTargetKey(input: Fields): EcsTargetKey {
  const ServiceNamespace = checkNamespace(input['ServiceNamespace']);
  const ids = checkResourceId(input['ResourceId']);
  const ScalableDimension = checkDimension(input['ScalableDimension'], true) as 'ecs:service:DesiredCount';
  return { ServiceNamespace, ScalableDimension, ...ids };
}

// ---------------------------------------------------------------------------------------------
// RegisterScalableTarget

export interface RegisterContext {
  /** Whether the ECS service named by `service/<cluster>/<service>` exists (and is not deleted). */
  serviceExists(resourceId: string): boolean;
  /** The target already registered for this resource id, if any. */
  target(resourceId: string): RegisteredTarget | undefined;
}

export interface RegisterScalableTargetValue extends EcsTargetKey, RegisteredTarget {
  /** False when this request updates an existing target. */
  isNew: boolean;
}

export function checkRegisterScalableTarget(raw: unknown, context: RegisterContext): AasResult<RegisterScalableTargetValue> {
  return guard(() => {
    const input = requestObject(raw, 'RegisterScalableTarget');
    const key = checkTargetKey(input);
    const min = countMember(input, 'MinCapacity', 'minCapacity');
    const max = countMember(input, 'MaxCapacity', 'maxCapacity');
    const RoleARN = stringMember(input, 'RoleARN', { required: false });
    const suspended = input['SuspendedState'];
    if (suspended !== undefined && suspended !== null && !isObject(suspended)) {
      refuse(constraintViolation(suspended, 'suspendedState', 'Member must be an object of DynamicScalingInSuspended, DynamicScalingOutSuspended, ScheduledScalingSuspended'));
    }
    const flags = (suspended ?? {}) as Fields;
    const given = {
      DynamicScalingInSuspended: booleanMember(flags, 'DynamicScalingInSuspended', 'suspendedState.dynamicScalingInSuspended'),
      DynamicScalingOutSuspended: booleanMember(flags, 'DynamicScalingOutSuspended', 'suspendedState.dynamicScalingOutSuspended'),
      ScheduledScalingSuspended: booleanMember(flags, 'ScheduledScalingSuspended', 'suspendedState.scheduledScalingSuspended'),
    };
    if (!context.serviceExists(key.ResourceId)) refuse(ecsServiceDoesNotExist(key.ResourceId));
    const existing = context.target(key.ResourceId);
    if (!existing && (min === undefined || max === undefined)) refuse(MIN_MAX_REQUIRED_FOR_NEW_TARGET);
    const MinCapacity = min ?? (existing as RegisteredTarget).MinCapacity;
    const MaxCapacity = max ?? (existing as RegisteredTarget).MaxCapacity;
    if (MinCapacity > MaxCapacity) refuse(minAboveMax(MinCapacity, MaxCapacity));
    const before = existing?.SuspendedState;
    return {
      ...key,
      MinCapacity,
      MaxCapacity,
      SuspendedState: {
        DynamicScalingInSuspended: given.DynamicScalingInSuspended ?? before?.DynamicScalingInSuspended ?? false,
        DynamicScalingOutSuspended: given.DynamicScalingOutSuspended ?? before?.DynamicScalingOutSuspended ?? false,
        ScheduledScalingSuspended: given.ScheduledScalingSuspended ?? before?.ScheduledScalingSuspended ?? false,
      },
      RoleARN: RoleARN ?? existing?.RoleARN ?? ECS_SERVICE_LINKED_ROLE_ARN,
      isNew: existing === undefined,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// DeregisterScalableTarget

export interface TargetLookup {
  target(resourceId: string): RegisteredTarget | undefined;
}

export function checkDeregisterScalableTarget(raw: unknown, context: TargetLookup): AasResult<EcsTargetKey> {
  return guard(() => {
    const key = checkTargetKey(requestObject(raw, 'DeregisterScalableTarget'));
    if (!context.target(key.ResourceId)) refuse(noTargetFound(key.ResourceId), 'ObjectNotFoundException');
    return key;
  });
}

// ---------------------------------------------------------------------------------------------
// Describe* filters and pagination

export interface Page {
  maxResults: number;
  /** Offset into the filtered list (decoded NextToken). */
  offset: number;
}

/** MaxResults (1…limit, default = limit) and NextToken (the sandbox's tokens are decimal offsets). */
export function checkPage(input: Fields, limit: number): Page {
  const value = input['MaxResults'];
  let maxResults = limit;
  if (value !== undefined && value !== null) {
    if (!Number.isInteger(value)) refuse(constraintViolation(value, 'maxResults', 'Member must be a whole number'));
    if ((value as number) < 1) refuse(constraintViolation(value, 'maxResults', 'Member must have value greater than or equal to 1'));
    if ((value as number) > limit) refuse(constraintViolation(value, 'maxResults', `Member must have value less than or equal to ${limit}`));
    maxResults = value as number;
  }
  const token = input['NextToken'];
  if (token === undefined || token === null) return { maxResults, offset: 0 };
  if (typeof token !== 'string' || !/^(0|[1-9]\d{0,8})$/.test(token)) refuse(INVALID_NEXT_TOKEN, 'InvalidNextTokenException');
  return { maxResults, offset: Number(token) };
}

/** One page of an already filtered, stably ordered list, in AWS's response shape. */
export function pageOf<T>(items: readonly T[], page: Page): AasResult<{ items: T[]; NextToken?: string }> {
  if (page.offset > items.length) return { ok: false, error: { code: 'InvalidNextTokenException', message: INVALID_NEXT_TOKEN } };
  const end = page.offset + page.maxResults;
  return { ok: true, value: { items: items.slice(page.offset, end), ...(end < items.length ? { NextToken: String(end) } : {}) } };
}

export function stringList(input: Fields, key: string, member: string, maxItems?: number): string[] | undefined {
  const value = input[key];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) return refuse(constraintViolation(value, member, 'Member must be a list of strings'));
  if (maxItems !== undefined && value.length > maxItems) refuse(constraintViolation(value, member, `Member must have length less than or equal to ${maxItems}`));
  for (const [i, item] of value.entries()) {
    if (typeof item !== 'string' || item.length < 1 || item.length > 1600) {
      refuse(constraintViolation(item, `${member}.${i + 1}.member`, 'Member must have length between 1 and 1600'));
    }
  }
  return [...(value as string[])];
}

export interface DescribeScalableTargetsValue extends Page {
  ServiceNamespace: 'ecs';
  /** Only these resource ids (any string: AWS filters, it does not validate them); undefined = all. */
  ResourceIds?: string[];
  ScalableDimension?: 'ecs:service:DesiredCount';
}

/** DescribeScalableTargets: MaxResults 1–50 (default 50). */
export function checkDescribeScalableTargets(raw: unknown): AasResult<DescribeScalableTargetsValue> {
  return guard(() => {
    const input = requestObject(raw, 'DescribeScalableTargets');
    const ServiceNamespace = checkNamespace(input['ServiceNamespace']);
    const ResourceIds = stringList(input, 'ResourceIds', 'resourceIds');
    const ScalableDimension = checkDimension(input['ScalableDimension'], false);
    return { ServiceNamespace, ...(ResourceIds ? { ResourceIds } : {}), ...(ScalableDimension ? { ScalableDimension } : {}), ...checkPage(input, 50) };
  });
}
