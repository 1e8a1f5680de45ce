/**
 * What the placement pipeline is asked to place: one task's needs on a container instance (from
 * its task definition and network mode), its task group, and the placement strategies and
 * constraints that apply, already checked (options.ts). Built once per RunTask (or per service
 * placement round) and shared by every task of the request.
 */
import type { PlacementRuleSource } from '../../protocol.ts';
import type { ClusterQuery } from './query/index.ts';

export interface PortRequirement {
  containerName: string;
  containerPort: number;
  /** 0 = dynamic (bridge mode, hostPort 0 or omitted). */
  hostPort: number;
  protocol: 'tcp' | 'udp';
}

export type Strategy =
  | { type: 'binpack'; resource: 'cpu' | 'memory'; source: PlacementRuleSource }
  | { type: 'spread'; by: 'instanceId'; source: PlacementRuleSource }
  | { type: 'spread'; by: 'attribute'; attribute: string; source: PlacementRuleSource }
  | { type: 'random'; source: PlacementRuleSource };

export type Constraint =
  | { type: 'distinctInstance'; source: PlacementRuleSource }
  | { type: 'memberOf'; query: ClusterQuery; source: PlacementRuleSource };

export interface PlacementRequest {
  /** `family:revision`, for messages. */
  label: string;
  taskDefinitionArn: string;
  clusterName: string;
  /** `family:web`, `service:api`: what spread and distinctInstance count. */
  group: string;
  cpuUnits: number;
  memoryMiB: number;
  /** Host ports the task binds on the instance (empty in awsvpc and none modes). */
  ports: PortRequirement[];
  needsEni: boolean;
  /** awsvpc: the Availability Zones of the request's subnets (the task's ENI must be in the instance's AZ). */
  subnetZones?: ReadonlySet<string>;
  /** Attributes the instance must have: the task definition's requiresAttributes and its CPU architecture. */
  requiredAttributes: { name: string; value?: string }[];
  strategies: Strategy[];
  constraints: Constraint[];
  /** EXTERNAL places on ECS Anywhere instances only; EC2 (or absent) on EC2 instances only (filters/status.ts). */
  launchType?: 'EC2' | 'EXTERNAL';
}

const STATIC_PORTS = new WeakMap<PlacementRequest, readonly PortRequirement[]>();

/** Static host ports only (dynamic ones cannot conflict); computed once per request (commits ask per task). */
export function staticPorts(request: PlacementRequest): readonly PortRequirement[] {
  let ports = STATIC_PORTS.get(request);
  if (ports === undefined) {
    ports = request.ports.filter((port) => port.hostPort !== 0);
    STATIC_PORTS.set(request, ports);
  }
  return ports;
}
