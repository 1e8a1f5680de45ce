/**
 * One reconcile pass's working state (services/scheduler.ts runPass), and the two actions every
 * part of a pass takes: stop a task (stopInPass) and start tasks (startInPass). Starting respects
 * crash-loop throttling (throttle.ts) and the placement back-off: after a round that could not
 * place every task, the scheduler writes AWS's "unable to place a task" event (once per cause,
 * scheduler-events.ts) and tries again after 15 s, doubling up to 5 minutes — or at once when the
 * cluster's instances change or a task stops.
 */
import type { EngineContext } from '../context.ts';
import type { TaskLifecycleObserver } from '../state.ts';
import type { DeploymentRecord, ServiceRecord } from './model.ts';
import { clearReport, reportOnce, serviceAction } from './scheduler-events.ts';
import { launchServiceTasks } from './scheduler-launch.ts';
import { stopServiceTask, type TaskView } from './scheduler-tasks.ts';

const PLACEMENT_RETRY_MS = 15_000;
const PLACEMENT_RETRY_MAX_MS = 5 * 60_000;

/** What one pass collects, and what its parts (replica, daemon) act on. */
export interface PassState {
  ctx: EngineContext;
  service: ServiceRecord;
  observer: TaskLifecycleObserver;
  /** Live tasks (desiredStatus RUNNING) per deployment id. */
  live: Map<string, TaskView[]>;
  /** Tasks asked to stop that have not reached STOPPED yet. */
  stopping: number;
  /**
   * Per deployment, tasks stopping on their own (failed to start, essential container exited,
   * StopTask) that have not reached STOPPED yet: they are replaced once STOPPED, as on AWS (and
   * only then is a failure to start known, for the back-off).
   */
  leaving: Map<string, number>;
  /** The earliest virtual ms at which time alone changes something. */
  wakeMs: number;
  started: string[];
  stoppedRunning: string[];
  stoppedPending: number;
  drainingConnections: number;
  /** Tasks were launched or stopped in this pass. */
  acted: boolean;
}

export function stopInPass(pass: PassState, view: TaskView, reason: string): void {
  stopServiceTask(pass.ctx, view.record, reason);
  pass.stopping += 1;
  pass.acted = true;
  if (!view.running) pass.stoppedPending += 1;
  else {
    if ((view.record.loadBalancers?.length ?? 0) > 0) {
      // Behind a load balancer the task drains first (DEACTIVATING): ECS writes "has begun draining
      // connections" now and "has stopped … running tasks" once it is stopped (sil-org/ecs-deploy#95).
      pass.drainingConnections += 1;
      (pass.service.scheduler.draining ??= new Set()).add(view.record.task.taskArn);
    } else pass.stoppedRunning.push(view.record.task.taskArn);
  }
  const list = pass.live.get(view.record.deploymentId ?? '');
  if (list !== undefined) {
    const at = list.indexOf(view);
    if (at >= 0) list.splice(at, 1);
  }
}

/** Launch up to `count` tasks of `deployment` (on `onlyInstanceArn` for DAEMON); returns how many started. */
export function startInPass(pass: PassState, deployment: DeploymentRecord, count: number, onlyInstanceArn?: string): number {
  const { ctx, service } = pass;
  const b = service.scheduler;
  const now = ctx.clock.now;
  if (count <= 0) return 0;
  if (b.backoffUntilMs > now) return 0;
  if (b.placementRetryMs !== undefined && b.placementRetryMs > now) return 0;
  const outcome = launchServiceTasks(ctx, service, deployment, count, pass.observer, onlyInstanceArn);
  if (outcome.started.length > 0) {
    pass.started.push(...outcome.started);
    pass.acted = true;
  }
  if (outcome.failure !== undefined && onlyInstanceArn !== undefined) {
    // DAEMON: this instance cannot take its task; the others are tried in the same pass.
    (b.daemonRefused ??= new Set()).add(onlyInstanceArn);
    reportOnce(ctx, service, 'placement', outcome.failure.message, serviceAction(ctx, service, 'SERVICE_TASK_PLACEMENT_FAILURE', outcome.failure.reason));
    return 0;
  }
  if (outcome.failure === undefined) {
    if (onlyInstanceArn === undefined) {
      b.placementFailures = 0;
      delete b.placementRetryMs;
      clearReport(service, 'placement');
    }
    return outcome.started.length;
  }
  const failures = (b.placementFailures ?? 0) + 1;
  b.placementFailures = failures;
  b.placementRetryMs = now + Math.min(PLACEMENT_RETRY_MAX_MS, PLACEMENT_RETRY_MS * 2 ** Math.min(failures - 1, 10));
  reportOnce(ctx, service, 'placement', outcome.failure.message, serviceAction(ctx, service, 'SERVICE_TASK_PLACEMENT_FAILURE', outcome.failure.reason));
  return outcome.started.length;
}
