/**
 * AWS-shaped errors, and every message text the engine returns, in one place (ready for
 * translation). Wording marked "AWS" is AWS's own (ecs-reference.md §13 and its sources); wording
 * marked "sandbox" is ours, for cases where AWS's exact text is not known or does not exist (the
 * sandbox's own `sim:` actions). Commands return these as values; nothing here is thrown.
 */
import type { AwsError } from '../protocol.ts';

export type { AwsError };

/** A command outcome: the AWS response, or an error (and then nothing changed). */
export type CommandResult = { ok: true; response: unknown } | { ok: false; error: AwsError };

export function ok(response: unknown): CommandResult {
  return { ok: true, response };
}

export function fail(code: string, message: string): CommandResult {
  return { ok: false, error: { code, message } };
}

export const MESSAGES = {
  // AWS (ecs-reference §13, moto/ecs/exceptions.py)
  clusterNotFound: () => 'Cluster not found.',
  unableToDescribeTaskDefinition: () => 'Unable to describe task definition.',
  noContainerInstances: () => 'No Container Instances were found in your cluster.',
  networkConfigurationRequired: () => "Network Configuration must be provided when networkMode 'awsvpc' is specified.",
  // AWS (RunTask / StopTask answers as the AWS CLI prints them)
  subnetsEmpty: () => 'subnets can not be empty.',
  taskDefinitionNotFound: () => 'TaskDefinition not found.',
  taskDefinitionInactive: () => 'TaskDefinition is inactive',
  taskNotFound: () => 'The referenced task was not found.',
  taskDefinitionDoesNotExist: () => 'The specified task definition does not exist.',
  // AWS (as the ECS API answers RunTask/CreateService with launchType EC2 and a platformVersion)
  platformVersionOnEc2: () => 'The platform version must be null when specifying an EC2 launch type.',
  // AWS (ecs-reference §13: the FARGATE form is verbatim; EC2 is the same template)
  launchTypeNotSupported: (launchType: string) => `Task definition does not support launch_type ${launchType}.`,
  // sandbox
  invalidLaunchType: (given: string) => `launchType must be EC2, FARGATE or EXTERNAL, not "${given}".`,
  invalidClusterSettings: () => 'Cluster settings must be {name: containerInsights, value: enabled | disabled | enhanced}.',
  tooLong: (field: string, max: number, length: number) => `${field} may be at most ${max} characters; this one has ${length}.`,
  tooManyTags: (count: number) => `A resource can have at most 50 tags; ${count} were given.`,
  invalidTag: (index: number) => `tags[${index}] must be {key, value} with a key of 1-128 characters and a string value.`,
  tooManyTasksToDescribe: (count: number) => `DescribeTasks takes at most 100 tasks per call; ${count} were given.`,
  countRange: (count: number) =>
    `count must be between 1 and 10, not ${count}: RunTask starts at most 10 tasks per call.`,
  deregisterNeedsRevision: (given: string) =>
    `A revision is required to deregister a task definition: write family:revision or its full ARN, not "${given}".`,
  invalidTaskDefinitionRef: (given: string) =>
    `"${given}" is not a task definition reference: write a family, family:revision, or a task definition ARN.`,
  invalidStatusFilter: (given: string, valid: readonly string[]) =>
    `status must be one of ${valid.join(', ')}, not "${given}".`,
  invalidClusterName: (name: string) =>
    `Cluster name "${name}" is invalid: up to 255 letters (uppercase and lowercase), numbers, underscores, and hyphens are allowed.`,
  unknownInstanceType: (given: string, suggestion: string, examples: readonly string[]) =>
    `Instance type "${given}" is not in the sandbox's catalog.${suggestion} Known types include ${examples.join(', ')}.`,
  tooManyInstances: (existing: number, adding: number, max: number) =>
    `A cluster can have at most ${max} container instances (a service quota); this one has ${existing}, and ${adding} more would make ${existing + adding}.`,
  instanceCountRange: (count: number) => `count must be between 1 and 100 container instances per call, not ${count}.`,
  invalidAvailabilityZone: (zone: string, valid: readonly string[]) =>
    `"${zone}" is not an Availability Zone of us-east-1: use ${valid.join(', ')}.`,
  emptyAvailabilityZones: () => 'availabilityZones must list at least one Availability Zone, e.g. [us-east-1a, us-east-1b].',
  invalidAttributeName: (name: string) =>
    `Attribute name "${name}" is invalid: 1-128 letters, numbers, hyphens, underscores, slashes, back slashes, or periods.`,
  invalidAttributeValue: (name: string, value: unknown) =>
    `Attribute "${name}" has an invalid value ${JSON.stringify(value)}: a string of 1-128 letters, numbers, hyphens, underscores, periods, at signs, slashes, back slashes, colons, or spaces, without leading or trailing spaces.`,
  reservedAttributeName: (name: string) =>
    `Attribute "${name}" is set by the ECS agent itself (names starting with "ecs." are reserved): choose another name.`,
  // EC2 RunInstances' wording (VERBATIM) for a profile that does not exist
  invalidInstanceProfile: (given: string) =>
    `Value (${given}) for parameter iamInstanceProfile.name is invalid. Invalid IAM Instance Profile name`,
  instanceRoleNotTrusted: (role: string) =>
    `Role ${role} cannot be an instance profile's role: its trust policy does not let ec2.amazonaws.com assume it, so the instance would get no credentials and its ECS agent could not register.`,
  maxResultsRange: (value: number) => `maxResults must be between 1 and 100, not ${value}.`,
  invalidNextToken: () => 'The nextToken is invalid: pass back the nextToken of the previous response unchanged.',
  // the command language (sandbox codes)
  invalidStep: (keys: readonly string[]) =>
    keys.length === 0
      ? 'A step must be an object with exactly one key, such as {"ecs:RunTask": {...}} or {"wait": "30s"}; this one has none.'
      : `A step must be an object with exactly one key, such as {"ecs:RunTask": {...}} or {"wait": "30s"}; this one has ${keys.length}: ${keys.join(', ')}.`,
  notAStep: (what: string) =>
    `A step must be an object with exactly one key, such as {"ecs:RunTask": {...}} or {"wait": "30s"}, not ${what}.`,
  invalidAction: (action: string, suggestion: string, known: number) =>
    `"${action}" is not an action the sandbox knows.${suggestion} It supports ${known} actions (see the README) plus wait.`,
  invalidWait: (detail: string) => `wait: ${detail}`,
  internalError: (detail: string) => `The sandbox hit an internal error and changed nothing: ${detail}. Please report it.`,
} as const;

/**
 * IAM's wording. VERBATIM (AWS answers seen in public issues and docs): roleExists, noSuchRole,
 * noSuchPolicy (first sentence), noSuchRolePolicy, badPattern/tooLong (the "1 validation error
 * detected" form AWS APIs share), detachFirst, deleteInlineFirst. UNCONFIRMED (moto's wording):
 * policyNotAttached. Sandbox: badPath's and sessionDuration's explanations, the policy suggestion.
 */
export const IAM_MESSAGES = {
  roleExists: (name: string) => `Role with name ${name} already exists.`,
  noSuchRole: (name: string) => `The role with name ${name} cannot be found.`,
  noSuchPolicy: (arn: string, suggestion: string | undefined) =>
    `Policy ${arn} does not exist or is not attachable.${suggestion === undefined ? '' : ` (Did you mean ${suggestion}? The sandbox knows AWS managed policies only.)`}`,
  policyNotAttached: (arn: string) => `Policy ${arn} was not found.`,
  noSuchRolePolicy: (name: string) => `The role policy with name ${name} cannot be found.`,
  policiesPerRole: (max: number) => `Cannot exceed quota for PoliciesPerRole: ${max}`,
  detachFirst: () => 'Cannot delete entity, must detach all policies first.',
  deleteInlineFirst: () => 'Cannot delete entity, must delete policies first.',
  badPattern: (value: string, field: string, pattern: string) =>
    `1 validation error detected: Value '${value}' at '${field}' failed to satisfy constraint: Member must satisfy regular expression pattern: ${pattern}`,
  tooLong: (value: string, field: string, max: number) =>
    `1 validation error detected: Value '${value}' at '${field}' failed to satisfy constraint: Member must have length less than or equal to ${max}`,
  badPath: (path: string) =>
    `1 validation error detected: Value '${path}' at 'path' failed to satisfy constraint: Member must satisfy regular expression pattern: (\u002F)|(\u002F[\u0021-\u007E]+\u002F) (a path starts and ends with "/", e.g. /service-role/).`,
  sessionDuration: (seconds: number) =>
    `1 validation error detected: Value '${seconds}' at 'maxSessionDuration' failed to satisfy constraint: Member must have value between 3600 and 43200 (1 to 12 hours, in seconds).`,
} as const;

/**
 * ECR's wording. UNCONFIRMED but from moto, which copies AWS: repositoryExists, repositoryNotFound,
 * repositoryNotEmpty, imageNotFound, lifecyclePolicyNotFound, scanNotFound, invalidRepositoryName,
 * imageAlreadyExists. VERBATIM (the text docker push prints from ECR): tagAlreadyExists.
 * lifecyclePolicyInvalid: AWS's prefix, the sandbox's detail.
 */
export const ECR_MESSAGES = {
  repositoryExists: (name: string, registryId: string) => `The repository with name '${name}' already exists in the registry with id '${registryId}'`,
  repositoryNotFound: (name: string, registryId: string) => `The repository with name '${name}' does not exist in the registry with id '${registryId}'`,
  repositoryNotEmpty: (name: string, registryId: string) =>
    `The repository with name '${name}' in registry with id '${registryId}' cannot be deleted because it still contains images`,
  imageNotFound: (imageId: string, name: string, registryId: string) =>
    `The image with imageId ${imageId} does not exist within the repository with name '${name}' in the registry with id '${registryId}'`,
  tagAlreadyExists: (tag: string, name: string) =>
    `The image tag '${tag}' already exists in the '${name}' repository and cannot be overwritten because the repository is immutable.`,
  imageAlreadyExists: (digest: string, tag: string, name: string, registryId: string) =>
    `Image with digest '${digest}' and tag '${tag}' already exists in the repository with name '${name}' in registry with id '${registryId}'`,
  lifecyclePolicyNotFound: (name: string, registryId: string) =>
    `Lifecycle policy does not exist for the repository with name '${name}' in the registry with id '${registryId}'`,
  lifecyclePolicyInvalid: (detail: string) =>
    `Invalid parameter at 'LifecyclePolicyText' failed to satisfy constraint: 'Lifecycle policy validation failure: ${detail}'`,
  scanNotFound: (imageId: string, name: string, registryId: string) =>
    `Image scan does not exist for the image with '${imageId}' in the repository with name '${name}' in the registry with id '${registryId}'`,
  invalidRepositoryName: (name: string) =>
    `Invalid parameter at 'repositoryName' failed to satisfy constraint: 'must satisfy regular expression '(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*'' ("${name}": lower-case letters, digits, and . _ - / between them, starting with a letter or digit; 2-256 characters)`,
  invalidMutability: (given: string) => `imageTagMutability must be MUTABLE or IMMUTABLE, not "${given}".`,
  invalidTag: (tag: string) => `Invalid parameter at 'imageTag' failed to satisfy constraint: 'must satisfy regular expression '[a-zA-Z0-9._-]{1,300}'' ("${tag}").`,
  imageIdsRequired: () => 'Each imageId needs an imageDigest or an imageTag.',
  invalidSize: (size: unknown) => `sizeMiB must be a whole number of MiB between 1 and 10240, not ${JSON.stringify(size)}.`,
  invalidVulnerabilities: () =>
    'vulnerabilities must map severities (CRITICAL, HIGH, MEDIUM, LOW, INFORMATIONAL) to whole counts from 0 to 1000, e.g. {CRITICAL: 1, HIGH: 2}.',
  invalidManifest: () => 'Invalid parameter at \'ImageManifest\' failed to satisfy constraint: \'Invalid JSON syntax\'',
  foreignRegistry: (registryId: string) =>
    `The sandbox has one registry, 123456789012 in us-east-1; registryId ${registryId} is not it.`,
} as const;

/** ECS's answer when a task's role cannot be assumed (VERBATIM, ClientException on RunTask). */
export const unableToAssumeRole = (arn: string): string =>
  `ECS was unable to assume the role '${arn}' that was provided for this task. Please verify that the role being passed has the proper trust relationship and permissions and that your IAM user has permissions to pass this role.`;

export const clusterNotFound = (): CommandResult => fail('ClusterNotFoundException', MESSAGES.clusterNotFound());
export const clientError = (message: string): CommandResult => fail('ClientException', message);
export const invalidParameter = (message: string): CommandResult => fail('InvalidParameterException', message);
