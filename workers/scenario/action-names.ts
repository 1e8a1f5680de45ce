/**
 * Explains an action name the engine does not know, before anything runs: a typo gets a
 * "did you mean", a real AWS operation the sandbox does not simulate yet is called exactly that
 * (so a learner is not told that a real API is "unknown"), anything else lists what is supported.
 */
import { SUPPORTED_ACTIONS, WAIT } from '../engine/actions.ts';
import { MESSAGES } from './messages.ts';
import { closestMatch } from '../engine/text.ts';

/** Services whose operations the command language will carry over the project's life (issue 2; `elb` is the Classic Load Balancer's API). */
const KNOWN_SERVICES = [
  'ecs', 'ec2', 'autoscaling', 'application-autoscaling', 'elbv2', 'elb', 'ecr', 'events', 'iam', 'cloudwatch', 'sqs', 's3',
] as const;

/** The Amazon ECS API's operations, so that e.g. `ecs:StartTask` is "not supported yet", not a typo of `ecs:StopTask`. */
const ECS_OPERATIONS = new Set([
  'CreateCapacityProvider', 'CreateCluster', 'CreateService', 'CreateTaskSet', 'DeleteAccountSetting',
  'DeleteAttributes', 'DeleteCapacityProvider', 'DeleteCluster', 'DeleteService', 'DeleteTaskDefinitions',
  'DeleteTaskSet', 'DeregisterContainerInstance', 'DeregisterTaskDefinition', 'DescribeCapacityProviders',
  'DescribeClusters', 'DescribeContainerInstances', 'DescribeServiceDeployments', 'DescribeServiceRevisions',
  'DescribeServices', 'DescribeTaskDefinition', 'DescribeTaskSets', 'DescribeTasks', 'DiscoverPollEndpoint',
  'ExecuteCommand', 'GetTaskProtection', 'ListAccountSettings', 'ListAttributes', 'ListClusters',
  'ListContainerInstances', 'ListServiceDeployments', 'ListServices', 'ListServicesByNamespace',
  'ListTagsForResource', 'ListTaskDefinitionFamilies', 'ListTaskDefinitions', 'ListTasks', 'PutAccountSetting',
  'PutAccountSettingDefault', 'PutAttributes', 'PutClusterCapacityProviders', 'RegisterContainerInstance',
  'RegisterTaskDefinition', 'RunTask', 'StartTask', 'StopServiceDeployment', 'StopTask',
  'SubmitAttachmentStateChanges', 'SubmitContainerStateChange', 'SubmitTaskStateChange', 'TagResource',
  'UntagResource', 'UpdateCapacityProvider', 'UpdateCluster', 'UpdateClusterSettings', 'UpdateContainerAgent',
  'UpdateContainerInstancesState', 'UpdateService', 'UpdateServicePrimaryTaskSet', 'UpdateTaskProtection',
  'UpdateTaskSet',
]);

const ALL_ACTIONS: readonly string[] = [...SUPPORTED_ACTIONS, WAIT];

/** The message for an action name that is not in SUPPORTED_ACTIONS and is not `wait`. */
export function explainUnknownAction(action: string): string {
  const sameButCase = ALL_ACTIONS.find((known) => known.toLowerCase() === action.toLowerCase());
  if (sameButCase) return MESSAGES.didYouMean(action, sameButCase);
  const colon = action.indexOf(':');
  const service = colon > 0 ? action.slice(0, colon) : '';
  const operation = colon > 0 ? action.slice(colon + 1) : action;
  const supportedOfService = SUPPORTED_ACTIONS.filter((known) => known.startsWith(`${service}:`));
  if (service === 'ecs' && ECS_OPERATIONS.has(operation)) {
    return MESSAGES.notSupportedYet(action, service, supportedOfService);
  }
  const close = closestMatch(action, ALL_ACTIONS);
  if (close) return MESSAGES.didYouMean(action, close);
  if (colon < 0) {
    // `RunTask` without its service prefix.
    const withPrefix = SUPPORTED_ACTIONS.find((known) => known.split(':')[1]!.toLowerCase() === operation.toLowerCase());
    const closeOperation = withPrefix ?? closestMatch(operation, SUPPORTED_ACTIONS.map((known) => known.split(':')[1]!));
    const suggestion = withPrefix ?? SUPPORTED_ACTIONS.find((known) => known.endsWith(`:${closeOperation}`));
    if (closeOperation && suggestion) return MESSAGES.didYouMean(action, suggestion);
  }
  if ((KNOWN_SERVICES as readonly string[]).includes(service) && /^[A-Z][A-Za-z0-9]*$/.test(operation)) {
    return MESSAGES.notSupportedYet(action, service, supportedOfService);
  }
  return MESSAGES.unknownAction(action, SUPPORTED_ACTIONS);
}
