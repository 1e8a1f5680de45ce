/**
 * The words of Spot interruptions, faults and ECS Anywhere, in one place. AWS's own wording where
 * it is known (source beside each); the sandbox's sentences say so.
 */
import { plural } from '../text.ts';

/** Fargate Spot's two-minute warning (ECS Developer Guide, fargate-capacity-providers; ecs-reference §3). */
export const SPOT_TASK_INTERRUPTED = 'Your Spot Task was interrupted.';
/** How long a Spot warning comes before the capacity is reclaimed: two minutes (Fargate Spot and EC2 Spot). */
export const SPOT_WARNING_MS = 120_000;
/**
 * AWS's reason when Fargate Spot has no capacity: the service event "(service NAME) was unable to
 * place a task. Reason: Capacity is unavailable at this time. Please try again later or in a
 * different availability zone." (quoted by users, e.g. sil-org/ecs-deploy#277). RunTask lists it as
 * the failure's reason (UNCONFIRMED for RunTask).
 */
export const CAPACITY_UNAVAILABLE = 'Capacity is unavailable at this time. Please try again later or in a different availability zone.';
/**
 * EC2's StateReason for an interrupted Spot Instance (EC2 API reference, StateReason):
 * "Server.SpotInstanceTermination: ..." — the message text after the code is UNCONFIRMED.
 */
export const SPOT_INSTANCE_TERMINATION = 'Server.SpotInstanceTermination: A Spot Instance was terminated due to an interruption.';
/** Sandbox: the stoppedReason of tasks whose host went away with its Availability Zone. */
export const zoneOutageStopReason = (zone: string): string => `Sandbox: Availability Zone ${zone} is out (sim:FailAvailabilityZone); the task's host is unreachable.`;

export const FAULT_MESSAGES = {
  // Sandbox refusals: the fault names something that does not exist, or is given badly.
  unknownZone: (zone: string, zones: readonly string[]) => `Availability Zone "${zone}" does not exist in us-east-1; the zones are ${zones.join(', ')}.`,
  zoneAlreadyOut: (zone: string) => `Availability Zone ${zone} is already out; sim:RestoreAvailabilityZone brings it back.`,
  zoneNotOut: (zone: string) => `Availability Zone ${zone} is not out; nothing to restore.`,
  badDuration: (value: unknown) => `durationSeconds must be a whole number of seconds from 1 to 86400; got ${JSON.stringify(value)}.`,
  badRate: (name: string, value: unknown) => `${name} must be a number from 0 to 60 (expected interruptions per hour); got ${JSON.stringify(value)}.`,
  unknownInstance: (given: string, cluster: string) => `Container instance "${given}" is not registered with cluster ${cluster}.`,
  agentAlreadyDisconnected: (id: string) => `The ECS agent on ${id} is already disconnected; sim:ReconnectAgent reconnects it.`,
  agentNotDisconnected: (id: string) => `The ECS agent on ${id} is connected; nothing to reconnect.`,
  agentInZoneOutage: (id: string, zone: string) => `The ECS agent on ${id} cannot reconnect while its Availability Zone ${zone} is out; restore the zone with sim:RestoreAvailabilityZone.`,
  interruptNothing: () => 'sim:InterruptSpot needs tasks, count or instanceIds: which Spot capacity to take back.',
  interruptBadCount: (value: unknown) => `count must be a whole number from 1 to 1000; got ${JSON.stringify(value)}.`,
  notSpotTask: (id: string, provider: string | undefined) =>
    `Task ${id} does not run on FARGATE_SPOT (${provider === undefined ? 'it was not launched through a capacity provider' : `its capacity provider is ${provider}`}); only Spot capacity is interrupted.`,
  taskNotRunning: (id: string, status: string) => `Task ${id} is ${status}, not RUNNING; only a running Spot task gets an interruption warning.`,
  taskNotFound: (id: string, cluster: string) => `Task "${id}" was not found in cluster ${cluster}.`,
  noSpotTasks: (cluster: string) => `No FARGATE_SPOT task is RUNNING in cluster ${cluster} without a warning already; nothing to interrupt.`,
  unknownEc2Instance: (id: string) => `EC2 instance "${id}" does not exist (sim:InterruptSpot takes the i-… ids of Spot Instances).`,
  notSpotInstance: (id: string) => `EC2 instance ${id} is an On-Demand Instance; only Spot Instances are interrupted.`,
  ec2NotRunning: (id: string, state: string) => `EC2 instance ${id} is ${state}, not running.`,
  alreadyWarned: (id: string) => `${id} already has its two-minute interruption notice.`,
  // ECS Anywhere
  externalBadCpu: (value: unknown) => `cpu must be a whole number of CPU units from 256 to 196608 (1024 per vCPU); got ${JSON.stringify(value)}.`,
  externalBadMemory: (value: unknown) => `memory must be a whole number of MiB from 512 to 786432; got ${JSON.stringify(value)}.`,
  externalBadHostname: (value: string) => `hostname must be 1 to 253 letters, digits, dots and hyphens; got "${value}".`,
  // AWS (ECS Developer Guide, ecs-anywhere: "Service load balancing isn't supported."), then the sandbox's reason.
  externalLoadBalancers: () =>
    "Service load balancing isn't supported with the EXTERNAL launch type. (Sandbox: ECS Anywhere instances sit outside the VPC, so they cannot be load balancer targets; remove loadBalancers.)",
} as const;

/** `3 tasks` / `1 task`. */
export const taskCount = (n: number): string => plural(n, 'task');
