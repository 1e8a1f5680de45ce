// Proves services/render.ts derives the counts from the tasks, as DescribeServices reports them:
// a deployment's runningCount is its tasks in RUNNING, its pendingCount those in PROVISIONING,
// PENDING or ACTIVATING (not DEACTIVATING, STOPPING or STOPPED); the service's counts are the sums
// over its deployments; events are rendered newest first with ISO times. Works on a silent
// context (no machines move), setting task states by hand.
import { describe, expect, it } from 'vitest';
import type { TaskStatus } from '../../../../workers/protocol.ts';
import { silentContext } from '../../../../workers/engine/context.ts';
import { COMMANDS } from '../../../../workers/engine/commands/index.ts';
import { addServiceEvent, servicesOf } from '../../../../workers/engine/services/model.ts';
import { renderService } from '../../../../workers/engine/services/render.ts';
import { WEB } from './helpers.ts';

function setup() {
  const ctx = silentContext(3);
  const run = (action: keyof typeof COMMANDS, request: unknown): any => {
    const result = COMMANDS[action](ctx, request);
    if (!result.ok) throw new Error(`${action}: ${result.error.message}`);
    return result.response;
  };
  run('ecs:CreateCluster', { clusterName: 'demo' });
  run('sim:AddContainerInstances', { cluster: 'demo', instanceType: 't3.large', count: 2 });
  run('ecs:RegisterTaskDefinition', WEB);
  run('ecs:CreateService', { cluster: 'demo', serviceName: 'web', taskDefinition: 'web', desiredCount: 4 });
  run('ecs:UpdateService', { cluster: 'demo', service: 'web', forceNewDeployment: true });
  const service = servicesOf(ctx.state).values().next().value!;
  /** Start `statuses.length` tasks for deployment `index` and put them in those states. */
  const tasks = (index: number, statuses: TaskStatus[]): void => {
    const answer = run('ecs:RunTask', { cluster: 'demo', taskDefinition: 'web', count: statuses.length });
    answer.tasks.forEach((task: { taskArn: string }, i: number) => {
      ctx.state.tasks.get(task.taskArn)!.task.lastStatus = statuses[i]!;
      service.deployments[index]!.taskArns.add(task.taskArn);
    });
  };
  return { ctx, service, tasks };
}

describe('renderService', () => {
  it('counts RUNNING as running and PROVISIONING/PENDING/ACTIVATING as pending, per deployment and in total', () => {
    const { ctx, service, tasks } = setup();
    tasks(0, ['RUNNING', 'RUNNING', 'PENDING', 'ACTIVATING']); // new: 2 running, 2 pending
    tasks(1, ['RUNNING', 'DEACTIVATING', 'STOPPING', 'PROVISIONING']); // old: 1 running, 1 pending
    const rendered = renderService(ctx.state, service);
    expect(rendered.deployments.map((d) => [d.status, d.runningCount, d.pendingCount])).toEqual([
      ['PRIMARY', 2, 2],
      ['ACTIVE', 1, 1],
    ]);
    expect(rendered.runningCount).toBe(3);
    expect(rendered.pendingCount).toBe(3);
  });

  it('ignores task ARNs that are no longer in the state', () => {
    const { ctx, service } = setup();
    service.deployments[0]!.taskArns.add('arn:aws:ecs:us-east-1:123456789012:task/demo/gone');
    expect(renderService(ctx.state, service).runningCount).toBe(0);
  });

  it('renders events newest first with ISO times', () => {
    const { ctx, service } = setup();
    service.events.length = 0; // whatever the scheduler wrote
    addServiceEvent(ctx, service, '(service web) has started 1 tasks: (task a).');
    addServiceEvent(ctx, service, '(service web) has reached a steady state.');
    service.events[0]!.createdMs = 61_000;
    const events = renderService(ctx.state, service).events;
    expect(events.map((e) => [e.createdAt, e.message])).toEqual([
      ['2026-01-01T00:01:01.000Z', '(service web) has reached a steady state.'],
      ['2026-01-01T00:00:00.000Z', '(service web) has started 1 tasks: (task a).'],
    ]);
  });

  it('returns fresh objects: mutating the answer does not touch the record', () => {
    const { ctx, service } = setup();
    const rendered = renderService(ctx.state, service);
    rendered.deploymentConfiguration.maximumPercent = 1;
    rendered.deploymentConfiguration.deploymentCircuitBreaker.enable = true;
    rendered.placementStrategy.push({ type: 'random' });
    const again = renderService(ctx.state, service);
    expect(again.deploymentConfiguration).toEqual({ deploymentCircuitBreaker: { enable: false, rollback: false }, maximumPercent: 200, minimumHealthyPercent: 100 });
    expect(again.placementStrategy).toEqual([]);
  });
});
