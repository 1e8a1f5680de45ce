/**
 * The services panel's view model: a pure function of a snapshot. Each service becomes a card
 * with its counts (desired, running, pending), its deployments (PRIMARY first, as DescribeServices
 * lists them) with their progress, and its events (newest first, as AWS keeps them) stamped in
 * virtual time. (Which service and deployment each task belongs to is service-tasks.ts: the
 * cluster view needs that at first paint, the panel's cards come in a lazy chunk.)
 */
import type { CapacityProviderStrategyItem, Deployment, Service, ServiceEvent, Snapshot } from '../../../workers/protocol.ts';
import { EPOCH_ISO } from '../../../workers/engine/ids/arn.ts';
import { arnId, taskDefinitionRef } from './arn.ts';
import { formatVirtualTime } from './time.ts';

const EPOCH_MS = Date.parse(EPOCH_ISO);

/** An ISO time the engine wrote (epoch + virtual ms) back to virtual ms; NaN-safe (0). */
export function virtualMsOf(iso: string | undefined): number {
  const ms = Date.parse(iso ?? '');
  return Number.isFinite(ms) ? Math.max(0, ms - EPOCH_MS) : 0;
}

export interface DeploymentRow {
  key: string;
  id: string;
  /** The id's last 6 digits: enough to tell deployments of one service apart. */
  shortId: string;
  status: Deployment['status'];
  /** `web:3` */
  definition: string;
  desired: number;
  running: number;
  pending: number;
  failed: number;
  rolloutState: Deployment['rolloutState'];
  rolloutStateReason: string;
  /** running / desired, 0..1 (1 when nothing is desired and nothing runs). */
  fraction: number;
  /** `2 of 4 running, 1 pending` */
  progressText: string;
  /** Started since: `+00:03:10`. */
  createdStamp: string;
}

export interface ServiceEventRow {
  key: string;
  stamp: string;
  time: number;
  message: string;
  tone: 'info' | 'good' | 'warn' | 'bad';
}

export interface ServiceCard {
  key: string;
  serviceArn: string;
  serviceName: string;
  clusterName: string;
  clusterArn: string;
  status: Service['status'];
  desired: number;
  running: number;
  pending: number;
  schedulingStrategy: Service['schedulingStrategy'];
  /** `EC2`, `FARGATE`, or its capacity provider strategy: `FARGATE base 2 weight 1 + FARGATE_SPOT weight 3`. */
  launchType: string;
  definition: string;
  /** A rolling update is under way: more than one live deployment, or the PRIMARY not COMPLETED. */
  deploying: boolean;
  /** The newest event says so (AWS's "has reached a steady state."). */
  steady: boolean;
  minimumHealthyPercent: number;
  maximumPercent: number;
  /** `web-tg:80` / `my-clb`: what the service registers its tasks with. */
  loadBalancers: string[];
  deployments: DeploymentRow[];
  events: ServiceEventRow[];
  /** The deployment counts as a sentence, for screen readers. */
  ariaLabel: string;
}

/** Events kept per card: the panel scrolls them; DescribeServices itself keeps about 100. */
export const MAX_SERVICE_EVENTS = 100;

export function serviceEventTone(message: string): ServiceEventRow['tone'] {
  if (/unable|failed|unhealthy|error|rolling back|circuit breaker/i.test(message)) return 'bad';
  if (/stopped|deregistered|draining/i.test(message)) return 'warn';
  if (/steady state|completed|registered|started/i.test(message)) return 'good';
  return 'info';
}

function eventRow(event: ServiceEvent): ServiceEventRow {
  const time = virtualMsOf(event.createdAt);
  return { key: event.id, stamp: formatVirtualTime(time), time, message: event.message, tone: serviceEventTone(event.message) };
}

function deploymentRow(d: Deployment): DeploymentRow {
  const desired = Math.max(0, d.desiredCount ?? 0);
  const running = Math.max(0, d.runningCount ?? 0);
  const pending = Math.max(0, d.pendingCount ?? 0);
  const fraction = desired > 0 ? Math.min(1, running / desired) : 1;
  const failed = Math.max(0, d.failedTasks ?? 0);
  return {
    key: d.id,
    id: d.id,
    shortId: String(d.id ?? '').slice(-6),
    status: d.status,
    definition: taskDefinitionRef(d.taskDefinition).label,
    desired,
    running,
    pending,
    failed,
    rolloutState: d.rolloutState,
    rolloutStateReason: d.rolloutStateReason ?? '',
    fraction,
    progressText: `${running} of ${desired} running${pending ? `, ${pending} pending` : ''}${failed ? `, ${failed} failed` : ''}`,
    createdStamp: formatVirtualTime(virtualMsOf(d.createdAt)),
  };
}

const DEPLOYMENT_ORDER: Record<Deployment['status'], number> = { PRIMARY: 0, ACTIVE: 1, INACTIVE: 2 };

export function serviceCard(service: Service): ServiceCard {
  const deployments = [...(service.deployments ?? [])]
    .sort((a, b) => DEPLOYMENT_ORDER[a.status] - DEPLOYMENT_ORDER[b.status] || b.createdAt.localeCompare(a.createdAt))
    .map(deploymentRow);
  const events = [...(service.events ?? [])]
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
    .slice(0, MAX_SERVICE_EVENTS)
    .map(eventRow);
  const live = deployments.filter((d) => d.status !== 'INACTIVE');
  const primary = deployments.find((d) => d.status === 'PRIMARY');
  const deploying = live.length > 1 || (primary !== undefined && primary.rolloutState === 'IN_PROGRESS');
  const steady = /has reached a steady state/.test(events[0]?.message ?? '');
  const loadBalancers = (service.loadBalancers ?? []).map((lb) =>
    lb.targetGroupArn ? `${targetGroupName(lb.targetGroupArn)} → ${lb.containerName}:${lb.containerPort}` : `${lb.loadBalancerName ?? '?'} (Classic) → ${lb.containerName}:${lb.containerPort}`,
  );
  const clusterName = arnId(service.clusterArn);
  const definition = taskDefinitionRef(service.taskDefinition).label;
  const dc = service.deploymentConfiguration;
  return {
    key: service.serviceArn,
    serviceArn: service.serviceArn,
    serviceName: service.serviceName,
    clusterName,
    clusterArn: service.clusterArn,
    status: service.status,
    desired: service.desiredCount,
    running: service.runningCount,
    pending: service.pendingCount,
    schedulingStrategy: service.schedulingStrategy,
    launchType: service.launchType ?? (service.capacityProviderStrategy?.length ? strategyLabel(service.capacityProviderStrategy) : 'EC2'),
    definition,
    deploying,
    steady,
    minimumHealthyPercent: dc?.minimumHealthyPercent ?? 100,
    maximumPercent: dc?.maximumPercent ?? 200,
    loadBalancers,
    deployments,
    events,
    ariaLabel:
      `Service ${service.serviceName} in ${clusterName}, ${service.status}: desired ${service.desiredCount}, running ${service.runningCount}, pending ${service.pendingCount}` +
      (deploying ? `; deployment in progress (${live.map((d) => `${d.status} ${d.definition} ${d.progressText}`).join('; ')})` : ''),
  };
}

/** `arn:…:targetgroup/web-tg/0123abcd` → `web-tg`. */
export function targetGroupName(arn: string): string {
  const parts = String(arn ?? '').split('/');
  return parts.length >= 3 ? parts[parts.length - 2]! : parts.pop() ?? '';
}

/** Every service in the snapshot, ACTIVE and DRAINING ones first, each by name. */
export function servicesViewModel(snapshot: Snapshot | null): ServiceCard[] {
  const services = snapshot?.services ?? [];
  const rank = (s: Service) => (s.status === 'INACTIVE' ? 1 : 0);
  return [...services].sort((a, b) => rank(a) - rank(b) || a.serviceName.localeCompare(b.serviceName) || a.serviceArn.localeCompare(b.serviceArn)).map(serviceCard);
}

export { serviceNameOfTask, taskServiceInfo, type DeploymentRole, type TaskServiceInfo } from './service-tasks.ts';

/** A capacity provider strategy as one line: `FARGATE base 2 weight 1 + FARGATE_SPOT weight 3`. */
export function strategyLabel(items: readonly CapacityProviderStrategyItem[]): string {
  return items.map((i) => `${i.capacityProvider}${i.base ? ` base ${i.base}` : ''} weight ${i.weight ?? 0}`).join(' + ');
}
