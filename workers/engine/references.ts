/**
 * Names in place of generated identifiers. AWS gives load balancers, target groups and listeners
 * ARNs with random ids, which a script learns from the previous call's answer (the AWS CLI user
 * writes `TG=$(aws elbv2 describe-target-groups --names web-tg --query …)`). Scenario files and
 * the command box cannot capture answers, so a string value that is exactly a reference is
 * replaced by the identifier it names before the command runs:
 *
 *   ${loadBalancer:web-alb}      → the load balancer's ARN
 *   ${targetGroup:web-tg}        → the target group's ARN
 *   ${listener:web-alb:80}       → the ARN of web-alb's listener on port 80
 *   ${role:ecsTaskExecutionRole} → the IAM role's ARN
 *   ${securityGroup:alb-sg}      → the security group's id (sg-…)
 *   ${autoScalingGroup:web-asg}  → the Auto Scaling group's ARN (ecs:CreateCapacityProvider)
 *   ${scalingPolicy:web-asg:out} → the ARN of web-asg's scaling policy `out` (an alarm's AlarmActions)
 *   ${serviceScalingPolicy:demo/web:out} → the ARN of the Application Auto Scaling policy `out` on
 *                                   service web of cluster demo (an alarm's AlarmActions)
 *   ${albResourceLabel:web-alb/web-tg} → app/web-alb/<id>/targetgroup/web-tg/<id>, the ResourceLabel
 *                                   of an ALBRequestCountPerTarget policy (built from the two ARNs)
 *
 * Only whole string values are replaced (never parts of strings), only these kinds exist, and an
 * unknown name is refused with a clear message, so nothing is guessed. In YAML flow collections
 * (`[…]`, `{…}`) quote the reference: braces are flow indicators there.
 */
import { allGroups } from './network/security-groups.ts';
import type { EngineState } from './state.ts';
import { serviceScalingPolicyArn } from './appautoscaling/model.ts';

const REFERENCE = /^\$\{([A-Za-z]+):([^}]*)\}$/;
const KINDS = ['loadBalancer', 'targetGroup', 'listener', 'role', 'securityGroup', 'autoScalingGroup', 'scalingPolicy', 'serviceScalingPolicy', 'albResourceLabel'] as const;
/** Requests are small; a deeper structure is not a request. */
const MAX_DEPTH = 32;

export type ResolveResult = { ok: true; value: unknown } | { ok: false; message: string };

/** The request with every reference replaced, or why one cannot be. Returns the same object when there is none. */
export function resolveReferences(state: EngineState, request: unknown): ResolveResult {
  try {
    return { ok: true, value: walk(state, request, 0) };
  } catch (error) {
    if (error instanceof ReferenceProblem) return { ok: false, message: error.message };
    throw error;
  }
}

class ReferenceProblem extends Error {}

function walk(state: EngineState, value: unknown, depth: number): unknown {
  if (typeof value === 'string') return value.startsWith('${') ? resolveOne(state, value) : value;
  if (typeof value !== 'object' || value === null || depth > MAX_DEPTH) return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    value.forEach((item, i) => {
      const next = walk(state, item, depth + 1);
      if (next !== item) (copy ??= [...value])[i] = next;
    });
    return copy ?? value;
  }
  let copy: Record<string, unknown> | undefined;
  for (const [key, item] of Object.entries(value)) {
    const next = walk(state, item, depth + 1);
    if (next !== item) (copy ??= { ...(value as Record<string, unknown>) })[key] = next;
  }
  return copy ?? value;
}

function resolveOne(state: EngineState, text: string): string {
  const match = REFERENCE.exec(text);
  if (match === null) return text;
  const kind = match[1]!;
  const name = match[2]!;
  const elb = state.elb;
  switch (kind) {
    case 'loadBalancer': {
      for (const lb of elb?.loadBalancers.values() ?? []) if (lb.name === name) return lb.arn;
      throw new ReferenceProblem(`${text} names no load balancer: create one named ${name} first (elbv2:CreateLoadBalancer).`);
    }
    case 'targetGroup': {
      for (const tg of elb?.targetGroups.values() ?? []) if (tg.name === name) return tg.arn;
      throw new ReferenceProblem(`${text} names no target group: create one named ${name} first (elbv2:CreateTargetGroup).`);
    }
    case 'listener': {
      const colon = name.lastIndexOf(':');
      const lbName = name.slice(0, colon);
      const port = Number(name.slice(colon + 1));
      if (colon <= 0 || !Number.isInteger(port)) throw new ReferenceProblem(`${text}: write a listener as \${listener:<load balancer name>:<port>}, e.g. \${listener:web-alb:80}.`);
      let lbArn: string | undefined;
      for (const lb of elb?.loadBalancers.values() ?? []) if (lb.name === lbName) lbArn = lb.arn;
      if (lbArn === undefined) throw new ReferenceProblem(`${text} names no load balancer ${lbName}.`);
      for (const listener of elb?.listeners.values() ?? []) if (listener.loadBalancerArn === lbArn && listener.port === port) return listener.arn;
      throw new ReferenceProblem(`${text}: load balancer ${lbName} has no listener on port ${port}.`);
    }
    case 'role': {
      const role = state.roles.get(name);
      if (role !== undefined) return role.Arn;
      throw new ReferenceProblem(`${text} names no IAM role: create one named ${name} first (iam:CreateRole).`);
    }
    case 'securityGroup': {
      for (const group of allGroups(state)) if (group.groupName === name) return group.groupId;
      throw new ReferenceProblem(`${text} names no security group: create one named ${name} first (ec2:CreateSecurityGroup).`);
    }
    case 'autoScalingGroup': {
      const group = state.autoscaling?.groups.get(name);
      if (group !== undefined) return group.arn;
      throw new ReferenceProblem(`${text} names no Auto Scaling group: create one named ${name} first (autoscaling:CreateAutoScalingGroup).`);
    }
    case 'scalingPolicy': {
      const colon = name.indexOf(':');
      const groupName = name.slice(0, colon);
      const policyName = name.slice(colon + 1);
      if (colon <= 0 || policyName === '') throw new ReferenceProblem(`${text}: write a scaling policy as \${scalingPolicy:<group name>:<policy name>}, e.g. \${scalingPolicy:web-asg:scale-out}.`);
      for (const policy of state.autoscaling?.policies.values() ?? []) if (policy.groupName === groupName && policy.name === policyName) return policy.arn;
      throw new ReferenceProblem(`${text} names no scaling policy ${policyName} of group ${groupName} (autoscaling:PutScalingPolicy).`);
    }
    case 'serviceScalingPolicy': {
      const colon = name.indexOf(':');
      const owner = name.slice(0, colon);
      const policyName = name.slice(colon + 1);
      if (colon <= 0 || policyName === '' || !/^[^/]+\/[^/]+$/.test(owner)) {
        throw new ReferenceProblem(`${text}: write a service scaling policy as \${serviceScalingPolicy:<cluster>/<service>:<policy name>}, e.g. \${serviceScalingPolicy:demo/web:scale-out}.`);
      }
      const arn = serviceScalingPolicyArn(state, owner, policyName);
      if (arn !== undefined) return arn;
      throw new ReferenceProblem(`${text} names no scaling policy ${policyName} on service/${owner} (application-autoscaling:PutScalingPolicy).`);
    }
    case 'albResourceLabel':
      return albResourceLabel(state, text, name);
    default:
      throw new ReferenceProblem(`${text} is not a reference the sandbox knows: use one of ${KINDS.map((k) => `\${${k}:…}`).join(', ')}.`);
  }
}

/** `app/<lb-name>/<lb-id>/targetgroup/<tg-name>/<tg-id>`: the part of the load balancer's ARN after `loadbalancer/`, then the target group's after its last `:`. */
function albResourceLabel(state: EngineState, text: string, name: string): string {
  const slash = name.indexOf('/');
  const lbName = name.slice(0, slash);
  const tgName = name.slice(slash + 1);
  if (slash <= 0 || tgName === '' || tgName.includes('/')) {
    throw new ReferenceProblem(`${text}: write an ALB resource label as \${albResourceLabel:<load balancer name>/<target group name>}, e.g. \${albResourceLabel:web-alb/web-tg}.`);
  }
  let lbArn: string | undefined;
  for (const lb of state.elb?.loadBalancers.values() ?? []) if (lb.name === lbName) lbArn = lb.arn;
  if (lbArn === undefined) throw new ReferenceProblem(`${text} names no load balancer ${lbName}: create it first (elbv2:CreateLoadBalancer).`);
  let tgArn: string | undefined;
  for (const tg of state.elb?.targetGroups.values() ?? []) if (tg.name === tgName) tgArn = tg.arn;
  if (tgArn === undefined) throw new ReferenceProblem(`${text} names no target group ${tgName}: create it first (elbv2:CreateTargetGroup).`);
  return `${lbArn.slice(lbArn.indexOf(':loadbalancer/') + ':loadbalancer/'.length)}/${tgArn.slice(tgArn.lastIndexOf(':') + 1)}`;
}
