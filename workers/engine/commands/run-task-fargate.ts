/**
 * RunTask with launchType FARGATE (ecs-reference §3). No container instances and no placement
 * pipeline: Fargate runs each task on capacity of its own, sized by the task definition's
 * task-level cpu and memory. What the request must give, checked before anything changes:
 * - no placementStrategy and no placementConstraints (AWS's InvalidParameterException);
 * - a platform version Fargate has: LATEST (= 1.4.0, also when omitted), 1.4.0 or 1.3.0 on Linux
 *   (1.0.0 on Windows); 1.3.0 cannot run what needs 1.4.0 (ephemeral storage, 8 and 16 vCPU, EFS,
 *   ARM64);
 * - awsvpc with a `networkConfiguration` whose subnets and security groups exist
 *   (network/awsvpc-configuration.ts, AWS's errors).
 *
 * Then each task gets an Availability Zone and a subnet, an ENI with a private IP there
 * (machines/task-eni.ts), and its machine starts in PROVISIONING. Fargate's capacity is unlimited
 * in the sandbox, so no task is refused for lack of room; only a subnet out of addresses refuses
 * one (a failure entry, see below).
 */
import type { Task, TaskDefinition } from '../../protocol.ts';
import { fargateHourlyUsd } from '../catalog/fargate.ts';
import type { EngineContext } from '../context.ts';
import { fail, invalidParameter, ok, type CommandResult } from '../errors.ts';
import { ACCOUNT_ID, REGION } from '../ids/arn.ts';
import { startTaskMachine } from '../machines/task-lifecycle.ts';
import { attachTaskEni } from '../machines/task-eni.ts';
import { networkCatalogOf } from '../network/security-groups.ts';
import { availableIpAddressCount, checkAwsvpcConfiguration, type Subnet } from '../network/index.ts';
import { renderTask } from '../snapshot.ts';
import { tasksOfCluster } from '../state.ts';
import { taskReservation } from '../taskdef/index.ts';
import { plural } from '../text.ts';
import { fargateStartTimings } from '../timing-draws.ts';
import type { RunTaskRequest } from './run-task-request.ts';
import { createTaskRecord } from './task-factory.ts';
import { capacityHooks } from './capacity-hooks.ts';

export const FARGATE_MESSAGES = {
  // AWS (CreateService's answer, quoted in hashicorp/terraform-provider-aws#26337 and a Terraform
  // comment; RunTask's is assumed to be the same: UNCONFIRMED for RunTask)
  strategiesNotSupported: () => 'Placement strategies are not supported with FARGATE launch type.',
  constraintsNotSupported: () => 'Placement constraints are not supported with FARGATE launch type.',
  // AWS (the API's PlatformUnknownException / PlatformTaskDefinitionIncompatibilityException docs), then the sandbox's reason
  platformUnknown: (given: string, family: 'Linux' | 'Windows') =>
    `The specified platform version does not exist. (Sandbox: Fargate ${family} has ${family === 'Linux' ? '1.4.0 (LATEST) and 1.3.0; 1.2.0, 1.1.0 and 1.0.0 are retired' : '1.0.0 (LATEST)'}, not "${given}".)`,
  platformIncompatible: (version: string, needs: readonly string[]) =>
    `The specified platform does not satisfy the task definition’s required capabilities. (Sandbox: platform version ${version} cannot run ${needs.join(', ')}; these need 1.4.0 — use LATEST.)`,
  // sandbox (a Fargate-compatible definition is always awsvpc; kept for definitions built by hand)
  needsAwsvpc: (mode: string) => `Fargate runs tasks in awsvpc network mode only; this task definition uses ${mode}.`,
  // sandbox: AWS creates the task and it fails to get an ENI; the sandbox refuses it up front
  subnetsFull: (subnets: readonly Subnet[]) =>
    `No free private IP address in ${subnets.map((s) => `${s.subnetId} (${s.cidrBlock})`).join(', ')}: every address is held by a task ENI. Stop tasks or give another subnet.`,
} as const;

const LINUX_VERSIONS = ['1.4.0', '1.3.0'];
const WINDOWS_VERSIONS = ['1.0.0'];
/** Fargate's default ephemeral storage on Linux PV 1.4.0+ and Windows (ecs-reference §3). */
const DEFAULT_EPHEMERAL_GIB = 20;

export function runOnFargate(ctx: EngineContext, run: RunTaskRequest): CommandResult {
  const td = run.taskDefinition;
  if ((run.placementStrategy?.length ?? 0) > 0) return invalidParameter(FARGATE_MESSAGES.strategiesNotSupported());
  if ((run.placementConstraints?.length ?? 0) > 0) return invalidParameter(FARGATE_MESSAGES.constraintsNotSupported());
  const platform = resolvePlatform(td, run.platformVersion);
  if (!platform.ok) return platform.result;
  if (run.networkMode !== 'awsvpc') return invalidParameter(FARGATE_MESSAGES.needsAwsvpc(run.networkMode));
  const network = checkAwsvpcConfiguration(run.networkConfiguration, { launchType: 'FARGATE', catalog: networkCatalogOf(ctx.state) });
  if (!network.ok) return { ok: false, error: network.error };
  // Issue 6 faults: Fargate Spot without capacity, zones that are out (faults/fargate-capacity.ts).
  // Faults and Fargate Spot exist only once their code has loaded (capacity-hooks.ts).
  const spotPlatform = capacityHooks.fargate?.spotPlatformRefusal !== undefined && run.capacityProviderName === 'FARGATE_SPOT' ? capacityHooks.fargate.spotPlatformRefusal(td) : undefined;
  if (spotPlatform !== undefined) return invalidParameter(spotPlatform);
  const capacity = capacityHooks.fargate?.capacity(ctx.state, run.capacityProviderName, network.config.subnets) ?? { ok: true as const, subnets: network.config.subnets, avoided: [] };
  if (!capacity.ok) return noFargateCapacity(ctx, run, capacity);
  const plan = planSubnets(ctx, run, capacity.subnets);
  if (plan.subnets.length === 0) return invalidParameter(FARGATE_MESSAGES.subnetsFull(network.config.subnets));

  // Committing: nothing below can fail.
  const size = taskReservation(td);
  const hourlyPrice = priceText(td, size.cpuUnits, size.memoryMiB, platform.ephemeral ? ephemeralGiB(td) : undefined);
  const tasks: Task[] = [];
  ctx.emit('placement.fargate', spreadSummary(run, plan), td.taskDefinitionArn);
  for (const [index, subnet] of plan.subnets.entries()) {
    const record = createTaskRecord(ctx, run, {
      launchType: 'FARGATE',
      availabilityZone: subnet.availabilityZone,
      cpuUnits: size.cpuUnits,
      memoryMiB: size.memoryMiB,
      ports: [],
      usesEni: true,
      extra: {
        platformVersion: platform.version,
        platformFamily: platform.family,
        ...(platform.ephemeral ? { ephemeralStorage: { sizeInGiB: ephemeralGiB(td) } } : {}),
      },
    });
    record.fargatePlacement = { summary: `${td.family}:${td.revision} ${plan.reasons[index]!}`, index, count: run.count };
    attachTaskEni(ctx, record, subnet, ` (${sizeText(size.cpuUnits, size.memoryMiB)}, platform version ${platform.version}, ${hourlyPrice})`);
    record.eni!.securityGroups = network.config.securityGroups;
    startTaskMachine(ctx, record, fargateStartTimings(ctx.prng));
    tasks.push(run.requester === undefined ? renderTask(record.task) : record.task);
  }
  if (capacity.avoided.length > 0) ctx.emit('placement.fargate', `Fargate avoided ${capacity.avoided.join(', ')}: the Availability Zone is out (sim:FailAvailabilityZone).`, td.taskDefinitionArn);
  capacityHooks.cost?.start(ctx);
  // Sandbox choice: when tasks found no free address, each full subnet is listed like an instance
  // that refused a placement (AWS would start the task and fail it in PROVISIONING).
  const failures = plan.unplaced === 0 ? [] : network.config.subnets.map((subnet) => ({ arn: subnetArn(subnet), reason: 'RESOURCE:ENI' }));
  if (plan.unplaced > 0) {
    ctx.emit('placement.failed', `${run.requester ?? 'RunTask'} could not start ${plural(plan.unplaced, 'task')} of ${td.family}:${td.revision} on Fargate. ${FARGATE_MESSAGES.subnetsFull(network.config.subnets)}`, td.taskDefinitionArn);
  }
  return ok({ tasks, failures });
}

/**
 * No Fargate capacity for the request: RunTask answers with a failure per task (AWS's reason); the
 * service scheduler gets an error, which it reports as "(service NAME) was unable to place a task.
 * Reason: …" and retries later.
 */
function noFargateCapacity(ctx: EngineContext, run: RunTaskRequest, capacity: { reason: string; arn: string }): CommandResult {
  const td = run.taskDefinition;
  if (run.requester !== undefined) return fail('CapacityUnavailable', capacity.reason);
  ctx.emit('placement.failed', `RunTask could not start ${plural(run.count, 'task')} of ${td.family}:${td.revision} on ${run.capacityProviderName ?? 'Fargate'}: ${capacity.reason}`, td.taskDefinitionArn);
  return ok({ tasks: [], failures: Array.from({ length: run.count }, () => ({ arn: capacity.arn, reason: capacity.reason })) });
}

export type Platform =
  | { ok: true; version: string; family: string; ephemeral: boolean }
  | { ok: false; result: CommandResult };

/**
 * The platform version and family the task runs on. `platformFamily` is `Linux` for Linux tasks
 * (as DescribeTasks shows it) and the operating system family for Windows ones.
 */
export function resolvePlatform(td: TaskDefinition, given: string | undefined): Platform {
  const os = (td.runtimePlatform as { operatingSystemFamily?: unknown } | undefined)?.operatingSystemFamily;
  const windows = typeof os === 'string' && os.startsWith('WINDOWS');
  const versions = windows ? WINDOWS_VERSIONS : LINUX_VERSIONS;
  const version = given === undefined || given === 'LATEST' ? versions[0]! : given;
  if (!versions.includes(version)) {
    return { ok: false, result: fail('PlatformUnknownException', FARGATE_MESSAGES.platformUnknown(given ?? '', windows ? 'Windows' : 'Linux')) };
  }
  if (version === '1.3.0') {
    const needs = needsPlatform14(td);
    if (needs.length > 0) return { ok: false, result: fail('PlatformTaskDefinitionIncompatibilityException', FARGATE_MESSAGES.platformIncompatible(version, needs)) };
  }
  // Before 1.4.0 Fargate had fixed 10 GB layer + 4 GB volume storage, not `ephemeralStorage`.
  return { ok: true, version, family: windows ? os : 'Linux', ephemeral: version !== '1.3.0' };
}

/** What a task definition uses that only Linux platform version 1.4.0 has (ecs-reference §3). */
function needsPlatform14(td: TaskDefinition): string[] {
  const needs: string[] = [];
  if (td.ephemeralStorage !== undefined) needs.push('ephemeralStorage');
  if (taskReservation(td).cpuUnits >= 8192) needs.push(`cpu ${td.cpu} (8 and 16 vCPU)`);
  const runtime = td.runtimePlatform as { cpuArchitecture?: unknown } | undefined;
  if (runtime?.cpuArchitecture === 'ARM64') needs.push('ARM64 (Graviton)');
  if (td.volumes.some((volume) => (volume as { efsVolumeConfiguration?: unknown }).efsVolumeConfiguration !== undefined)) needs.push('EFS volumes');
  return needs;
}

function ephemeralGiB(td: TaskDefinition): number {
  const size = (td.ephemeralStorage as { sizeInGiB?: unknown } | undefined)?.sizeInGiB;
  return typeof size === 'number' ? size : DEFAULT_EPHEMERAL_GIB;
}

interface SubnetPlan {
  /** One subnet per task that starts, in order. */
  subnets: Subnet[];
  unplaced: number;
  /** Tasks of the group per AZ after this RunTask, in the order of the request's subnets. */
  perZone: Map<string, number>;
  /** For each task that starts, why its zone: the counts it saw (for the placement explainer). */
  reasons: string[];
}

/**
 * Where each task goes. AWS documents only that Fargate spreads tasks over the Availability Zones
 * of the given subnets (ecs-reference §1, "Fargate services: scheduler balances across AZs"); the
 * sandbox makes that precise and deterministic: each new task goes to the AZ with the fewest
 * PROVISIONING/PENDING/RUNNING Fargate tasks of the same task group in the cluster (tasks being
 * stopped do not count), ties broken by the order of the subnets in the request; within the AZ, to
 * its subnet with the fewest such tasks, ties again by request order. A subnet with no free
 * address is skipped; when every subnet is full the task is not started.
 */
function planSubnets(ctx: EngineContext, run: RunTaskRequest, subnets: readonly Subnet[]): SubnetPlan {
  const perZone = new Map<string, number>();
  const perSubnet = new Map<string, number>();
  const free = new Map<string, number>();
  for (const subnet of subnets) {
    perZone.set(subnet.availabilityZone, 0);
    perSubnet.set(subnet.subnetId, 0);
    free.set(subnet.subnetId, availableIpAddressCount(ctx.state.network, subnet));
  }
  for (const record of tasksOfCluster(ctx.state, run.cluster.clusterName)) {
    const task = record.task;
    if (task.launchType !== 'FARGATE' || task.group !== run.group || task.desiredStatus !== 'RUNNING' || task.lastStatus === 'STOPPED') continue;
    const zone = task.availabilityZone;
    if (perZone.has(zone)) perZone.set(zone, perZone.get(zone)! + 1);
    const subnetId = record.eni?.subnet.subnetId;
    if (subnetId !== undefined && perSubnet.has(subnetId)) perSubnet.set(subnetId, perSubnet.get(subnetId)! + 1);
  }
  const chosen: Subnet[] = [];
  const reasons: string[] = [];
  for (let i = 0; i < run.count; i++) {
    let best: Subnet | undefined;
    for (const subnet of subnets) {
      if (free.get(subnet.subnetId)! <= 0) continue;
      if (best === undefined) {
        best = subnet;
        continue;
      }
      const zoneDiff = perZone.get(subnet.availabilityZone)! - perZone.get(best.availabilityZone)!;
      const subnetDiff = perSubnet.get(subnet.subnetId)! - perSubnet.get(best.subnetId)!;
      if (zoneDiff < 0 || (zoneDiff === 0 && subnet.availabilityZone === best.availabilityZone && subnetDiff < 0)) best = subnet;
    }
    if (best === undefined) break;
    reasons.push(zoneReason(run, best, perZone));
    chosen.push(best);
    free.set(best.subnetId, free.get(best.subnetId)! - 1);
    perZone.set(best.availabilityZone, perZone.get(best.availabilityZone)! + 1);
    perSubnet.set(best.subnetId, perSubnet.get(best.subnetId)! + 1);
  }
  return { subnets: chosen, unplaced: run.count - chosen.length, perZone, reasons };
}

/** Why one task went to its subnet, with the counts it saw. */
function zoneReason(run: RunTaskRequest, subnet: Subnet, perZone: ReadonlyMap<string, number>): string {
  const counts = [...perZone].map(([zone, n]) => `${zone} ${n}`).join(', ');
  const zones = perZone.size;
  const why = zones === 1
    ? `the request's subnets are all in ${subnet.availabilityZone}`
    : `${subnet.availabilityZone} had the fewest tasks of ${run.group} among the zones of the request's subnets (${counts}; ties go to the subnet listed first)`;
  return `went to ${subnet.availabilityZone} (${subnet.subnetId}) on Fargate: AWS places Fargate tasks itself, with no container instances, strategies or constraints, spreading a task group over the Availability Zones of the given subnets; ${why}.`;
}

/** One line for the event log: where the tasks went and why. */
function spreadSummary(run: RunTaskRequest, plan: SubnetPlan): string {
  const td = run.taskDefinition;
  const started = new Map<string, number>();
  for (const subnet of plan.subnets) started.set(subnet.availabilityZone, (started.get(subnet.availabilityZone) ?? 0) + 1);
  const zones = [...started].map(([zone, n]) => `${n} in ${zone}`).join(', ');
  const totals = [...plan.perZone].map(([zone, n]) => `${zone} ${n}`).join(', ');
  return `${run.requester ?? 'RunTask'} started ${plural(plan.subnets.length, 'task')} of ${td.family}:${td.revision} on Fargate (${zones}): Fargate spreads a task group over the Availability Zones of the given subnets, each task to the zone with the fewest of the group (${run.group} now: ${totals}).`;
}

/** `0.25 vCPU, 0.5 GB`, as the console writes Fargate task sizes. */
function sizeText(cpuUnits: number, memoryMiB: number): string {
  const trim = (n: number): string => String(Math.round(n * 1000) / 1000);
  return `${trim(cpuUnits / 1024)} vCPU, ${trim(memoryMiB / 1024)} GB`;
}

/** `$0.0123 per hour` (on-demand, us-east-1: catalog/fargate.ts). */
function priceText(td: TaskDefinition, cpuUnits: number, memoryMiB: number, ephemeral: number | undefined): string {
  const runtime = td.runtimePlatform as { cpuArchitecture?: unknown; operatingSystemFamily?: unknown } | undefined;
  const usd = fargateHourlyUsd({
    cpuUnits,
    memoryMiB,
    ...(typeof runtime?.cpuArchitecture === 'string' ? { architecture: runtime.cpuArchitecture } : {}),
    ...(typeof runtime?.operatingSystemFamily === 'string' ? { operatingSystemFamily: runtime.operatingSystemFamily } : {}),
    ...(ephemeral === undefined ? {} : { ephemeralGiB: ephemeral }),
  });
  return `$${usd.toFixed(4)} per hour`;
}

function subnetArn(subnet: Subnet): string {
  return `arn:aws:ec2:${REGION}:${ACCOUNT_ID}:subnet/${subnet.subnetId}`;
}
