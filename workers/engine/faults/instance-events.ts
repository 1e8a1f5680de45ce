/**
 * "ECS Container Instance State Change" events (ECS Developer Guide, ecs_cwe_events): ECS sends one
 * when a container instance's status or agent connection changes; `detail` is the container
 * instance as DescribeContainerInstances shows it, with `clusterArn` and `updatedAt`.
 */
import type { EventBridgeDraft } from '../events/eventbridge.ts';
import { clusterArn, isoAt } from '../ids/arn.ts';
import { countTasks, renderInstance } from '../snapshot.ts';
import type { EngineState, InstanceRecord } from '../state.ts';

export function containerInstanceStateChange(state: EngineState, instance: InstanceRecord, nowMs: number): EventBridgeDraft {
  const rendered = renderInstance(instance, countTasks(state).byInstance);
  return {
    detailType: 'ECS Container Instance State Change',
    resources: [instance.containerInstanceArn],
    detail: { ...rendered, clusterArn: clusterArn(instance.clusterName), updatedAt: isoAt(nowMs) },
  };
}
