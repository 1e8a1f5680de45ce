/**
 * "Describe the cluster": the rows of the three tables that tell a screen-reader user what the
 * cluster picture shows — the same instances, the same tasks (live ones, and stopped ones for the
 * short while the picture keeps them), the services' counts. A pure function of a snapshot.
 */
import type { Snapshot } from '../../../workers/protocol.ts';
import { attributeValue, resourceBar, visibleTasks } from '../../lib/view-model/cluster.ts';
import { isFargateTask } from '../../lib/view-model/cluster-fargate.ts';
import { arnId, shortTaskId, taskDefinitionRef } from '../../lib/view-model/arn.ts';
import { taskServiceInfo } from '../../lib/view-model/service-tasks.ts';

export interface InstanceRow {
  key: string;
  id: string;
  zone: string;
  type: string;
  status: string;
  /** `1536 of 2048` CPU units / MiB free of registered. */
  cpu: string;
  memory: string;
  tasks: number;
}

export interface TaskRow {
  key: string;
  id: string;
  definition: string;
  /** `RUNNING`, or `PENDING → RUNNING` while the desired status differs. */
  status: string;
  /** The EC2 instance id, or `Fargate`. */
  where: string;
  zone: string;
  service: string;
}

export interface ServiceRow {
  key: string;
  name: string;
  status: string;
  desired: number;
  running: number;
  pending: number;
}

export interface ClusterDescription {
  instances: InstanceRow[];
  tasks: TaskRow[];
  services: ServiceRow[];
}

export function describeCluster(snapshot: Snapshot | null): ClusterDescription {
  if (snapshot === null) return { instances: [], tasks: [], services: [] };
  const tasks = visibleTasks(snapshot);
  const instanceIds = new Map<string, string>();
  const instances = (snapshot.containerInstances ?? []).map((instance): InstanceRow => {
    instanceIds.set(instance.containerInstanceArn, instance.ec2InstanceId);
    const cpu = resourceBar(instance, 'CPU');
    const memory = resourceBar(instance, 'MEMORY');
    return {
      key: instance.containerInstanceArn,
      id: instance.ec2InstanceId,
      zone: attributeValue(instance, 'ecs.availability-zone') ?? 'unknown',
      type: attributeValue(instance, 'ecs.instance-type') ?? 'unknown',
      status: instance.status,
      cpu: `${cpu.registered - cpu.reserved} of ${cpu.registered}`,
      memory: `${memory.registered - memory.reserved} of ${memory.registered}`,
      tasks: tasks.filter((t) => t.containerInstanceArn === instance.containerInstanceArn && t.lastStatus !== 'STOPPED').length,
    };
  });
  const services = taskServiceInfo(snapshot);
  const taskRows = tasks.map((task): TaskRow => ({
    key: task.taskArn,
    id: shortTaskId(task.taskArn),
    definition: taskDefinitionRef(task.taskDefinitionArn).label,
    status: task.desiredStatus !== task.lastStatus ? `${task.lastStatus} → ${task.desiredStatus}` : task.lastStatus,
    where: isFargateTask(task) ? 'Fargate' : (instanceIds.get(task.containerInstanceArn ?? '') ?? (task.containerInstanceArn ? arnId(task.containerInstanceArn) : 'not placed yet')),
    zone: task.availabilityZone || 'unknown',
    service: services.get(task.taskArn)?.serviceName ?? '—',
  }));
  const serviceRows = (snapshot.services ?? [])
    .filter((s) => s.status !== 'INACTIVE')
    .map((s): ServiceRow => ({ key: s.serviceArn, name: s.serviceName, status: s.status, desired: s.desiredCount, running: s.runningCount, pending: s.pendingCount }));
  return { instances, tasks: taskRows, services: serviceRows };
}
