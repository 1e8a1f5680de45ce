/**
 * "ECS Task State Change" events, as ECS sends them to EventBridge on every change of a task's
 * lastStatus (ECS Developer Guide, ecs_cwe_events; ecs-reference §12): `detail` is the task as
 * DescribeTasks shows it at that moment — cluster, task and task definition ARNs, lastStatus and
 * desiredStatus, containers, group, startedBy, the timeline fields reached so far, stopCode and
 * stoppedReason once set, `version` (bumped on every change, for de-duplication) and `updatedAt`.
 *
 * Cheap on purpose (a service of 1,000 tasks emits several per task): the detail copies the task's
 * scalar fields and one small object per container, nothing deeper; arrays that are replaced rather
 * than mutated (attachments) are shared, not copied.
 */
import type { EventBridgeDraft } from '../events/eventbridge.ts';
import { isoAt } from '../ids/arn.ts';
import type { TaskRecord } from '../state.ts';

const TIMELINE = ['connectivity', 'connectivityAt', 'pullStartedAt', 'pullStoppedAt', 'startedAt', 'stoppingAt', 'executionStoppedAt', 'stoppedAt', 'startedBy', 'stopCode', 'stoppedReason', 'containerInstanceArn', 'cpu', 'memory', 'platformVersion', 'platformFamily', 'capacityProviderName'] as const;

export function taskStateChange(record: TaskRecord, nowMs: number): EventBridgeDraft {
  const task = record.task;
  const detail: Record<string, unknown> = {
    attachments: task.attachments,
    availabilityZone: task.availabilityZone,
    clusterArn: task.clusterArn,
    containers: task.containers.map((c) => ({
      containerArn: c.containerArn,
      lastStatus: c.lastStatus,
      name: c.name,
      image: c.image,
      taskArn: c.taskArn,
      networkInterfaces: c.networkInterfaces,
      cpu: c.cpu,
      ...(c.memory === undefined ? {} : { memory: c.memory }),
      ...(c.exitCode === undefined ? {} : { exitCode: c.exitCode }),
      ...(c.reason === undefined ? {} : { reason: c.reason }),
      ...(c.networkBindings.length === 0 ? {} : { networkBindings: c.networkBindings }),
    })),
    createdAt: task.createdAt,
    launchType: task.launchType,
    desiredStatus: task.desiredStatus,
    group: task.group,
    lastStatus: task.lastStatus,
    overrides: task.overrides,
    taskArn: task.taskArn,
    taskDefinitionArn: task.taskDefinitionArn,
    updatedAt: isoAt(nowMs),
    version: task.version,
  };
  for (const key of TIMELINE) if (task[key] !== undefined) detail[key] = task[key];
  return { detailType: 'ECS Task State Change', resources: [task.taskArn], detail };
}
