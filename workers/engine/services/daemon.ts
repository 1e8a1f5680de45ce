/**
 * The DAEMON part of a pass (ecs-reference §5, ECSDG ecs_services "Daemon"): one task of the
 * PRIMARY deployment on every ACTIVE container instance that meets the service's constraints and
 * has room; none on DRAINING instances (their daemon tasks stop); new instances get theirs as soon
 * as the scheduler sees them (its look at the cluster, services/scheduler.ts). A deployment
 * replaces each instance's old task by a new one: with DAEMON's defaults (minimumHealthyPercent 0,
 * maximumPercent 100) the old task is stopped first and the new one starts once it has gone.
 * desiredCount is the number of instances that can run the task, as ECS reports it.
 */
import { instancesOfCluster } from '../state.ts';
import { STOP_REASONS } from './messages.ts';
import { primaryOf } from './model.ts';
import { startInPass, stopInPass, type PassState } from './scheduler-pass.ts';
import type { TaskView } from './scheduler-tasks.ts';

export function daemonPass(pass: PassState): void {
  const { ctx, service } = pass;
  const primary = primaryOf(service);
  const refused = (service.scheduler.daemonRefused ??= new Set());
  const byInstance = new Map<string, TaskView[]>();
  for (const deployment of service.deployments) {
    for (const view of pass.live.get(deployment.id) ?? []) {
      const arn = view.record.instanceArn ?? '';
      const list = byInstance.get(arn);
      if (list === undefined) byInstance.set(arn, [view]);
      else list.push(view);
    }
  }
  // Instances that still hold a stopping task of the service: the new task waits for its room.
  const stoppingOn = new Set<string>();
  for (const deployment of service.deployments) {
    for (const arn of deployment.taskArns) {
      const record = ctx.state.tasks.get(arn);
      if (record?.task.desiredStatus === 'STOPPED' && record.instanceArn !== undefined) stoppingOn.add(record.instanceArn);
    }
  }
  let eligible = 0;
  for (const instance of instancesOfCluster(ctx.state, service.clusterName)) {
    const arn = instance.containerInstanceArn;
    const views = byInstance.get(arn) ?? [];
    if (instance.status !== 'ACTIVE') {
      for (const view of views) stopInPass(pass, view, STOP_REASONS.draining(view.record.deploymentId ?? primary.id));
      continue;
    }
    let current = false;
    for (const view of views) {
      if (view.record.deploymentId === primary.id && !current) current = true;
      else stopInPass(pass, view, STOP_REASONS.scaling(view.record.deploymentId ?? primary.id));
    }
    if (current) {
      eligible += 1;
      continue;
    }
    if (refused.has(arn) || primary.rolloutState === 'FAILED') continue;
    eligible += 1;
    if (views.length > 0 || stoppingOn.has(arn)) continue;
    if (startInPass(pass, primary, 1, arn) === 0 && refused.has(arn)) eligible -= 1;
  }
  service.desiredCount = eligible;
  primary.desiredCount = eligible;
  for (const deployment of service.deployments) {
    if (deployment !== primary) deployment.desiredCount = pass.live.get(deployment.id)?.length ?? 0;
  }
}
