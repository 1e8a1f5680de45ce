/**
 * The managed scaling view model: per Auto Scaling group capacity provider, the
 * CapacityProviderReservation metric (AWS/ECS/ManagedScaling, dimensions CapacityProviderName and
 * ClusterName) over virtual time against its target line (managedScaling.targetCapacity), the
 * latest value with what it is made of (M instances needed, N running: M / N × 100), and the tasks
 * waiting in PROVISIONING for that provider's capacity. Also the Fargate providers' task counts,
 * so the panel can put the serverless side next to the EC2 one.
 */
import type { CapacityProvider, Snapshot } from '../../../../workers/protocol.ts';
import { chartModel, findSeries, seriesColor, type ChartModel } from './chart.ts';

export const RESERVATION_NAMESPACE = 'AWS/ECS/ManagedScaling';
export const RESERVATION_METRIC = 'CapacityProviderReservation';
export const RESERVATION_COLOR = seriesColor('reservation');

export interface ReservationCard {
  key: string;
  name: string;
  clusterName: string | null;
  autoScalingGroupName: string | null;
  managedScaling: boolean;
  targetCapacity: number;
  /** The latest CapacityProviderReservation, percent (null before the first minute). */
  value: number | null;
  /** M and N of the latest value. */
  instancesNeeded: number | null;
  runningInstances: number | null;
  /** Tasks of this provider waiting in PROVISIONING for an instance. */
  provisioningTasks: number;
  /** `scale out`, `scale in`, `steady` or `managed scaling off`: what the value means against the target. */
  verdict: string;
  /** How the latest value is made: `M 5 / N 2 × 100`, or AWS's rule when no instance runs. */
  formula: string;
  chart: ChartModel;
  ariaLabel: string;
}

export interface FargateProviderRow {
  name: 'FARGATE' | 'FARGATE_SPOT';
  running: number;
  provisioning: number;
}

function groupName(arn: string | undefined): string | null {
  if (!arn) return null;
  const at = arn.indexOf('autoScalingGroupName/');
  return at >= 0 ? arn.slice(at + 'autoScalingGroupName/'.length) : arn;
}

function verdict(managed: boolean, value: number | null, target: number): string {
  if (!managed) return 'managed scaling off';
  if (value === null) return 'no datapoint yet';
  if (value > target) return 'above target: scale out';
  if (value < target) return 'below target: scale in';
  return 'at target: steady';
}

/** ecs-reference §6: M / N × 100; with N = 0, 200 when instances are needed and 100 when none are. */
export function reservationFormula(reservation: CapacityProvider['reservation'] | undefined): string {
  if (!reservation) return '';
  const { instancesNeeded: m, runningInstances: n } = reservation;
  if (n === 0) return m > 0 ? `no instance running, ${m} needed: 200 (scale out)` : 'no instance running or needed: 100';
  return `${m} needed / ${n} running × 100`;
}

function provisioningFor(snapshot: Snapshot, provider: string): number {
  return (snapshot.tasks ?? []).filter((t) => t.lastStatus === 'PROVISIONING' && t.capacityProviderName === provider).length;
}

export function reservationCard(snapshot: Snapshot, provider: CapacityProvider): ReservationCard {
  const asg = provider.autoScalingGroupProvider!;
  const managed = asg.managedScaling.status === 'ENABLED';
  const target = asg.managedScaling.targetCapacity;
  const clusterName = provider.clusterName ?? null;
  const series = clusterName ? findSeries(snapshot, RESERVATION_NAMESPACE, RESERVATION_METRIC, { CapacityProviderName: provider.name, ClusterName: clusterName }) : undefined;
  const points = (series?.points ?? []).map((p) => ({ t: p.t, v: p.v }));
  const latest = provider.reservation ?? null;
  const value = latest?.value ?? points.at(-1)?.v ?? null;
  const waiting = provisioningFor(snapshot, provider.name);
  const said = verdict(managed, value, target);
  const made = reservationFormula(latest ?? undefined);
  return {
    key: provider.capacityProviderArn || provider.name,
    name: provider.name,
    clusterName,
    autoScalingGroupName: groupName(asg.autoScalingGroupArn),
    managedScaling: managed,
    targetCapacity: target,
    value,
    instancesNeeded: latest?.instancesNeeded ?? null,
    runningInstances: latest?.runningInstances ?? null,
    provisioningTasks: waiting,
    verdict: said,
    formula: made,
    chart: chartModel({
      series: [{ key: RESERVATION_METRIC, label: 'reservation', color: RESERVATION_COLOR, step: false, points }],
      rules: [{ key: 'target', value: target, label: `target ${target}%` }],
      now: snapshot.time,
      unit: '%',
      yFloor: 100,
      summary: `${provider.name}: CapacityProviderReservation ${value === null ? 'not measured yet' : `${round(value)}%`} against a target of ${target}%.`,
    }),
    ariaLabel:
      `Capacity provider ${provider.name}: reservation ${value === null ? 'not measured yet' : `${round(value)}%`}, target ${target}%, ${said}` +
      `${made ? `, ${made}` : ''}, ${waiting} task${waiting === 1 ? '' : 's'} waiting in PROVISIONING`,
  };
}

function round(v: number): number {
  return Math.round(v * 10) / 10;
}

/** The Auto Scaling group providers, by name. */
export function reservationCards(snapshot: Snapshot | null): ReservationCard[] {
  if (!snapshot) return [];
  return (snapshot.capacityProviders ?? [])
    .filter((p) => p.autoScalingGroupProvider && p.status === 'ACTIVE')
    .map((p) => reservationCard(snapshot, p))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** FARGATE and FARGATE_SPOT, with their live task counts; empty when no task uses either. */
export function fargateProviderRows(snapshot: Snapshot | null): FargateProviderRow[] {
  const rows: FargateProviderRow[] = [];
  for (const name of ['FARGATE', 'FARGATE_SPOT'] as const) {
    const tasks = (snapshot?.tasks ?? []).filter((t) => t.capacityProviderName === name);
    const running = tasks.filter((t) => t.lastStatus === 'RUNNING').length;
    const provisioning = tasks.filter((t) => t.lastStatus === 'PROVISIONING' || t.lastStatus === 'PENDING').length;
    if (running + provisioning > 0) rows.push({ name, running, provisioning });
  }
  return rows;
}
