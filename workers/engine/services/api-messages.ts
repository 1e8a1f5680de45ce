/**
 * The texts of the service API's refusals (CreateService, UpdateService, DeleteService,
 * DescribeServices, ListServices). Each is marked with where its wording comes from:
 * - AWS (VERBATIM): ECS's own answer, as quoted in public issues and logs:
 *   notIdempotent (hashicorp/terraform-provider-aws#23462, Shippable/support#4753), notActive
 *   (client code matching "Service was not ACTIVE" on UpdateService), notFound (moto/ecs/exceptions.py),
 *   scaledAboveZero (moto delete_service; seen by users of the real console), daemonDesiredCount
 *   (kayac/ecspresso#20, fabfuel/ecs-deploy#59), daemonMaximumPercent (aws/aws-cdk#2209,
 *   terraform-provider-aws#4825), daemonStrategies (kayac/ecspresso#402), blockedDeployments
 *   (terraform-provider-aws#6315), gracePeriodWithoutLoadBalancer (terraform-provider-aws#31104),
 *   roleWithoutLoadBalancer (cloudposse/terraform-aws-ecs-alb-service-task#136),
 *   targetGroupWithoutLoadBalancer (terraform#32908, umotif-public/terraform-aws-ecs-fargate#43),
 *   targetTypeIncompatible (terraform-provider-aws#12252 for ip/bridge; the instance/awsvpc form as
 *   elb/task-targets.ts has it), containerNotInTaskDefinition (amazon-ecs-agent#1276,
 *   boltops-tools/ufo#114), containerPortNotDefined (pulumi/pulumi-awsx#1172),
 *   containerNameBlank (amazon-ecs-cli#359), hostPortRequired (aws-sdk-js#1397),
 *   classicNotFound (amazon-ecs-agent#647), roleCannotBeAssumed (amazon-ecs-cli#21),
 *   targetGroupNotFound (ECS's answer quoted in ansible-collections/community.aws#220).
 * - DOCS: the ECS Developer Guide's sentence, used as the message where ECS's answer is not known
 *   (daemonOnFargate: ecs_services, "Daemon"; roleWithAwsvpc: service_definition_parameters, "role").
 * - sandbox: everything else; AWS's exact wording is not known, so the sandbox says what is wrong
 *   and with which numbers.
 */
export const SERVICE_MESSAGES = {
  // AWS
  notIdempotent: () => 'Creation of service was not idempotent.',
  notActive: () => 'Service was not ACTIVE.',
  notFound: () => 'Service not found.',
  scaledAboveZero: () => 'The service cannot be stopped while it is scaled above 0.',
  daemonDesiredCount: () => 'The daemon scheduling strategy does not support a desired count for services. Remove the desired count value and try again',
  daemonMaximumPercent: () =>
    'The daemon scheduling strategy does not support values above 100 for maximumPercent on a deployment configuration. Change the maximumPercent value to 100, and try again',
  daemonStrategies: () => 'The daemon scheduling strategy does not support placement strategies. Remove the placement strategy and try again',
  blockedDeployments: () => 'Both maximumPercent and minimumHealthyPercent cannot be 100 as this will block deployments.',
  gracePeriodWithoutLoadBalancer: () => 'Health check grace period is only valid for services configured to use load balancers',
  roleWithoutLoadBalancer: () => 'IAM roles are only valid for services configured to use load balancers.',
  roleCannotBeAssumed: (role: string) =>
    `Unable to assume role and validate the specified targetGroupArn. Please verify that the ECS service role being passed has the proper permissions. (Sandbox: there is no IAM role ${role}.)`,
  targetGroupNotFound: (arn: string) => `The target group ${arn} does not exist.`,
  targetGroupWithoutLoadBalancer: (arn: string) => `The target group with targetGroupArn ${arn} does not have an associated load balancer.`,
  targetTypeIncompatible: (arn: string, targetType: string, networkMode: string) =>
    `The provided target group ${arn} has target type ${targetType}, which is incompatible with the ${networkMode} network mode specified in the task definition.`,
  containerNotInTaskDefinition: (name: string) => `The container ${name} does not exist in the task definition.`,
  containerPortNotDefined: (name: string, port: number) => `The container ${name} did not have a container port ${port} defined.`,
  containerNameBlank: () => 'Container Name can not be blank.',
  hostPortRequired: (port: number) => `A host port mapping for the container port ${port} is required.`,
  classicNotFound: (name: string) => `The load balancer ${name} does not exist.`,

  // DOCS
  daemonOnFargate: () =>
    "Tasks using the Fargate launch type or the CODE_DEPLOY or EXTERNAL deployment controller types don't support the daemon scheduling strategy.",
  roleWithAwsvpc: () =>
    'If your task definition uses the awsvpc network mode, you must not specify a role: ECS uses its service-linked role (AWSServiceRoleForECS) to manage the task ENIs and load balancer targets.',

  // sandbox
  invalidServiceName: (name: string) =>
    `Service name "${name}" is invalid: up to 255 letters (uppercase and lowercase), numbers, underscores, and hyphens are allowed.`,
  taskDefinitionRequired: () =>
    'taskDefinition is required: name the family (its latest ACTIVE revision), family:revision, or the task definition ARN the service runs.',
  invalidEnum: (field: string, given: string, valid: readonly string[]) => `${field} must be ${valid.join(' or ')}, not "${given}".`,
  desiredCountRequired: () =>
    'desiredCount is required for a REPLICA service: how many tasks the scheduler keeps running (0 is allowed).',
  desiredCountRange: (count: number, max: number) =>
    `desiredCount must be between 0 and ${max} (the tasks-per-service quota), not ${count}.`,
  minimumHealthyRange: (value: number) =>
    `deploymentConfiguration.minimumHealthyPercent must be between 0 and 100, not ${value}: it is the share of desiredCount that must stay RUNNING and healthy during a deployment.`,
  maximumPercentRange: (value: number) =>
    `deploymentConfiguration.maximumPercent must be between 0 and 2147483647, not ${value}: it caps the tasks RUNNING, PENDING or STOPPING during a deployment, as a percentage of desiredCount.`,
  minimumAboveMaximum: (min: number, max: number) =>
    `deploymentConfiguration.minimumHealthyPercent (${min}) is greater than maximumPercent (${max}): the scheduler could never keep ${min}% healthy while running at most ${max}% of the tasks. Lower minimumHealthyPercent or raise maximumPercent.`,
  deploymentControllerOnlyEcs: (type: string) =>
    `The sandbox models rolling updates (deploymentController type ECS) only; "${type}" (blue/green with CodeDeploy, or an EXTERNAL controller with task sets) is not simulated. Omit deploymentController or give {"type": "ECS"}.`,
  deploymentControllerImmutable: () =>
    'The sandbox models rolling updates only: deploymentController can only stay {"type": "ECS"}.',
  serviceRegistriesLater: () =>
    'The sandbox does not simulate Cloud Map service discovery: leave serviceRegistries empty (use a load balancer to reach the tasks).',
  notSimulated: (field: string) => `The sandbox does not simulate ${field}: leave it out.`,
  gracePeriodRange: (value: number) =>
    `healthCheckGracePeriodSeconds must be between 0 and 2147483647 seconds, not ${value}.`,
  loadBalancerTarget: (index: number) =>
    `loadBalancers[${index}] must name exactly one of targetGroupArn (Application or Network Load Balancer) and loadBalancerName (Classic Load Balancer).`,
  containerPortRequired: (index: number) => `loadBalancers[${index}].containerPort is required: the port of the container that receives the traffic.`,
  tooManyTargetGroups: (count: number) => `A service can use at most 5 target groups (a service quota); ${count} were given.`,
  tooManyClassic: (count: number) => `A service can use at most 1 Classic Load Balancer (a service quota); ${count} were given.`,
  classicAndTargetGroups: () =>
    'A service uses either one Classic Load Balancer or up to 5 target groups, not both: several load balancers per service are supported for target groups only.',
  classicOnFargate: () =>
    'Classic Load Balancers are not supported with the FARGATE launch type: Fargate tasks have no EC2 instance to register. Use an Application or Network Load Balancer target group of target type ip.',
  classicWithAwsvpc: () =>
    'Classic Load Balancers do not support tasks in the awsvpc network mode (they register EC2 instances, not IP addresses). Use an Application or Network Load Balancer target group of target type ip.',
  tooManyServicesToDescribe: (count: number) => `DescribeServices takes at most 10 services per call; ${count} were given.`,
  invalidInclude: (given: string) => `include can only list TAGS, not "${given}".`,
  noServicesToDescribe: () => 'services must name at least one service (its name or ARN), at most 10.',
} as const;
