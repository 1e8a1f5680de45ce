/**
 * sim:CallFromTask — what happens when the application in a running task calls an AWS API with
 * the credentials the task gives it (the task role, or the instance role when the task definition
 * names none). Nothing changes in the sandbox; the answer says whether IAM allows the call and, if
 * not, the AccessDenied text the application would see. An event records the call.
 */
import type { EngineContext } from '../context.ts';
import { invalidParameter, MESSAGES, ok, type CommandResult } from '../errors.ts';
import { resourceIdOf, taskArn } from '../ids/arn.ts';
import { appDecision } from '../iam/task-role.ts';
import { taskLabel } from '../machines/task-lifecycle.ts';
import { findCluster } from './clusters.ts';
import { checkParams } from './params.ts';

interface CallInput {
  cluster?: string;
  task: string;
  action: string;
  resource?: string;
}

const ACTION = /^[a-zA-Z0-9-]+:[A-Za-z0-9]+$/;

export function callFromTask(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams<CallInput>(raw, {
    params: { cluster: 'string', task: 'string', action: 'string', resource: 'string' },
    required: ['task', 'action'],
  });
  if (!checked.ok) return checked.result;
  const { task, action, resource = '*' } = checked.input;
  const found = findCluster(ctx, checked.input.cluster);
  if (!found.ok) return found.result;
  if (!ACTION.test(action)) return invalidParameter(`action must be an AWS API action such as s3:GetObject or sqs:SendMessage, not "${action}".`);
  if (resource !== '*' && !resource.startsWith('arn:')) return invalidParameter(`resource must be "*" or an ARN such as arn:aws:s3:::my-bucket/key, not "${resource}".`);
  const record = ctx.state.tasks.get(taskArn(found.cluster.clusterName, resourceIdOf(task, 'task')));
  if (record === undefined) return invalidParameter(MESSAGES.taskNotFound());
  if (record.task.lastStatus !== 'RUNNING') {
    return invalidParameter(`Task ${taskLabel(record)} is ${record.task.lastStatus}: only the application of a RUNNING task makes calls.`);
  }
  const decision = appDecision(ctx.state, record, action, resource);
  const { credentials } = decision;
  const using = credentials.kind === 'task' ? `its task role ${credentials.roleName}` : `the container instance role ${credentials.roleName} (the task definition names no task role)`;
  const denied = decision.allowed
    ? undefined
    : `User: ${credentials.principal} is not authorized to perform: ${action} on resource: ${resource} ${decision.reason === 'explicitDeny' ? 'with an explicit deny in an identity-based policy' : `because no identity-based policy allows the ${action} action`}`;
  ctx.emit(
    'task.api-call',
    `${taskLabel(record)} called ${action} on ${resource} with ${using}: ${decision.allowed ? 'allowed' : `AccessDenied (${decision.reason === 'explicitDeny' ? 'a Deny statement forbids it' : 'no statement allows it'})`}.`,
    record.task.taskArn,
  );
  return ok({
    allowed: decision.allowed,
    roleArn: `arn:aws:iam::123456789012:role/${credentials.roleName}`,
    credentialsFrom: credentials.kind === 'task' ? 'taskRole' : 'containerInstanceRole',
    principal: credentials.principal,
    ...(denied === undefined ? {} : { error: { code: 'AccessDeniedException', message: denied } }),
  });
}
