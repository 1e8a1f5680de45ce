/**
 * One health check of one target: does something answer on the target's address and port, and does
 * it answer as healthy? The sandbox has no packets, so the probe looks at the tasks: an instance
 * target (EC2 instance id + port) is whatever RUNNING task binds that host port on that instance
 * (bridge: static or dynamic host port; host: the container port); an ip target is the RUNNING
 * awsvpc/Fargate task holding that private IP with that container port. HTTP(S) checks ask the
 * application (images/behavior.ts appRespondsHealthy); TCP checks only need the port open. A task
 * that is ACTIVATING (its containers run while ECS registers it) answers as a RUNNING one would.
 *
 * Security groups come first (network/security-groups.ts): the check reaches the target only when
 * one of the target's groups — the container instance's for an instance target, the task's awsvpc
 * groups for an ip target — allows the load balancer in on the checked port, by the load balancer's
 * own security group or by a CIDR holding its address. A refused check times out, as on AWS
 * (Target.Timeout, "Request timed out"); the verdict carries a `hint` for learners naming the group
 * and the port range to open. A Network Load Balancer without security groups is let in only by a
 * CIDR rule (its nodes' addresses are in the VPC: 172.31.0.0/16 covers them) — the sandbox's
 * simplification of NLB client-IP preservation (health checks and clients both need the CIDR).
 * Verdicts are cached per target against the security-group version, so a steady fleet pays one
 * comparison per check.
 */
import { imageBehaviorOf, essentialImages, isEssential } from '../images/behavior.ts';
import { findSubnet, DEFAULT_NETWORK, DEFAULT_SECURITY_GROUP_ID } from '../network/default-vpc.ts';
import { parseCidr } from '../network/ipv4.ts';
import { allowsIngress, ingressRefusal, instanceGroups, securityGroupVersion, type TrafficSource } from '../network/security-groups.ts';
import type { EngineState, InstanceRecord, TaskRecord } from '../state.ts';
import { elbOf, loadBalancersOf, type TargetGroupRecord, type TargetRecord } from './model.ts';

export type ProbeVerdict = { pass: true } | { pass: false; reason: string; description: string; hint?: string };

export const PASS: ProbeVerdict = { pass: true };

/** elbv2's TargetHealth descriptions (TargetHealth API reference; console wording). */
export const HEALTH_TEXT = {
  timeout: 'Request timed out',
  failed: 'Health checks failed',
  codes: (code: number) => `Health checks failed with these codes: [${code}]`,
} as const;

export const TIMEOUT = { pass: false, reason: 'Target.Timeout', description: HEALTH_TEXT.timeout } as const satisfies ProbeVerdict;
export const REFUSED: ProbeVerdict = { pass: false, reason: 'Target.FailedHealthChecks', description: HEALTH_TEXT.failed };
export const BAD_CODE: ProbeVerdict = { pass: false, reason: 'Target.ResponseCodeMismatch', description: HEALTH_TEXT.codes(503) };

/**
 * Lookups built once per health-check round (not per target): EC2 instance id → container
 * instance, private IP → task, target group → where its load balancer's traffic comes from.
 */
export interface ProbeIndex {
  instanceById(id: string): InstanceRecord | undefined;
  taskByIp(ip: string): TaskRecord | undefined;
  sourceOf(tg: TargetGroupRecord): TrafficSource;
  /** The security-group version at the start of the round (target verdicts are cached against it). */
  readonly sgVersion: number;
  /**
   * Whether the essential images of a task definition answer healthily (images/behavior.ts), asked
   * once per task definition per round: a service's hundred targets share one answer.
   */
  imagesHealthy(record: TaskRecord): boolean;
}

/** A task whose containers answer: RUNNING, or ACTIVATING (registered, about to be RUNNING). */
export const answers = (record: TaskRecord): boolean => record.task.lastStatus === 'RUNNING' || record.task.lastStatus === 'ACTIVATING';

export function probeIndex(state: EngineState): ProbeIndex {
  let instances: Map<string, InstanceRecord> | undefined;
  let ips: Map<string, TaskRecord> | undefined;
  let sources: Map<string, TrafficSource> | undefined;
  let images: Map<string, boolean> | undefined;
  return {
    sgVersion: securityGroupVersion(state),
    imagesHealthy(record) {
      images ??= new Map();
      const arn = record.taskDefinition.taskDefinitionArn;
      let healthy = images.get(arn);
      if (healthy === undefined) {
        healthy = true;
        for (const image of essentialImages(record)) if (imageBehaviorOf(state, image).behavior === 'unhealthy') healthy = false;
        images.set(arn, healthy);
      }
      return healthy;
    },
    instanceById(id) {
      if (instances === undefined) {
        instances = new Map();
        for (const instance of state.instances.values()) instances.set(instance.ec2InstanceId, instance);
      }
      return instances.get(id);
    },
    taskByIp(ip) {
      if (ips === undefined) {
        ips = new Map();
        for (const record of state.tasks.values()) {
          if (record.eni !== undefined && answers(record)) ips.set(record.eni.allocation.privateIPv4Address, record);
        }
      }
      return ips.get(ip);
    },
    sourceOf(tg) {
      sources ??= new Map();
      let source = sources.get(tg.arn);
      if (source === undefined) {
        const lb = state.elb?.loadBalancers.get(loadBalancersOf(elbOf(state), tg.arn)[0] ?? '');
        source = trafficSource(lb?.securityGroups ?? [DEFAULT_SECURITY_GROUP_ID], lb?.subnetIds ?? []);
        sources.set(tg.arn, source);
      }
      return source;
    },
  };
}

/**
 * A load balancer's traffic: its security groups, and an address of its first subnet (its nodes
 * have private IPs there; the sandbox takes the subnet's 10th address as the node's).
 */
export function trafficSource(groups: readonly string[], subnetIds: readonly string[]): TrafficSource {
  const subnet = subnetIds.length > 0 ? findSubnet(DEFAULT_NETWORK, subnetIds[0]!) : undefined;
  const block = parseCidr(subnet?.cidrBlock ?? DEFAULT_NETWORK.subnets[0]!.cidrBlock)!;
  return { groups, ip: block.base + 10 };
}

/** The task answering on instance `id`, host port `port`, or undefined. */
export function taskOnInstancePort(state: EngineState, index: ProbeIndex, id: string, port: number, udp: boolean): TaskRecord | undefined {
  const instance = index.instanceById(id);
  if (instance === undefined) return undefined;
  const arn = (udp ? instance.staticUdp : instance.staticTcp).get(port) ?? (udp ? instance.dynamicUdp : instance.dynamicTcp).get(port);
  return arn === undefined ? undefined : state.tasks.get(arn);
}

/** The security groups of an awsvpc task: its ENI's (RunTask's or the service's awsvpcConfiguration), else its service deployment's, else the VPC's default group. */
export function taskSecurityGroups(state: EngineState, record: TaskRecord): readonly string[] {
  const own = record.eni?.securityGroups;
  if (own !== undefined && own.length > 0) return own;
  if (record.serviceArn !== undefined) {
    const service = state.services?.get(record.serviceArn);
    const deployment = service?.deployments.find((d) => d.id === record.deploymentId);
    const groups = deployment?.network?.securityGroups;
    if (groups !== undefined && groups.length > 0) return groups;
  }
  return [DEFAULT_SECURITY_GROUP_ID];
}

/** Whether `port` on the instance is a dynamic host port (or, with no task bound there, in the ephemeral range). */
export function isDynamicPort(record: TaskRecord | undefined, port: number): boolean {
  const binding = record?.ports.find((p) => p.hostPort === port);
  return binding !== undefined ? binding.dynamic : port >= 32768;
}

/**
 * The verdict of one health check of `target` of `tg` at `nowMs`. Only the target's caches are
 * written: `task` (the task found answering there, looked up again once it no longer answers) and
 * the security-group verdict (decided again when any security group changes).
 */
export function probeTarget(state: EngineState, index: ProbeIndex, tg: TargetGroupRecord, target: TargetRecord, nowMs: number): ProbeVerdict {
  // Checks go to HealthCheckPort when one is set, else to the target's own (traffic) port.
  const port = tg.health.port === 'traffic-port' ? target.port : Number(tg.health.port);
  let record = target.task;
  if (record === undefined || !answers(record)) {
    const found = findListener(state, index, tg, target.id, port);
    if (found === TIMEOUT) {
      target.task = undefined;
      return TIMEOUT;
    }
    record = found as TaskRecord | undefined;
    if (record !== target.task) target.sgVersion = -1; // another task there: its groups may differ
    target.task = record;
  }
  const version = index.sgVersion;
  if (target.sgVersion !== version) {
    target.sgRefusal = refusal(state, index, tg, target, record, port);
    target.sgVersion = version;
  }
  if (target.sgRefusal !== undefined) return { ...TIMEOUT, hint: target.sgRefusal };
  if (record === undefined || !answers(record)) return REFUSED; // the host answers, the port is closed
  // A TCP check passes on an open port; HTTP(S) asks the application.
  if (tg.health.protocol === 'TCP') return PASS;
  return responds(state, index, record) ? PASS : BAD_CODE;
}

/** Why the target's groups keep the load balancer out on `port`, or undefined. */
function refusal(state: EngineState, index: ProbeIndex, tg: TargetGroupRecord, target: TargetRecord, record: TaskRecord | undefined, port: number): string | undefined {
  const protocol = tg.protocol === 'UDP' ? 'udp' : 'tcp';
  const source = index.sourceOf(tg);
  const ip = tg.targetType === 'ip';
  if (ip && record === undefined) return undefined; // nobody holds the address: findListener said so
  const groups = ip ? taskSecurityGroups(state, record!) : instanceGroups(state, target.id);
  if (allowsIngress(state, groups, source, protocol, port)) return undefined;
  const what = ip ? `the task at ${target.id}` : `instance ${target.id}`;
  return ingressRefusal(state, groups, what, source, 'the load balancer', protocol, port, !ip && isDynamicPort(record, port));
}

/**
 * The application answers an HTTP check healthily: images/behavior.ts appRespondsHealthy's rule (its
 * essential containers run, none of its essential images is `unhealthy`), with the image part
 * asked once per task definition per round (ProbeIndex.imagesHealthy) — the health round's hot
 * path. An ACTIVATING task answers as a RUNNING one.
 */
export function responds(state: EngineState, index: ProbeIndex, record: TaskRecord): boolean {
  if (!answers(record)) return false;
  for (const container of record.task.containers) if (container.lastStatus !== 'RUNNING' && isEssential(record, container.name)) return false;
  return index.imagesHealthy(record);
}

/** The task answering on the target's address and port; TIMEOUT when nothing has that address. */
function findListener(state: EngineState, index: ProbeIndex, tg: TargetGroupRecord, id: string, port: number): TaskRecord | undefined | typeof TIMEOUT {
  const udp = tg.protocol === 'UDP';
  if (tg.targetType === 'instance') {
    if (index.instanceById(id) === undefined) return TIMEOUT; // no such host answers
    return taskOnInstancePort(state, index, id, port, udp);
  }
  const holder = index.taskByIp(id);
  if (holder === undefined) return TIMEOUT; // nobody holds the address
  // awsvpc tasks bind no host ports: the container ports of the task definition answer on the ENI.
  return listensOn(holder, port, udp ? 'udp' : 'tcp') ? holder : undefined;
}

/** Whether one of the task's containers maps container port `port` (awsvpc: the port answers on the task's ENI). */
function listensOn(record: TaskRecord, port: number, protocol: 'tcp' | 'udp'): boolean {
  for (const definition of record.taskDefinition.containerDefinitions) {
    const mappings = Array.isArray(definition.portMappings) ? (definition.portMappings as { containerPort?: unknown; protocol?: unknown }[]) : [];
    for (const m of mappings) if (m.containerPort === port && (m.protocol ?? 'tcp') === protocol) return true;
  }
  return false;
}
