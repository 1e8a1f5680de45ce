/** Builders of small, AWS-shaped snapshots for the view-model tests. */
import type { ContainerInstance, Snapshot, Task, TaskDefinition } from '../../../workers/protocol.ts';

const ACCOUNT = 'arn:aws:ecs:us-east-1:123456789012';

export function instance(id: string, zone: string, cpu: [reserved: number, registered: number], memory: [number, number]): ContainerInstance {
  const res = (name: string, value: number) => ({ name, type: 'INTEGER' as const, doubleValue: 0, longValue: 0, integerValue: value });
  return {
    containerInstanceArn: `${ACCOUNT}:container-instance/demo/${id}`,
    ec2InstanceId: `i-${id}`,
    version: 1,
    versionInfo: { agentVersion: '1.89.0', agentHash: 'x', dockerVersion: 'DockerVersion: 25.0.8' },
    registeredResources: [res('CPU', cpu[1]), res('MEMORY', memory[1])],
    remainingResources: [res('CPU', cpu[1] - cpu[0]), res('MEMORY', memory[1] - memory[0])],
    status: 'ACTIVE',
    agentConnected: true,
    runningTasksCount: 0,
    pendingTasksCount: 0,
    attributes: [
      { name: 'ecs.availability-zone', value: zone },
      { name: 'ecs.instance-type', value: 't3.medium' },
    ],
    registeredAt: '2026-01-01T00:00:00.000Z',
    tags: [],
  };
}

export function task(id: string, instanceId: string | null, lastStatus: Task['lastStatus'], family = 'web', revision = 1, createdAt = '2026-01-01T00:00:00.000Z'): Task {
  return {
    taskArn: `${ACCOUNT}:task/demo/${id}`,
    clusterArn: `${ACCOUNT}:cluster/demo`,
    taskDefinitionArn: `${ACCOUNT}:task-definition/${family}:${revision}`,
    ...(instanceId ? { containerInstanceArn: `${ACCOUNT}:container-instance/demo/${instanceId}` } : {}),
    availabilityZone: 'us-east-1a',
    group: `family:${family}`,
    lastStatus,
    desiredStatus: lastStatus === 'STOPPED' || lastStatus === 'STOPPING' ? 'STOPPED' : 'RUNNING',
    launchType: 'EC2',
    containers: [],
    healthStatus: 'UNKNOWN',
    version: 1,
    overrides: { containerOverrides: [], inferenceAcceleratorOverrides: [] },
    attachments: [],
    tags: [],
    createdAt,
  };
}

export function taskDefinition(family: string, revision: number, status: TaskDefinition['status'] = 'ACTIVE'): TaskDefinition {
  return {
    taskDefinitionArn: `${ACCOUNT}:task-definition/${family}:${revision}`,
    family,
    revision,
    status,
    containerDefinitions: [],
    volumes: [],
    placementConstraints: [],
    compatibilities: ['EC2'],
    requiresAttributes: [],
    registeredAt: '2026-01-01T00:00:00.000Z',
    registeredBy: 'arn:aws:iam::123456789012:root',
  };
}

export function snapshot(parts: Partial<Snapshot> = {}): Snapshot {
  return { time: 0, seed: 1, clusters: [], containerInstances: [], taskDefinitions: [], tasks: [], services: [], events: [], ...parts };
}
