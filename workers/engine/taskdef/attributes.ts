/**
 * Two fields ECS computes at registration:
 * - `compatibilities`: the launch types the definition can run on. EC2 always; EXTERNAL (ECS
 *   Anywhere) unless it uses awsvpc, which EXTERNAL lacks; FARGATE when the definition would also
 *   pass Fargate's rules — checked by running the very Fargate rules of rules/fargate.ts.
 *   (Described definitions show e.g. ["EXTERNAL", "EC2"] for bridge, ["EC2", "FARGATE"] for a
 *   Fargate-sized awsvpc one.)
 * - `requiresAttributes`: the agent capabilities a container instance must advertise to run it,
 *   derived from the features used (remote API versions, logging drivers, task roles, ECR auth,
 *   ENIs, health checks, …). The mapping is the commonly seen one; ECS's exact list is UNCONFIRMED.
 */
import { ECR_IMAGE_PATTERN } from './limits.ts';
import type { RegisterTaskDefinitionInput } from './model.ts';
import { ruleContext } from './rules/context.ts';
import { FARGATE_RULES } from './rules/fargate.ts';

export function compatibilitiesOf(td: RegisterTaskDefinitionInput): string[] {
  const ctx = { ...ruleContext(td), fargate: true };
  const networkMode = td.networkMode ?? 'bridge';
  const result: string[] = [];
  if (networkMode !== 'awsvpc') result.push('EXTERNAL');
  result.push('EC2');
  if (FARGATE_RULES.every((rule) => rule(ctx).length === 0)) result.push('FARGATE');
  return result;
}

const DOCKER_API = (version: string) => `com.amazonaws.ecs.capability.docker-remote-api.${version}`;

export function requiresAttributesOf(td: RegisterTaskDefinitionInput): { name: string }[] {
  const names: string[] = [];
  const need = (name: string) => {
    if (!names.includes(name)) names.push(name);
  };
  if (td.networkMode !== undefined) need(DOCKER_API('1.18'));
  if (td.networkMode === 'awsvpc') need('ecs.capability.task-eni');
  if (td.taskRoleArn) {
    need('com.amazonaws.ecs.capability.task-iam-role');
    if (td.networkMode === 'host') need('com.amazonaws.ecs.capability.task-iam-role-network-host');
  }
  for (const c of td.containerDefinitions) {
    if (c.memoryReservation !== undefined) need(DOCKER_API('1.21'));
    if (c.dockerLabels) need(DOCKER_API('1.18'));
    if (c.logConfiguration) {
      need(DOCKER_API('1.19'));
      need(`com.amazonaws.ecs.capability.logging-driver.${c.logConfiguration.logDriver}`);
      if (c.logConfiguration.logDriver === 'awslogs' && td.executionRoleArn) need('ecs.capability.execution-role-awslogs');
    }
    if (c.image && ECR_IMAGE_PATTERN.test(c.image)) {
      need('com.amazonaws.ecs.capability.ecr-auth');
      if (td.executionRoleArn) need('ecs.capability.execution-role-ecr-pull');
    }
    if (c.healthCheck) {
      need('ecs.capability.container-health-check');
      need(DOCKER_API('1.24'));
    }
    if (c.dependsOn && c.dependsOn.length > 0) need('ecs.capability.container-ordering');
    for (const secret of c.secrets ?? []) {
      need(secret.valueFrom.includes(':secretsmanager:') ? 'ecs.capability.secrets.asm.environment-variables' : 'ecs.capability.secrets.ssm.environment-variables');
    }
    if (c.environmentFiles && c.environmentFiles.length > 0) need('ecs.capability.env-files.s3');
    if (c.firelensConfiguration) need(`ecs.capability.firelens.${c.firelensConfiguration.type}`);
  }
  if ((td.volumes ?? []).some((v) => v.efsVolumeConfiguration)) need('ecs.capability.efs');
  return names.map((name) => ({ name }));
}
