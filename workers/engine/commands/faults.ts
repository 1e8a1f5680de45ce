/**
 * Faults, Spot and ECS Anywhere (issue 6): sim:SetSpotMarket, sim:InterruptSpot,
 * sim:FailAvailabilityZone / sim:RestoreAvailabilityZone, sim:DisconnectAgent / sim:ReconnectAgent,
 * sim:RegisterExternalInstance. Each checks everything first and refuses, changing nothing, when it
 * names something that does not exist; the work is in faults/.
 */
import type { Attribute } from '../../protocol.ts';
import { AVAILABILITY_ZONES } from '../catalog/network.ts';
import type { EngineContext } from '../context.ts';
import '../cost/ledger.ts';
import type { Ec2InstanceRecord } from '../ec2/model.ts';
import { invalidParameter, MESSAGES, ok, type CommandResult } from '../errors.ts';
import { disconnectAgentNow, instanceLabel, reconnectAgentNow } from '../faults/agents.ts';
import { DEFAULT_EXTERNAL_CPU, DEFAULT_EXTERNAL_MEMORY_MIB, registerExternal } from '../faults/external.ts';
import { FAULT_MESSAGES } from '../faults/messages.ts';
import { faultsOf } from '../faults/model.ts';
import '../faults/render.ts';
import { interruptibleSpotTask, isFargateSpotTask, noticeSpotInstance, warnSpotTask } from '../faults/spot.ts';
import { disconnectNewInstancesInOutZones, failZoneNow, restoreZoneNow } from '../faults/zones.ts';
import { resourceIdOf, taskArn } from '../ids/arn.ts';
import { ensureMinuteTicks } from '../metrics/minute-tick.ts';
import { countTasks, renderInstance, renderTask } from '../snapshot.ts';
import { clusterInstancesChanged, provideClusterListener } from '../services/cluster-changes.ts';
import { instancesOfCluster, type TaskRecord } from '../state.ts';
import { plural } from '../text.ts';
import { ATTRIBUTE_NAME, ATTRIBUTE_VALUE } from './attribute-rules.ts';
import { findCluster } from './clusters.ts';
import { findInstanceOrHost, MAX_INSTANCES_PER_CLUSTER } from './container-instances.ts';
import { checkParams } from './params.ts';

const MAX_DURATION_SECONDS = 86_400;
const MAX_RATE_PER_HOUR = 60;

function checkDuration(value: number | undefined): { ok: true; ms: number | undefined } | { ok: false; result: CommandResult } {
  if (value === undefined) return { ok: true, ms: undefined };
  if (!Number.isInteger(value) || value < 1 || value > MAX_DURATION_SECONDS) return { ok: false, result: invalidParameter(FAULT_MESSAGES.badDuration(value)) };
  return { ok: true, ms: value * 1000 };
}

// ---------------------------------------------------------------------------------------------
// Spot
// ---------------------------------------------------------------------------------------------

const RATE_FIELDS = ['fargateSpotInterruptionsPerHour', 'ec2SpotInterruptionsPerHour'] as const;

export function setSpotMarket(ctx: EngineContext, raw: unknown): CommandResult {
  // The rates may be fractions, which checkParams' integer type refuses: they are checked here.
  const given = (raw ?? {}) as Record<string, unknown>;
  const rest = typeof given === 'object' && !Array.isArray(given) ? Object.fromEntries(Object.entries(given).filter(([k]) => !(RATE_FIELDS as readonly string[]).includes(k))) : given;
  const checked = checkParams<{ fargateSpotCapacityAvailable?: boolean }>(rest, {
    params: { fargateSpotCapacityAvailable: 'boolean', fargateSpotInterruptionsPerHour: 'integer', ec2SpotInterruptionsPerHour: 'integer' },
  });
  if (!checked.ok) return checked.result;
  const rates: Partial<Record<(typeof RATE_FIELDS)[number], number>> = {};
  for (const field of RATE_FIELDS) {
    const value = given[field];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > MAX_RATE_PER_HOUR) return invalidParameter(FAULT_MESSAGES.badRate(field, value));
    rates[field] = value;
  }

  const spot = faultsOf(ctx.state).spot;
  const capacityBack = checked.input.fargateSpotCapacityAvailable === true && !spot.fargateSpotCapacityAvailable;
  Object.assign(spot, rates);
  if (checked.input.fargateSpotCapacityAvailable !== undefined) spot.fargateSpotCapacityAvailable = checked.input.fargateSpotCapacityAvailable;
  spot.sinceMs = ctx.clock.now;
  ctx.emit(
    'fault.spot-market',
    `Spot market set: Fargate Spot ${spot.fargateSpotCapacityAvailable ? 'has capacity' : 'has NO capacity (new FARGATE_SPOT tasks cannot start)'}, ${spot.fargateSpotInterruptionsPerHour} interruptions per Spot task-hour, ${spot.ec2SpotInterruptionsPerHour} per Spot Instance-hour (seeded draws each virtual minute).`,
  );
  if (spot.fargateSpotInterruptionsPerHour > 0 || spot.ec2SpotInterruptionsPerHour > 0) ensureMinuteTicks(ctx);
  // Services waiting for Fargate Spot capacity try again at once.
  if (capacityBack) for (const name of ctx.state.clusters.keys()) clusterInstancesChanged(ctx, name);
  return ok({ spotMarket: { ...spot, timer: undefined } });
}

interface InterruptInput {
  cluster?: string;
  tasks?: unknown[];
  count?: number;
  instanceIds?: unknown[];
}

export function interruptSpot(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams<InterruptInput>(raw, { params: { cluster: 'string', tasks: 'list', count: 'integer', instanceIds: 'list' } });
  if (!checked.ok) return checked.result;
  const input = checked.input;
  if (input.tasks === undefined && input.count === undefined && input.instanceIds === undefined) return invalidParameter(FAULT_MESSAGES.interruptNothing());
  if (input.count !== undefined && (input.count < 1 || input.count > 1000)) return invalidParameter(FAULT_MESSAGES.interruptBadCount(input.count));

  const tasks: TaskRecord[] = [];
  if (input.tasks !== undefined || input.count !== undefined) {
    const found = findCluster(ctx, input.cluster);
    if (!found.ok) return found.result;
    const cluster = found.cluster;
    for (const item of input.tasks ?? []) {
      const text = String(item);
      const record = ctx.state.tasks.get(taskArn(cluster.clusterName, resourceIdOf(text, 'task')));
      if (record === undefined) return invalidParameter(FAULT_MESSAGES.taskNotFound(text, cluster.clusterName));
      if (!isFargateSpotTask(record)) return invalidParameter(FAULT_MESSAGES.notSpotTask(text, record.capacityProviderName));
      if (!interruptibleSpotTask(record)) return invalidParameter(record.task.desiredStatus === 'STOPPED' && record.task.lastStatus === 'RUNNING' ? FAULT_MESSAGES.alreadyWarned(text) : FAULT_MESSAGES.taskNotRunning(text, record.task.lastStatus));
      if (!tasks.includes(record)) tasks.push(record);
    }
    if (input.count !== undefined && input.tasks === undefined) {
      const candidates = [...ctx.state.tasks.values()].filter((record) => record.clusterName === cluster.clusterName && interruptibleSpotTask(record));
      if (candidates.length === 0) return invalidParameter(FAULT_MESSAGES.noSpotTasks(cluster.clusterName));
      // Which ones AWS takes is its own business: the sandbox picks with the seeded PRNG.
      const take = Math.min(input.count, candidates.length);
      for (let i = 0; i < take; i++) tasks.push(candidates.splice(ctx.prng.int(0, candidates.length), 1)[0]!);
    }
  }
  const instances: Ec2InstanceRecord[] = [];
  if (input.instanceIds !== undefined) {
    const known = ctx.state.ec2?.instances ?? new Map<string, Ec2InstanceRecord>();
    const notices = ctx.state.faults?.spotNotices;
    for (const item of input.instanceIds) {
      const id = String(item);
      const instance = known.get(id);
      if (instance === undefined) return invalidParameter(FAULT_MESSAGES.unknownEc2Instance(id));
      if (!instance.spot) return invalidParameter(FAULT_MESSAGES.notSpotInstance(id));
      if (instance.state !== 'running') return invalidParameter(FAULT_MESSAGES.ec2NotRunning(id, instance.state));
      if (notices?.has(id) === true) return invalidParameter(FAULT_MESSAGES.alreadyWarned(id));
      if (!instances.includes(instance)) instances.push(instance);
    }
  }

  // Everything is valid: from here on the state changes.
  for (const record of tasks) warnSpotTask(ctx, record, 'sim:InterruptSpot');
  for (const instance of instances) noticeSpotInstance(ctx, instance, 'sim:InterruptSpot');
  if (input.count !== undefined && input.tasks === undefined && tasks.length < input.count) {
    ctx.emit('fault.spot-market', `sim:InterruptSpot asked for ${input.count} Spot tasks; only ${plural(tasks.length, 'task')} could be interrupted.`);
  }
  return ok({ tasks: tasks.map((record) => renderTask(record.task)), instanceIds: instances.map((instance) => instance.instanceId) });
}

// ---------------------------------------------------------------------------------------------
// Availability Zones
// ---------------------------------------------------------------------------------------------

export function failAvailabilityZone(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams<{ zone: string; durationSeconds?: number }>(raw, { params: { zone: 'string', durationSeconds: 'integer' }, required: ['zone'] });
  if (!checked.ok) return checked.result;
  const { zone } = checked.input;
  if (!AVAILABILITY_ZONES.includes(zone)) return invalidParameter(FAULT_MESSAGES.unknownZone(zone, AVAILABILITY_ZONES));
  if (ctx.state.faults?.unavailableZones.has(zone) === true) return invalidParameter(FAULT_MESSAGES.zoneAlreadyOut(zone));
  const duration = checkDuration(checked.input.durationSeconds);
  if (!duration.ok) return duration.result;
  failZoneNow(ctx, zone, duration.ms);
  return ok({ zone, ...(duration.ms === undefined ? {} : { untilMs: ctx.clock.now + duration.ms }) });
}

export function restoreAvailabilityZone(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams<{ zone: string }>(raw, { params: { zone: 'string' }, required: ['zone'] });
  if (!checked.ok) return checked.result;
  const { zone } = checked.input;
  if (!AVAILABILITY_ZONES.includes(zone)) return invalidParameter(FAULT_MESSAGES.unknownZone(zone, AVAILABILITY_ZONES));
  if (ctx.state.faults?.unavailableZones.has(zone) !== true) return invalidParameter(FAULT_MESSAGES.zoneNotOut(zone));
  restoreZoneNow(ctx, zone, 'sim:RestoreAvailabilityZone');
  return ok({ zone });
}

// ---------------------------------------------------------------------------------------------
// Agents
// ---------------------------------------------------------------------------------------------

interface AgentInput {
  cluster?: string;
  containerInstance: string;
  durationSeconds?: number;
}

function findAgentInstance(ctx: EngineContext, input: AgentInput) {
  const found = findCluster(ctx, input.cluster);
  if (!found.ok) return found;
  const instance = findInstanceOrHost(ctx, found.cluster, input.containerInstance);
  if (instance === undefined) return { ok: false as const, result: invalidParameter(FAULT_MESSAGES.unknownInstance(input.containerInstance, found.cluster.clusterName)) };
  return { ok: true as const, instance };
}

export function disconnectAgent(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams<AgentInput>(raw, { params: { cluster: 'string', containerInstance: 'string', durationSeconds: 'integer' }, required: ['containerInstance'] });
  if (!checked.ok) return checked.result;
  const found = findAgentInstance(ctx, checked.input);
  if (!found.ok) return found.result;
  const instance = found.instance;
  if (ctx.state.faults?.disconnectedAgents.has(instance.containerInstanceArn) === true) return invalidParameter(FAULT_MESSAGES.agentAlreadyDisconnected(instanceLabel(instance)));
  const duration = checkDuration(checked.input.durationSeconds);
  if (!duration.ok) return duration.result;
  disconnectAgentNow(ctx, instance, duration.ms);
  return ok({ containerInstance: renderInstance(instance, countTasks(ctx.state).byInstance) });
}

export function reconnectAgent(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams<AgentInput>(raw, { params: { cluster: 'string', containerInstance: 'string' }, required: ['containerInstance'] });
  if (!checked.ok) return checked.result;
  const found = findAgentInstance(ctx, checked.input);
  if (!found.ok) return found.result;
  const instance = found.instance;
  if (ctx.state.faults?.disconnectedAgents.has(instance.containerInstanceArn) !== true) return invalidParameter(FAULT_MESSAGES.agentNotDisconnected(instanceLabel(instance)));
  if (ctx.state.faults.unavailableZones.has(instance.availabilityZone)) return invalidParameter(FAULT_MESSAGES.agentInZoneOutage(instanceLabel(instance), instance.availabilityZone));
  reconnectAgentNow(ctx, instance, 'sim:ReconnectAgent');
  return ok({ containerInstance: renderInstance(instance, countTasks(ctx.state).byInstance) });
}

// ---------------------------------------------------------------------------------------------
// ECS Anywhere
// ---------------------------------------------------------------------------------------------

interface ExternalInput {
  cluster?: string;
  hostname?: string;
  cpu?: number;
  memory?: number;
  attributes?: Record<string, unknown>;
}

const HOSTNAME = /^[A-Za-z0-9.-]{1,253}$/;

export function registerExternalInstance(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams<ExternalInput>(raw, { params: { cluster: 'string', hostname: 'string', cpu: 'integer', memory: 'integer', attributes: 'map' } });
  if (!checked.ok) return checked.result;
  const input = checked.input;
  const found = findCluster(ctx, input.cluster);
  if (!found.ok) return found.result;
  const cpuUnits = input.cpu ?? DEFAULT_EXTERNAL_CPU;
  if (cpuUnits < 256 || cpuUnits > 196_608) return invalidParameter(FAULT_MESSAGES.externalBadCpu(cpuUnits));
  const memoryMiB = input.memory ?? DEFAULT_EXTERNAL_MEMORY_MIB;
  if (memoryMiB < 512 || memoryMiB > 786_432) return invalidParameter(FAULT_MESSAGES.externalBadMemory(memoryMiB));
  if (input.hostname !== undefined && !HOSTNAME.test(input.hostname)) return invalidParameter(FAULT_MESSAGES.externalBadHostname(input.hostname));
  const custom: Attribute[] = [];
  for (const [name, value] of Object.entries(input.attributes ?? {})) {
    if (!ATTRIBUTE_NAME.test(name)) return invalidParameter(MESSAGES.invalidAttributeName(name));
    if (name.startsWith('ecs.')) return invalidParameter(MESSAGES.reservedAttributeName(name));
    const text = typeof value === 'number' || typeof value === 'boolean' ? String(value) : value;
    if (typeof text !== 'string' || !ATTRIBUTE_VALUE.test(text) || text.trim() !== text) return invalidParameter(MESSAGES.invalidAttributeValue(name, value));
    custom.push({ name, value: text });
  }
  const existing = instancesOfCluster(ctx.state, found.cluster.clusterName).length;
  if (existing + 1 > MAX_INSTANCES_PER_CLUSTER) return invalidParameter(MESSAGES.tooManyInstances(existing, 1, MAX_INSTANCES_PER_CLUSTER));

  const record = registerExternal(ctx, found.cluster, { ...(input.hostname === undefined ? {} : { hostname: input.hostname }), cpuUnits, memoryMiB, custom });
  return ok({ containerInstance: renderInstance(record, countTasks(ctx.state).byInstance) });
}

// Instances registered into a zone that is out come up disconnected.
provideClusterListener('faults', disconnectNewInstancesInOutZones);
