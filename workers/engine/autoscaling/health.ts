/**
 * EC2 Auto Scaling's minute (ticker phase 'act'): health checks and retries.
 * - EC2 health check: an instance in an Availability Zone that is out (faults/model.ts
 *   zoneUnavailable) fails its status checks; the group marks it Unhealthy, terminates it and
 *   launches a replacement in a zone that is up (AWS: "Amazon EC2 Auto Scaling ... replaces
 *   unhealthy instances"; health replacement ignores cooldowns, ecs-reference §7). Only after the
 *   health check grace period from launch (HealthCheckGracePeriod).
 * - A group below its desired capacity whose last launch failed (no zone up, template gone) tries
 *   again each minute, as AWS retries failed launches.
 */
import type { EngineContext } from '../context.ts';
import { zoneUnavailable } from '../faults/model.ts';
import { provideMinuteJob } from '../metrics/minute-tick.ts';
import { reconcileGroup, replaceUnhealthy } from './groups.ts';

/** AWS's Cause when the EC2 status checks of an instance fail. */
export const STATUS_CHECK_FAILURE = 'an instance was taken out of service in response to an EC2 instance status checks failure.';

function checkGroups(ctx: EngineContext): void {
  for (const group of [...(ctx.state.autoscaling?.groups.values() ?? [])]) {
    if (group.deleting === true) continue;
    for (const instance of [...group.instances.values()]) {
      if (instance.lifecycleState !== 'InService' && instance.lifecycleState !== 'Pending') continue;
      if (!zoneUnavailable(ctx.state, instance.availabilityZone)) continue;
      if (ctx.clock.now - instance.launchedMs < group.healthCheckGracePeriodSeconds * 1000) continue;
      ctx.emit('autoscaling.unhealthy', `Auto Scaling group ${group.name}: instance ${instance.instanceId} failed its EC2 status checks (${instance.availabilityZone} is out); it is replaced in a zone that is up.`, group.arn);
      replaceUnhealthy(ctx, group, instance, STATUS_CHECK_FAILURE);
    }
    if (group.launchFailedMs !== undefined) reconcileGroup(ctx, group);
  }
}

provideMinuteJob('autoscaling-health', {
  phase: 'act',
  active: (ctx) => (ctx.state.autoscaling?.groups.size ?? 0) > 0,
  run: checkGroups,
});
