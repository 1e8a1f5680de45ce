/**
 * Faults the sandbox simulates (issue 6): Availability Zones out for a while, ECS agents
 * disconnected, the Spot market (interruption rates, Fargate Spot capacity). Owned by faults/;
 * autoscaling/ and the Fargate launch path read it (no launches into a zone that is out).
 */
import type { TimerId } from '../clock.ts';

/** The Fargate Spot capacity provider's reserved name. */
export const FARGATE_SPOT = 'FARGATE_SPOT';

export interface ZoneOutage {
  sinceMs: number;
  untilMs?: number;
  timer?: TimerId;
}

export interface AgentDisconnect {
  sinceMs: number;
  untilMs?: number;
  timer?: TimerId;
}

export interface SpotMarket {
  /** Expected interruptions per task-hour of FARGATE_SPOT tasks (0 = none unless sim:InterruptSpot). */
  fargateSpotInterruptionsPerHour: number;
  /** Expected interruptions per instance-hour of EC2 Spot Instances. */
  ec2SpotInterruptionsPerHour: number;
  /** False while Fargate Spot has no capacity (new FARGATE_SPOT tasks cannot start). */
  fargateSpotCapacityAvailable: boolean;
  /** Virtual ms of the last sim:SetSpotMarket (for the snapshot's faults). */
  sinceMs?: number;
  timer?: TimerId;
}

export interface FaultState {
  unavailableZones: Map<string, ZoneOutage>;
  disconnectedAgents: Map<string, AgentDisconnect>;
  spot: SpotMarket;
  /** EC2 Spot Instances under their two-minute notice: instance id → virtual ms EC2 takes them (faults/spot.ts). */
  spotNotices?: Map<string, number>;
}

export function faultsOf(state: { faults?: FaultState }): FaultState {
  state.faults ??= {
    unavailableZones: new Map(),
    disconnectedAgents: new Map(),
    spot: { fargateSpotInterruptionsPerHour: 0, ec2SpotInterruptionsPerHour: 0, fargateSpotCapacityAvailable: true },
  };
  return state.faults;
}

/** Whether a zone is out right now (no launches, no Fargate capacity). */
export function zoneUnavailable(state: { faults?: FaultState }, zone: string): boolean {
  return state.faults?.unavailableZones.has(zone) === true;
}
