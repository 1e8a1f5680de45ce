// Builds QueryTargets for the query-language tests: one container instance with attributes,
// agent facts and the task groups running on it.
import { parseClusterQuery, type ClusterQuery, type QueryTarget } from '../../../../workers/engine/placement/query/index.ts';

export interface TargetSpec {
  ec2InstanceId?: string;
  agentConnected?: boolean;
  agentVersion?: string;
  registeredAt?: string;
  runningTasksCount?: number;
  attributes?: Record<string, string | null>;
  groups?: readonly string[];
}

export function target(spec: TargetSpec = {}): QueryTarget {
  const attributes = spec.attributes ?? {
    'ecs.instance-type': 'm5.large',
    'ecs.availability-zone': 'us-east-1a',
    'ecs.os-type': 'linux',
    'ecs.cpu-architecture': 'x86_64',
  };
  const groups = new Set(spec.groups ?? []);
  return {
    ec2InstanceId: spec.ec2InstanceId ?? 'i-0123456789abcdef0',
    agentConnected: spec.agentConnected ?? true,
    agentVersion: spec.agentVersion ?? '1.92.0',
    registeredAtMs: Date.parse(spec.registeredAt ?? '2026-01-01T00:00:00.000Z'),
    runningTasksCount: spec.runningTasksCount ?? 0,
    attribute: (name) => (Object.hasOwn(attributes, name) ? attributes[name] : undefined),
    hasTaskInGroup: (group) => groups.has(group),
  };
}

/** Parses an expression that must be valid (the test fails with the parser's message otherwise). */
export function query(text: string): ClusterQuery {
  const parsed = parseClusterQuery(text);
  if (!parsed.ok) throw new Error(`${text}: ${parsed.message}`);
  return parsed.query;
}

export function matches(text: string, spec: TargetSpec = {}): boolean {
  return query(text).matches(target(spec));
}
