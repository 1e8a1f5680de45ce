/**
 * The attributes the ECS agent on the ECS-optimized Amazon Linux AMI registers with a container
 * instance: the built-in `ecs.*` attributes (ecs-reference §1) followed by the capability
 * attributes the agent advertises (Docker remote API versions, logging drivers, task features).
 * The order is fixed so snapshots are stable.
 */
import type { Attribute } from '../../protocol.ts';
import type { InstanceType } from './instance-types.ts';
import { ECS_OPTIMIZED_AMI, SUBNET_BY_ZONE, VPC_ID } from './network.ts';

const DOCKER_REMOTE_API_VERSIONS = [
  '1.17', '1.18', '1.19', '1.20', '1.21', '1.22', '1.23', '1.24', '1.25', '1.26', '1.27', '1.28', '1.29', '1.30',
  '1.31', '1.32', '1.33', '1.34', '1.35', '1.36', '1.37', '1.38', '1.39', '1.40', '1.41', '1.42', '1.43', '1.44',
];

// ECS_AVAILABLE_LOGGING_DRIVERS on the ECS-optimized AMI, plus awsfirelens, which the agent adds
// itself when it supports FireLens.
const LOGGING_DRIVERS = ['json-file', 'syslog', 'awslogs', 'none', 'awsfirelens'];

const CAPABILITIES = [
  'com.amazonaws.ecs.capability.privileged-container',
  'com.amazonaws.ecs.capability.ecr-auth',
  'com.amazonaws.ecs.capability.task-iam-role',
  'com.amazonaws.ecs.capability.task-iam-role-network-host',
  'ecs.capability.execution-role-ecr-pull',
  'ecs.capability.execution-role-awslogs',
  'ecs.capability.task-eni',
  'ecs.capability.task-cpu-mem-limit',
  'ecs.capability.container-health-check',
  'ecs.capability.container-ordering',
  'ecs.capability.secrets.ssm.environment-variables',
  'ecs.capability.secrets.asm.environment-variables',
  'ecs.capability.docker-plugin.local',
  'ecs.capability.full-sync',
  'ecs.capability.env-files.s3',
  'ecs.capability.efs',
  'ecs.capability.efsAuth',
  'ecs.capability.firelens.fluentd',
  'ecs.capability.firelens.fluentbit',
];

export function agentAttributes(type: InstanceType, availabilityZone: string): Attribute[] {
  const builtIn: [string, string][] = [
    ['ecs.instance-type', type.name],
    ['ecs.availability-zone', availabilityZone],
    ['ecs.ami-id', ECS_OPTIMIZED_AMI[type.architecture]],
    ['ecs.os-type', 'linux'],
    ['ecs.os-family', 'LINUX'],
    ['ecs.cpu-architecture', type.architecture],
    ['ecs.vpc-id', VPC_ID],
    ['ecs.subnet-id', SUBNET_BY_ZONE[availabilityZone] ?? ''],
  ];
  const attributes: Attribute[] = builtIn.map(([name, value]) => ({ name, value }));
  for (const version of DOCKER_REMOTE_API_VERSIONS) {
    attributes.push({ name: `com.amazonaws.ecs.capability.docker-remote-api.${version}` });
  }
  for (const driver of LOGGING_DRIVERS) attributes.push({ name: `com.amazonaws.ecs.capability.logging-driver.${driver}` });
  for (const name of CAPABILITIES) attributes.push({ name });
  return attributes;
}
