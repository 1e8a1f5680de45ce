/**
 * One health check of one target: does something answer on the target's address and port, and does
 * it answer as healthy? The sandbox has no packets, so the probe looks at the tasks: an instance
 * target (EC2 instance id + port) is whatever RUNNING task binds that host port on that instance
 * (bridge: static or dynamic host port; host: the container port); an ip target is the RUNNING
 * awsvpc/Fargate task holding that private IP with that container port. HTTP(S) checks ask the
 * application (images/behavior.ts appRespondsHealthy); TCP checks only need the port open.
 *
 * Security groups are not consulted yet: they slot in here (a denied path is Target.Timeout).
 */
import { appRespondsHealthy } from '../images/behavior.ts';
import type { EngineState, InstanceRecord, TaskRecord } from '../state.ts';
import type { TargetGroupRecord, TargetRecord } from './model.ts';

export type ProbeVerdict = { pass: true } | { pass: false; reason: string; description: string };

const PASS: ProbeVerdict = { pass: true };

/** elbv2's TargetHealth descriptions (TargetHealth API reference; console wording). */
export const HEALTH_TEXT = {
  timeout: 'Request timed out',
  failed: 'Health checks failed',
  codes: (code: number) => `Health checks failed with these codes: [${code}]`,
} as const;

const TIMEOUT: ProbeVerdict = { pass: false, reason: 'Target.Timeout', description: HEALTH_TEXT.timeout };
const REFUSED: ProbeVerdict = { pass: false, reason: 'Target.FailedHealthChecks', description: HEALTH_TEXT.failed };
const BAD_CODE: ProbeVerdict = { pass: false, reason: 'Target.ResponseCodeMismatch', description: HEALTH_TEXT.codes(503) };

/**
 * Lookups built once per health-check round (not per target): EC2 instance id → container
 * instance, private IP → task. Cheap to rebuild, always current.
 */
export interface ProbeIndex {
  instanceById(id: string): InstanceRecord | undefined;
  taskByIp(ip: string): TaskRecord | undefined;
}

export function probeIndex(state: EngineState): ProbeIndex {
  let instances: Map<string, InstanceRecord> | undefined;
  let ips: Map<string, TaskRecord> | undefined;
  return {
    instanceById(id) {
      if (instances === undefined) {
        instances = new Map();
        for (const instance of state.instances.values()) instances.set(instance.ec2InstanceId, instance);
      }
      return instances.get(id);
    },
    taskByIp(ip) {
      if (ips === undefined) {
        ips = new Map();
        for (const record of state.tasks.values()) {
          if (record.eni !== undefined && record.task.lastStatus === 'RUNNING') ips.set(record.eni.allocation.privateIPv4Address, record);
        }
      }
      return ips.get(ip);
    },
  };
}

/** The task answering on instance `id`, host port `port`, or undefined. */
export function taskOnInstancePort(state: EngineState, index: ProbeIndex, id: string, port: number, udp: boolean): TaskRecord | undefined {
  const instance = index.instanceById(id);
  if (instance === undefined) return undefined;
  const arn = (udp ? instance.staticUdp : instance.staticTcp).get(port) ?? (udp ? instance.dynamicUdp : instance.dynamicTcp).get(port);
  return arn === undefined ? undefined : state.tasks.get(arn);
}

/**
 * The verdict of one health check of `target` of `tg` at `nowMs`. Only `target.task` (a cache of
 * the task found answering there) is written: a RUNNING task keeps its ports and address, so the
 * lookup is redone only once that task is no longer RUNNING.
 */
export function probeTarget(state: EngineState, index: ProbeIndex, tg: TargetGroupRecord, target: TargetRecord, nowMs: number): ProbeVerdict {
  let record = target.task;
  if (record === undefined || record.task.lastStatus !== 'RUNNING') {
    // Checks go to HealthCheckPort when one is set, else to the target's own (traffic) port.
    const port = tg.health.port === 'traffic-port' ? target.port : Number(tg.health.port);
    const found = findListener(state, index, tg, target.id, port);
    if (found === TIMEOUT) {
      target.task = undefined;
      return TIMEOUT;
    }
    record = found as TaskRecord | undefined;
    target.task = record;
  }
  if (record === undefined || record.task.lastStatus !== 'RUNNING') return REFUSED; // the host answers, the port is closed
  // A TCP check passes on an open port; HTTP(S) asks the application.
  if (tg.health.protocol === 'TCP') return PASS;
  return appRespondsHealthy(state, record, nowMs) ? PASS : BAD_CODE;
}

/** The task answering on the target's address and port; TIMEOUT when nothing has that address. */
function findListener(state: EngineState, index: ProbeIndex, tg: TargetGroupRecord, id: string, port: number): TaskRecord | undefined | typeof TIMEOUT {
  const udp = tg.protocol === 'UDP';
  if (tg.targetType === 'instance') {
    if (index.instanceById(id) === undefined) return TIMEOUT; // no such host answers
    return taskOnInstancePort(state, index, id, port, udp);
  }
  const holder = index.taskByIp(id);
  if (holder === undefined) return TIMEOUT; // nobody holds the address
  // awsvpc tasks bind no host ports: the container ports of the task definition answer on the ENI.
  return listensOn(holder, port, udp ? 'udp' : 'tcp') ? holder : undefined;
}

/** Whether one of the task's containers maps container port `port` (awsvpc: the port answers on the task's ENI). */
function listensOn(record: TaskRecord, port: number, protocol: 'tcp' | 'udp'): boolean {
  for (const definition of record.taskDefinition.containerDefinitions) {
    const mappings = Array.isArray(definition.portMappings) ? (definition.portMappings as { containerPort?: unknown; protocol?: unknown }[]) : [];
    for (const m of mappings) if (m.containerPort === port && (m.protocol ?? 'tcp') === protocol) return true;
  }
  return false;
}
