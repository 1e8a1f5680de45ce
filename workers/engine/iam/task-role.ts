/**
 * The credentials a task's application code gets, and what they allow: the task role when the
 * task definition names one; otherwise, on EC2, the SDKs in the container fall back to the
 * instance profile, i.e. the container instance role (ecs-reference §11). Later issues' S3 and SQS
 * scenarios ask this module; sim:CallFromTask shows it to the learner today.
 */
import { ACCOUNT_ID, idOfArn } from '../ids/arn.ts';
import type { EngineState, TaskRecord } from '../state.ts';
import { evaluate, type Decision } from './evaluate.ts';
import { findRole, IMPLICIT_INSTANCE_ROLE, roleStatements } from './roles.ts';

export interface AppCredentials {
  kind: 'task' | 'instance';
  roleName: string;
  /** The caller as AWS names it in AccessDenied messages. */
  principal: string;
}

export function appCredentials(state: EngineState, record: TaskRecord): AppCredentials {
  const taskRole = record.taskDefinition.taskRoleArn;
  if (taskRole !== undefined) {
    const name = findRole(state.roles, taskRole)?.RoleName ?? idOfArn(taskRole);
    return { kind: 'task', roleName: name, principal: `arn:aws:sts::${ACCOUNT_ID}:assumed-role/${name}/${idOfArn(record.task.taskArn)}` };
  }
  const instance = state.instances.get(record.instanceArn);
  const name = instance?.instanceRoleName ?? IMPLICIT_INSTANCE_ROLE.RoleName;
  return { kind: 'instance', roleName: name, principal: `arn:aws:sts::${ACCOUNT_ID}:assumed-role/${name}/${instance?.ec2InstanceId ?? 'i-unknown'}` };
}

/** Whether the task's application may call `action` on `resource`. */
export function appDecision(state: EngineState, record: TaskRecord, action: string, resource: string): Decision & { credentials: AppCredentials } {
  const credentials = appCredentials(state, record);
  let statements;
  if (credentials.kind === 'task') {
    const role = findRole(state.roles, record.taskDefinition.taskRoleArn!);
    statements = role === undefined ? [] : roleStatements(role);
  } else {
    const instance = state.instances.get(record.instanceArn);
    const role = state.roles.get(credentials.roleName) ?? (instance?.instanceRoleDefaulted === false ? undefined : IMPLICIT_INSTANCE_ROLE);
    statements = role === undefined ? [] : roleStatements(role);
  }
  return { ...evaluate(statements, action, resource), credentials };
}
