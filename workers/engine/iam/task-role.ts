/**
 * The credentials a task's application code gets, and what they allow: the task role when the
 * task definition names one; otherwise, on EC2, the SDKs in the container fall back to the
 * instance profile, i.e. the container instance role (ecs-reference §11). Later issues' S3 and SQS
 * scenarios ask this module; sim:CallFromTask shows it to the learner today.
 */
import { ACCOUNT_ID, idOfArn } from '../ids/arn.ts';
import { instanceOfTask, type EngineState, type TaskRecord } from '../state.ts';
import { evaluate, type Decision } from './evaluate.ts';
import { findRole, IMPLICIT_INSTANCE_ROLE, roleStatements, type RoleRecord } from './roles.ts';

type RolePermissions = Pick<RoleRecord, 'attachedPolicyArns' | 'inlinePolicies'>;

/**
 * The container instance role of the task's instance, resolved: a role the learner created with
 * that name, else — for instances added without iamInstanceProfile — the implicit ecsInstanceRole.
 * `role` is undefined when a named role no longer exists (no permissions at all).
 */
export function instanceRoleOf(state: EngineState, record: TaskRecord): { name: string; ec2InstanceId: string; role: RolePermissions | undefined } {
  const instance = instanceOfTask(state, record);
  const name = instance?.instanceRoleName ?? IMPLICIT_INSTANCE_ROLE.RoleName;
  const role = state.roles.get(name) ?? (instance?.instanceRoleDefaulted === false ? undefined : IMPLICIT_INSTANCE_ROLE);
  return { name, ec2InstanceId: instance?.ec2InstanceId ?? 'i-unknown', role };
}

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
  const { name, ec2InstanceId } = instanceRoleOf(state, record);
  return { kind: 'instance', roleName: name, principal: `arn:aws:sts::${ACCOUNT_ID}:assumed-role/${name}/${ec2InstanceId}` };
}

/** Whether the task's application may call `action` on `resource`. */
export function appDecision(state: EngineState, record: TaskRecord, action: string, resource: string): Decision & { credentials: AppCredentials } {
  const credentials = appCredentials(state, record);
  const role = credentials.kind === 'task' ? findRole(state.roles, record.taskDefinition.taskRoleArn!) : instanceRoleOf(state, record).role;
  const statements = role === undefined ? [] : roleStatements(role);
  return { ...evaluate(statements, action, resource), credentials };
}
