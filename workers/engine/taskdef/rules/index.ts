/**
 * The ECS service's checks of RegisterTaskDefinition, run on an input whose shape is already
 * valid. Each rule is a pure function from the task definition (plus derived facts) to issues;
 * the table's order is the order the errors are listed in. Real ECS answers the first problem
 * only; the sandbox lists them all so a learner can fix them in one go (the engine reports the
 * first, as AWS does).
 *
 * Left for issue 3 (the full rule set):
 * - Fargate: host volumes with sourcePath and dockerVolumeConfiguration refused; linuxParameters
 *   capabilities.add (other than SYS_PTRACE), devices, sharedMemorySize, tmpfs, maxSwap, swappiness
 *   refused; log drivers other than awslogs/splunk/awsfirelens refused; awslogs needs an execution
 *   role; Windows/ARM64 runtimePlatform rules; secrets need an execution role.
 * - EFS: transit encryption required with an access point or IAM auth; rootDirectory must be "/" or
 *   omitted with an access point.
 * - dependsOn cycles and self-dependencies; volumesFrom naming an unknown container; links naming
 *   an unknown container; startTimeout/stopTimeout ranges on EC2.
 * - environmentFiles (≤ 10, S3 ARN format), secrets valueFrom format, tags (≤ 50, key/value lengths,
 *   reserved aws: prefix), placementConstraints (≤ 10, memberOf expression syntax, ≤ 2000 chars).
 * - containerPortRange syntax and limits (≤ 100 ranges per container), appProtocol needs a name,
 *   duplicate portMappings names, Service Connect rules.
 * - proxyConfiguration container must exist; firelensConfiguration needs awsfirelens users;
 *   resourceRequirements GPU on EC2 only; inferenceAccelerators referenced by deviceName.
 * - requiresCompatibilities EXTERNAL refuses awsvpc; Windows `default` network mode.
 */
import type { RegisterTaskDefinitionInput } from '../model.ts';
import { awslogsRule, dependsOnRule, healthCheckRule, volumesRule } from './containers.ts';
import { ruleContext, type Rule, type RuleIssue } from './context.ts';
import {
  ephemeralStorageRule,
  fargateContainerParamsRule,
  fargateEcrRule,
  fargateNetworkModeRule,
  fargateSizeRule,
  fargateTaskParamsRule,
} from './fargate.ts';
import { containerCountRule, containerNameRule, essentialRule, familyRule, imageRule, roleRule } from './identity.ts';
import { containerNetworkingRule, duplicateHostPortRule, networkModePortsRule, portRangeRule } from './network.ts';
import { containerLimitsRule, containersFitTaskRule, memoryRequiredRule, taskSizeRule } from './resources.ts';

/** Every rule, by name, in the order its errors are reported. */
export const RULES: readonly (readonly [name: string, rule: Rule])[] = [
  ['family', familyRule],
  ['container-count', containerCountRule],
  ['container-name', containerNameRule],
  ['image', imageRule],
  ['essential', essentialRule],
  ['role', roleRule],
  ['fargate-network-mode', fargateNetworkModeRule],
  ['fargate-size', fargateSizeRule],
  ['task-size', taskSizeRule],
  ['memory-required', memoryRequiredRule],
  ['container-limits', containerLimitsRule],
  ['containers-fit-task', containersFitTaskRule],
  ['fargate-task-params', fargateTaskParamsRule],
  ['fargate-container-params', fargateContainerParamsRule],
  ['fargate-ecr', fargateEcrRule],
  ['ephemeral-storage', ephemeralStorageRule],
  ['port-range', portRangeRule],
  ['network-mode-ports', networkModePortsRule],
  ['duplicate-host-port', duplicateHostPortRule],
  ['container-networking', containerNetworkingRule],
  ['health-check', healthCheckRule],
  ['depends-on', dependsOnRule],
  ['volumes', volumesRule],
  ['awslogs', awslogsRule],
];

export function runRules(td: RegisterTaskDefinitionInput): RuleIssue[] {
  const ctx = ruleContext(td);
  return RULES.flatMap(([, rule]) => rule(ctx));
}

export type { RuleIssue } from './context.ts';
