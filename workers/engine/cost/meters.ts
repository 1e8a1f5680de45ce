/**
 * Everything that costs money right now (or did until it stopped), as meters: a rate, the interval
 * it runs over, and whom it is charged to. Read from the state each time (nothing to keep in sync):
 * - an EC2 instance (ec2/ state: from `running` until terminated), or a container instance added
 *   with sim:AddContainerInstances (no EC2 record: from its registration while it is registered) —
 *   charged to the EC2 launch type and, until tasks take a share, to "unused EC2 capacity";
 * - each task on an EC2 instance, a SHARE of its instance's cost: the task's CPU units over the
 *   instance's registered CPU, from placement until it stops. A share moves cost from "unused EC2
 *   capacity" to the task's service; the launch type's total does not change;
 * - a Fargate task: its Fargate (or Fargate Spot) rate from pullStartedAt until stoppedAt, at least
 *   the minimum billed time once stopped;
 * - an ECS Anywhere instance: the per-instance fee while registered.
 */
import type { CostLaunchType } from '../../protocol.ts';
import { FARGATE_SPOT } from '../faults/model.ts';
import { EPOCH_ISO } from '../ids/arn.ts';
import type { EngineState, InstanceRecord, TaskRecord } from '../state.ts';
import { EC2_MINIMUM_BILLED_MS, ec2InstanceUsdPerHour, ECS_ANYWHERE_USD_PER_HOUR, fargateRate } from './prices.ts';

export const UNUSED_EC2 = 'unused EC2 capacity';
export const STANDALONE = 'standalone tasks';
export const ANYWHERE_INSTANCES = 'ECS Anywhere instances';

export interface Meter {
  key: string;
  launchType: CostLaunchType;
  /** Charged to: a service name, or one of the groups above. */
  charge: string;
  serviceArn?: string;
  usdPerHour: number;
  startMs: number;
  /** Absent while it runs. */
  endMs?: number;
  minimumMs?: number;
  /** An EC2 task's share: moves cost from UNUSED_EC2 to `charge`, adds nothing to the launch type. */
  share?: boolean;
}

const HOUR_MS = 3_600_000;

/** USD the meter has run up by `nowMs` (the minimum applies once it has stopped). */
export function meterUsd(meter: Meter, nowMs: number): number {
  if (nowMs <= meter.startMs) return 0;
  const ended = meter.endMs !== undefined && meter.endMs <= nowMs;
  let ms = (ended ? meter.endMs! : nowMs) - meter.startMs;
  if (ended && meter.minimumMs !== undefined) ms = Math.max(ms, meter.minimumMs);
  return (meter.usdPerHour * Math.max(0, ms)) / HOUR_MS;
}

/** Whether the meter is running at `nowMs` (for the hourly rate). */
export function meterRunning(meter: Meter, nowMs: number): boolean {
  return meter.startMs <= nowMs && (meter.endMs === undefined || meter.endMs > nowMs);
}

const PARSED = new Map<string, number>();
const EPOCH_MS = Date.parse(EPOCH_ISO);
/** Virtual ms of an ISO timestamp the engine wrote (isoAt counts from EPOCH_ISO); cached, timestamps repeat. */
function msOf(iso: string): number {
  let ms = PARSED.get(iso);
  if (ms === undefined) {
    ms = Date.parse(iso) - EPOCH_MS;
    if (PARSED.size > 50_000) PARSED.clear();
    PARSED.set(iso, ms);
  }
  return ms;
}

function chargeOf(state: EngineState, record: TaskRecord): { charge: string; serviceArn?: string } {
  if (record.serviceArn === undefined) return { charge: STANDALONE };
  return { charge: chargeName(state, record), serviceArn: record.serviceArn };
}

function chargeName(state: EngineState, record: TaskRecord): string {
  if (record.serviceArn === undefined) return STANDALONE;
  return state.services?.get(record.serviceArn)?.name ?? record.serviceArn.slice(record.serviceArn.lastIndexOf('/') + 1);
}

/** An EC2 container instance's meter, as the tasks' shares need it: its rate and the interval it is billed over. */
interface InstanceRate {
  usdPerHour: number;
  startMs: number;
  endMs?: number;
}

/** Each EC2 container instance's cost per hour and billed interval, by container instance ARN (for the tasks' shares). */
function instanceRates(state: EngineState, out: Meter[]): Map<string, InstanceRate> {
  const rates = new Map<string, InstanceRate>();
  const ec2 = state.ec2?.instances;
  if (ec2 !== undefined) {
    for (const instance of ec2.values()) {
      if (instance.runningMs === undefined) continue;
      const usdPerHour = ec2InstanceUsdPerHour(instance.instanceType, instance.spot);
      out.push({
        key: `i:${instance.instanceId}`,
        launchType: 'EC2',
        charge: UNUSED_EC2,
        usdPerHour,
        startMs: instance.runningMs,
        ...(instance.terminatedMs === undefined ? {} : { endMs: instance.terminatedMs }),
        minimumMs: EC2_MINIMUM_BILLED_MS,
      });
      if (instance.containerInstanceArn !== undefined) {
        rates.set(instance.containerInstanceArn, { usdPerHour, startMs: instance.runningMs, ...(instance.terminatedMs === undefined ? {} : { endMs: instance.terminatedMs }) });
      }
    }
  }
  for (const instance of state.instances.values()) {
    if (instance.launchType === 'EXTERNAL') {
      out.push({ key: `ci:${instance.containerInstanceArn}`, launchType: 'EXTERNAL', charge: ANYWHERE_INSTANCES, usdPerHour: ECS_ANYWHERE_USD_PER_HOUR, startMs: msOf(instance.registeredAt) });
      continue;
    }
    if (rates.has(instance.containerInstanceArn) || ec2?.has(instance.ec2InstanceId) === true) continue;
    // Added with sim:AddContainerInstances: an On-Demand instance, billed while registered.
    const usdPerHour = ec2InstanceUsdPerHour(instance.instanceType.name, false);
    const startMs = msOf(instance.registeredAt);
    out.push({ key: `ci:${instance.containerInstanceArn}`, launchType: 'EC2', charge: UNUSED_EC2, usdPerHour, startMs });
    rates.set(instance.containerInstanceArn, { usdPerHour, startMs });
  }
  return rates;
}

/**
 * A Fargate task's meter as last built, with what it was built from: the ledger reads every meter
 * every minute, and a Fargate meter changes only when its task starts pulling, stops, or its
 * service's name reads otherwise — so the same meter object is handed out until one of those does.
 */
interface FargateMeterMemo {
  pullStartedAt: string;
  stoppedAt: string | undefined;
  capacityProviderName: string | undefined;
  charge: string;
  meter: Meter;
}
const fargateMeters = new WeakMap<TaskRecord, FargateMeterMemo>();

function fargateMeter(state: EngineState, record: TaskRecord): Meter | undefined {
  const task = record.task;
  if (task.pullStartedAt === undefined) return undefined;
  const capacityProviderName = record.capacityProviderName ?? task.capacityProviderName;
  const charge = chargeName(state, record);
  const memo = fargateMeters.get(record);
  if (memo !== undefined && memo.pullStartedAt === task.pullStartedAt && memo.stoppedAt === task.stoppedAt && memo.capacityProviderName === capacityProviderName && memo.charge === charge) {
    return memo.meter;
  }
  const meter = buildFargateMeter(record, task.pullStartedAt, capacityProviderName === FARGATE_SPOT, chargeOf(state, record));
  fargateMeters.set(record, { pullStartedAt: task.pullStartedAt, stoppedAt: task.stoppedAt, capacityProviderName, charge, meter });
  return meter;
}

function taskMeter(state: EngineState, record: TaskRecord, rates: Map<string, InstanceRate>): Meter | undefined {
  const task = record.task;
  if (task.launchType === 'FARGATE') return fargateMeter(state, record);
  if (task.launchType !== 'EC2' || record.instanceArn === undefined) return undefined;
  const instanceRate = rates.get(record.instanceArn);
  const instance: InstanceRecord | undefined = state.instances.get(record.instanceArn);
  if (instanceRate === undefined || instance === undefined || instance.registeredCpuUnits <= 0) return undefined;
  // A share runs from the task's placement (a task that waited for capacity was created long before)
  // and lies within its instance's billed interval (a task whose host was terminated stops a moment after it).
  const stoppedMs = task.stoppedAt === undefined ? undefined : msOf(task.stoppedAt);
  const endMs = stoppedMs === undefined ? instanceRate.endMs : instanceRate.endMs === undefined ? stoppedMs : Math.min(stoppedMs, instanceRate.endMs);
  return {
    key: `s:${task.taskArn}`,
    launchType: 'EC2',
    ...chargeOf(state, record),
    usdPerHour: (instanceRate.usdPerHour * record.cpuUnits) / instance.registeredCpuUnits,
    startMs: Math.max(record.placedMs ?? record.createdMs, instanceRate.startMs),
    ...(endMs === undefined ? {} : { endMs }),
    share: true,
  };
}

function buildFargateMeter(record: TaskRecord, pullStartedAt: string, spot: boolean, charge: { charge: string; serviceArn?: string }): Meter {
  const task = record.task;
  const runtime = record.taskDefinition.runtimePlatform as { cpuArchitecture?: unknown; operatingSystemFamily?: unknown } | undefined;
  const ephemeral = (task.ephemeralStorage as { sizeInGiB?: number } | undefined)?.sizeInGiB;
  const rate = fargateRate({
    cpuUnits: record.cpuUnits,
    memoryMiB: record.memoryMiB,
    ...(typeof runtime?.cpuArchitecture === 'string' ? { architecture: runtime.cpuArchitecture } : {}),
    ...(typeof runtime?.operatingSystemFamily === 'string' ? { operatingSystemFamily: runtime.operatingSystemFamily } : {}),
    ...(ephemeral === undefined ? {} : { ephemeralGiB: ephemeral }),
  }, spot);
  return {
    key: `t:${task.taskArn}`,
    launchType: spot ? 'FARGATE_SPOT' : 'FARGATE',
    ...charge,
    usdPerHour: rate.usdPerHour,
    startMs: msOf(pullStartedAt),
    ...(task.stoppedAt === undefined ? {} : { endMs: msOf(task.stoppedAt) }),
    minimumMs: rate.minimumBilledMs,
  };
}

/** Every meter the state shows now. */
export function currentMeters(state: EngineState): Meter[] {
  const meters: Meter[] = [];
  const rates = instanceRates(state, meters);
  for (const record of state.tasks.values()) {
    const meter = taskMeter(state, record, rates);
    if (meter !== undefined) meters.push(meter);
  }
  return meters;
}
