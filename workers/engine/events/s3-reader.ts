/**
 * A task an EventBridge rule started for an S3 upload reads the object when it is RUNNING: its
 * application calls s3:GetObject on arn:aws:s3:::BUCKET/KEY with the task's credentials (the task
 * role; on EC2 without one, the instance role — iam/task-role.ts). Allowed: the container processes the
 * object for S3_PROCESSING_MS and exits 0, so the task stops as a finished batch job (stopCode
 * EssentialContainerExited, "Essential container in task exited", exit code 0). Denied: the
 * application gets AccessDenied, logs it and exits 1 after S3_FAILURE_MS.
 *
 * The denial text is IAM's ("User: arn:aws:sts::123456789012:assumed-role/ROLE/TASK-ID is not
 * authorized to perform: s3:GetObject on resource: "arn:aws:s3:::b/k" because no identity-based policy
 * allows the s3:GetObject action"; S3 quotes the resource ARN, as real GetObject denials show). On
 * Fargate a task without a task role has no credentials at all: the SDKs answer "Unable to locate
 * credentials" (botocore's NoCredentialsError text).
 */
import type { EventBridgeEvent } from '../../protocol.ts';
import type { EngineContext } from '../context.ts';
import { appDecision } from '../iam/task-role.ts';
import { isEssential } from '../images/behavior.ts';
import { scheduleContainerExit } from '../machines/container-exits.ts';
import { taskLabel } from '../machines/task-label.ts';
import type { TaskRecord } from '../state.ts';
import { eventBridgeOf, type ObjectRead } from './rules-state.ts';

/** Sandbox: how long a container takes to process one uploaded object before it exits 0. */
export const S3_PROCESSING_MS = 30_000;
/** Sandbox: how long an application that got AccessDenied takes to log it and exit 1. */
export const S3_FAILURE_MS = 2_000;

/** A task's state changed: a reader that is now RUNNING reads its object; one that STOPPED is forgotten. */
export function taskStateChanged(ctx: EngineContext, event: EventBridgeEvent): void {
  const eb = ctx.state.eventBridge;
  const taskArn = event.detail.taskArn;
  if (eb === undefined || eb.readers.size === 0 || typeof taskArn !== 'string') return;
  const read = eb.readers.get(taskArn);
  if (read === undefined) return;
  if (event.detail.lastStatus === 'STOPPED') {
    eb.readers.delete(taskArn);
    return;
  }
  if (event.detail.lastStatus !== 'RUNNING') return;
  const record = ctx.state.tasks.get(taskArn);
  if (record === undefined || record.task.lastStatus !== 'RUNNING') return;
  readObject(ctx, record, read);
}

function readObject(ctx: EngineContext, record: TaskRecord, read: ObjectRead): void {
  eventBridgeOf(ctx.state).readers.delete(record.task.taskArn);
  const container = record.task.containers.find((c) => c.lastStatus === 'RUNNING' && isEssential(record, c.name));
  if (container === undefined) return;
  const resource = `arn:aws:s3:::${read.bucket}/${read.key}`;
  const label = taskLabel(record);
  const now = ctx.clock.now;
  if (record.task.launchType === 'FARGATE' && record.taskDefinition.taskRoleArn === undefined) {
    ctx.emit(
      'task.s3-denied',
      `${label} could not read s3://${read.bucket}/${read.key}: Unable to locate credentials (the task definition has no task role, and on Fargate there is no instance role to fall back on). The container exits with code 1.`,
      record.task.taskArn,
    );
    scheduleContainerExit(ctx, record, container.name, now + S3_FAILURE_MS, 1);
    return;
  }
  const decision = appDecision(ctx.state, record, 's3:GetObject', resource);
  const { credentials } = decision;
  const using = credentials.kind === 'task' ? `its task role ${credentials.roleName}` : `the container instance role ${credentials.roleName} (the task definition names no task role)`;
  if (decision.allowed) {
    ctx.emit(
      'task.s3-read',
      `${label} read s3://${read.bucket}/${read.key} (${read.size} bytes) with ${using}; it processes it for ${S3_PROCESSING_MS / 1000} s, then exits 0.`,
      record.task.taskArn,
    );
    scheduleContainerExit(ctx, record, container.name, now + S3_PROCESSING_MS, 0);
    return;
  }
  const why = decision.reason === 'explicitDeny' ? 'with an explicit deny in an identity-based policy' : 'because no identity-based policy allows the s3:GetObject action';
  ctx.emit(
    'task.s3-denied',
    `${label} could not read s3://${read.bucket}/${read.key}: An error occurred (AccessDenied) when calling the GetObject operation: User: ${credentials.principal} is not authorized to perform: s3:GetObject on resource: "${resource}" ${why}. The container exits with code 1 (give ${credentials.roleName} s3:GetObject on ${resource}).`,
    record.task.taskArn,
  );
  scheduleContainerExit(ctx, record, container.name, now + S3_FAILURE_MS, 1);
}
