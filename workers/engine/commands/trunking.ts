/**
 * ENI trunking at registration (ecs-reference §2, ECS Developer Guide "Elastic network interface
 * trunking"): when the `awsvpcTrunking` account setting is enabled for the container instance's
 * role and its type supports trunking, ECS creates and attaches a trunk network interface. The
 * instance is REGISTERING meanwhile (it takes no tasks), then ACTIVE with the attribute
 * `ecs.awsvpc-trunk-id` and room for the type's trunkingTaskLimit awsvpc tasks instead of
 * maxEnis − 1. Only instances registered after the setting is enabled get a trunk.
 *
 * UNCONFIRMED: the container instance attachment's `type` (the API reference names
 * ElasticNetworkInterface as an attachment type; the trunk's own type string is not documented)
 * and the attribute's value (the attachment's id here, a UUID as in public examples).
 */
import type { Attachment } from '../../protocol.ts';
import type { InstanceType } from '../catalog/instance-types.ts';
import type { EngineContext } from '../context.ts';
import { roleArn } from '../iam/roles.ts';
import type { InstanceRecord } from '../state.ts';
import { trunkingEnabledFor } from './account-setting-rules.ts';

/** Provisioning the trunk takes a few seconds of virtual time (UNCONFIRMED figures: 4–10 s). */
export const TRUNK_PROVISION_MIN_MS = 4_000;
export const TRUNK_PROVISION_MAX_MS = 10_000;
export const TRUNK_ATTRIBUTE = 'ecs.awsvpc-trunk-id';
export const TRUNK_ATTACHMENT_TYPE = 'ElasticNetworkInterface';

/** The type's awsvpc task limit with a trunk, or null when it cannot be trunked (absent: not yet in the catalog). */
export function trunkingTaskLimitOf(type: InstanceType): number | null {
  const limit = (type as InstanceType & { trunkingTaskLimit?: number | null }).trunkingTaskLimit;
  return typeof limit === 'number' ? limit : null;
}

export type TrunkPlan =
  | { kind: 'off' }
  | { kind: 'unsupported'; roleArn: string }
  | { kind: 'trunk'; roleArn: string; taskLimit: number };

/** Decide, without changing anything, whether an instance of this type and role gets a trunk. */
export function trunkPlanFor(ctx: EngineContext, type: InstanceType, roleName: string): TrunkPlan {
  const arn = ctx.state.roles.get(roleName)?.Arn ?? roleArn(roleName);
  if (!trunkingEnabledFor(ctx.state, arn)) return { kind: 'off' };
  const taskLimit = trunkingTaskLimitOf(type);
  return taskLimit === null ? { kind: 'unsupported', roleArn: arn } : { kind: 'trunk', roleArn: arn, taskLimit };
}

/** The awsvpc task limit of an instance as registered. */
export function awsvpcTaskLimit(instance: InstanceRecord): number {
  const trunked = instance.trunkEnabled === true ? trunkingTaskLimitOf(instance.instanceType) : null;
  return trunked ?? instance.instanceType.maxEnis - 1;
}

/**
 * Called right after the instance record is stored (status REGISTERING): attach the trunk's
 * attachment, tell the learner, and make the instance ACTIVE when the trunk is attached.
 */
export function startTrunkProvisioning(ctx: EngineContext, instance: InstanceRecord, plan: Extract<TrunkPlan, { kind: 'trunk' }>): void {
  const attachmentId = ctx.prng.uuid();
  const eniId = `eni-${ctx.prng.hex(17)}`;
  const mac = `0e:${ctx.prng.hex(10).replace(/(..)(?!$)/g, '$1:')}`;
  const delayMs = ctx.prng.int(TRUNK_PROVISION_MIN_MS, TRUNK_PROVISION_MAX_MS + 1);
  const subnetId = instance.attributes.find((attribute) => attribute.name === 'ecs.subnet-id')?.value ?? '';
  const details = [
    { name: 'subnetId', value: subnetId },
    { name: 'networkInterfaceId', value: eniId },
    { name: 'macAddress', value: mac },
  ];
  instance.trunkEnabled = true;
  instance.attachments = [{ id: attachmentId, type: TRUNK_ATTACHMENT_TYPE, status: 'ATTACHING', details }];
  const without = instance.instanceType.maxEnis - 1;
  ctx.emit(
    'instance.trunk',
    `Container instance ${instance.ec2InstanceId} is REGISTERING: awsvpcTrunking is enabled for its role (${plan.roleArn}), so ECS is creating and attaching a trunk network interface (${eniId}). It takes no tasks until it is ACTIVE; then it has room for ${plan.taskLimit} awsvpc tasks instead of ${without}.`,
    instance.containerInstanceArn,
  );
  ctx.clock.schedule(ctx.clock.now + delayMs, () => finishTrunk(ctx, instance, attachmentId, plan.taskLimit));
}

function finishTrunk(ctx: EngineContext, instance: InstanceRecord, attachmentId: string, taskLimit: number): void {
  // The instance may have gone (a later version deregisters instances): then there is nothing to finish.
  if (ctx.state.instances.get(instance.containerInstanceArn) !== instance || instance.status !== 'REGISTERING') return;
  // New arrays, never in-place changes: the explainer may hold the old ones.
  instance.attachments = (instance.attachments ?? []).map((attachment) =>
    attachment.id === attachmentId ? ({ ...attachment, status: 'ATTACHED' } satisfies Attachment) : attachment,
  );
  instance.attributes = [...instance.attributes, { name: TRUNK_ATTRIBUTE, value: attachmentId }];
  instance.status = 'ACTIVE';
  instance.version += 1;
  ctx.emit(
    'instance.trunk',
    `Container instance ${instance.ec2InstanceId}'s trunk network interface is attached: it is ACTIVE, with the attribute ${TRUNK_ATTRIBUTE}, and can run up to ${taskLimit} awsvpc tasks (each gets a branch interface on the trunk).`,
    instance.containerInstanceArn,
  );
}

/** The event for an instance whose type cannot be trunked although the setting is on. */
export function emitTrunkUnsupported(ctx: EngineContext, instance: InstanceRecord, plan: Extract<TrunkPlan, { kind: 'unsupported' }>): void {
  const type = instance.instanceType;
  ctx.emit(
    'instance.trunk',
    `awsvpcTrunking is enabled for ${plan.roleArn}, but ${type.name} does not support ENI trunking: container instance ${instance.ec2InstanceId} registered without a trunk and runs at most ${type.maxEnis - 1} awsvpc tasks (${type.maxEnis} ENIs minus the primary). Types such as m5.large or c5.large support trunking.`,
    instance.containerInstanceArn,
  );
}
