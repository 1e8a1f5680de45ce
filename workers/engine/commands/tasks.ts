/** ecs:StopTask, ecs:DescribeTasks, ecs:ListTasks. */
import type { EngineContext } from '../context.ts';
import { invalidParameter, MESSAGES, ok, type CommandResult } from '../errors.ts';
import { containerInstanceArn, resourceIdOf, taskArn } from '../ids/arn.ts';
import { renderTask } from '../snapshot.ts';
import { tasksOfCluster, type ClusterRecord, type TaskRecord } from '../state.ts';
import { findCluster } from './clusters.ts';
import { paginate } from './paginate.ts';
import { checkParams } from './params.ts';

/** What StopTask records when the caller gives no reason (the console's wording; UNCONFIRMED in ecs-reference §4). */
export const DEFAULT_STOP_REASON = 'Task stopped by user';

function findTask(ctx: EngineContext, cluster: ClusterRecord, given: string): TaskRecord | undefined {
  return ctx.state.tasks.get(taskArn(cluster.clusterName, resourceIdOf(given, 'task')));
}

interface StopTaskInput {
  cluster?: string;
  task: string;
  reason?: string;
}

export function stopTask(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams<StopTaskInput>(raw, {
    params: { cluster: 'string', task: 'string', reason: 'string' },
    required: ['task'],
  });
  if (!checked.ok) return checked.result;
  const found = findCluster(ctx, checked.input.cluster);
  if (!found.ok) return found.result;
  const reason = checked.input.reason;
  if (reason !== undefined && reason.length > 255) {
    return invalidParameter(MESSAGES.tooLong('reason', 255, reason.length));
  }
  const record = findTask(ctx, found.cluster, checked.input.task);
  if (record === undefined) return invalidParameter(MESSAGES.taskNotFound());
  // Stopping a task that is already stopping or stopped changes nothing; AWS returns it as it is.
  if (record.task.desiredStatus === 'STOPPED') return ok({ task: renderTask(record.task) });
  record.task.desiredStatus = 'STOPPED';
  record.task.stopCode = 'UserInitiated';
  record.task.stoppedReason = reason ?? DEFAULT_STOP_REASON;
  record.task.version += 1;
  ctx.requestStop(record);
  return ok({ task: renderTask(record.task) });
}

interface DescribeTasksInput {
  cluster?: string;
  tasks: string[];
  include?: string[];
}

export function describeTasks(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams<DescribeTasksInput>(raw, {
    params: { cluster: 'string', tasks: 'list', include: 'list' },
    required: ['tasks'],
  });
  if (!checked.ok) return checked.result;
  const found = findCluster(ctx, checked.input.cluster);
  if (!found.ok) return found.result;
  if (checked.input.tasks.length > 100) {
    return invalidParameter(MESSAGES.tooManyTasksToDescribe(checked.input.tasks.length));
  }
  const tasks = [];
  const failures = [];
  for (const given of checked.input.tasks) {
    const text = String(given);
    const record = findTask(ctx, found.cluster, text);
    if (record === undefined) {
      failures.push({ arn: text.startsWith('arn:') ? text : taskArn(found.cluster.clusterName, text), reason: 'MISSING' });
    } else tasks.push(renderTask(record.task));
  }
  return ok({ tasks, failures });
}

interface ListTasksInput {
  cluster?: string;
  containerInstance?: string;
  family?: string;
  startedBy?: string;
  serviceName?: string;
  desiredStatus?: string;
  launchType?: string;
  maxResults?: number;
  nextToken?: string;
}

const DESIRED_STATUSES = ['RUNNING', 'PENDING', 'STOPPED'];

export function listTasks(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams<ListTasksInput>(raw, {
    params: {
      cluster: 'string',
      containerInstance: 'string',
      family: 'string',
      nextToken: 'string',
      maxResults: 'integer',
      startedBy: 'string',
      serviceName: 'string',
      desiredStatus: 'string',
      launchType: 'string',
    },
  });
  if (!checked.ok) return checked.result;
  const found = findCluster(ctx, checked.input.cluster);
  if (!found.ok) return found.result;
  const input = checked.input;
  // ListTasks lists tasks whose desired status is RUNNING unless asked otherwise.
  const desiredStatus = input.desiredStatus ?? 'RUNNING';
  if (!DESIRED_STATUSES.includes(desiredStatus)) {
    return invalidParameter(MESSAGES.invalidStatusFilter(desiredStatus, DESIRED_STATUSES).replace('status', 'desiredStatus'));
  }
  const instanceArn =
    input.containerInstance === undefined
      ? undefined
      : containerInstanceArn(found.cluster.clusterName, resourceIdOf(input.containerInstance, 'container-instance'));
  const arns = tasksOfCluster(ctx.state, found.cluster.clusterName)
    .filter(
      (record) =>
        record.task.desiredStatus === desiredStatus &&
        (instanceArn === undefined || record.instanceArn === instanceArn) &&
        (input.family === undefined || record.family === input.family) &&
        (input.startedBy === undefined || record.task.startedBy === input.startedBy) &&
        (input.serviceName === undefined || record.task.group === `service:${input.serviceName}`) &&
        (input.launchType === undefined || record.task.launchType === input.launchType),
    )
    .map((record) => record.task.taskArn);
  const page = paginate(arns, input.maxResults, input.nextToken);
  if (!page.ok) return page.result;
  return ok({ taskArns: page.items, ...(page.nextToken === undefined ? {} : { nextToken: page.nextToken }) });
}
