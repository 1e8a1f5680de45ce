/**
 * Spot interruptions (issue 6; ecs-reference §3 "Fargate Spot", §2 "Container instance draining").
 *
 * Fargate Spot: when AWS takes the capacity back, the task gets a two-minute warning — an "ECS
 * Task State Change" event with desiredStatus STOPPED while lastStatus is still RUNNING, stopCode
 * TerminationNotice and stoppedReason "Your Spot Task was interrupted." — and SIGTERM; SIGKILL
 * follows after the containers' stopTimeout (30 s default, 120 s at most on Fargate). The sandbox
 * stops the task the way StopTask does (ctx.requestStop: SIGTERM, exit or SIGKILL at the
 * timeout), so the task is gone well inside the two minutes, and a service replaces it through its
 * normal scheduler. After the warning the task's stopCode is SpotInterruption (the API's
 * TaskStopCode value for it): exactly when DescribeTasks switches from TerminationNotice to
 * SpotInterruption is UNCONFIRMED; the sandbox switches right after the warning event.
 *
 * EC2 Spot Instances: the two-minute interruption notice; with ECS_ENABLE_SPOT_INSTANCE_DRAINING
 * in the user data the agent sets the container instance DRAINING at the notice (the same path as
 * UpdateContainerInstancesState); two minutes later EC2 terminates the instance.
 *
 * Rates (sim:SetSpotMarket): each minute, each running Spot task (and Spot Instance) is
 * interrupted with probability 1 − e^(−rate/60), drawn from the engine's seeded PRNG in a fixed
 * order (tasks and instances in creation order), so a seed replays the same interruptions.
 */
import type { EngineContext } from '../context.ts';
import { updateContainerInstancesState } from '../commands/instance-state.ts';
import { terminateEc2Instance } from '../ec2/lifecycle.ts';
import { isoAt } from '../ids/arn.ts';
import { ec2Of, type Ec2InstanceRecord } from '../ec2/model.ts';
import { taskStateChange } from '../machines/task-events.ts';
import { taskLabel } from '../machines/task-lifecycle.ts';
import { provideMinuteJob } from '../metrics/minute-tick.ts';
import type { TaskRecord } from '../state.ts';
import { FARGATE_SPOT, faultsOf } from './model.ts';
import { SPOT_INSTANCE_TERMINATION, SPOT_TASK_INTERRUPTED, SPOT_WARNING_MS } from './messages.ts';

/** The agent option that drains a Spot Instance at its interruption notice (AGENT README; default false). */
export const SPOT_DRAINING_OPTION = 'ECS_ENABLE_SPOT_INSTANCE_DRAINING';

export function isFargateSpotTask(record: TaskRecord): boolean {
  return (record.capacityProviderName ?? record.task.capacityProviderName) === FARGATE_SPOT;
}

/** A Spot task that can still be warned: RUNNING and not asked to stop yet. */
export function interruptibleSpotTask(record: TaskRecord): boolean {
  return isFargateSpotTask(record) && record.task.lastStatus === 'RUNNING' && record.task.desiredStatus === 'RUNNING';
}

/** The two-minute warning to one Fargate Spot task, then SIGTERM; `why` says what caused it (for the log). */
export function warnSpotTask(ctx: EngineContext, record: TaskRecord, why: string): void {
  const task = record.task;
  task.desiredStatus = 'STOPPED';
  task.stopCode = 'TerminationNotice';
  task.stoppedReason = SPOT_TASK_INTERRUPTED;
  task.version += 1;
  ctx.emit(
    'task.spot-interrupted',
    `${taskLabel(record)} got Fargate Spot's two-minute interruption warning (${why}): desiredStatus STOPPED while it is still RUNNING, stop code TerminationNotice, "${SPOT_TASK_INTERRUPTED}" SIGTERM goes to its containers now; SIGKILL after their stopTimeout.`,
    task.taskArn,
    undefined,
    taskStateChange(record, ctx.clock.now),
  );
  task.stopCode = 'SpotInterruption';
  ctx.requestStop(record);
}

/** Spot Instances with a notice, by instance id → when EC2 takes them (also rendered as faults). */
export function spotNotices(ctx: EngineContext): Map<string, number> {
  return (faultsOf(ctx.state).spotNotices ??= new Map());
}

/**
 * The two-minute notice to one EC2 Spot Instance: its agent sets the container instance DRAINING
 * if its user data set ECS_ENABLE_SPOT_INSTANCE_DRAINING=true (UpdateContainerInstancesState's own
 * path: the same events and service replacements), and EC2 terminates it two minutes later
 * (ec2/lifecycle.ts: its tasks stop, its group replaces it).
 */
export function noticeSpotInstance(ctx: EngineContext, instance: Ec2InstanceRecord, why: string): void {
  const dueMs = ctx.clock.now + SPOT_WARNING_MS;
  spotNotices(ctx).set(instance.instanceId, dueMs);
  const container = instance.containerInstanceArn === undefined ? undefined : ctx.state.instances.get(instance.containerInstanceArn);
  const drains = instance.spotInstanceDraining === true;
  ctx.emit(
    'ec2.spot-interruption',
    `EC2 Spot Instance ${instance.instanceId} (${instance.instanceType}, ${instance.availabilityZone}) got its two-minute interruption notice (${why}); EC2 terminates it at ${isoAt(dueMs)}. ${
      container === undefined
        ? 'It has no container instance.'
        : drains
          ? `Its user data sets ${SPOT_DRAINING_OPTION}=true, so its ECS agent sets the container instance DRAINING now and the service scheduler moves service tasks off it.`
          : `${SPOT_DRAINING_OPTION} is not set in its user data, so its container instance stays ACTIVE and its tasks stop when the instance goes.`
    }`,
    instance.containerInstanceArn,
  );
  if (container !== undefined && drains && container.status === 'ACTIVE') {
    updateContainerInstancesState(ctx, { cluster: container.clusterName, containerInstances: [container.containerInstanceArn], status: 'DRAINING' });
  }
  ctx.clock.schedule(dueMs, () => {
    spotNotices(ctx).delete(instance.instanceId);
    terminateEc2Instance(ctx, instance.instanceId, { reason: SPOT_INSTANCE_TERMINATION, initiatedBy: 'spot' });
  });
}

/** Per-minute probability of an interruption at `perHour` expected interruptions an hour. */
export function perMinuteProbability(perHour: number): number {
  return 1 - Math.exp(-perHour / 60);
}

function draw(ctx: EngineContext): number {
  return ctx.prng.nextUint32() / 0x1_0000_0000;
}

/** One minute of the Spot market: seeded draws per Spot task and Spot Instance. */
export function runSpotMarketMinute(ctx: EngineContext): void {
  const spot = faultsOf(ctx.state).spot;
  if (spot.fargateSpotInterruptionsPerHour > 0) {
    const p = perMinuteProbability(spot.fargateSpotInterruptionsPerHour);
    const hit: TaskRecord[] = [];
    for (const record of ctx.state.tasks.values()) {
      if (interruptibleSpotTask(record) && draw(ctx) < p) hit.push(record);
    }
    for (const record of hit) warnSpotTask(ctx, record, `the Spot market's rate of ${spot.fargateSpotInterruptionsPerHour} interruptions per task-hour`);
  }
  if (spot.ec2SpotInterruptionsPerHour > 0 && ctx.state.ec2 !== undefined) {
    const p = perMinuteProbability(spot.ec2SpotInterruptionsPerHour);
    const notices = spotNotices(ctx);
    const hit: Ec2InstanceRecord[] = [];
    for (const instance of ec2Of(ctx.state).instances.values()) {
      if (!instance.spot || instance.state !== 'running' || notices.has(instance.instanceId)) continue;
      if (draw(ctx) < p) hit.push(instance);
    }
    for (const instance of hit) noticeSpotInstance(ctx, instance, `the Spot market's rate of ${spot.ec2SpotInterruptionsPerHour} interruptions per instance-hour`);
  }
}

provideMinuteJob('spot-market', {
  phase: 'act',
  active: (ctx) => {
    const spot = ctx.state.faults?.spot;
    return spot !== undefined && (spot.fargateSpotInterruptionsPerHour > 0 || spot.ec2SpotInterruptionsPerHour > 0);
  },
  run: runSpotMarketMinute,
});
