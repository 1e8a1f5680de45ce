/**
 * Which tasks work off which queue, and how fast — the one place the sandbox decides it.
 *
 * How a service works off a queue (Sandbox, chosen to transfer to the real thing):
 * - Its task definition gives a container an ENVIRONMENT VARIABLE WHOSE VALUE IS THE QUEUE'S URL
 *   (any name: QUEUE_URL=https://sqs.us-east-1.amazonaws.com/123456789012/jobs is the usual one),
 *   as a real worker reads the URL it polls from its environment.
 * - Each RUNNING task of the service then processes one message at a time, taking
 *   MESSAGE_PROCESSING_SECONDS (an environment variable of the same container; default
 *   DEFAULT_MESSAGE_PROCESSING_SECONDS) per message: it receives a message, works on it for that
 *   long, deletes it, receives the next. So a task handles 1 / processing seconds messages per
 *   second, and AWS's "average processing time per message" (sqs/backlog.ts) is that setting.
 *   Change it by registering a task definition revision and updating the service, as in real life.
 * - The application calls SQS with the task's credentials (the task role, or on EC2 the container
 *   instance role when the task definition names none — iam/task-role.ts): they must allow
 *   sqs:ReceiveMessage AND sqs:DeleteMessage on the queue's ARN. A task whose credentials do not
 *   consumes nothing (the event log says why, once).
 * - Only services' tasks are counted (standalone RunTask tasks are not consumers); a task counts
 *   once per queue even if several of its containers name it.
 * Cost: O(services' tasks) per call; the task definition scan is cached per task definition.
 */
import type { TaskDefinition } from '../../protocol.ts';
import { appCredentials, appDecision } from '../iam/task-role.ts';
import type { EngineState, TaskRecord } from '../state.ts';
import { queueUrl } from './queue.ts';

/** Sandbox default: seconds one task spends on one message (UNCONFIRMED: an application's figure, not AWS's). */
export const DEFAULT_MESSAGE_PROCESSING_SECONDS = 1;
/** The container environment variable that sets it. */
export const PROCESSING_SECONDS_ENV = 'MESSAGE_PROCESSING_SECONDS';
/** Accepted values of MESSAGE_PROCESSING_SECONDS (Sandbox): 10 ms to 12 h (SQS's longest visibility timeout). */
export const PROCESSING_SECONDS_LIMITS = { min: 0.01, max: 43_200 } as const;
/** What the application calls: both must be allowed on the queue ARN. */
export const CONSUMER_ACTIONS = ['sqs:ReceiveMessage', 'sqs:DeleteMessage'] as const;

const URL_PREFIX = queueUrl('');

interface QueueUse {
  queueName: string;
  processingSeconds: number;
  /** Set when MESSAGE_PROCESSING_SECONDS was given but unusable (the default is used). */
  problem?: string;
}

const usesCache = new WeakMap<TaskDefinition, QueueUse[]>();

function envOf(container: Record<string, unknown>): { name: string; value: string }[] {
  const env = container.environment;
  if (!Array.isArray(env)) return [];
  return env.filter((e): e is { name: string; value: string } => typeof e === 'object' && e !== null && typeof e.name === 'string' && typeof e.value === 'string');
}

/** The queues a task definition's containers name by URL, with each one's processing time. */
export function queueUsesOf(td: TaskDefinition): QueueUse[] {
  const cached = usesCache.get(td);
  if (cached !== undefined) return cached;
  const uses: QueueUse[] = [];
  for (const container of td.containerDefinitions) {
    const env = envOf(container);
    const setting = env.find((e) => e.name === PROCESSING_SECONDS_ENV);
    const parsed = setting === undefined ? undefined : Number(setting.value.trim());
    const valid = parsed !== undefined && setting!.value.trim() !== '' && Number.isFinite(parsed) && parsed >= PROCESSING_SECONDS_LIMITS.min && parsed <= PROCESSING_SECONDS_LIMITS.max;
    for (const e of env) {
      if (!e.value.startsWith(URL_PREFIX)) continue;
      const queueName = e.value.slice(URL_PREFIX.length);
      if (queueName === '' || uses.some((u) => u.queueName === queueName)) continue;
      uses.push({
        queueName,
        processingSeconds: valid ? parsed! : DEFAULT_MESSAGE_PROCESSING_SECONDS,
        ...(setting !== undefined && !valid
          ? {
              problem: `${PROCESSING_SECONDS_ENV}="${setting.value}" in container ${String(container.name)} of ${td.family}:${td.revision} is not a number of seconds from ${PROCESSING_SECONDS_LIMITS.min} to ${PROCESSING_SECONDS_LIMITS.max}; its tasks take the sandbox default of ${DEFAULT_MESSAGE_PROCESSING_SECONDS} s per message.`,
            }
          : {}),
      });
    }
  }
  usesCache.set(td, uses);
  return uses;
}

export interface AccessDenial {
  principal: string;
  action: string;
  /** AWS's AccessDenied text as the application would log it. */
  text: string;
}

/** One service's tasks working off one queue. */
export interface ConsumerGroup {
  serviceArn: string;
  serviceName: string;
  /** RUNNING tasks that name the queue. */
  running: number;
  /** Of those, the ones whose credentials allow receiving and deleting: the consumers. */
  consuming: number;
  /** Messages per second the consuming tasks handle together (Σ 1 / processing seconds). */
  messagesPerSecond: number;
  /** Each consuming task's messages per second, by task ARN. */
  taskRates: [string, number][];
  /** The first task refused, if any. */
  denied?: AccessDenial;
  /** Bad MESSAGE_PROCESSING_SECONDS settings met (each said once in the event log). */
  problems: string[];
}

/**
 * AWS's AccessDenied text for the application's SQS call (UNCONFIRMED for SQS specifically: the
 * IAM wording "User: … is not authorized to perform: … on resource: … because no identity-based
 * policy allows the … action"; SQS prints the action in lower case, e.g. sqs:receivemessage).
 */
export function accessDeniedText(principal: string, action: string, resource: string, explicit: boolean): string {
  const lower = action.toLowerCase();
  return `User: ${principal} is not authorized to perform: ${lower} on resource: ${resource} ${explicit ? 'with an explicit deny in an identity-based policy' : `because no identity-based policy allows the ${lower} action`}`;
}

/**
 * Whether a task's credentials allow receiving and deleting on the queue, or the first refusal.
 * `cache` (one per pass) keeps one answer per service, role and queue: tasks with the same
 * credentials get the same decision, so a pass costs one evaluation per role, not per task.
 */
function denialOf(state: EngineState, record: TaskRecord, arn: string, cache?: Map<string, AccessDenial | null>): AccessDenial | undefined {
  const credentials = cache === undefined ? undefined : appCredentials(state, record);
  const key = credentials === undefined ? '' : `${record.serviceArn ?? ''}|${credentials.kind}|${credentials.roleName}|${arn}`;
  const cached = cache?.get(key);
  if (cached !== undefined) return cached ?? undefined;
  let denial: AccessDenial | undefined;
  for (const action of CONSUMER_ACTIONS) {
    const decision = appDecision(state, record, action, arn);
    if (!decision.allowed) {
      denial = { principal: decision.credentials.principal, action, text: accessDeniedText(decision.credentials.principal, action, arn, decision.reason === 'explicitDeny') };
      break;
    }
  }
  cache?.set(key, denial ?? null);
  return denial;
}

/** The messages per second a task contributes to a queue now: RUNNING, naming it, allowed; else undefined. */
export function taskRateFor(state: EngineState, record: TaskRecord, queueName: string): number | undefined {
  const queue = state.sqs?.queues.get(queueName);
  if (queue === undefined || record.serviceArn === undefined || record.task.lastStatus !== 'RUNNING') return undefined;
  const use = queueUsesOf(record.taskDefinition).find((u) => u.queueName === queueName);
  if (use === undefined || denialOf(state, record, queue.queue.arn) !== undefined) return undefined;
  return 1 / use.processingSeconds;
}

/** Every queue's consumer groups (only queues that exist, only groups with a RUNNING task). */
export function consumersByQueue(state: EngineState): Map<string, ConsumerGroup[]> {
  const out = new Map<string, ConsumerGroup[]>();
  const queues = state.sqs?.queues;
  if (queues === undefined || queues.size === 0 || state.services === undefined) return out;
  const decisions = new Map<string, AccessDenial | null>();
  for (const service of state.services.values()) {
    const groups = new Map<string, ConsumerGroup>();
    for (const deployment of service.deployments) {
      for (const taskArn of deployment.taskArns) {
        const record = state.tasks.get(taskArn);
        if (record === undefined || record.task.lastStatus !== 'RUNNING') continue;
        for (const use of queueUsesOf(record.taskDefinition)) {
          const queue = queues.get(use.queueName);
          if (queue === undefined) continue;
          let group = groups.get(use.queueName);
          if (group === undefined) groups.set(use.queueName, (group = { serviceArn: service.arn, serviceName: service.name, running: 0, consuming: 0, messagesPerSecond: 0, taskRates: [], problems: [] }));
          group.running++;
          if (use.problem !== undefined && !group.problems.includes(use.problem)) group.problems.push(use.problem);
          const denied = denialOf(state, record, queue.queue.arn, decisions);
          if (denied !== undefined) {
            // The cached denial names the first task refused with these credentials.
            group.denied ??= denied;
            continue;
          }
          group.consuming++;
          group.messagesPerSecond += 1 / use.processingSeconds;
          group.taskRates.push([taskArn, 1 / use.processingSeconds]);
        }
      }
    }
    for (const [name, group] of groups) {
      const list = out.get(name);
      if (list === undefined) out.set(name, [group]);
      else list.push(group);
    }
  }
  return out;
}
