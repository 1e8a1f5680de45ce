/**
 * Every text the placement pipeline returns or logs, in one place. AWS's own wording is marked
 * VERBATIM with its source; the rest is the sandbox's (AWS's exact text is not public), marked
 * UNCONFIRMED where it stands in for an AWS error.
 */
export const PLACEMENT_MESSAGES = {
  // UNCONFIRMED (ecs-reference §1: at most 5 strategies, 10 constraints)
  tooManyStrategies: (count: number) =>
    `At most 5 placement strategies may be given; this request has ${count}.`,
  tooManyConstraints: (count: number, fromTaskDefinition: number) =>
    `At most 10 placement constraints may apply to a task, counting the task definition's; this request has ${count}${fromTaskDefinition > 0 ? ` (${fromTaskDefinition} from the task definition)` : ''}.`,
  strategyNotObject: (index: number) => `placementStrategy[${index}] must be an object {type, field}.`,
  constraintNotObject: (index: number) => `placementConstraints[${index}] must be an object {type, expression}.`,
  unknownStrategyType: (index: number, given: unknown, suggestion: string) =>
    `placementStrategy[${index}].type ${JSON.stringify(given)} is not a placement strategy: use random, spread or binpack.${suggestion}`,
  binpackField: (index: number, given: unknown) =>
    `placementStrategy[${index}]: binpack needs field cpu or memory, not ${given === undefined ? 'nothing' : JSON.stringify(given)}.`,
  spreadField: (index: number, given: unknown) =>
    `placementStrategy[${index}]: spread needs field instanceId (or host) or attribute:<name>, e.g. attribute:ecs.availability-zone, not ${given === undefined ? 'nothing' : JSON.stringify(given)}.`,
  unknownConstraintType: (index: number, given: unknown, suggestion: string) =>
    `placementConstraints[${index}].type ${JSON.stringify(given)} is not a placement constraint: use distinctInstance or memberOf.${suggestion}`,
  distinctInstanceExpression: (index: number) =>
    `placementConstraints[${index}]: distinctInstance takes no expression (it places each task of the group on a different instance).`,
  memberOfNeedsExpression: (index: number) =>
    `placementConstraints[${index}]: memberOf needs an expression in the cluster query language, e.g. "attribute:ecs.instance-type =~ t3.*".`,
  expressionTooLong: (index: number, length: number) =>
    `placementConstraints[${index}].expression may be at most 2000 characters; this one has ${length}.`,
  expressionInvalid: (index: number, message: string, column: number) =>
    `placementConstraints[${index}].expression is not valid cluster query language: ${message} (column ${column}).`,
  // VERBATIM: the failure reason ECS gives when a memberOf constraint excludes every instance
  // (aws/amazon-ecs-agent#3044: Reasons : ["MemberOf placement constraint unsatisfied.","AGENT"]).
  memberOfUnsatisfied: () => 'MemberOf placement constraint unsatisfied.',
  // UNCONFIRMED: by analogy with the memberOf reason.
  distinctInstanceUnsatisfied: () => 'DistinctInstance placement constraint unsatisfied.',
  fargateNoPlacement: () =>
    'Fargate does not support placement strategies or constraints: AWS places Fargate tasks itself, spread across the Availability Zones of your subnets.',
  notKept: (id: string) =>
    `Placement decision ${id} is no longer kept: the sandbox remembers the last 50 placement decisions.`,
  unknownPlacement: (id: string) => `There is no placement decision ${id}.`,
  taskNotPlacedByPipeline: (arn: string) =>
    `Task ${arn} was not placed by the EC2 placement pipeline (Fargate tasks are placed by AWS across the subnets' Availability Zones), so there is no decision to explain.`,
  explainQueryInvalid: () =>
    'Explain what? Give {taskArn}, {placementId} (from a placement event), or {runTask: <RunTask request>} for a what-if.',
} as const;
