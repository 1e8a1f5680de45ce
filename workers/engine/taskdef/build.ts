/**
 * buildTaskDefinition: the `taskDefinition` object DescribeTaskDefinition returns for a registered
 * input — AWS's defaults filled in, the computed fields added, keys in the order the AWS CLI
 * prints them. Call it with an input validateTaskDefinition accepted (toRegisterInput's output).
 */
import type { TaskDefinition } from '../../protocol.ts';
import { compatibilitiesOf, requiresAttributesOf } from './attributes.ts';
import { HEALTH_CHECK } from './limits.ts';
import type { ContainerDefinitionInput, PortMappingInput, RegisterTaskDefinitionInput } from './model.ts';
import { parseTaskCpu, parseTaskMemory } from './units.ts';

export interface RegistrationMeta {
  taskDefinitionArn: string;
  revision: number;
  registeredAt: string;
  registeredBy: string;
}

/** Register members copied through as given, after the ones AWS lists first. */
const PASS_THROUGH = ['pidMode', 'ipcMode', 'proxyConfiguration', 'inferenceAccelerators', 'ephemeralStorage', 'enableFaultInjection'] as const;

export function buildTaskDefinition(input: Record<string, unknown>, meta: RegistrationMeta): TaskDefinition {
  const td = JSON.parse(JSON.stringify(input)) as RegisterTaskDefinitionInput;
  const containers = Array.isArray(td.containerDefinitions) ? td.containerDefinitions : [];
  const networkMode = td.networkMode ?? 'bridge';
  const out: TaskDefinition = {
    taskDefinitionArn: meta.taskDefinitionArn,
    containerDefinitions: containers.map((c) => buildContainer(c, networkMode)),
    family: td.family,
    ...(td.taskRoleArn !== undefined && { taskRoleArn: td.taskRoleArn }),
    ...(td.executionRoleArn !== undefined && { executionRoleArn: td.executionRoleArn }),
    networkMode,
    revision: meta.revision,
    volumes: td.volumes ?? [],
    status: 'ACTIVE',
    requiresAttributes: requiresAttributesOf({ ...td, containerDefinitions: containers }),
    placementConstraints: td.placementConstraints ?? [],
    compatibilities: compatibilitiesOf({ ...td, containerDefinitions: containers }),
    ...(td.runtimePlatform !== undefined && { runtimePlatform: td.runtimePlatform }),
    ...(td.requiresCompatibilities !== undefined && { requiresCompatibilities: td.requiresCompatibilities }),
    ...(td.cpu !== undefined && { cpu: normalised(td.cpu, parseTaskCpu) }),
    ...(td.memory !== undefined && { memory: normalised(td.memory, parseTaskMemory) }),
    registeredAt: meta.registeredAt,
    registeredBy: meta.registeredBy,
  };
  for (const key of PASS_THROUGH) if (td[key] !== undefined) out[key] = td[key];
  return out;
}

/** "1 vCPU" → "1024", "2 GB" → "2048": ECS stores units and MiB; plain numbers stay as written. */
function normalised(value: string, parse: (v: string) => number | null): string {
  const parsed = parse(value);
  return parsed === null ? value : String(parsed);
}

/** A container as Describe shows it: cpu 0, essential true, empty lists where AWS shows them. */
function buildContainer(c: ContainerDefinitionInput, networkMode: string): Record<string, unknown> {
  const { name, image, cpu, memory, memoryReservation, links, portMappings, essential, entryPoint, command, environment, mountPoints, volumesFrom, healthCheck, systemControls, ...rest } = c;
  return {
    name,
    image,
    cpu: cpu ?? 0,
    ...(memory !== undefined && { memory }),
    ...(memoryReservation !== undefined && { memoryReservation }),
    ...(links !== undefined && { links }),
    portMappings: (portMappings ?? []).map((m) => buildPortMapping(m, networkMode)),
    essential: essential ?? true,
    ...(entryPoint !== undefined && { entryPoint }),
    ...(command !== undefined && { command }),
    environment: environment ?? [],
    mountPoints: mountPoints ?? [],
    volumesFrom: volumesFrom ?? [],
    ...rest,
    ...(healthCheck !== undefined && {
      healthCheck: {
        command: healthCheck.command,
        interval: healthCheck.interval ?? HEALTH_CHECK.interval.default,
        timeout: healthCheck.timeout ?? HEALTH_CHECK.timeout.default,
        retries: healthCheck.retries ?? HEALTH_CHECK.retries.default,
        ...(healthCheck.startPeriod !== undefined && { startPeriod: healthCheck.startPeriod }),
      },
    }),
    systemControls: systemControls ?? [],
  };
}

/**
 * protocol defaults to tcp. In host and awsvpc modes ECS stores hostPort = containerPort when it
 * is omitted; in bridge mode an omitted hostPort stays omitted (a dynamic port at run time).
 */
function buildPortMapping(m: PortMappingInput, networkMode: string): Record<string, unknown> {
  const fillHostPort = (networkMode === 'host' || networkMode === 'awsvpc') && m.hostPort === undefined && m.containerPort !== undefined;
  return {
    ...(m.containerPort !== undefined && { containerPort: m.containerPort }),
    ...(fillHostPort ? { hostPort: m.containerPort } : m.hostPort !== undefined ? { hostPort: m.hostPort } : {}),
    protocol: m.protocol ?? 'tcp',
    ...(m.name !== undefined && { name: m.name }),
    ...(m.appProtocol !== undefined && { appProtocol: m.appProtocol }),
    ...(m.containerPortRange !== undefined && { containerPortRange: m.containerPortRange }),
  };
}
