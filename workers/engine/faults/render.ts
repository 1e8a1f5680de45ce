/** The snapshot's `faults`: every fault being simulated, one sentence each, oldest first. */
import type { ActiveFault } from '../../protocol.ts';
import { provideCapacitySnapshot } from '../snapshot-parts.ts';
import type { EngineState } from '../state.ts';

export function renderFaults(state: EngineState): ActiveFault[] {
  const faults = state.faults;
  if (faults === undefined) return [];
  const out: ActiveFault[] = [];
  for (const [zone, outage] of faults.unavailableZones) {
    out.push({
      kind: 'availability-zone-outage',
      target: zone,
      sinceMs: outage.sinceMs,
      ...(outage.untilMs === undefined ? {} : { untilMs: outage.untilMs }),
      description: `Availability Zone ${zone} is out: its container instances have no agent connection, its tasks stopped, Fargate and Auto Scaling avoid it.`,
    });
  }
  for (const [arn, cut] of faults.disconnectedAgents) {
    const instance = state.instances.get(arn);
    const name = instance?.ec2InstanceId ?? arn;
    out.push({
      kind: 'agent-disconnected',
      target: arn,
      sinceMs: cut.sinceMs,
      ...(cut.untilMs === undefined ? {} : { untilMs: cut.untilMs }),
      description: `The ECS agent on ${name} is disconnected: its tasks keep running, nothing new is placed on it.`,
    });
  }
  const spot = faults.spot;
  if (spot.fargateSpotInterruptionsPerHour > 0 || !spot.fargateSpotCapacityAvailable) {
    const parts: string[] = [];
    if (spot.fargateSpotInterruptionsPerHour > 0) parts.push(`${spot.fargateSpotInterruptionsPerHour} interruptions per task-hour`);
    if (!spot.fargateSpotCapacityAvailable) parts.push('no capacity: new FARGATE_SPOT tasks cannot start');
    out.push({ kind: 'spot-interruptions', target: 'FARGATE_SPOT', sinceMs: spot.sinceMs ?? 0, description: `Fargate Spot: ${parts.join('; ')}.` });
  }
  if (spot.ec2SpotInterruptionsPerHour > 0 || (faults.spotNotices?.size ?? 0) > 0) {
    const notices = faults.spotNotices?.size ?? 0;
    const parts: string[] = [];
    if (spot.ec2SpotInterruptionsPerHour > 0) parts.push(`${spot.ec2SpotInterruptionsPerHour} interruptions per instance-hour`);
    if (notices > 0) parts.push(`${notices} instance${notices === 1 ? '' : 's'} under a two-minute notice`);
    out.push({ kind: 'spot-interruptions', target: 'EC2 Spot', sinceMs: spot.sinceMs ?? 0, description: `EC2 Spot: ${parts.join('; ')}.` });
  }
  return out;
}

provideCapacitySnapshot('faults', (state) => (state.faults === undefined ? {} : { faults: renderFaults(state) }));
