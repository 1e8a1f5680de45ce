/**
 * The service editor's requests: a sensible CreateService template from what the sandbox holds
 * (its cluster, its newest task definition, a target group that fits the task's network mode),
 * an UpdateService template from a service as it is, the DeleteService step, and reading the
 * editor's text back as a request. Pure functions of a snapshot; nothing here reaches the worker.
 */
import type { ElbTargetGroup, Service, Snapshot, Step, TaskDefinition } from '../../../workers/protocol.ts';
import { arnId, taskDefinitionRef } from './arn.ts';
import { attributeValue } from './cluster.ts';

export type ServiceRequestKind = 'create' | 'update';

interface PortMapping {
  containerPort?: number;
  hostPort?: number;
}

/** The newest ACTIVE revision of each family, newest family first. */
export function latestDefinitions(snapshot: Snapshot | null): TaskDefinition[] {
  const latest = new Map<string, TaskDefinition>();
  for (const td of snapshot?.taskDefinitions ?? []) {
    if (td.status !== 'ACTIVE') continue;
    const known = latest.get(td.family);
    if (!known || td.revision > known.revision) latest.set(td.family, td);
  }
  return [...latest.values()].sort((a, b) => (b.registeredAt ?? '').localeCompare(a.registeredAt ?? '') || a.family.localeCompare(b.family));
}

/** The first container that maps a port, with that port: what a load balancer would front. */
export function exposedPort(td: TaskDefinition): { containerName: string; containerPort: number } | null {
  for (const c of td.containerDefinitions ?? []) {
    const mappings = (c.portMappings as PortMapping[] | undefined) ?? [];
    const port = mappings.find((m) => typeof m.containerPort === 'number');
    if (port && typeof c.name === 'string') return { containerName: c.name, containerPort: port.containerPort! };
  }
  return null;
}

function isAwsvpc(td: TaskDefinition): boolean {
  return td.networkMode === 'awsvpc';
}

function fargateOnly(td: TaskDefinition): boolean {
  const req = td.requiresCompatibilities ?? [];
  return req.includes('FARGATE') && !req.includes('EC2');
}

/** The subnets of the zones the cluster's instances are in (the default VPC's `subnet-<az>`). */
export function clusterSubnets(snapshot: Snapshot | null): string[] {
  const zones = new Set<string>();
  for (const ci of snapshot?.containerInstances ?? []) {
    const az = attributeValue(ci, 'ecs.availability-zone');
    if (az) zones.add(az);
  }
  if (zones.size === 0) ['us-east-1a', 'us-east-1b', 'us-east-1c'].forEach((z) => zones.add(z));
  return [...zones].sort().map((z) => `subnet-${z}`);
}

/** A target group whose target type fits the task (ip for awsvpc, instance for bridge/host). */
export function fittingTargetGroup(snapshot: Snapshot | null, td: TaskDefinition): ElbTargetGroup | null {
  const wanted = isAwsvpc(td) ? 'ip' : 'instance';
  const groups = (snapshot?.targetGroups ?? []).filter((tg) => tg.TargetType === wanted);
  // One a listener already forwards to first: that is the one requests reach.
  return groups.find((tg) => (tg.LoadBalancerArns ?? []).length > 0) ?? groups[0] ?? null;
}

function uniqueServiceName(snapshot: Snapshot | null, family: string): string {
  const taken = new Set((snapshot?.services ?? []).filter((s) => s.status !== 'INACTIVE').map((s) => s.serviceName));
  const base = `${family}-service`;
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}

/**
 * A CreateService request that works as it stands in the default sandbox: the first cluster, the
 * newest task definition (or `preferredFamily`'s newest revision), two tasks, the rolling-update
 * defaults spelled out (100 / 200, circuit breaker off) so a learner sees the knobs, and, when a
 * fitting target group exists, the load balancer mapping with a grace period for its health checks.
 */
export function createServiceTemplate(snapshot: Snapshot | null, preferredFamily?: string): Record<string, unknown> {
  const cluster = snapshot?.clusters?.find((c) => c.status === 'ACTIVE')?.clusterName ?? 'demo';
  const defs = latestDefinitions(snapshot);
  const td = defs.find((d) => d.family === preferredFamily) ?? defs[0];
  if (!td) {
    return { cluster, serviceName: 'web-service', taskDefinition: 'web', desiredCount: 2, launchType: 'EC2' };
  }
  const request: Record<string, unknown> = {
    cluster,
    serviceName: uniqueServiceName(snapshot, td.family),
    taskDefinition: `${td.family}:${td.revision}`,
    desiredCount: 2,
    launchType: fargateOnly(td) ? 'FARGATE' : 'EC2',
    deploymentConfiguration: {
      minimumHealthyPercent: 100,
      maximumPercent: 200,
      deploymentCircuitBreaker: { enable: false, rollback: false },
    },
  };
  if (isAwsvpc(td)) {
    request.networkConfiguration = { awsvpcConfiguration: { subnets: clusterSubnets(snapshot), securityGroups: ['sg-default'], assignPublicIp: 'DISABLED' } };
  }
  const port = exposedPort(td);
  const tg = fittingTargetGroup(snapshot, td);
  if (port && tg) {
    request.loadBalancers = [{ targetGroupArn: tg.TargetGroupArn, containerName: port.containerName, containerPort: port.containerPort }];
    request.healthCheckGracePeriodSeconds = 30;
  }
  return request;
}

/**
 * An UpdateService request for `service`: its cluster and name, the newest revision of its family
 * (so "Update" then Ctrl+S starts a rolling update when a new revision is registered), its desired
 * count and deployment configuration as they are.
 */
export function updateServiceTemplate(snapshot: Snapshot | null, service: Service): Record<string, unknown> {
  const ref = taskDefinitionRef(service.taskDefinition);
  const newest = latestDefinitions(snapshot).find((d) => d.family === ref.family);
  const dc = service.deploymentConfiguration;
  return {
    cluster: arnId(service.clusterArn),
    service: service.serviceName,
    taskDefinition: newest ? `${newest.family}:${newest.revision}` : ref.label,
    desiredCount: service.desiredCount,
    deploymentConfiguration: {
      minimumHealthyPercent: dc?.minimumHealthyPercent ?? 100,
      maximumPercent: dc?.maximumPercent ?? 200,
      deploymentCircuitBreaker: { enable: dc?.deploymentCircuitBreaker?.enable ?? false, rollback: dc?.deploymentCircuitBreaker?.rollback ?? false },
    },
    forceNewDeployment: false,
  };
}

export function templateText(request: Record<string, unknown>): string {
  return `${JSON.stringify(request, null, 2)}\n`;
}

/** The step the editor dispatches for its text. */
export function serviceStep(kind: ServiceRequestKind, request: unknown): Step {
  return { [kind === 'create' ? 'ecs:CreateService' : 'ecs:UpdateService']: request };
}

export function deleteServiceStep(service: Pick<Service, 'clusterArn' | 'serviceName'>, force: boolean): Step {
  return { 'ecs:DeleteService': { cluster: arnId(service.clusterArn), service: service.serviceName, ...(force ? { force: true } : {}) } };
}

/** The editor's text as a request object, or why it is not one. */
export function readRequestText(text: string): { ok: true; request: Record<string, unknown> } | { ok: false; message: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `The request is not valid JSON: ${(error as Error).message}` };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, message: 'The request must be a JSON object, e.g. {"cluster": "demo", "serviceName": "web", …}.' };
  }
  return { ok: true, request: value as Record<string, unknown> };
}
