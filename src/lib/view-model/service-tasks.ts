/**
 * Which service and which deployment each task belongs to, so the cluster view can draw old and
 * new revisions apart during a rolling update. Kept apart from services.ts (the panel's cards,
 * a lazy chunk): the cluster view needs it at first paint.
 */
import type { Service, Snapshot, Task } from '../../../workers/protocol.ts';

/** `service:web` → `web`; anything else → null. The group ECS gives a service's tasks. */
export function serviceNameOfTask(task: Pick<Task, 'group'>): string | null {
  const group = String(task.group ?? '');
  return group.startsWith('service:') ? group.slice('service:'.length) : null;
}

/**
 * A task's place in its service's rollout:
 * - `new`: started by the PRIMARY deployment while an older one is still live (a rolling update);
 * - `old`: started by an ACTIVE (or INACTIVE) deployment, i.e. the revision being replaced;
 * - `steady`: the service's only live deployment.
 */
export type DeploymentRole = 'new' | 'old' | 'steady';

export interface TaskServiceInfo {
  serviceName: string;
  serviceArn: string | null;
  deploymentId: string | null;
  role: DeploymentRole;
}

/**
 * Which service and deployment each service task belongs to, keyed by task ARN. A service's
 * tasks have `group: 'service:<name>'` and `startedBy: <deployment id>`; the service is found by
 * name within the task's cluster.
 */
export function taskServiceInfo(snapshot: Snapshot | null): Map<string, TaskServiceInfo> {
  const out = new Map<string, TaskServiceInfo>();
  if (snapshot === null) return out;
  const services = new Map<string, Service>();
  for (const s of snapshot.services ?? []) {
    // A live service wins over an INACTIVE one of the same name (deleted, then created again).
    const key = `${s.clusterArn}|${s.serviceName}`;
    if (!services.has(key) || s.status !== 'INACTIVE') services.set(key, s);
  }
  for (const task of snapshot.tasks ?? []) {
    const name = serviceNameOfTask(task);
    if (name === null) continue;
    const service = services.get(`${task.clusterArn}|${name}`);
    const deployments = service?.deployments ?? [];
    const deployment = deployments.find((d) => d.id === task.startedBy);
    const rolling = deployments.filter((d) => d.status !== 'INACTIVE').length > 1;
    let role: DeploymentRole = 'steady';
    if (deployment && deployment.status !== 'PRIMARY') role = 'old';
    else if (deployment && rolling) role = 'new';
    else if (!deployment && task.startedBy && deployments.length > 0) role = 'old'; // its deployment is gone from the list
    out.set(task.taskArn, { serviceName: name, serviceArn: service?.serviceArn ?? null, deploymentId: deployment?.id ?? task.startedBy ?? null, role });
  }
  return out;
}
