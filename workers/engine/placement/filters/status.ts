/**
 * Which container instances may take the task at all (ecs-reference §1, §2):
 * - only ACTIVE ones: DRAINING and REGISTERING instances take no new tasks;
 * - only those whose ECS agent is connected: ECS cannot hand a task to a disconnected agent
 *   (agentConnected false: sim:DisconnectAgent, or its Availability Zone is out);
 * - only those of the request's launch type: EC2 tasks go to EC2 instances, EXTERNAL tasks to ECS
 *   Anywhere instances (ECS Developer Guide, ecs-anywhere).
 * AWS leaves such instances out of placement altogether, so RunTask does not list them as failures.
 */
import type { InstanceRecord } from '../../state.ts';
import type { Ledger } from '../ledger.ts';
import type { BindingRule } from '../rule.ts';
import { fail, pass } from '../rule.ts';

const launchTypeOf = (instance: InstanceRecord): 'EC2' | 'EXTERNAL' => instance.launchType ?? 'EC2';

/** Why the instance takes no task of this request, or undefined when it may. */
function refusal(ledger: Ledger, i: number): string | undefined {
  const status = ledger.statuses[i];
  if (status !== 'ACTIVE') return `${status}: takes no new tasks`;
  const instance = ledger.instances[i]!;
  const wanted = ledger.request.launchType ?? 'EC2';
  const has = launchTypeOf(instance);
  if (has !== wanted) {
    return has === 'EXTERNAL'
      ? 'an external (ECS Anywhere) instance: takes EXTERNAL tasks only'
      : 'an EC2 instance: EXTERNAL tasks run on external (ECS Anywhere) instances only';
  }
  if (instance.agentConnected === false) return 'agent disconnected: ECS cannot start tasks on it';
  return undefined;
}

export const statusFilter: BindingRule = {
  id: 'status',
  kind: 'filter',
  title: 'Status',
  detail: 'must be ACTIVE, with its agent connected, of the task\'s launch type',
  reason: undefined,
  passes: (ledger, i) =>
    ledger.statuses[i] === 'ACTIVE'
    && ledger.instances[i]!.agentConnected !== false
    && launchTypeOf(ledger.instances[i]!) === (ledger.request.launchType ?? 'EC2'),
  cell: (ledger, i) => {
    const why = refusal(ledger, i);
    return why === undefined ? pass('ACTIVE') : fail(why);
  },
  failureKey: (ledger, i) => `status:${refusal(ledger, i) ?? ''}`,
  failureClause: (ledger, refused) => {
    const why = refusal(ledger, refused[0]!) ?? '';
    return why.endsWith('takes no new tasks') ? `${ledger.statuses[refused[0]!]} (takes no new tasks)` : why;
  },
};
