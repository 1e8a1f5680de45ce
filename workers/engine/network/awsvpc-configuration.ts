/**
 * RunTask's and CreateService's `networkConfiguration` for awsvpc tasks, checked as AWS checks it:
 * first the AWS CLI's own parameter validation (botocore: unknown members, missing `subnets`, wrong
 * types, every problem at once), then ECS's rules (API reference, AwsVpcConfiguration):
 * - `awsvpcConfiguration` is required ("Network Configuration must be provided …");
 * - `subnets` non-empty, at most 16, all in one VPC, each existing;
 * - `securityGroups` at most 5, each existing, in the subnets' VPC; none given → the VPC's default
 *   security group;
 * - `assignPublicIp` ENABLED or DISABLED (default DISABLED); ENABLED only on Fargate.
 * Duplicate ids are counted once, as the EC2 lookups behind ECS do.
 */
import type { AwsError } from '../../protocol.ts';
import { invalidTypeProblem } from '../commands/params.ts';
import { MESSAGES } from '../errors.ts';
import { didYouMean } from '../text.ts';
import { DEFAULT_NETWORK, defaultSecurityGroupOf, findSecurityGroup, findSubnet, type NetworkCatalog, type Subnet } from './default-vpc.ts';
import { NETWORK_MESSAGES } from './messages.ts';

export const MAX_SUBNETS = 16;
export const MAX_SECURITY_GROUPS = 5;

export type AssignPublicIp = 'ENABLED' | 'DISABLED';

export interface AwsvpcConfig {
  subnets: Subnet[];
  securityGroups: string[];
  assignPublicIp: AssignPublicIp;
}

export type AwsvpcCheck = { ok: true; config: AwsvpcConfig } | { ok: false; error: AwsError };

export interface AwsvpcCheckOptions {
  /** The request's launch type: ENABLED public IPs are refused for EC2 (and EXTERNAL). */
  launchType?: 'EC2' | 'FARGATE' | 'EXTERNAL';
  /** The VPCs, subnets and security groups that exist (default: the account's default VPC). */
  catalog?: NetworkCatalog;
}

const NETWORK_CONFIGURATION_MEMBERS = ['awsvpcConfiguration'];
const AWSVPC_MEMBERS = ['subnets', 'securityGroups', 'assignPublicIp'];
const PATH = 'networkConfiguration.awsvpcConfiguration';

const invalid = (message: string): { ok: false; error: AwsError } => ({ ok: false, error: { code: 'InvalidParameterException', message } });

export type NetworkConfigurationCheck = { ok: true; config: AwsvpcConfig | null } | { ok: false; error: AwsError };

/**
 * RunTask's and CreateService's rule for any network mode: awsvpc needs a valid
 * `networkConfiguration` (checkAwsvpcConfiguration); bridge, host and none refuse one ("Network
 * Configuration is not valid for the given networkMode of this task definition."). `config` is
 * null for the modes without task ENIs. Never throws.
 */
export function checkNetworkConfiguration(raw: unknown, networkMode: string | undefined, options: AwsvpcCheckOptions = {}): NetworkConfigurationCheck {
  if (networkMode === 'awsvpc') return checkAwsvpcConfiguration(raw, options);
  if (raw === undefined || raw === null) return { ok: true, config: null };
  return invalid(NETWORK_MESSAGES.networkConfigurationNotValid());
}

/** Check a `networkConfiguration` (the whole object, possibly undefined). Never throws. */
export function checkAwsvpcConfiguration(raw: unknown, options: AwsvpcCheckOptions = {}): AwsvpcCheck {
  const catalog = options.catalog ?? DEFAULT_NETWORK;
  const shape = checkShape(raw);
  if (shape.kind === 'problems') {
    return { ok: false, error: { code: 'ParamValidationError', message: `Parameter validation failed:\n${shape.problems.join('\n')}` } };
  }
  if (shape.kind === 'missing') return invalid(MESSAGES.networkConfigurationRequired());
  const { subnets, securityGroups, assignPublicIp } = shape.value;
  if (subnets.length === 0) return invalid(MESSAGES.subnetsEmpty());
  if (subnets.length > MAX_SUBNETS) return invalid(NETWORK_MESSAGES.tooManySubnets(subnets.length, MAX_SUBNETS));
  if (securityGroups !== undefined && securityGroups.length > MAX_SECURITY_GROUPS) {
    return invalid(NETWORK_MESSAGES.tooManySecurityGroups(securityGroups.length, MAX_SECURITY_GROUPS));
  }
  const publicIp = assignPublicIp ?? 'DISABLED';
  if (publicIp !== 'ENABLED' && publicIp !== 'DISABLED') return invalid(NETWORK_MESSAGES.assignPublicIpValue(publicIp));
  if (publicIp === 'ENABLED' && options.launchType !== undefined && options.launchType !== 'FARGATE') {
    return invalid(NETWORK_MESSAGES.assignPublicIpLaunchType());
  }
  const resolvedSubnets = resolveSubnets(unique(subnets), catalog);
  if (!resolvedSubnets.ok) return resolvedSubnets;
  const vpcId = resolvedSubnets.subnets[0]!.vpcId;
  const groups = resolveSecurityGroups(securityGroups === undefined ? undefined : unique(securityGroups), vpcId, catalog);
  if (!groups.ok) return groups;
  return { ok: true, config: { subnets: resolvedSubnets.subnets, securityGroups: groups.groupIds, assignPublicIp: publicIp } };
}

function unique(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}

type Resolved<T> = ({ ok: true } & T) | { ok: false; error: AwsError };

function resolveSubnets(ids: readonly string[], catalog: NetworkCatalog): Resolved<{ subnets: Subnet[] }> {
  const subnets: Subnet[] = [];
  for (const id of ids) {
    const subnet = findSubnet(catalog, id);
    if (subnet === undefined) {
      const known = catalog.subnets.map((s) => s.subnetId);
      return invalid(NETWORK_MESSAGES.subnetNotFound(ids, id) + didYouMean(id, known) + NETWORK_MESSAGES.knownIds('subnets', known));
    }
    subnets.push(subnet);
  }
  const vpcs = unique(subnets.map((subnet) => subnet.vpcId));
  if (vpcs.length > 1) return invalid(NETWORK_MESSAGES.subnetsInDifferentVpcs(vpcs));
  return { ok: true, subnets };
}

function resolveSecurityGroups(ids: readonly string[] | undefined, vpcId: string, catalog: NetworkCatalog): Resolved<{ groupIds: string[] }> {
  if (ids === undefined || ids.length === 0) {
    // "If you don't specify a security group, the default security group for the VPC is used."
    const fallback = defaultSecurityGroupOf(catalog, vpcId);
    return { ok: true, groupIds: fallback === undefined ? [] : [fallback.groupId] };
  }
  for (const id of ids) {
    const group = findSecurityGroup(catalog, id);
    if (group === undefined) {
      const known = catalog.securityGroups.map((g) => g.groupId);
      return invalid(NETWORK_MESSAGES.securityGroupNotFound(ids, id) + didYouMean(id, known) + NETWORK_MESSAGES.knownIds('security groups', known));
    }
    if (group.vpcId !== vpcId) return invalid(NETWORK_MESSAGES.securityGroupOtherVpc(id));
  }
  return { ok: true, groupIds: [...ids] };
}

interface RawAwsvpc {
  subnets: string[];
  securityGroups?: string[];
  assignPublicIp?: string;
}

type Shape = { kind: 'missing' } | { kind: 'problems'; problems: string[] } | { kind: 'value'; value: RawAwsvpc };

/** botocore's client-side checks of the structure, with its wording. */
function checkShape(raw: unknown): Shape {
  if (raw === undefined || raw === null) return { kind: 'missing' };
  if (!isObject(raw)) return { kind: 'problems', problems: [invalidTypeProblem('networkConfiguration', raw, "<class 'dict'>")] };
  const problems = unknownMembers(raw, 'networkConfiguration', NETWORK_CONFIGURATION_MEMBERS);
  const awsvpc = raw['awsvpcConfiguration'];
  if (awsvpc === undefined || awsvpc === null) return problems.length > 0 ? { kind: 'problems', problems } : { kind: 'missing' };
  if (!isObject(awsvpc)) return { kind: 'problems', problems: [...problems, invalidTypeProblem(PATH, awsvpc, "<class 'dict'>")] };
  problems.push(...unknownMembers(awsvpc, PATH, AWSVPC_MEMBERS));
  if (awsvpc['subnets'] === undefined) problems.push(`Missing required parameter in ${PATH}: "subnets"`);
  else problems.push(...stringListProblems(awsvpc['subnets'], `${PATH}.subnets`));
  if (awsvpc['securityGroups'] !== undefined) problems.push(...stringListProblems(awsvpc['securityGroups'], `${PATH}.securityGroups`));
  const publicIp = awsvpc['assignPublicIp'];
  if (publicIp !== undefined && typeof publicIp !== 'string') problems.push(invalidTypeProblem(`${PATH}.assignPublicIp`, publicIp, "<class 'str'>"));
  if (problems.length > 0) return { kind: 'problems', problems };
  return { kind: 'value', value: awsvpc as unknown as RawAwsvpc };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function unknownMembers(value: Record<string, unknown>, path: string, members: readonly string[]): string[] {
  return Object.keys(value)
    .filter((key) => !members.includes(key))
    .map((key) => `Unknown parameter in ${path}: "${key}", must be one of: ${members.join(', ')}`);
}

function stringListProblems(value: unknown, path: string): string[] {
  if (!Array.isArray(value)) return [invalidTypeProblem(path, value, "<class 'list'>, <class 'tuple'>")];
  return value.flatMap((item, index) => (typeof item === 'string' ? [] : [invalidTypeProblem(`${path}[${index}]`, item, "<class 'str'>")]));
}
