/**
 * The REPLICA part of a pass: keep desiredCount tasks of the PRIMARY deployment, and roll from
 * older deployments (and from DRAINING instances) to it within the deployment configuration.
 *   - PENDING tasks of older deployments and on DRAINING instances stop at once (they are not
 *     serving; ECSDG container-instance-draining).
 *   - No older task left: start what is missing, or scale in what is too many (scale-in.ts, per
 *     the service's strategies; PENDING tasks first).
 *   - Otherwise deployment-math.ts rolloutStep decides how many new tasks start and how many old
 *     ones stop, minimumHealthyPercent rounded up and maximumPercent rounded down; when neither is
 *     possible and nothing in flight can change that, ECS's "unable to stop or start tasks during a
 *     deployment" event is written once (until the configuration or the tasks change).
 * Old tasks stop in this order: not healthy, on a DRAINING instance, then per scale-in choice.
 */
import type { EngineContext } from '../context.ts';
import { attributeMap } from '../placement/ledger.ts';
import { instanceOfTask } from '../state.ts';
import { rolloutStep } from './deployment-math.ts';
import { SERVICE_MESSAGES, STOP_REASONS } from './messages.ts';
import { primaryOf } from './model.ts';
import { clearReport, reportOnce } from './scheduler-events.ts';
import { startInPass, stopInPass, type PassState } from './scheduler-pass.ts';
import type { TaskView } from './scheduler-tasks.ts';
import { tasksToStop, type StoppableTask } from './scale-in.ts';
import { distributeTasks } from '../capacity/provider-strategy.ts';

export function replicaPass(pass: PassState): void {
  const { service } = pass;
  const primary = primaryOf(service);
  const desired = service.desiredCount;
  primary.desiredCount = desired;
  for (const deployment of service.deployments) {
    for (const view of [...(pass.live.get(deployment.id) ?? [])]) {
      if (view.running) continue;
      if (view.draining) stopInPass(pass, view, STOP_REASONS.draining(deployment.id));
      else if (deployment !== primary) stopInPass(pass, view, STOP_REASONS.scaling(deployment.id));
    }
  }
  const primaryLive = pass.live.get(primary.id) ?? [];
  const fresh = primaryLive.filter((view) => !view.draining);
  const old: TaskView[] = primaryLive.filter((view) => view.draining);
  for (const deployment of service.deployments) if (deployment !== primary) old.push(...(pass.live.get(deployment.id) ?? []));

  if (fresh.length > desired) stopChosen(pass, fresh, fresh.length - desired);
  // Tasks stopping on their own still hold their place until STOPPED.
  const newTasks = Math.min(fresh.length + (pass.leaving.get(primary.id) ?? 0), desired);
  if (old.length === 0) {
    clearReport(service, 'stuck');
    if (primary.rolloutState !== 'FAILED') startInPass(pass, primary, desired - newTasks);
    return;
  }
  const config = service.deploymentConfiguration;
  const step = rolloutStep({
    desiredCount: desired,
    minimumHealthyPercent: config.minimumHealthyPercent,
    maximumPercent: config.maximumPercent,
    newTasks,
    newHealthy: countHealthy(pass.live.get(primary.id) ?? [], false),
    oldTasks: old.length,
    oldHealthy: countHealthy(old, true),
    stopping: pass.stopping,
  });
  if (step.kind === 'stuck') {
    reportOnce(pass.ctx, service, 'stuck', SERVICE_MESSAGES.unableToStopOrStart(service.name));
  } else if (step.kind === 'act') {
    clearReport(service, 'stuck');
    if (step.stop > 0) stopChosen(pass, old, step.stop);
    // A FAILED deployment (circuit breaker, no rollback) launches nothing more.
    if (step.start > 0 && primary.rolloutState !== 'FAILED') startInPass(pass, primary, step.start);
  }
  for (const deployment of service.deployments) {
    if (deployment !== primary) deployment.desiredCount = pass.live.get(deployment.id)?.length ?? 0;
  }
}

function countHealthy(views: readonly TaskView[], includeDraining: boolean): number {
  let n = 0;
  for (const view of views) if (view.healthy && (includeDraining || !view.draining)) n += 1;
  return n;
}

/** Stop `count` of `views`: PENDING or unhealthy ones first, then those on DRAINING instances, then the scale-in choice. */
function stopChosen(pass: PassState, views: readonly TaskView[], count: number): void {
  const first = [...views.filter((v) => !v.healthy), ...views.filter((v) => v.healthy && v.draining)];
  const rest = views.filter((v) => v.healthy && !v.draining);
  const chosen = first.slice(0, count);
  const more = count - chosen.length;
  if (more > 0) {
    if (more >= rest.length) chosen.push(...rest);
    else {
      const byArn = new Map(rest.map((view) => [view.record.task.taskArn, view]));
      const attributesOf = new Map<string, Record<string, string | undefined>>();
      for (const [group, n] of stopsPerProvider(pass, rest, more)) {
        const picks = tasksToStop(group.map((view) => stoppable(pass.ctx, view, attributesOf)), n, pass.service.strategies, (k) => pass.ctx.prng.int(0, k));
        for (const pick of picks) chosen.push(byArn.get(pick.taskArn)!);
      }
    }
  }
  for (const view of chosen) stopInPass(pass, view, STOP_REASONS.scaling(view.record.deploymentId ?? primaryOf(pass.service).id));
}

/**
 * How many of `count` stops fall on each capacity provider's tasks: a service on a strategy keeps
 * what stays as the strategy would split it (each provider's `base` is a minimum: "how many tasks, at
 * a minimum, to run on the specified capacity provider"), so the providers most over their share of
 * the new count give up tasks first. Without a strategy, one group: all of `views`.
 */
function stopsPerProvider(pass: PassState, views: readonly TaskView[], count: number): [readonly TaskView[], number][] {
  const strategy = primaryOf(pass.service).capacityProviderStrategy;
  if (strategy === undefined || strategy.length === 0) return [[views, count]];
  const groups = new Map<string, TaskView[]>();
  for (const view of views) {
    const provider = view.record.capacityProviderName ?? '';
    const group = groups.get(provider);
    if (group === undefined) groups.set(provider, [view]);
    else group.push(view);
  }
  const keep = distributeTasks(strategy, views.length - count);
  const stops = new Map<string, number>();
  for (let left = count; left > 0; left--) {
    // The provider furthest over what it keeps (a provider not in the strategy keeps nothing).
    let worst: string | undefined;
    let excess = -Infinity;
    for (const [provider, group] of groups) {
      const over = group.length - (stops.get(provider) ?? 0) - (keep[provider] ?? 0);
      if (over > excess && group.length > (stops.get(provider) ?? 0)) [worst, excess] = [provider, over];
    }
    if (worst === undefined) break;
    stops.set(worst, (stops.get(worst) ?? 0) + 1);
  }
  return [...stops].map(([provider, n]) => [groups.get(provider)!, n]);
}

function stoppable(ctx: EngineContext, view: TaskView, attributesOf: Map<string, Record<string, string | undefined>>): StoppableTask {
  const record = view.record;
  const instance = instanceOfTask(ctx.state, record);
  if (instance === undefined) {
    // Fargate: each task is its own "instance"; its zone is what spread balances.
    return { taskArn: record.task.taskArn, instanceId: record.task.taskArn, attributes: { 'ecs.availability-zone': record.task.availabilityZone }, freeCpu: 0, freeMemory: 0, cpuUnits: record.cpuUnits, memoryMiB: record.memoryMiB };
  }
  let attributes = attributesOf.get(instance.containerInstanceArn);
  if (attributes === undefined) {
    attributes = {};
    for (const [name, value] of attributeMap(instance.attributes)) attributes[name] = value ?? undefined;
    attributes['ecs.availability-zone'] ??= instance.availabilityZone;
    attributesOf.set(instance.containerInstanceArn, attributes);
  }
  return {
    taskArn: record.task.taskArn,
    instanceId: instance.ec2InstanceId,
    attributes,
    freeCpu: instance.registeredCpuUnits - instance.usedCpuUnits,
    freeMemory: instance.registeredMemoryMiB - instance.usedMemoryMiB,
    cpuUnits: record.cpuUnits,
    memoryMiB: record.memoryMiB,
  };
}
