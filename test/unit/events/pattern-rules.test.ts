// Pattern rules fed by the event log: a rule on STOPPED tasks logs each match and "delivers" to an SNS
// topic (the notification the course describes); a target whose role may not call ecs:RunTask fails,
// counted in FailedInvocations with IAM's text; a rule that starts tasks on the events of the tasks it
// started is stopped by the sandbox's loop guard; AWS/Events metrics per rule.
import { describe, expect, it } from 'vitest';
import type { SandboxEngine, Step } from '../../../workers/protocol.ts';
import { CHAINED_TASKS_PER_RULE } from '../../../workers/engine/events/loop-guard.ts';
import { CLUSTER_ARN, EVENTS_ROLE_ARN, EVENTS_TRUST, PROCESSOR_TD_ARN, baseSteps, engineWith, messages, ok } from './event-fixtures.ts';

const TOPIC = 'arn:aws:sns:us-east-1:123456789012:task-alerts';
const STOPPED_PATTERN = { source: ['aws.ecs'], 'detail-type': ['ECS Task State Change'], detail: { clusterArn: [CLUSTER_ARN], lastStatus: ['STOPPED'] } };

const runTarget = (id: string, roleArn = EVENTS_ROLE_ARN) => ({ Id: id, Arn: CLUSTER_ARN, RoleArn: roleArn, EcsParameters: { TaskDefinitionArn: PROCESSOR_TD_ARN, LaunchType: 'EC2' } });

function metric(engine: SandboxEngine, name: string, rule: string): number {
  const series = engine.snapshot().metrics!.find((m) => m.Namespace === 'AWS/Events' && m.MetricName === name && m.Dimensions[0]!.Value === rule);
  return series === undefined ? 0 : series.points.reduce((sum, p) => sum + p.v, 0);
}

describe('pattern rules on ECS events', () => {
  it('a rule on STOPPED tasks logs each match and delivers it to its SNS topic', () => {
    const engine = engineWith([
      ...baseSteps(),
      { 'sim:SetImageBehavior': { image: 'public.ecr.aws/docker/library/busybox:1.36', behavior: 'crashAfter', afterSeconds: 20 } },
      { 'events:PutRule': { Name: 'stopped-tasks', EventPattern: STOPPED_PATTERN } },
      { 'events:PutTargets': { Rule: 'stopped-tasks', Targets: [{ Id: 'alert', Arn: TOPIC }] } },
      { 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'processor', count: 2 } },
    ]);
    engine.advance(2 * 60_000);
    const matched = messages(engine, 'events.rule-matched');
    expect(matched).toHaveLength(2);
    for (const line of matched) expect(line).toMatch(/^Rule stopped-tasks matched an ECS Task State Change: task [0-9a-f]{8}… STOPPED — Essential container in task exited\.$/);
    expect(messages(engine, 'events.delivered')).toEqual([`Rule stopped-tasks delivered the event to ${TOPIC}.`, `Rule stopped-tasks delivered the event to ${TOPIC}.`]);
    const rule = engine.snapshot().eventRules![0]!;
    expect(rule).toMatchObject({ matchedEvents: 2, failedInvocations: 0 });
    expect(metric(engine, 'MatchedEvents', 'stopped-tasks')).toBe(2);
    expect(metric(engine, 'Invocations', 'stopped-tasks')).toBe(2);
    expect(metric(engine, 'TriggeredRules', 'stopped-tasks')).toBe(2);
  });

  it('events before the rule existed are not replayed', () => {
    const engine = engineWith([...baseSteps(), { 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'processor' } }]);
    engine.advance(30_000);
    const task = engine.snapshot().tasks[0]!;
    ok(engine.dispatch({ 'events:PutRule': { Name: 'any-task', EventPattern: { source: ['aws.ecs'], 'detail-type': ['ECS Task State Change'] } } }));
    engine.advance(30_000);
    expect(messages(engine, 'events.rule-matched')).toEqual([]);
    ok(engine.dispatch({ 'ecs:StopTask': { cluster: 'demo', task: task.taskArn } }));
    engine.advance(60_000);
    const matched = messages(engine, 'events.rule-matched');
    expect(matched.length).toBeGreaterThanOrEqual(1);
    expect(matched[0]).toMatch(/^Rule any-task matched an ECS Task State Change: task [0-9a-f]{8}… \w+\. It has no targets, so nothing is invoked \(add one with events:PutTargets\)\.$/);
  });

  it('a target role without ecs:RunTask fails the invocation with IAM words, counted in FailedInvocations', () => {
    const engine = engineWith([
      ...baseSteps(),
      { 'iam:CreateRole': { RoleName: 'weak', AssumeRolePolicyDocument: EVENTS_TRUST } },
      { 'events:PutRule': { Name: 'nightly', ScheduleExpression: 'rate(1 hour)' } },
      { 'events:PutTargets': { Rule: 'nightly', Targets: [runTarget('run', 'arn:aws:iam::123456789012:role/weak')] } },
    ]);
    engine.advance(60 * 60_000);
    expect(engine.snapshot().tasks).toEqual([]);
    expect(messages(engine, 'events.invocation-failed')).toEqual([
      `Rule nightly: invoking target run (${CLUSTER_ARN}) failed, counted in FailedInvocations: AccessDeniedException: User: arn:aws:sts::123456789012:assumed-role/weak/events-rule-nightly is not authorized to perform: ecs:RunTask on resource: ${PROCESSOR_TD_ARN} because no identity-based policy allows the ecs:RunTask action`,
    ]);
    expect(engine.snapshot().eventRules![0]!.failedInvocations).toBe(1);
    expect(metric(engine, 'FailedInvocations', 'nightly')).toBe(1);
  });

  it('without iam:PassRole for the task role the invocation fails too', () => {
    const engine = engineWith([
      ...baseSteps(),
      { 'iam:CreateRole': { RoleName: 'no-pass', AssumeRolePolicyDocument: EVENTS_TRUST } },
      { 'iam:PutRolePolicy': { RoleName: 'no-pass', PolicyName: 'run', PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ecs:RunTask', Resource: '*' }] } } },
      { 'events:PutRule': { Name: 'tick', ScheduleExpression: 'rate(1 minute)' } },
      { 'events:PutTargets': { Rule: 'tick', Targets: [runTarget('run', 'arn:aws:iam::123456789012:role/no-pass')] } },
    ]);
    engine.advance(60_000);
    expect(messages(engine, 'events.invocation-failed')[0]).toContain('is not authorized to perform: iam:PassRole on resource: arn:aws:iam::123456789012:role/processor');
  });

  it('a role deleted after PutTargets: EventBridge cannot assume it', () => {
    const engine = engineWith([
      ...baseSteps(),
      { 'iam:CreateRole': { RoleName: 'temp', AssumeRolePolicyDocument: EVENTS_TRUST } },
      { 'events:PutRule': { Name: 'tick', ScheduleExpression: 'rate(1 minute)' } },
      { 'events:PutTargets': { Rule: 'tick', Targets: [runTarget('run', 'arn:aws:iam::123456789012:role/temp')] } },
      { 'iam:DeleteRole': { RoleName: 'temp' } },
    ]);
    engine.advance(60_000);
    expect(messages(engine, 'events.invocation-failed')[0]).toMatch(/EventBridge could not assume role arn:aws:iam::123456789012:role\/temp: it does not exist\.$/);
  });

  it(`a rule that starts tasks on its own tasks' events stops at ${CHAINED_TASKS_PER_RULE} chained tasks and says why`, () => {
    const steps: Step[] = [
      ...baseSteps(),
      { 'sim:SetImageBehavior': { image: 'public.ecr.aws/docker/library/busybox:1.36', behavior: 'crashAfter', afterSeconds: 5 } },
      { 'events:PutRule': { Name: 'restart', EventPattern: STOPPED_PATTERN } },
      { 'events:PutTargets': { Rule: 'restart', Targets: [runTarget('again')] } },
      { 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'processor' } },
    ];
    const engine = engineWith(steps);
    engine.advance(3 * 60 * 60_000);
    const started = engine.snapshot().events.filter((e) => e.kind === 'events.invocation').length;
    // The learner's task's STOPPED is not chained (1 task), then 25 chained ones.
    expect(started).toBe(1 + CHAINED_TASKS_PER_RULE);
    const stopped = messages(engine, 'events.loop-stopped');
    expect(stopped).toHaveLength(1);
    expect(stopped[0]).toMatch(/^Rule restart looks like a loop: it has started 25 task\(s\) from the events of tasks EventBridge rules started, and the sandbox stops at 25\./);
    expect(engine.snapshot().tasks.filter((t) => t.lastStatus !== 'STOPPED')).toEqual([]);
    expect(engine.nextTimerAt()).toBeNull();
  });
});
