/**
 * Validation of an `autoscaling:CreateAutoScalingGroup` request (pure; groundwork for issue 6, not
 * registered as an action). Returns the request with AWS's defaults filled, or AWS's
 * ValidationError. Existence checks (name taken, launch template or subnet unknown) need state and
 * belong to the action handler.
 *
 * Message sources (each CONFIRMED one is quoted by real users or SDK code reporting AWS's answer):
 * - "Max bound, 3, must be greater than or equal to min bound, 5" — CONFIRMED (boto3 client code
 *   parsing UpdateAutoScalingGroup's ValidationError).
 * - "Desired capacity:0 must be between the specified min size:1 and max size:9" — CONFIRMED
 *   (CloudFormation / SDK error reports, Error Code: ValidationError).
 * - "At least one Availability Zone or VPC Subnet is required." — CONFIRMED (Terraform users).
 * - "Valid requests must contain either LaunchTemplate, LaunchConfigurationName, InstanceId or
 *   MixedInstancesPolicy parameter." — CONFIRMED for none given; used also for two given
 *   (UNCONFIRMED for that case).
 * - "Valid requests must contain either launchTemplateId or LaunchTemplateName" — CONFIRMED, for
 *   neither and for both (Terraform provider comments: giving both is refused with this text).
 * - Missing/invalid member texts follow AWS's generic "1 validation error detected: Value … at '…'
 *   failed to satisfy constraint: …" form — UNCONFIRMED for Auto Scaling specifically.
 * Defaults (API Reference CreateAutoScalingGroup; ecs-reference §7): DesiredCapacity = MinSize;
 * DefaultCooldown 300 s; HealthCheckGracePeriod 0 s through the API (the console's 300 s is a
 * console default — ecs-reference §7); LaunchTemplate Version "$Default";
 * TerminationPolicies ["Default"]; NewInstancesProtectedFromScaleIn false.
 */
import { TERMINATION_POLICIES, type TerminationPolicy } from './termination.ts';

export const DEFAULT_COOLDOWN_SECONDS = 300;
export const API_DEFAULT_HEALTH_CHECK_GRACE_PERIOD_SECONDS = 0;
export const CONSOLE_DEFAULT_HEALTH_CHECK_GRACE_PERIOD_SECONDS = 300;

export interface LaunchTemplateSpecification {
  launchTemplateId?: string;
  launchTemplateName?: string;
  /** A number as a string, "$Latest" or "$Default". */
  version: string;
}

export interface AutoScalingGroupRequest {
  autoScalingGroupName: string;
  minSize: number;
  maxSize: number;
  desiredCapacity: number;
  availabilityZones: string[];
  /** Subnet ids from the comma-separated VPCZoneIdentifier. */
  subnetIds: string[];
  launchTemplate?: LaunchTemplateSpecification;
  mixedInstancesPolicy?: MixedInstancesPolicySpec;
  healthCheckGracePeriodSeconds: number;
  defaultCooldownSeconds: number;
  newInstancesProtectedFromScaleIn: boolean;
  terminationPolicies: TerminationPolicy[];
}

/**
 * A MixedInstancesPolicy: its launch template, the instance types that override the template's, and
 * its InstancesDistribution (API reference defaults: OnDemandBaseCapacity 0,
 * OnDemandPercentageAboveBaseCapacity 100 — all On-Demand unless told otherwise).
 */
export interface MixedInstancesPolicySpec {
  launchTemplate: LaunchTemplateSpecification;
  instanceTypeOverrides: string[];
  onDemandBaseCapacity: number;
  onDemandPercentageAboveBaseCapacity: number;
}

export type AsgRequestResult =
  | { ok: true; value: AutoScalingGroupRequest }
  | { ok: false; error: { code: 'ValidationError'; message: string } };

type Fields = Record<string, unknown>;

class Refusal {
  constructor(readonly message: string) {}
}

export function validateCreateAutoScalingGroup(input: unknown): AsgRequestResult {
  try {
    return { ok: true, value: parse(input) };
  } catch (caught) {
    if (caught instanceof Refusal) return { ok: false, error: { code: 'ValidationError', message: caught.message } };
    return { ok: false, error: { code: 'ValidationError', message: `Request could not be read: ${String(caught)}` } };
  }
}

function parse(input: unknown): AutoScalingGroupRequest {
  if (!isObject(input)) throw new Refusal('The request must be an object of CreateAutoScalingGroup parameters');
  const name = groupName(input['AutoScalingGroupName']);
  const minSize = size(input, 'MinSize');
  const maxSize = size(input, 'MaxSize');
  if (maxSize < minSize) throw new Refusal(`Max bound, ${maxSize}, must be greater than or equal to min bound, ${minSize}`);
  const desiredCapacity = input['DesiredCapacity'] === undefined ? minSize : size(input, 'DesiredCapacity');
  if (desiredCapacity < minSize || desiredCapacity > maxSize) {
    throw new Refusal(`Desired capacity:${desiredCapacity} must be between the specified min size:${minSize} and max size:${maxSize}`);
  }
  const { availabilityZones, subnetIds } = placement(input);
  const source = launchSource(input);
  return {
    autoScalingGroupName: name,
    minSize,
    maxSize,
    desiredCapacity,
    availabilityZones,
    subnetIds,
    ...source,
    healthCheckGracePeriodSeconds: seconds(input, 'HealthCheckGracePeriod', API_DEFAULT_HEALTH_CHECK_GRACE_PERIOD_SECONDS),
    defaultCooldownSeconds: seconds(input, 'DefaultCooldown', DEFAULT_COOLDOWN_SECONDS),
    newInstancesProtectedFromScaleIn: flag(input, 'NewInstancesProtectedFromScaleIn'),
    terminationPolicies: terminationPolicies(input['TerminationPolicies']),
  };
}

function groupName(value: unknown): string {
  if (value === undefined || value === null) throw new Refusal(notNull('autoScalingGroupName'));
  if (typeof value !== 'string' || value.length < 1 || value.length > 255) {
    throw new Refusal(
      `1 validation error detected: Value '${String(value)}' at 'autoScalingGroupName' failed to satisfy constraint: Member must have length between 1 and 255`,
    );
  }
  return value;
}

function size(input: Fields, key: 'MinSize' | 'MaxSize' | 'DesiredCapacity'): number {
  const value = input[key];
  const member = key.charAt(0).toLowerCase() + key.slice(1);
  if (value === undefined || value === null) throw new Refusal(notNull(member));
  if (!Number.isInteger(value) || (value as number) < 0) {
    throw new Refusal(`1 validation error detected: Value '${String(value)}' at '${member}' failed to satisfy constraint: Member must be a whole number ≥ 0`);
  }
  return value as number;
}

function seconds(input: Fields, key: string, fallback: number): number {
  const value = input[key];
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || (value as number) < 0) {
    throw new Refusal(`${key} must be a whole number of seconds ≥ 0, got ${JSON.stringify(value)}`);
  }
  return value as number;
}

function flag(input: Fields, key: string): boolean {
  const value = input[key];
  if (value === undefined) return false;
  if (typeof value !== 'boolean') throw new Refusal(`${key} must be true or false, got ${JSON.stringify(value)}`);
  return value;
}

function placement(input: Fields): { availabilityZones: string[]; subnetIds: string[] } {
  const zonesValue = input['AvailabilityZones'];
  if (zonesValue !== undefined && !(Array.isArray(zonesValue) && zonesValue.every((zone) => typeof zone === 'string' && zone !== ''))) {
    throw new Refusal(`AvailabilityZones must be a list of zone names, got ${JSON.stringify(zonesValue)}`);
  }
  const vpcValue = input['VPCZoneIdentifier'];
  if (vpcValue !== undefined && typeof vpcValue !== 'string') {
    throw new Refusal(`VPCZoneIdentifier must be a comma-separated string of subnet IDs, got ${JSON.stringify(vpcValue)}`);
  }
  const availabilityZones = [...new Set((zonesValue as string[] | undefined) ?? [])];
  const subnetIds = [...new Set((vpcValue ?? '').split(',').map((id) => id.trim()).filter((id) => id !== ''))];
  if (availabilityZones.length === 0 && subnetIds.length === 0) {
    throw new Refusal('At least one Availability Zone or VPC Subnet is required.');
  }
  return { availabilityZones, subnetIds };
}

const LAUNCH_SOURCE_MESSAGE =
  'Valid requests must contain either LaunchTemplate, LaunchConfigurationName, InstanceId or MixedInstancesPolicy parameter.';

function launchSource(input: Fields): Pick<AutoScalingGroupRequest, 'launchTemplate' | 'mixedInstancesPolicy'> {
  const given = ['LaunchTemplate', 'LaunchConfigurationName', 'InstanceId', 'MixedInstancesPolicy'].filter((key) => input[key] !== undefined);
  if (given.length !== 1) throw new Refusal(LAUNCH_SOURCE_MESSAGE);
  if (given[0] === 'LaunchConfigurationName' || given[0] === 'InstanceId') {
    // Sandbox limit, not AWS's: launch configurations are legacy and the sandbox models templates only.
    throw new Refusal(`${given[0]} is not supported by the sandbox; use LaunchTemplate or MixedInstancesPolicy`);
  }
  if (given[0] === 'LaunchTemplate') return { launchTemplate: launchTemplateSpecification(input['LaunchTemplate']) };
  return { mixedInstancesPolicy: mixedInstancesPolicy(input['MixedInstancesPolicy']) };
}

function launchTemplateSpecification(value: unknown): LaunchTemplateSpecification {
  if (!isObject(value)) throw new Refusal('Valid requests must contain either launchTemplateId or LaunchTemplateName');
  const id = value['LaunchTemplateId'];
  const name = value['LaunchTemplateName'];
  const hasId = typeof id === 'string' && id !== '';
  const hasName = typeof name === 'string' && name !== '';
  if (hasId === hasName) throw new Refusal('Valid requests must contain either launchTemplateId or LaunchTemplateName');
  const version = value['Version'] ?? '$Default';
  if (typeof version !== 'string' || !/^(\$Latest|\$Default|[1-9][0-9]*)$/.test(version)) {
    // Wording UNCONFIRMED.
    throw new Refusal(`LaunchTemplate Version must be a version number, "$Latest" or "$Default", got ${JSON.stringify(version)}`);
  }
  return hasId ? { launchTemplateId: id as string, version } : { launchTemplateName: name as string, version };
}

function mixedInstancesPolicy(value: unknown): MixedInstancesPolicySpec {
  const launchTemplate = isObject(value) ? value['LaunchTemplate'] : undefined;
  const specification = isObject(launchTemplate) ? launchTemplate['LaunchTemplateSpecification'] : undefined;
  if (!isObject(specification)) {
    // Wording UNCONFIRMED.
    throw new Refusal('MixedInstancesPolicy must contain LaunchTemplate.LaunchTemplateSpecification');
  }
  const overrides = (launchTemplate as Fields)['Overrides'] ?? [];
  if (!Array.isArray(overrides) || !overrides.every((o) => isObject(o) && (o['InstanceType'] === undefined || typeof o['InstanceType'] === 'string'))) {
    throw new Refusal('MixedInstancesPolicy LaunchTemplate.Overrides must be a list of {InstanceType}');
  }
  const instanceTypeOverrides = overrides.map((o) => (o as Fields)['InstanceType']).filter((t): t is string => typeof t === 'string');
  const distribution = isObject(value) ? value['InstancesDistribution'] : undefined;
  if (distribution !== undefined && !isObject(distribution)) throw new Refusal('MixedInstancesPolicy InstancesDistribution must be an object');
  const base = distributionNumber(distribution, 'OnDemandBaseCapacity', 0, Infinity);
  const percent = distributionNumber(distribution, 'OnDemandPercentageAboveBaseCapacity', 100, 100);
  return { launchTemplate: launchTemplateSpecification(specification), instanceTypeOverrides, onDemandBaseCapacity: base, onDemandPercentageAboveBaseCapacity: percent };
}

function distributionNumber(distribution: Fields | undefined, key: string, fallback: number, max: number): number {
  const value = distribution?.[key];
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || (value as number) < 0 || (value as number) > max) {
    // Wording UNCONFIRMED.
    throw new Refusal(`InstancesDistribution ${key} must be a whole number from 0${max === Infinity ? '' : ` to ${max}`}, got ${JSON.stringify(value)}`);
  }
  return value as number;
}

function terminationPolicies(value: unknown): TerminationPolicy[] {
  if (value === undefined) return ['Default'];
  if (!Array.isArray(value)) throw new Refusal(`TerminationPolicies must be a list, got ${JSON.stringify(value)}`);
  for (const policy of value) {
    if (!TERMINATION_POLICIES.includes(policy as TerminationPolicy)) {
      // Wording UNCONFIRMED.
      throw new Refusal(`Unknown termination policy ${JSON.stringify(policy)}; valid: ${TERMINATION_POLICIES.join(', ')}`);
    }
  }
  return value.length === 0 ? ['Default'] : [...(value as TerminationPolicy[])];
}

function notNull(member: string): string {
  return `1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`;
}

function isObject(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
