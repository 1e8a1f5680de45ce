/**
 * Every message the task definition checks can return, as constants and templates.
 *
 * VERBATIM marks text AWS is known to return (source in ecs-reference.md §3/§13, or the GitHub
 * issue named next to it). The others follow AWS's phrasing for the same family of error but are
 * the sandbox's own words (UNCONFIRMED); where they can, they carry the numbers that explain them.
 */
import { FARGATE_MAX_STOP_TIMEOUT_S, MIN_CONTAINER_MEMORY_MIB } from './limits.ts';

/** The AWS CLI's client-side check (botocore ParamValidation) — VERBATIM formats. */
export const PARAM = {
  missing: (where: string, member: string) => `Missing required parameter in ${where}: "${member}"`,
  unknown: (where: string, member: string, valid: readonly string[]) =>
    `Unknown parameter in ${where}: "${member}", must be one of: ${valid.join(', ')}`,
  invalidType: (name: string, value: string, type: string, valid: string) =>
    `Invalid type for parameter ${name}, value: ${value}, type: ${type}, valid types: ${valid}`,
} as const;

export const MSG = {
  // Enum values are checked by the service, not the CLI. AWS's generic validation wording (UNCONFIRMED for ECS).
  enumValue: (name: string, value: string, allowed: readonly string[]) =>
    `1 validation error detected: Value '${value}' at '${name}' failed to satisfy constraint: Member must satisfy enum value set: [${allowed.join(', ')}]`,

  // A number beyond a 32-bit integer: the request does not even deserialize (UNCONFIRMED wording).
  notAnInteger: 'NUMBER_VALUE can not be converted to an Integer',

  // Family — VERBATIM (aws/amazon-ecs-cli#37, aws-actions/amazon-ecs-deploy-task-definition#630).
  familyBlank: 'Family can not be blank.',
  familyInvalid: 'Family contains invalid characters.',

  // Containers — VERBATIM (awsdocs/aws-cloudformation-user-guide#454, aws/amazon-ecs-cli#184,
  // hashicorp/terraform#2888, hashicorp/terraform-provider-aws#5950, Shippable/support#2946,
  // aws/aws-cli#5924, eagletmt/hako#68).
  containersEmpty: 'Container list cannot be empty.',
  tooManyContainers: 'Too many containers.',
  containerNameBlank: 'Container.name should not be null or empty.',
  containerNameInvalid: 'Container.name contains invalid characters.',
  containerNamesNotUnique: 'Container names must be unique within a Task Definition.',
  imageBlank: 'Container.image should not be null or empty.',
  noEssentialContainer: "Task definition doesn't have any essential container.",
  // UNCONFIRMED: by analogy with Container.name.
  imageInvalid: 'Container.image contains invalid characters.',

  // Memory — VERBATIM (sil-org/ecs-deploy#59).
  memoryOrReservationRequired: (container: string) =>
    `Invalid setting for container '${container}'. At least one of 'memory' or 'memoryReservation' must be specified.`,
  // UNCONFIRMED wording, AWS's "Invalid '<field>' setting for container" pattern plus the numbers.
  memoryTooSmall: (container: string, memoryMiB: number) =>
    `Invalid 'memory' setting for container '${container}'. The minimum is ${MIN_CONTAINER_MEMORY_MIB} MiB; got ${memoryMiB}.`,
  reservationTooSmall: (container: string, mib: number) =>
    `Invalid 'memoryReservation' setting for container '${container}'. It must be a positive number of MiB; got ${mib}.`,
  reservationAboveMemory: (container: string, reservationMiB: number, memoryMiB: number) =>
    `Invalid 'memoryReservation' setting for container '${container}'. 'memoryReservation' (${reservationMiB} MiB) must not be greater than 'memory' (${memoryMiB} MiB).`,
  containerCpuNegative: (container: string, cpu: number) =>
    `Invalid 'cpu' setting for container '${container}'. It must be 0 or more CPU units; got ${cpu}.`,

  // Task size — VERBATIM (ecs-reference §3, §13; klothoplatform/klotho#892, cloudnativedaysjp/dreamkast-infra#4766).
  // AWS returns the same 'cpu' message for an invalid cpu or memory value (ECSDG:task-cpu-memory-error).
  invalidTaskSize: "Invalid 'cpu' setting for task. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.",
  // AWS's sentence above, then the sandbox's explanation of which values Fargate takes (the
  // explanation is the sandbox's own; the first sentence is what AWS returns).
  invalidFargateCpu: (cpuUnits: number, allowed: readonly number[], windows: boolean) =>
    `Invalid 'cpu' setting for task. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide. ` +
    `Fargate${windows ? ' (Windows)' : ''} takes a task cpu of ${allowed.join(', ')} CPU units; got ${cpuUnits}.`,
  invalidFargateMemory: (cpuUnits: number, memoryMiB: number, allowed: readonly number[]) =>
    `Invalid 'cpu' setting for task. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide. ` +
    `With ${cpuUnits} CPU units Fargate takes a task memory of ${describeValues(allowed)} MiB; got ${memoryMiB}.`,
  containerCpuSumAboveTask: "The sum of all container 'cpu' values cannot be greater than the value of the task 'cpu'.",
  containerReservationSumAboveTask: "The sum of all container 'memoryReservation' values cannot be greater than the value of the task 'memory'.",
  // Wording approximate in ecs-reference §13 (Harness troubleshooting page).
  containerMemoryAboveTask: "The 'memory' setting for container is greater than for the task.",

  // Fargate — VERBATIM (aws/amazon-ecs-cli#1145, Harness page, hashicorp/terraform-provider-aws#3051,
  // cn-terraform/terraform-aws-ecs-fargate#2, moto).
  fargateNetworkMode: 'Fargate only supports network mode ‘awsvpc’.',
  fargateCpuRequired: "Fargate requires that 'cpu' be defined at the task level.",
  fargateEcrNeedsExecutionRole: 'Fargate requires task definition to have execution role ARN to support ECR images.',
  fargateIpcMode: 'Tasks using the Fargate launch type do not support ipcMode.',
  fargatePidMode: (mode: string) =>
    `Tasks using the Fargate launch type do not support pidMode '${mode}'. The supported value for pidMode is 'task'.`,
  // UNCONFIRMED: by analogy with the two above.
  fargateMemoryRequired: "Fargate requires that 'memory' be defined at the task level.",
  fargateUnsupported: (parameter: string) => `Tasks using the Fargate launch type do not support ${parameter}.`,
  fargateStopTimeout: (container: string, seconds: number) =>
    `Invalid 'stopTimeout' setting for container '${container}'. Fargate allows at most ${FARGATE_MAX_STOP_TIMEOUT_S} seconds; got ${seconds}.`,
  ephemeralStorage: (gib: number) =>
    `Invalid 'ephemeralStorage.sizeInGiB' setting for task. It must be between 21 and 200 GiB; got ${gib}.`,

  // Networking — VERBATIM (codesuki/ecs-gen#23, labd/ecs-deplojo#26, aws/amazon-ecs-agent#1220, aws/aws-cli#7288).
  awsvpcPortsMustMatch: 'When networkMode=awsvpc, the host ports and container ports in port mappings must match.',
  awsvpcHostname: 'hostname is not supported on container when networkMode=awsvpc.',
  hostPortMappedTwice: (protocol: string, hostPort: number) =>
    `${protocol.toUpperCase()} host port '${hostPort}' is mapped multiple times in task.`,
  invalidContainerPort: (container: string) => `Invalid 'containerPort' setting for container '${container}'.`,
  // UNCONFIRMED: by analogy with the two above.
  hostPortsMustMatch: 'When networkMode=host, the host ports and container ports in port mappings must match.',
  invalidHostPort: (container: string) => `Invalid 'hostPort' setting for container '${container}'.`,
  noneModePortMappings: (container: string) =>
    `Invalid 'portMappings' setting for container '${container}'. Port mappings are not supported when networkMode=none.`,
  linksNeedBridge: (container: string, mode: string) =>
    `Invalid 'links' setting for container '${container}'. Links are only supported when networkMode=bridge, not ${mode}.`,

  // Dependencies and logs — VERBATIM (boto/boto3#2436, klothoplatform/klotho#892).
  dependencyEssential: 'A dependency container with SUCCESS or COMPLETE condition cannot be an essential container',
  awslogsOptions: (missing: readonly string[]) => `Log driver awslogs requires options: ${missing.join(', ')}`,
  // UNCONFIRMED.
  dependencyNeedsHealthCheck: (container: string, dependency: string) =>
    `Invalid 'dependsOn' setting for container '${container}'. The HEALTHY condition needs a healthCheck on container '${dependency}'.`,
  healthCheckRange: (container: string, field: string, min: number, max: number, got: number) =>
    `Invalid 'healthCheck.${field}' setting for container '${container}'. It must be between ${min} and ${max}; got ${got}.`,
  healthCheckCommand: (container: string) =>
    `Invalid 'healthCheck.command' setting for container '${container}'. It must start with "CMD" or "CMD-SHELL" followed by the command.`,
  mountPointUnknownVolume: (container: string, volume: string) =>
    `Invalid 'mountPoints' setting for container '${container}'. Volume '${volume}' is not defined in the task definition's volumes.`,
  volumeNameInvalid: 'Volume.name contains invalid characters.',
  volumeNamesNotUnique: 'Volume names must be unique within a Task Definition.',
  // "Role is not valid" is VERBATIM (aws-samples/aws-modern-application-workshop#9, fabfuel/ecs-deploy#231);
  // the explanation after it is the sandbox's.
  roleInvalid: (field: string, value: string) =>
    `Role is not valid: '${value}' in ${field} is neither an IAM role ARN (arn:aws:iam::123456789012:role/name) nor a role name.`,

  // References between containers — UNCONFIRMED wording.
  unknownContainer: (container: string, field: string, other: string) =>
    `Invalid '${field}' setting for container '${container}'. Container '${other}' is not defined in the task definition.`,
  selfReference: (container: string, field: string) =>
    `Invalid '${field}' setting for container '${container}'. A container cannot refer to itself.`,
  dependencyCycle: (cycle: readonly string[]) =>
    `Invalid 'dependsOn' setting: the container dependencies form a cycle (${cycle.join(' → ')}).`,
  proxyContainerUnknown: (container: string) =>
    `Invalid 'proxyConfiguration' setting for task. Container '${container}' is not defined in the task definition.`,

  // Execution role needs — the awslogs one by analogy with the VERBATIM ECR message above.
  fargateAwslogsNeedsExecutionRole: 'Fargate requires task definition to have execution role ARN to support log driver awslogs.',
  // VERBATIM (fabfuel/ecs-deploy#87, sil-org/ecs-deploy#179) for `secrets`; the secretOptions one is the sandbox's.
  secretsNeedExecutionRole: "When you are specifying container secrets, you must also specify a value for 'executionRoleArn'.",
  logSecretsNeedExecutionRole: (container: string) =>
    `Invalid 'logConfiguration.secretOptions' setting for container '${container}'. Secrets are read by the task execution role: set executionRoleArn.`,
  // VERBATIM (sil-org/ecs-deploy#188).
  privateRegistryNeedsExecutionRole: 'Private repository authentication requires that the task definition specify a value for executionRoleArn.',
  // VERBATIM (dagster-io/dagster#11622).
  secretNameTaken: (name: string) =>
    `The secret name must be unique and not shared with any new or existing environment variables set on the container, such as '${name}'.`,
  // UNCONFIRMED: AWS docs (Secret.valueFrom) say what is accepted; the wording is the sandbox's.
  secretValueFrom: (container: string, field: string, value: string) =>
    `Invalid '${field}' setting for container '${container}'. valueFrom '${value}' is neither a Secrets Manager secret ARN (arn:aws:secretsmanager:us-east-1:123456789012:secret:name), an SSM Parameter Store parameter ARN (arn:aws:ssm:us-east-1:123456789012:parameter/name) nor the name of a parameter in the task's Region.`,
  // VERBATIM (aws/amazon-ecs-agent#1704: ECS's InvalidParameterException for a reserved tag key).
  tagKeyReserved: 'Tag key must not start with aws:',
  // UNCONFIRMED: the 256-character limit is documented (ECS tagging restrictions), the wording is the sandbox's.
  tagValueTooLong: (index: number, length: number, max: number) =>
    `tags[${index}].value is ${length} characters long; a tag value has at most ${max}.`,
  // UNCONFIRMED: the grammar is documented (cluster query language), the wording is the sandbox's.
  memberOfSyntax: (expression: string, problem: string) =>
    `Invalid 'placementConstraints' setting: the memberOf expression '${expression}' ${problem}.`,
  fargateLogDriver: (driver: string) =>
    `Tasks using the Fargate launch type do not support the '${driver}' log driver. The supported log drivers are awslogs, splunk and awsfirelens.`,
  externalAwsvpc: "Tasks using the EXTERNAL launch type do not support network mode 'awsvpc'.",

  // Volumes, ports, constraints, files — UNCONFIRMED wording, documented rules (ecs-reference §13).
  efsTransitEncryption: (volume: string) =>
    `Invalid 'efsVolumeConfiguration' setting for volume '${volume}'. An access point or IAM authorization requires transitEncryption ENABLED.`,
  efsRootWithAccessPoint: (volume: string) =>
    `Invalid 'efsVolumeConfiguration' setting for volume '${volume}'. With an access point, rootDirectory must be omitted or "/".`,
  portRangeInvalid: (container: string, range: string) =>
    `Invalid 'containerPortRange' setting for container '${container}'. '${range}' is not a range like "8000-8100" of ports between 1 and 65535.`,
  portRangeWithPort: (container: string) =>
    `Invalid 'portMappings' setting for container '${container}'. Give either containerPort or containerPortRange, not both; a range takes no hostPort.`,
  portRangeNetworkMode: (container: string, mode: string) =>
    `Invalid 'containerPortRange' setting for container '${container}'. Port ranges need networkMode bridge or awsvpc, not ${mode}.`,
  tooManyPlacementConstraints: (count: number, max: number) =>
    `Too many placement constraints: ${count} given, at most ${max} allowed.`,
  placementExpressionRequired: "Invalid 'placementConstraints' setting: a memberOf constraint needs an expression.",
  placementExpressionTooLong: (length: number, max: number) =>
    `Invalid 'placementConstraints' setting: the expression is ${length} characters long, at most ${max} allowed.`,
  tooManyEnvironmentFiles: (container: string, count: number, max: number) =>
    `Invalid 'environmentFiles' setting for container '${container}'. ${count} files given, at most ${max} allowed.`,
  environmentFileArn: (container: string, value: string) =>
    `Invalid 'environmentFiles' setting for container '${container}'. '${value}' is not the ARN of an S3 object (arn:aws:s3:::bucket/path/file.env).`,

  // Limits and names — UNCONFIRMED wording, documented rules.
  ulimitSoftAboveHard: (container: string, name: string, soft: number, hard: number) =>
    `Invalid 'ulimits' setting for container '${container}'. The soft limit of '${name}' (${soft}) is greater than its hard limit (${hard}).`,
  fargateNofile: (container: string, hard: number, max: number) =>
    `Invalid 'ulimits' setting for container '${container}'. Fargate allows a 'nofile' limit of at most ${max}; got ${hard}.`,
  restartAttemptPeriod: (container: string, min: number, max: number, got: number) =>
    `Invalid 'restartPolicy.restartAttemptPeriod' setting for container '${container}'. It must be between ${min} and ${max} seconds; got ${got}.`,
  appProtocolNeedsName: (container: string) =>
    `Invalid 'portMappings' setting for container '${container}'. A port mapping with an appProtocol needs a name.`,
  portNameNotUnique: (name: string) => `Port mapping name '${name}' is used more than once in the task definition.`,

  // FireLens — VERBATIM (aws/amazon-cloudwatch-logs-for-fluent-bit#20; fabfuel/ecs-deploy#164, turnerlabs/fargate#60).
  firelensWithoutDriver: 'When a firelensConfiguration object is specified, at least one container has to be configured with the awsfirelens log driver.',
  firelensDriverWithoutRouter: 'When awsfirelens log driver is specified in log configuration, a firelens configuration object must be configured in one of the containers.',
  // UNCONFIRMED wording; the limits are the API's (RestartPolicy) and ecs-reference §3 (port ranges).
  tooManyIgnoredExitCodes: (container: string, count: number, max: number) =>
    `Invalid 'restartPolicy.ignoredExitCodes' setting for container '${container}'. ${count} exit codes given, at most ${max} allowed.`,
  tooManyPortRanges: (container: string, count: number, max: number) =>
    `Invalid 'portMappings' setting for container '${container}'. ${count} containerPortRange mappings given, at most ${max} allowed.`,

  // Size cap — VERBATIM (ClientException in awsdocs/amazon-ecs-developer-guide#149); the 64 KiB quota is in ecs-reference §13.
  tooLarge: (bytes: number, max: number) => `Actual length: '${bytes}'. Max allowed length is '${max}' bytes.`,
  tooDeep: (depth: number) => `The input is nested more than ${depth} levels deep (or refers to itself); a task definition never is.`,
} as const;

/** "512, 1024, 2048" or, for a long evenly spaced list, "2048–8192 in steps of 1024". */
function describeValues(values: readonly number[]): string {
  if (values.length <= 3) return values.join(', ');
  const step = values[1]! - values[0]!;
  const even = values.every((v, i) => i === 0 || v - values[i - 1]! === step);
  return even ? `${values[0]}–${values[values.length - 1]} in steps of ${step}` : values.join(', ');
}
