/**
 * The checks the ECS agent's work runs into when a task starts on an EC2 container instance, as
 * pure functions of the sandbox state (ecs-reference §4, §10, §11):
 *
 * - `pull` stage, before any container exists: the task's secrets (the agent reads them with the
 *   task execution role: ssm:GetParameters, secretsmanager:GetSecretValue), then each container's
 *   image. Public images always pull. Images of the sandbox's ECR registry are pulled with the
 *   container instance role on EC2 (ECR user guide, "Using Amazon ECR images with Amazon ECS"), or
 *   with the task execution role when the task definition names one — the agent pulls with the
 *   execution role's credentials when ECS sets its `UseExecutionRole` flag (amazon-ecs-agent,
 *   TestTaskUseExecutionRolePullECRImage); that ECS sets it whenever an execution role is named, on
 *   EC2 too, is the sandbox's reading (UNCONFIRMED). Checks: ecr:GetAuthorizationToken on `*`, then
 *   ecr:BatchGetImage on the repository, then the repository and the tag or digest must exist, then
 *   ecr:GetDownloadUrlForLayer for the layers.
 * - `start` stage, as each container is started: the awslogs log driver creates its log stream
 *   (logs:CreateLogStream, and logs:CreateLogGroup with awslogs-create-group) with the execution
 *   role if there is one, else the instance role (sandbox choice, UNCONFIRMED for EC2: on Fargate
 *   it is always the execution role). Log groups, SSM parameters and secrets are not modelled as
 *   resources: any name exists; only the permissions are checked.
 * - On Fargate there is no container instance and so no instance role: the Fargate agent pulls
 *   ECR images and creates awslogs streams with the task execution role only (ecs-reference §3
 *   "Other Fargate rules", §11). Registration already refuses a FARGATE-compatible definition that
 *   needs the role and names none; if one still runs without it (the role named but since deleted),
 *   every check fails with no permissions, naming the execution role.
 *
 * The first failure wins. Its `reason` is what AWS puts in the container's `reason` and the task's
 * `stoppedReason`; its `explanation` says the same in a learner's words, naming the role, the
 * missing permission and the resource.
 */
import { ACCOUNT_ID, idOfArn, REGION } from '../ids/arn.ts';
import { parseImageRef, refText } from '../ecr/image-uri.ts';
import { repositoryArn } from '../ecr/repositories.ts';
import { evaluate } from '../iam/evaluate.ts';
import { findRole, roleStatements, type RoleRecord } from '../iam/roles.ts';
import { instanceRoleOf } from '../iam/task-role.ts';
import type { EngineState, TaskRecord } from '../state.ts';

export type LaunchStage = 'pull' | 'start';

export interface LaunchFailure {
  stage: LaunchStage;
  containerName: string;
  /** `CannotPullContainerError: …`, as AWS reports it. */
  reason: string;
  /** One or two sentences for the event log. */
  explanation: string;
}

/** The role the agent acts with, resolved. */
interface Actor {
  kind: 'execution' | 'instance' | 'none';
  roleName: string;
  /** `arn:aws:sts::…:assumed-role/NAME/SESSION`, as AccessDenied messages name the caller. */
  principal: string;
  role: Pick<RoleRecord, 'attachedPolicyArns' | 'inlinePolicies'> | undefined;
}

type Denial = { action: string; resource: string; explicit: boolean };

function actorLabel(actor: Actor): string {
  if (actor.kind === 'none') return 'the task, which names no task execution role (on Fargate only that role can act for the agent),';
  return actor.kind === 'execution' ? `the task execution role ${actor.roleName}` : `the container instance role ${actor.roleName}`;
}

function executionActor(state: EngineState, record: TaskRecord): Actor | undefined {
  const given = record.taskDefinition.executionRoleArn;
  if (given === undefined) return undefined;
  const role = findRole(state.roles, given);
  const name = role?.RoleName ?? idOfArn(given);
  return { kind: 'execution', roleName: name, principal: `arn:aws:sts::${ACCOUNT_ID}:assumed-role/${name}/${idOfArn(record.task.taskArn)}`, role };
}

/** Who pulls images and writes logs for the task: the execution role, else (EC2 only) the instance role. */
function agentActor(state: EngineState, record: TaskRecord): Actor {
  const execution = executionActor(state, record);
  if (execution !== undefined) return execution;
  if (record.task.launchType !== 'FARGATE') return instanceActor(state, record);
  return { kind: 'none', roleName: '', principal: `arn:aws:sts::${ACCOUNT_ID}:assumed-role/none/${idOfArn(record.task.taskArn)}`, role: undefined };
}

function instanceActor(state: EngineState, record: TaskRecord): Actor {
  const { name, ec2InstanceId, role } = instanceRoleOf(state, record);
  return { kind: 'instance', roleName: name, principal: `arn:aws:sts::${ACCOUNT_ID}:assumed-role/${name}/${ec2InstanceId}`, role };
}

/** The first of `actions` on `resource` the actor's policies do not allow. */
function firstDenied(actor: Actor, actions: readonly string[], resource: string): Denial | undefined {
  const statements = actor.role === undefined ? [] : roleStatements(actor.role);
  for (const action of actions) {
    const decision = evaluate(statements, action, resource);
    if (!decision.allowed) return { action, resource, explicit: decision.reason === 'explicitDeny' };
  }
  return undefined;
}

/** IAM's AccessDenied sentence, as AWS services word it. */
function notAuthorized(actor: Actor, denial: Denial): string {
  const why = denial.explicit
    ? 'with an explicit deny in an identity-based policy'
    : `because no identity-based policy allows the ${denial.action} action`;
  return `User: ${actor.principal} is not authorized to perform: ${denial.action} on resource: ${denial.resource} ${why}`;
}

function deniedExplanation(actor: Actor, denial: Denial, what: string): string {
  const detail = denial.explicit ? 'a Deny statement of its policies forbids it' : 'no statement of its policies allows it';
  return `${what}: ${actorLabel(actor)} does not allow ${denial.action} on ${denial.resource} (${detail}).`;
}

const PULL_ADVICE = 'Attach AmazonECSTaskExecutionRolePolicy (or a policy allowing ecr:GetAuthorizationToken, ecr:BatchGetImage and ecr:GetDownloadUrlForLayer) to it.';
const PULL_ROLE_NOTE_EC2 = 'On EC2 the agent pulls ECR images with the task execution role when the task definition names one, else with the container instance role.';
const PULL_ROLE_NOTE_FARGATE = 'On Fargate the task execution role pulls ECR images; there is no instance role to fall back on.';

function pullRoleNote(record: TaskRecord): string {
  return record.task.launchType === 'FARGATE' ? PULL_ROLE_NOTE_FARGATE : PULL_ROLE_NOTE_EC2;
}

// ---------------------------------------------------------------------------------------------
// Secrets
// ---------------------------------------------------------------------------------------------

interface SecretRef {
  containerName: string;
  valueFrom: string;
}

function secretsOf(record: TaskRecord): SecretRef[] {
  const out: SecretRef[] = [];
  for (const container of record.taskDefinition.containerDefinitions) {
    const name = String(container.name);
    const lists = [container.secrets, (container.logConfiguration as { secretOptions?: unknown } | undefined)?.secretOptions];
    for (const list of lists) {
      if (!Array.isArray(list)) continue;
      for (const secret of list) {
        const valueFrom = (secret as { valueFrom?: unknown } | null)?.valueFrom;
        if (typeof valueFrom === 'string') out.push({ containerName: name, valueFrom });
      }
    }
  }
  return out;
}

/** The action and resource ARN that reading a secret needs. */
function secretAccess(valueFrom: string): { service: 'asm' | 'ssm'; action: string; resource: string } {
  if (valueFrom.startsWith('arn:aws:secretsmanager:')) {
    // A secret ARN may carry `:json-key:version-stage:version-id` after the secret's own ARN.
    return { service: 'asm', action: 'secretsmanager:GetSecretValue', resource: valueFrom.split(':').slice(0, 7).join(':') };
  }
  if (valueFrom.startsWith('arn:')) return { service: 'ssm', action: 'ssm:GetParameters', resource: valueFrom };
  const name = valueFrom.startsWith('/') ? valueFrom.slice(1) : valueFrom;
  return { service: 'ssm', action: 'ssm:GetParameters', resource: `arn:aws:ssm:${REGION}:${ACCOUNT_ID}:parameter/${name}` };
}

const SECRETS_PREFIX = 'ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: ';

function checkSecrets(state: EngineState, record: TaskRecord): LaunchFailure | undefined {
  const secrets = secretsOf(record);
  if (secrets.length === 0) return undefined;
  const actor = executionActor(state, record);
  const first = secrets[0]!;
  if (actor === undefined) {
    return {
      stage: 'pull',
      containerName: first.containerName,
      reason: `${SECRETS_PREFIX}the task has no execution role to read secrets with`,
      explanation: `The task could not start: container ${first.containerName} reads the secret ${first.valueFrom}, and only the task execution role can read secrets, but the task definition names none (executionRoleArn).`,
    };
  }
  for (const secret of secrets) {
    const access = secretAccess(secret.valueFrom);
    const denial = firstDenied(actor, [access.action], access.resource);
    if (denial === undefined) continue;
    const tail = `AccessDeniedException: ${notAuthorized(actor, denial)}`;
    const reason = access.service === 'asm'
      ? `${SECRETS_PREFIX}unable to retrieve secret from asm: service call has been retried 1 time(s): failed to fetch secret ${access.resource} from secrets manager: ${tail}`
      : `${SECRETS_PREFIX}unable to retrieve secrets from ssm: service call has been retried 1 time(s): ${tail}`;
    return {
      stage: 'pull',
      containerName: secret.containerName,
      reason,
      explanation: `${deniedExplanation(actor, denial, `The task could not start because the agent could not read the secret of container ${secret.containerName}`)} The agent reads secrets with the task execution role only; allow ${access.action} on ${access.resource} (e.g. with an inline policy).`,
    };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Images
// ---------------------------------------------------------------------------------------------

function checkImage(state: EngineState, record: TaskRecord, containerName: string, image: string): LaunchFailure | undefined {
  const ref = parseImageRef(image);
  if (ref.kind === 'public') return undefined;
  const fail = (reason: string, explanation: string): LaunchFailure => ({ stage: 'pull', containerName, reason, explanation });
  if (ref.kind === 'foreign-ecr') {
    return fail(
      `CannotPullContainerError: The task can’t pull the image. Check whether the image exists. Error response from daemon: pull access denied for ${ref.registry}/${ref.repositoryName}, repository does not exist or may require 'docker login': denied: requested access to the resource is denied`,
      `The task could not start: container ${containerName}'s image is in the ECR registry of account ${ref.registryId} in ${ref.region}; the sandbox has one registry, account ${ACCOUNT_ID} in ${REGION}.`,
    );
  }
  const actor = agentActor(state, record);
  const repoArn = repositoryArn(ref.repositoryName);
  const what = `The task could not pull ${refText(ref)} for container ${containerName}`;
  const tokenDenied = firstDenied(actor, ['ecr:GetAuthorizationToken'], '*');
  if (tokenDenied !== undefined) {
    return fail(
      `CannotPullECRContainerError: The task can’t pull the image. Check that the role has the permissions to pull images from the registry. AccessDeniedException: ${notAuthorized(actor, tokenDenied)}`,
      `${deniedExplanation(actor, tokenDenied, what)} ${pullRoleNote(record)} ${PULL_ADVICE}`,
    );
  }
  const denied = (denial: Denial, daemon: string): LaunchFailure =>
    fail(
      `CannotPullContainerError: The task can’t pull the image. Check that the role has the permissions to pull images from the registry. Error response from daemon: ${daemon}${notAuthorized(actor, denial)}`,
      `${deniedExplanation(actor, denial, what)} ${pullRoleNote(record)} ${PULL_ADVICE}`,
    );
  const manifestDenied = firstDenied(actor, ['ecr:BatchGetImage'], repoArn);
  if (manifestDenied !== undefined) {
    return denied(manifestDenied, `pull access denied for ${ref.registry}/${ref.repositoryName}, repository does not exist or may require 'docker login': denied: `);
  }
  const repository = state.repositories.get(ref.repositoryName);
  if (repository === undefined) {
    return fail(
      `CannotPullContainerError: Error response from daemon: repository ${ref.registry}/${ref.repositoryName} not found: name unknown: The repository with name '${ref.repositoryName}' does not exist in the registry with id '${ACCOUNT_ID}'`,
      `${what}: there is no ECR repository named ${ref.repositoryName} (create it with ecr:CreateRepository and push the image with sim:PushImage).`,
    );
  }
  const found = repository.images.find((candidate) =>
    ref.digest !== undefined ? candidate.imageDigest === ref.digest : candidate.imageTags.includes(ref.tag ?? 'latest'),
  );
  if (found === undefined) {
    const tags = repository.images.flatMap((candidate) => candidate.imageTags);
    const known = tags.length === 0 ? 'the repository has no tagged images' : `its tags are ${tags.slice(0, 8).join(', ')}${tags.length > 8 ? ', …' : ''}`;
    return fail(
      `CannotPullContainerError: Error response from daemon: manifest for ${refText(ref)} not found: manifest unknown: Requested image not found`,
      `${what}: repository ${ref.repositoryName} has no image ${ref.digest !== undefined ? `with digest ${ref.digest}` : `tagged ${ref.tag}`} (${known}; a lifecycle policy or BatchDeleteImage may have removed it).`,
    );
  }
  const layersDenied = firstDenied(actor, ['ecr:GetDownloadUrlForLayer'], repoArn);
  if (layersDenied !== undefined) {
    return denied(layersDenied, 'error pulling image configuration: download failed after attempts=1: denied: ');
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Log driver
// ---------------------------------------------------------------------------------------------

function checkAwslogs(state: EngineState, record: TaskRecord): LaunchFailure | undefined {
  for (const container of record.taskDefinition.containerDefinitions) {
    const log = container.logConfiguration as { logDriver?: unknown; options?: Record<string, unknown> } | undefined;
    if (log?.logDriver !== 'awslogs') continue;
    const name = String(container.name);
    const options = log.options ?? {};
    const group = String(options['awslogs-group'] ?? name);
    const region = typeof options['awslogs-region'] === 'string' ? options['awslogs-region'] : REGION;
    const prefix = options['awslogs-stream-prefix'];
    const taskId = idOfArn(record.task.taskArn);
    const stream = typeof prefix === 'string' && prefix !== '' ? `${prefix}/${name}/${taskId}` : taskId;
    const groupArn = `arn:aws:logs:${region}:${ACCOUNT_ID}:log-group:${group}`;
    const actor = agentActor(state, record);
    const needs: [string, string][] = [];
    if (String(options['awslogs-create-group']) === 'true') needs.push(['logs:CreateLogGroup', `${groupArn}:log-stream:`]);
    needs.push(['logs:CreateLogStream', `${groupArn}:log-stream:${stream}`]);
    for (const [action, resource] of needs) {
      const denial = firstDenied(actor, [action], resource);
      if (denial === undefined) continue;
      const step = action === 'logs:CreateLogGroup' ? 'failed to create Cloudwatch log group' : 'failed to create Cloudwatch log stream';
      return {
        stage: 'start',
        containerName: name,
        reason: `CannotStartContainerError: Error response from daemon: failed to initialize logging driver: ${step}: AccessDeniedException: ${notAuthorized(actor, denial)}`,
        explanation: `${deniedExplanation(actor, denial, `Container ${name} could not start because its awslogs log driver could not write to log group ${group}`)} Allow ${action} (AmazonECSTaskExecutionRolePolicy allows CreateLogStream and PutLogEvents; awslogs-create-group also needs logs:CreateLogGroup).`,
      };
    }
  }
  return undefined;
}

/** Log writes the container will lose once running (a warning, not a failure: Docker keeps going). */
export function logWriteWarnings(state: EngineState, record: TaskRecord): string[] {
  const out: string[] = [];
  for (const container of record.taskDefinition.containerDefinitions) {
    const log = container.logConfiguration as { logDriver?: unknown; options?: Record<string, unknown> } | undefined;
    if (log?.logDriver !== 'awslogs') continue;
    const actor = agentActor(state, record);
    const group = String(log.options?.['awslogs-group'] ?? container.name);
    const denial = firstDenied(actor, ['logs:PutLogEvents'], `arn:aws:logs:${REGION}:${ACCOUNT_ID}:log-group:${group}:log-stream:*`);
    if (denial !== undefined) out.push(`Container ${String(container.name)} runs, but its logs are lost: ${actorLabel(actor)} does not allow logs:PutLogEvents on log group ${group}.`);
  }
  return out;
}

/** The first launch failure of the stage, or undefined when the task gets past it. */
export function launchFailure(state: EngineState, record: TaskRecord, stage: LaunchStage): LaunchFailure | undefined {
  if (stage === 'start') return checkAwslogs(state, record);
  const secrets = checkSecrets(state, record);
  if (secrets !== undefined) return secrets;
  for (const container of record.taskDefinition.containerDefinitions) {
    const failure = checkImage(state, record, String(container.name), String(container.image));
    if (failure !== undefined) return failure;
  }
  return undefined;
}
