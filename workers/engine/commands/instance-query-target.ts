/**
 * A container instance as the cluster query language sees it (placement/query's QueryTarget): the
 * subjects `agentConnected`, `agentVersion`, `attribute:<name>`, `ec2InstanceId`, `registeredAt`,
 * `runningTasksCount` and `task:group` (ecs-reference §1), read from the engine's records.
 *
 * ListContainerInstances' `filter` and memberOf constraints ask the same questions of every
 * instance, so the per-state work (task counts, task groups per instance) is done once in a
 * QueryTargetContext and shared; a caller that asks about one instance may omit it.
 */
import type { Attribute } from '../../protocol.ts';
import type { QueryTarget } from '../placement/query/index.ts';
import { AGENT_VERSION_INFO, countTasks, type TaskCounts } from '../snapshot.ts';
import type { EngineState, InstanceRecord } from '../state.ts';

/** What every target of one question shares: computed once per state, lazily. */
export interface QueryTargetContext {
  runningCount(instanceArn: string): number;
  groupsOn(instanceArn: string): ReadonlySet<string>;
}

const NO_GROUPS: ReadonlySet<string> = new Set();

export function queryTargetContext(state: EngineState): QueryTargetContext {
  let counts: Map<string, TaskCounts> | undefined;
  let groups: Map<string, Set<string>> | undefined;
  return {
    runningCount(instanceArn) {
      // The count DescribeContainerInstances shows: tasks whose lastStatus is RUNNING.
      counts ??= countTasks(state).byInstance;
      return counts.get(instanceArn)?.running ?? 0;
    },
    groupsOn(instanceArn) {
      groups ??= groupsByInstance(state);
      return groups.get(instanceArn) ?? NO_GROUPS;
    },
  };
}

/** The task groups of the tasks not yet STOPPED on each instance (a stopping task still holds its place). */
function groupsByInstance(state: EngineState): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const record of state.tasks.values()) {
    if (record.instanceArn === undefined || record.task.lastStatus === 'STOPPED') continue;
    let set = out.get(record.instanceArn);
    if (set === undefined) {
      set = new Set();
      out.set(record.instanceArn, set);
    }
    set.add(record.task.group);
  }
  return out;
}

/**
 * Attributes by name, cached per attributes array: PutAttributes/DeleteAttributes replace an
 * instance's array instead of changing it, so an array seen once never needs looking at again.
 * Value-less attributes (the agent's capability attributes) map to null: they exist, with no value.
 */
const attributeIndex = new WeakMap<readonly Attribute[], Map<string, string | null>>();

export function attributeMap(attributes: readonly Attribute[]): ReadonlyMap<string, string | null> {
  let map = attributeIndex.get(attributes);
  if (map === undefined) {
    map = new Map();
    for (const attribute of attributes) map.set(attribute.name, attribute.value ?? null);
    attributeIndex.set(attributes, map);
  }
  return map;
}

/**
 * The instance as a QueryTarget. `attribute(name)` is undefined when the instance has no such
 * attribute (an unknown attribute matches nothing, as on AWS), null when it has one without a value.
 */
export function instanceQueryTarget(state: EngineState, instance: InstanceRecord, context?: QueryTargetContext): QueryTarget {
  const shared = context ?? queryTargetContext(state);
  const attributes = instance.attributes;
  return {
    ec2InstanceId: instance.ec2InstanceId,
    // The sandbox's agents never disconnect.
    agentConnected: true,
    agentVersion: AGENT_VERSION_INFO.agentVersion,
    registeredAtMs: Date.parse(instance.registeredAt),
    get runningTasksCount() {
      return shared.runningCount(instance.containerInstanceArn);
    },
    attribute(name: string) {
      return attributeMap(attributes).get(name);
    },
    hasTaskInGroup(group: string) {
      return shared.groupsOn(instance.containerInstanceArn).has(group);
    },
  };
}
