/**
 * ecs:UpdateContainerInstancesState: set container instances ACTIVE or DRAINING.
 *
 * DRAINING (ecs-reference §2, "Container instance draining"): no new tasks are placed on the
 * instance (placement only uses ACTIVE instances); tasks of services are stopped and replaced;
 * standalone tasks (RunTask) are left alone. The instance stays DRAINING until it is set ACTIVE.
 */
import { clusterInstancesChanged } from '../services/cluster-changes.ts';
import type { EngineContext } from '../context.ts';
import { invalidParameter, ok, type CommandResult } from '../errors.ts';
import { containerInstanceArn } from '../ids/arn.ts';
import { countTasks, renderInstance } from '../snapshot.ts';
import type { ClusterRecord, InstanceRecord } from '../state.ts';
import { findCluster } from './clusters.ts';
import { findInstance } from './container-instances.ts';
import { checkParams } from './params.ts';

/** UpdateContainerInstancesState takes at most 10 container instances per call (API reference). */
export const MAX_INSTANCES_PER_STATE_UPDATE = 10;
const SETTABLE_STATUSES = ['ACTIVE', 'DRAINING'] as const;
type SettableStatus = (typeof SETTABLE_STATUSES)[number];

/**
 * Texts. UNCONFIRMED (moto's wording, which copies AWS): invalidStatus. Sandbox: the rest,
 * including the failure for an instance that is not ACTIVE or DRAINING yet.
 */
export const INSTANCE_STATE_MESSAGES = {
  invalidStatus: () => 'Container instance status should be one of [ACTIVE, DRAINING]',
  instancesEmpty: () => 'containerInstances can not be empty: name at least one container instance (ID or ARN).',
  tooManyInstances: (count: number) =>
    `UpdateContainerInstancesState takes at most ${MAX_INSTANCES_PER_STATE_UPDATE} container instances per call; ${count} were given.`,
  notSettable: (status: string) =>
    `The container instance is ${status}: its state can be changed to ACTIVE or DRAINING only once it has reached ACTIVE.`,
} as const;

interface UpdateStateInput {
  cluster?: string;
  containerInstances: unknown[];
  status: string;
}

export function updateContainerInstancesState(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams<UpdateStateInput>(raw, {
    params: { cluster: 'string', containerInstances: 'list', status: 'string' },
    required: ['containerInstances', 'status'],
  });
  if (!checked.ok) return checked.result;
  const found = findCluster(ctx, checked.input.cluster);
  if (!found.ok) return found.result;
  const { containerInstances: given, status } = checked.input;
  if (!(SETTABLE_STATUSES as readonly string[]).includes(status)) return invalidParameter(INSTANCE_STATE_MESSAGES.invalidStatus());
  if (given.length === 0) return invalidParameter(INSTANCE_STATE_MESSAGES.instancesEmpty());
  if (given.length > MAX_INSTANCES_PER_STATE_UPDATE) return invalidParameter(INSTANCE_STATE_MESSAGES.tooManyInstances(given.length));
  const targets: InstanceRecord[] = [];
  const failures: { arn: string; reason: string; detail?: string }[] = [];
  for (const item of given) {
    const text = String(item);
    const instance = findInstance(ctx, found.cluster, text);
    if (instance === undefined) failures.push({ arn: missingArn(found.cluster, text), reason: 'MISSING' });
    else if (instance.status === 'REGISTERING') {
      failures.push({ arn: instance.containerInstanceArn, reason: 'INVALID_STATUS', detail: INSTANCE_STATE_MESSAGES.notSettable(instance.status) });
    } else if (!targets.includes(instance)) targets.push(instance);
  }

  // Everything is valid: from here on the state changes.
  for (const instance of targets) setStatus(ctx, instance, status as SettableStatus);
  const counts = countTasks(ctx.state).byInstance;
  return ok({ containerInstances: targets.map((instance) => renderInstance(instance, counts)), failures });
}

function missingArn(cluster: ClusterRecord, given: string): string {
  return given.startsWith('arn:') ? given : containerInstanceArn(cluster.clusterName, given);
}

function setStatus(ctx: EngineContext, instance: InstanceRecord, status: SettableStatus): void {
  const id = `${instance.ec2InstanceId} (${instance.instanceType.name}, ${instance.availabilityZone})`;
  if (instance.status === status) {
    ctx.emit('instance.status', `Container instance ${id} is already ${status}; nothing changed.`, instance.containerInstanceArn);
    return;
  }
  instance.status = status;
  instance.version += 1;
  if (status === 'ACTIVE') {
    ctx.emit('instance.status', `Container instance ${id} is ACTIVE again: new tasks can be placed on it.`, instance.containerInstanceArn);
    clusterInstancesChanged(ctx, instance.clusterName);
    return;
  }
  const { standalone, service } = tasksStillOn(ctx, instance);
  const parts: string[] = [];
  if (service > 0) parts.push(`The service scheduler replaces its ${service === 1 ? 'service task' : `${service} service tasks`} on other instances, within each service's minimumHealthyPercent and maximumPercent.`);
  if (standalone > 0) parts.push(`${standalone === 1 ? 'Its standalone task keeps' : `Its ${standalone} standalone tasks keep`} running: draining leaves tasks started by RunTask alone until they stop.`);
  ctx.emit(
    'instance.status',
    `Container instance ${id} is DRAINING: no new tasks will be placed on it. ${parts.length === 0 ? 'No tasks run on it.' : parts.join(' ')} Set it ACTIVE again to place tasks on it.`,
    instance.containerInstanceArn,
  );
  clusterInstancesChanged(ctx, instance.clusterName);
}

/** Tasks on the instance that have not stopped, standalone (RunTask) and of services. */
function tasksStillOn(ctx: EngineContext, instance: InstanceRecord): { standalone: number; service: number } {
  let standalone = 0;
  let service = 0;
  for (const record of ctx.state.tasks.values()) {
    if (record.instanceArn !== instance.containerInstanceArn || record.task.lastStatus === 'STOPPED') continue;
    if (record.serviceArn === undefined) standalone += 1;
    else service += 1;
  }
  return { standalone, service };
}
