/**
 * How the event log names a task and where it runs, shared by the lifecycle (task-lifecycle.ts)
 * and the ENI phases (task-eni.ts) so that every line about one task reads the same.
 */
import type { EngineContext } from '../context.ts';
import { idOfArn } from '../ids/arn.ts';
import { instanceOfTask, type TaskRecord } from '../state.ts';

/** A short name for messages: `web:3 task 1a2b3c4d`. */
export function taskLabel(record: TaskRecord): string {
  return `${record.family}:${record.taskDefinition.revision} task ${idOfArn(record.task.taskArn).slice(0, 8)}`;
}

/** `on Fargate in us-east-1b`, `on i-0abc… in us-east-1a`, or '' when the instance is gone. */
export function whereText(ctx: EngineContext, record: TaskRecord): string {
  if (record.task.launchType === 'FARGATE') return `on Fargate in ${record.task.availabilityZone}`;
  const instance = instanceOfTask(ctx.state, record);
  return instance === undefined ? '' : `on ${instance.ec2InstanceId} in ${instance.availabilityZone}`;
}

/** `4.1 s`: virtual durations in the event log. */
export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
