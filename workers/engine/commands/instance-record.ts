/**
 * A container instance as it registers: its identity and attributes, and the resources the ECS
 * agent reports for its type (ecs-reference §2) with nothing used yet. sim:AddContainerInstances
 * registers these; the placement explainer probes a hypothetical one to suggest an instance type.
 */
import type { Attribute } from '../../protocol.ts';
import { registeredCpuUnits, registeredMemoryMiB, type InstanceType } from '../catalog/instance-types.ts';
import type { InstanceRecord, InstanceStatus } from '../state.ts';

/** The ECS agent's default reserved ports on Linux (ecs-reference §2). */
export const RESERVED_TCP_PORTS: readonly number[] = [22, 2375, 2376, 51678, 51679];
export const RESERVED_UDP_PORTS: readonly number[] = [];

export interface NewInstance {
  containerInstanceArn: string;
  ec2InstanceId: string;
  clusterName: string;
  instanceType: InstanceType;
  availabilityZone: string;
  status: InstanceStatus;
  registeredAt: string;
  attributes: Attribute[];
  instanceRoleName: string;
  instanceRoleDefaulted: boolean;
}

export function newInstanceRecord(fields: NewInstance): InstanceRecord {
  return {
    ...fields,
    version: 1,
    registeredCpuUnits: registeredCpuUnits(fields.instanceType),
    registeredMemoryMiB: registeredMemoryMiB(fields.instanceType),
    reservedTcpPorts: RESERVED_TCP_PORTS,
    reservedUdpPorts: RESERVED_UDP_PORTS,
    usedCpuUnits: 0,
    usedMemoryMiB: 0,
    staticTcp: new Map(),
    staticUdp: new Map(),
    dynamicTcp: new Map(),
    dynamicUdp: new Map(),
    lastDynamicPort: 0,
    enisUsed: 0,
    trunkEnabled: false,
  };
}
