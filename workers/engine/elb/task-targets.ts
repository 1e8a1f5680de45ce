/**
 * How ECS registers a task with a target group (ECS Developer Guide, load-balancer-types): a bridge
 * or host task as its EC2 instance id + the host port bound for the container port; an awsvpc or
 * Fargate task as its private IP + the container port — which needs target type `ip`. With a
 * Classic Load Balancer the task's EC2 instance itself is registered (instance port = the
 * listener's fixed InstancePort).
 */
import type { ServiceLoadBalancer } from '../../protocol.ts';
import type { EngineState, TaskRecord } from '../state.ts';
import { targetKey, type TargetGroupRecord } from './model.ts';

export function targetGroupByArn(state: EngineState, arn: string): TargetGroupRecord | undefined {
  return state.elb?.targetGroups.get(arn);
}

/**
 * The target (Id, Port) a task gives a target group for `containerName`:`containerPort`, or an
 * error text (the task's network mode does not fit the group's target type, or the port is not mapped).
 */
export function targetsOfTask(state: EngineState, tg: TargetGroupRecord, record: TaskRecord, containerName: string, containerPort: number): { ok: true; Id: string; Port: number } | { ok: false; message: string } {
  if (record.eni !== undefined) {
    if (tg.targetType !== 'ip') return { ok: false, message: `The provided target group ${tg.arn} has target type instance, which is incompatible with the awsvpc network mode specified in the task definition.` };
    return { ok: true, Id: record.eni.allocation.privateIPv4Address, Port: containerPort };
  }
  if (tg.targetType !== 'instance') return { ok: false, message: `Target group ${tg.name} has target type ip: only awsvpc and Fargate tasks register by IP; this task registers as instance id and host port.` };
  const binding = record.ports.find((p) => p.containerName === containerName && p.containerPort === containerPort);
  const instance = record.instanceArn === undefined ? undefined : state.instances.get(record.instanceArn);
  if (binding === undefined || instance === undefined) return { ok: false, message: `Container ${containerName} of the task maps no host port for container port ${containerPort}.` };
  return { ok: true, Id: instance.ec2InstanceId, Port: binding.hostPort };
}

export type TaskLoadBalancerHealth = 'none' | 'initial' | 'healthy' | 'unhealthy';

/**
 * A task's target key per load balancer mapping, remembered once known: a task keeps its host
 * ports and private IP for its whole life, so the lookup (string building, port search) is done
 * once per task rather than once per scheduler pass. `null` = the task has no target there.
 */
const keyCache = new WeakMap<TaskRecord, (string | null)[]>();

function cachedKey(state: EngineState, record: TaskRecord, index: number, lb: ServiceLoadBalancer): string | null {
  let keys = keyCache.get(record);
  if (keys === undefined) {
    keys = [];
    keyCache.set(record, keys);
  }
  const known = keys[index];
  if (known !== undefined) return known;
  let key: string | null = null;
  if (lb.targetGroupArn !== undefined) {
    const tg = state.elb?.targetGroups.get(lb.targetGroupArn);
    if (tg === undefined) return null; // not cached: the group may be created later
    const target = targetsOfTask(state, tg, record, lb.containerName, lb.containerPort);
    if (target.ok) key = targetKey(target.Id, target.Port);
  } else {
    const instance = record.instanceArn === undefined ? undefined : state.instances.get(record.instanceArn);
    if (instance === undefined) return null;
    key = instance.ec2InstanceId;
  }
  keys[index] = key;
  return key;
}

/** One mapping's verdict: healthy, unhealthy, or still undecided (initial, draining, not registered). */
function healthIn(state: EngineState, record: TaskRecord, index: number, lb: ServiceLoadBalancer): TaskLoadBalancerHealth {
  const key = cachedKey(state, record, index, lb);
  if (key === null) return 'initial';
  if (lb.targetGroupArn !== undefined) {
    const target = state.elb?.targetGroups.get(lb.targetGroupArn)?.targets.get(key);
    if (target === undefined) return 'initial';
    return target.state === 'healthy' ? 'healthy' : target.state === 'unhealthy' ? 'unhealthy' : 'initial';
  }
  const instance = lb.loadBalancerName === undefined ? undefined : state.elb?.classic?.get(lb.loadBalancerName)?.instances.get(key);
  if (instance === undefined) return 'initial';
  if (instance.state === 'InService') return 'healthy';
  return instance.decided ? 'unhealthy' : 'initial';
}

/**
 * One mapping's verdict for a task (which of several target groups a task fails in, for the
 * service event): `lb` must be one of `record.loadBalancers`; `none` when it is not.
 */
export function loadBalancerHealthOf(state: EngineState, record: TaskRecord, lb: ServiceLoadBalancer): TaskLoadBalancerHealth {
  const index = record.loadBalancers?.indexOf(lb) ?? -1;
  return index < 0 ? 'none' : healthIn(state, record, index, lb);
}

/**
 * The service scheduler's question, once per task per pass: how does the load balancer see this
 * task? `none` without load balancers; `healthy` only when its target is healthy in every target
 * group (and InService in its Classic Load Balancer); `unhealthy` when it is unhealthy in any;
 * otherwise `initial` (registering, initial health checks, draining, or not registered yet).
 * Cost: a few Map lookups per mapping (target keys are cached per task).
 */
export function taskLoadBalancerHealth(state: EngineState, record: TaskRecord): TaskLoadBalancerHealth {
  const lbs = record.loadBalancers;
  if (lbs === undefined || lbs.length === 0) return 'none';
  let allHealthy = true;
  for (let i = 0; i < lbs.length; i++) {
    const verdict = healthIn(state, record, i, lbs[i]!);
    if (verdict === 'unhealthy') return 'unhealthy';
    if (verdict !== 'healthy') allHealthy = false;
  }
  return allHealthy ? 'healthy' : 'initial';
}
