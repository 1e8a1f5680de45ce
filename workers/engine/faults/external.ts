/**
 * ECS Anywhere external instances (sim:RegisterExternalInstance; ECS Developer Guide, ecs-anywhere):
 * an on-premises server or VM whose SSM Agent and ECS agent register it with a cluster. Facts used:
 * - its ec2InstanceId is the SSM managed instance id, `mi-` and 17 hex digits;
 * - ECS adds the `ecs.capability.external` attribute; no EC2 attributes (instance type, AMI, VPC,
 *   subnet, Availability Zone) — the host is outside AWS;
 * - tasks run with the EXTERNAL launch type only, in bridge, host or none network mode (no awsvpc);
 *   no service load balancing, no service discovery, no capacity providers, no Auto Scaling group.
 * Sandbox choices: its resources are what the request says (default 2 vCPU = 2048 CPU units and
 * 4096 MiB), and its `availabilityZone` is the sandbox's label "on-premises" (it is in no zone).
 */
import type { Attribute } from '../../protocol.ts';
import type { InstanceType } from '../catalog/instance-types.ts';
import type { EngineContext } from '../context.ts';
import { containerInstanceArn, isoAt, newResourceId } from '../ids/arn.ts';
import { newInstanceRecord } from '../commands/instance-record.ts';
import { clusterInstancesChanged } from '../services/cluster-changes.ts';
import { startCostMeter } from '../cost/ledger.ts';
import type { ClusterRecord, InstanceRecord } from '../state.ts';
import { containerInstanceStateChange } from './instance-events.ts';

export const EXTERNAL_ZONE = 'on-premises';
export const DEFAULT_EXTERNAL_CPU = 2048;
export const DEFAULT_EXTERNAL_MEMORY_MIB = 4096;
/** The role ECS Anywhere's registration script creates for the instance (ecs-anywhere-iam). */
export const EXTERNAL_INSTANCE_ROLE = 'ecsAnywhereRole';

/** An SSM managed instance id: `mi-` and 17 hex digits (e.g. mi-0123456789abcdef0). */
export function newManagedInstanceId(ctx: EngineContext): string {
  return `mi-${ctx.prng.hex(17)}`;
}

/** The registered size of an external host: not an EC2 type, so a catalogue-shaped row of its own. */
function externalType(cpuUnits: number, memoryMiB: number): InstanceType {
  return {
    name: 'external',
    family: 'external',
    vcpus: cpuUnits / 1024,
    memoryMiB,
    architecture: 'x86_64',
    maxEnis: 1,
    trunkingTaskLimit: null,
    onDemandUsdPerHour: 0,
  };
}

export interface ExternalRegistration {
  hostname?: string;
  cpuUnits: number;
  memoryMiB: number;
  custom: Attribute[];
}

export function registerExternal(ctx: EngineContext, cluster: ClusterRecord, input: ExternalRegistration): InstanceRecord {
  const id = newManagedInstanceId(ctx);
  const arn = containerInstanceArn(cluster.clusterName, newResourceId(ctx.prng));
  const attributes: Attribute[] = [
    { name: 'ecs.capability.external' },
    { name: 'ecs.os-type', value: 'linux' },
    { name: 'ecs.os-family', value: 'LINUX' },
    { name: 'ecs.cpu-architecture', value: 'x86_64' },
    { name: 'com.amazonaws.ecs.capability.docker-remote-api.1.44' },
    { name: 'com.amazonaws.ecs.capability.logging-driver.json-file' },
    { name: 'com.amazonaws.ecs.capability.logging-driver.awslogs' },
    { name: 'ecs.capability.task-cpu-mem-limit' },
    { name: 'ecs.capability.container-health-check' },
    ...(input.hostname === undefined ? [] : [{ name: 'hostname', value: input.hostname }]),
    ...input.custom,
  ];
  const record = newInstanceRecord({
    containerInstanceArn: arn,
    ec2InstanceId: id,
    clusterName: cluster.clusterName,
    instanceType: externalType(input.cpuUnits, input.memoryMiB),
    availabilityZone: EXTERNAL_ZONE,
    status: 'ACTIVE',
    registeredAt: isoAt(ctx.clock.now),
    attributes,
    instanceRoleName: EXTERNAL_INSTANCE_ROLE,
    instanceRoleDefaulted: true,
  });
  // The agent reports the host's own CPU and memory; no OS-visible calibration as for EC2 types.
  record.registeredCpuUnits = input.cpuUnits;
  record.registeredMemoryMiB = input.memoryMiB;
  record.launchType = 'EXTERNAL';
  ctx.state.instances.set(arn, record);
  ctx.emit(
    'instance.registered',
    `External instance ${id}${input.hostname === undefined ? '' : ` (${input.hostname})`} registered with cluster ${cluster.clusterName} through ECS Anywhere: ${input.cpuUnits} CPU units, ${input.memoryMiB} MiB, attribute ecs.capability.external. It takes tasks with launch type EXTERNAL only (bridge, host or none network mode), belongs to no Auto Scaling group and costs the ECS Anywhere fee per hour.`,
    arn,
    undefined,
    containerInstanceStateChange(ctx.state, record, ctx.clock.now),
  );
  clusterInstancesChanged(ctx, cluster.clusterName);
  startCostMeter(ctx);
  return record;
}
