/**
 * The API side of security groups (commands/ec2.ts): changing a group, EC2's rule text in errors,
 * duplicate detection, and the IpPermissions shape DescribeSecurityGroups shows. Kept apart from
 * security-groups.ts (which health checks use on every round) so that it loads with the commands.
 */
import { ACCOUNT_ID } from '../ids/arn.ts';
import type { EngineState } from '../state.ts';
import { DEFAULT_SECURITY_GROUP, DEFAULT_SECURITY_GROUP_ID } from './default-vpc.ts';
import { parseCidr, type CidrBlock } from './ipv4.ts';
import { DEFAULT_RULES, securityGroupState, type IngressRule, type SecurityGroupRecord } from './security-groups.ts';

/** One ingress permission as EC2 shows it (DescribeSecurityGroups' IpPermissions entry). */
export interface IpPermission {
  IpProtocol: string;
  FromPort?: number;
  ToPort?: number;
  IpRanges: { CidrIp: string; Description?: string }[];
  UserIdGroupPairs: { GroupId: string; UserId: string; Description?: string }[];
  Ipv6Ranges: never[];
  PrefixListIds: never[];
}

/** The group to change: `sg-default` is copied into the state the first time it changes. */
export function mutableGroup(state: EngineState, groupId: string): SecurityGroupRecord | undefined {
  const sgs = securityGroupState(state);
  const found = sgs.groups.get(groupId);
  if (found !== undefined) return found;
  if (groupId !== DEFAULT_SECURITY_GROUP_ID) return undefined;
  const copy: SecurityGroupRecord = { ...DEFAULT_SECURITY_GROUP, rules: [...DEFAULT_RULES], tags: [] };
  sgs.groups.set(groupId, copy);
  return copy;
}

/** A CIDR's text → block; EC2 accepts host bits set and normalises (the sandbox requires aligned blocks). */
export function parseRuleCidr(text: string): CidrBlock | undefined {
  return parseCidr(text);
}

/** EC2's rule text in errors: `peer: sg-1, TCP, from port: 80, to port: 80, ALLOW`. */
export function ruleText(rule: IngressRule): string {
  const peer = rule.groupId ?? rule.cidrText ?? '';
  const protocol = rule.protocol === '-1' ? 'ALL' : rule.protocol.toUpperCase();
  const ports = rule.protocol === '-1' ? '' : `, from port: ${rule.from}, to port: ${rule.to}`;
  return `peer: ${peer}, ${protocol}${ports}, ALLOW`;
}

export const sameRule = (a: IngressRule, b: IngressRule): boolean =>
  a.protocol === b.protocol && a.from === b.from && a.to === b.to && a.groupId === b.groupId && a.cidrText === b.cidrText;

/** DescribeSecurityGroups' IpPermissions: rules of one protocol and port range grouped, as EC2 shows them. */
export function renderPermissions(rules: readonly IngressRule[]): IpPermission[] {
  const out: IpPermission[] = [];
  for (const rule of rules) {
    let entry = out.find((p) => p.IpProtocol === rule.protocol && (rule.protocol === '-1' || (p.FromPort === rule.from && p.ToPort === rule.to)));
    if (entry === undefined) {
      entry = { IpProtocol: rule.protocol, ...(rule.protocol === '-1' ? {} : { FromPort: rule.from, ToPort: rule.to }), IpRanges: [], UserIdGroupPairs: [], Ipv6Ranges: [], PrefixListIds: [] };
      out.push(entry);
    }
    const description = rule.description === undefined ? {} : { Description: rule.description };
    if (rule.groupId !== undefined) entry.UserIdGroupPairs.push({ GroupId: rule.groupId, UserId: ACCOUNT_ID, ...description });
    else entry.IpRanges.push({ CidrIp: rule.cidrText!, ...description });
  }
  return out;
}
