/**
 * The ECS service's checks of RegisterTaskDefinition, run on an input whose shape is already
 * valid. Each rule is a pure function from the task definition (plus derived facts) to issues;
 * the table's order is the order the errors are listed in. Real ECS answers the first problem
 * only; the sandbox lists them all so a learner can fix them in one go (the engine reports the
 * first, as AWS does).
 *
 * Not checked yet:
 * - memberOf expressions beyond their form (member-of.ts): operators per subject, regex syntax of
 *   =~, dates of registeredAt (the cluster query language evaluator arrives with placement).
 * - Service Connect beyond port mapping names (namespaces, client aliases: they live on the service).
 * - Windows: `default` network mode, Windows-only and Linux-only parameters, Fargate Windows
 *   refusing ARM64 and Fargate Spot, runtimePlatform consistency.
 * - GPU resourceRequirements checked against instance GPUs on EC2; inferenceAccelerators
 *   referenced by deviceName; firelensConfiguration options (config-file-type s3 ARNs).
 * - startTimeout/stopTimeout bounds on EC2.
 * - fsxWindowsFileServerVolumeConfiguration (Windows, EC2 only); configuredAtLaunch volumes.
 * - reserved and ephemeral-range host ports (these only warn on AWS).
 */
import type { RegisterTaskDefinitionInput } from '../model.ts';
import { awslogsRule, dependsOnRule, firelensRule, healthCheckRule, ignoredExitCodesRule, restartPolicyRule, ulimitsRule, volumesRule } from './containers.ts';
import { ruleContext, type Rule, type RuleIssue } from './context.ts';
import {
  ephemeralStorageRule,
  fargateContainerLimitsRule,
  fargateContainerParamsRule,
  fargateEcrRule,
  fargateLinuxParametersRule,
  fargateLoggingRule,
  fargateNetworkModeRule,
  fargateSizeRule,
  fargateTaskParamsRule,
  fargateVolumesRule,
} from './fargate.ts';
import { containerReferencesRule, dependencyCycleRule, proxyContainerRule } from './references.ts';
import {
  efsRule,
  environmentFilesRule,
  externalNetworkModeRule,
  placementConstraintsRule,
  portRangeSyntaxRule,
  secretsRule,
} from './task.ts';
import { containerCountRule, containerNameRule, essentialRule, familyRule, imageRule, roleRule } from './identity.ts';
import { containerNetworkingRule, duplicateHostPortRule, networkModePortsRule, portNamesRule, portRangeRule } from './network.ts';
import { containerLimitsRule, containersFitTaskRule, memoryRequiredRule, taskSizeRule } from './resources.ts';
import { privateRegistryRule, secretNamesRule, secretSourcesRule } from './secrets.ts';
import { tagsRule } from './tags.ts';

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
  ['fargate-container-limits', fargateContainerLimitsRule],
  ['fargate-ecr', fargateEcrRule],
  ['fargate-volumes', fargateVolumesRule],
  ['fargate-linux-parameters', fargateLinuxParametersRule],
  ['fargate-logging', fargateLoggingRule],
  ['external-network-mode', externalNetworkModeRule],
  ['ephemeral-storage', ephemeralStorageRule],
  ['placement-constraints', placementConstraintsRule],
  ['port-range', portRangeRule],
  ['port-range-syntax', portRangeSyntaxRule],
  ['network-mode-ports', networkModePortsRule],
  ['duplicate-host-port', duplicateHostPortRule],
  ['port-names', portNamesRule],
  ['container-networking', containerNetworkingRule],
  ['health-check', healthCheckRule],
  ['ulimits', ulimitsRule],
  ['restart-policy', restartPolicyRule],
  ['ignored-exit-codes', ignoredExitCodesRule],
  ['depends-on', dependsOnRule],
  ['dependency-cycle', dependencyCycleRule],
  ['container-references', containerReferencesRule],
  ['proxy-container', proxyContainerRule],
  ['volumes', volumesRule],
  ['efs', efsRule],
  ['awslogs', awslogsRule],
  ['firelens', firelensRule],
  ['secrets', secretsRule],
  ['secret-sources', secretSourcesRule],
  ['secret-names', secretNamesRule],
  ['private-registry', privateRegistryRule],
  ['environment-files', environmentFilesRule],
  ['tags', tagsRule],
];

export function runRules(td: RegisterTaskDefinitionInput): RuleIssue[] {
  const ctx = ruleContext(td);
  return RULES.flatMap(([, rule]) => rule(ctx));
}

export type { RuleIssue } from './context.ts';
