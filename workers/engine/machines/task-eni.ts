/**
 * The task ENI of an awsvpc task, on Fargate and on EC2 (ecs-reference §2 "ENIs for awsvpc on EC2",
 * §3 "Startup timeline fields", §4): what each ENI phase of the task's machine does to the task.
 *
 * - At RunTask (`attachTaskEni`): ECS creates the ENI in one of the request's subnets and the task
 *   is PROVISIONING; its `attachments[]` entry is PRECREATED and lists only the subnet (as AWS's
 *   RunTask response does). The private IP is taken from the subnet at once, so two tasks started
 *   in one call never get the same address.
 * - Attached (`markEniAttached`): the task is PENDING, `connectivity` CONNECTED with
 *   `connectivityAt`; the attachment is ATTACHED with all its details, and each container lists
 *   the interface (`networkInterfaces: [{attachmentId, privateIpv4Address}]`).
 * - After the containers exited (`markDeprovisioning`): DEPROVISIONING, the attachment DETACHING.
 * - STOPPED (`releaseTaskEni`, from releaseResources): the ENI is deleted, the attachment DELETED
 *   (its details stay, as on AWS), and the private IP is free for the next task.
 *
 * Durations are drawn from the seeded PRNG when the ENI is allocated (timing-draws.ts eniTimings)
 * and given to the task's machine as input.
 */
import type { Attachment } from '../../protocol.ts';
import type { EngineContext } from '../context.ts';
import { isoAt } from '../ids/arn.ts';
import { allocateEni, availableIpAddressCount, eniAttachment, releaseEni, type EniAllocation, type NetworkState, type Subnet } from '../network/index.ts';
import type { TaskRecord } from '../state.ts';
import { eniTimings } from '../timing-draws.ts';
import { seconds, taskLabel, whereText } from './task-label.ts';
import { taskStateChange } from './task-events.ts';

/**
 * Give a freshly created task (commands/task-factory.ts createTaskRecord) its ENI in `subnet`:
 * allocate the address, set the task PROVISIONING with a PRECREATED attachment, draw the attach
 * and detach durations, and say so in the event log (`note` is appended to that line, e.g. what
 * the task reserved). Call it before starting the task's machine (ctx.launchTask or
 * startTaskMachine), which then begins with the PROVISIONING phase.
 *
 * The subnet must have a free address (network availableIpAddressCount > 0): the caller checks,
 * as running out of addresses is a refusal it explains.
 */
export function attachTaskEni(ctx: EngineContext, record: TaskRecord, subnet: Subnet, note = '', placementId?: string): EniAllocation {
  const allocation = allocateEni(ctx.state.network, ctx.prng, subnet);
  const timings = eniTimings(ctx.prng, record.task.launchType === 'FARGATE' ? 'FARGATE' : 'EC2');
  record.eni = { allocation, subnet, timings };
  record.usesEni = true;
  record.task.lastStatus = 'PROVISIONING';
  record.task.attachments = [eniAttachment(allocation, subnet, 'PRECREATED')];
  const where = whereText(ctx, record);
  ctx.emit(
    'task.provisioning',
    `${taskLabel(record)} is PROVISIONING${where === '' ? '' : ` ${where}`}: attaching ENI ${allocation.eniId} (${allocation.privateIPv4Address}) in ${subnet.subnetId}${note}.`,
    record.task.taskArn,
    placementId,
    taskStateChange(record, ctx.clock.now),
  );
  return allocation;
}

/**
 * The subnet an awsvpc task on an EC2 instance in `zone` gets its ENI in: the first of the
 * request's subnets (awsvpcConfiguration order) in that AZ with a free address; undefined when
 * none (the instance cannot take the task). ECS creates the task ENI in a given subnet of the
 * instance's AZ (ecs-reference §2); which one when several qualify is the sandbox's choice.
 */
export function subnetInZone(network: NetworkState, subnets: readonly Subnet[], zone: string): Subnet | undefined {
  return subnets.find((subnet) => subnet.availabilityZone === zone && availableIpAddressCount(network, subnet) > 0);
}

/** The task's ENI attachment with a new status (a new object: snapshots never share it). */
function withStatus(record: TaskRecord, status: Attachment['status']): void {
  const eni = record.eni;
  if (eni === undefined) return;
  record.task.attachments = [eniAttachment(eni.allocation, eni.subnet, status)];
}

/** PROVISIONING → PENDING: the ENI is attached and the task has connectivity. */
export function markEniAttached(ctx: EngineContext, record: TaskRecord): void {
  const eni = record.eni;
  if (eni === undefined) return;
  const task = record.task;
  const now = isoAt(ctx.clock.now);
  task.lastStatus = 'PENDING';
  task.connectivity = 'CONNECTED';
  task.connectivityAt = now;
  withStatus(record, 'ATTACHED');
  const { attachmentId, privateIPv4Address, eniId } = eni.allocation;
  for (const container of task.containers) container.networkInterfaces = [{ attachmentId, privateIpv4Address: privateIPv4Address }];
  const next = task.launchType === 'FARGATE' ? 'Fargate starts the task and pulls its images next' : 'the agent pulls its images next';
  ctx.emit(
    'task.pending',
    `${taskLabel(record)} is PENDING: ENI ${eniId} is attached with private IP ${privateIPv4Address}, ${seconds(ctx.clock.now - record.createdMs)} after RunTask; ${next}.`,
    task.taskArn,
    undefined,
    taskStateChange(record, ctx.clock.now),
  );
}

/** The containers have exited: DEPROVISIONING while the ENI is detached and deleted. */
export function markDeprovisioning(ctx: EngineContext, record: TaskRecord): void {
  const eni = record.eni;
  if (eni === undefined) return;
  record.task.lastStatus = 'DEPROVISIONING';
  withStatus(record, 'DETACHING');
  ctx.emit(
    'task.deprovisioning',
    `${taskLabel(record)} is DEPROVISIONING: detaching and deleting ENI ${eni.allocation.eniId} (${eni.allocation.privateIPv4Address}).`,
    record.task.taskArn,
    undefined,
    taskStateChange(record, ctx.clock.now),
  );
}

/** STOPPED: the ENI is deleted and its private IP is free again. Returns what was freed, for the event. */
export function releaseTaskEni(ctx: EngineContext, record: TaskRecord): string | undefined {
  const eni = record.eni;
  if (eni === undefined) return undefined;
  releaseEni(ctx.state.network, eni.allocation.eniId);
  withStatus(record, 'DELETED');
  return `ENI ${eni.allocation.eniId} is deleted and ${eni.allocation.privateIPv4Address} is free again`;
}
