/**
 * How ECS registers a task with a target group (ECS Developer Guide, load-balancer-types): a bridge
 * or host task as its EC2 instance id + the host port bound for the container port; an awsvpc or
 * Fargate task as its private IP + the container port — which needs target type `ip`.
 */
import type { EngineState, TaskRecord } from '../state.ts';
import type { TargetGroupRecord } from './model.ts';

export function targetGroupByArn(state: EngineState, arn: string): TargetGroupRecord | undefined {
  return state.elb?.targetGroups.get(arn);
}

/**
 * The target (Id, Port) a task gives a target group for `containerName`:`containerPort`, or an
 * error text (the task's network mode does not fit the group's target type, or the port is not mapped).
 */
export function targetsOfTask(state: EngineState, tg: TargetGroupRecord, record: TaskRecord, containerName: string, containerPort: number): { ok: true; Id: string; Port: number } | { ok: false; message: string } {
  if (record.eni !== undefined) {
    if (tg.targetType !== 'ip') return { ok: false, message: `The provided target group ${tg.arn} has target type instance, which is incompatible with the awsvpc network mode specified in the task definition.` };
    return { ok: true, Id: record.eni.allocation.privateIPv4Address, Port: containerPort };
  }
  if (tg.targetType !== 'instance') return { ok: false, message: `Target group ${tg.name} has target type ip: only awsvpc and Fargate tasks register by IP; this task registers as instance id and host port.` };
  const binding = record.ports.find((p) => p.containerName === containerName && p.containerPort === containerPort);
  const instance = record.instanceArn === undefined ? undefined : state.instances.get(record.instanceArn);
  if (binding === undefined || instance === undefined) return { ok: false, message: `Container ${containerName} of the task maps no host port for container port ${containerPort}.` };
  return { ok: true, Id: instance.ec2InstanceId, Port: binding.hostPort };
}
