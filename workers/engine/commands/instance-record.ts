/**
 * A container instance as it registers: its identity and attributes, and the resources the ECS
 * agent reports for its type (ecs-reference §2) with nothing used yet. sim:AddContainerInstances
 * registers these; the placement explainer probes a hypothetical one to suggest an instance type.
 */
import { registeredCpuUnits, registeredMemoryMiB } from '../catalog/instance-types.ts';
import type { InstanceRecord } from '../state.ts';

/** The ECS agent's default reserved ports on Linux (ecs-reference §2). */
export const RESERVED_TCP_PORTS: readonly number[] = [22, 2375, 2376, 51678, 51679];
export const RESERVED_UDP_PORTS: readonly number[] = [];

/** What a registration decides; the resources and their accounting follow from the instance type. */
export type NewInstance = Pick<
  InstanceRecord,
  | 'containerInstanceArn'
  | 'ec2InstanceId'
  | 'clusterName'
  | 'instanceType'
  | 'availabilityZone'
  | 'status'
  | 'registeredAt'
  | 'attributes'
  | 'instanceRoleName'
  | 'instanceRoleDefaulted'
>;

/**
 * Written field by field in one literal (not `...fields`): every instance record then has the same
 * object shape, which keeps the placement pipeline's reads of instances fast (a spread made them
 * ~2× slower at 5,000 instances).
 */
export function newInstanceRecord(fields: NewInstance): InstanceRecord {
  return {
    containerInstanceArn: fields.containerInstanceArn,
    ec2InstanceId: fields.ec2InstanceId,
    clusterName: fields.clusterName,
    instanceType: fields.instanceType,
    availabilityZone: fields.availabilityZone,
    status: fields.status,
    registeredAt: fields.registeredAt,
    version: 1,
    attributes: fields.attributes,
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
    instanceRoleName: fields.instanceRoleName,
    instanceRoleDefaulted: fields.instanceRoleDefaulted,
    trunkEnabled: false,
  };
}
