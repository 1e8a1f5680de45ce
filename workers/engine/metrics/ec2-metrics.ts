/**
 * The minute's EC2 and Auto Scaling datapoints (ticker phase 'publish'):
 * - AWS/EC2 CPUUtilization per running instance (dimension InstanceId) and per Auto Scaling group
 *   (dimension AutoScalingGroupName: the average over its running instances — what CloudWatch's
 *   Average statistic across the group's instances gives; no running instance, no datapoint);
 * - AWS/AutoScaling GroupDesiredCapacity, GroupInServiceInstances, GroupPendingInstances,
 *   GroupTerminatingInstances, GroupTotalInstances per group (EC2 Auto Scaling User Guide,
 *   "Amazon CloudWatch metrics for Amazon EC2 Auto Scaling": group metrics, one-minute granularity).
 * CPU comes from the load model (load/model.ts, the minute's measurement load/usage.ts: SetServiceLoad
 * and request traffic). O(tasks + instances) per minute.
 */
import type { EngineContext } from '../context.ts';
import { instanceCpuUtilization, tasksByInstance, IDLE } from '../load/model.ts';
import { measureLoad } from '../load/usage.ts';
import { putDatapoint, type MetricId } from './store.ts';
import { provideMinuteJob } from './minute-tick.ts';

export const ec2CpuMetric = (instanceId: string): MetricId => ({ namespace: 'AWS/EC2', metricName: 'CPUUtilization', dimensions: [{ Name: 'InstanceId', Value: instanceId }] });
export const groupCpuMetric = (groupName: string): MetricId => ({ namespace: 'AWS/EC2', metricName: 'CPUUtilization', dimensions: [{ Name: 'AutoScalingGroupName', Value: groupName }] });
export const groupMetric = (metricName: GroupMetricName, groupName: string): MetricId => ({ namespace: 'AWS/AutoScaling', metricName, dimensions: [{ Name: 'AutoScalingGroupName', Value: groupName }] });

export type GroupMetricName = 'GroupDesiredCapacity' | 'GroupInServiceInstances' | 'GroupPendingInstances' | 'GroupTerminatingInstances' | 'GroupTotalInstances';

function publish(ctx: EngineContext): void {
  const { state } = ctx;
  const now = ctx.clock.now;
  const view = measureLoad(state, now).tasks;
  const byInstance = tasksByInstance(state);
  const groupCpu = new Map<string, { sum: number; count: number }>();
  for (const record of state.ec2?.instances.values() ?? []) {
    if (record.state !== 'running') continue;
    const instance = record.containerInstanceArn === undefined ? undefined : state.instances.get(record.containerInstanceArn);
    const cpu = instance === undefined ? IDLE.instanceCpuPercent : instanceCpuUtilization(instance, byInstance.get(instance.containerInstanceArn) ?? [], view);
    const value = round(cpu);
    putDatapoint(state, ec2CpuMetric(record.instanceId), 'Percent', now, value);
    if (record.autoScalingGroupName !== undefined) {
      const sum = groupCpu.get(record.autoScalingGroupName) ?? { sum: 0, count: 0 };
      sum.sum += value;
      sum.count += 1;
      groupCpu.set(record.autoScalingGroupName, sum);
    }
  }
  for (const group of state.autoscaling?.groups.values() ?? []) {
    const cpu = groupCpu.get(group.name);
    if (cpu !== undefined) putDatapoint(state, groupCpuMetric(group.name), 'Percent', now, round(cpu.sum / cpu.count));
    let inService = 0;
    let pending = 0;
    let terminating = 0;
    for (const instance of group.instances.values()) {
      if (instance.lifecycleState === 'InService') inService++;
      else if (instance.lifecycleState === 'Pending') pending++;
      else terminating++;
    }
    putDatapoint(state, groupMetric('GroupDesiredCapacity', group.name), 'None', now, group.desiredCapacity);
    putDatapoint(state, groupMetric('GroupInServiceInstances', group.name), 'None', now, inService);
    putDatapoint(state, groupMetric('GroupPendingInstances', group.name), 'None', now, pending);
    putDatapoint(state, groupMetric('GroupTerminatingInstances', group.name), 'None', now, terminating);
    putDatapoint(state, groupMetric('GroupTotalInstances', group.name), 'None', now, inService + pending + terminating);
  }
}

/** Two decimals, as the console shows them; keeps alarm reasons readable. */
function round(value: number): number {
  return Math.round(value * 100) / 100;
}

provideMinuteJob('ec2-metrics', {
  phase: 'publish',
  active: (ctx) => (ctx.state.autoscaling?.groups.size ?? 0) > 0 || (ctx.state.ec2?.instances.size ?? 0) > 0,
  run: publish,
});
