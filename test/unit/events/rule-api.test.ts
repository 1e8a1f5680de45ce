// events:PutRule … ListTargetsByRule as actions: AWS's answers and errors, paging, the snapshot's
// eventRules, and every refusal leaving the sandbox byte-identical (snapshot and pending timers).
import { describe, expect, it } from 'vitest';
import type { SandboxEngine, Step } from '../../../workers/protocol.ts';
import { CLUSTER_ARN, EVENTS_ROLE_ARN, PROCESSOR_TD_ARN, baseSteps, engineWith, err, ok } from './event-fixtures.ts';

const target = { Id: 'run', Arn: CLUSTER_ARN, RoleArn: EVENTS_ROLE_ARN, EcsParameters: { TaskDefinitionArn: PROCESSOR_TD_ARN, LaunchType: 'EC2' } };
const withRules: Step[] = [
  ...baseSteps(),
  { 'events:PutRule': { Name: 'nightly', ScheduleExpression: 'cron(0 2 * * ? *)', Description: 'nightly batch' } },
  { 'events:PutTargets': { Rule: 'nightly', Targets: [target] } },
  { 'events:PutRule': { Name: 'stopped', EventPattern: '{"source":["aws.ecs"]}' } },
];

function expectUnchanged(engine: SandboxEngine, step: Step): { code: string; message: string } {
  const before = JSON.stringify(engine.snapshot());
  const timer = engine.nextTimerAt();
  const error = err(engine.dispatch(step));
  expect(JSON.stringify(engine.snapshot())).toBe(before);
  expect(engine.nextTimerAt()).toBe(timer);
  return error;
}

describe('EventBridge rule actions', () => {
  it('PutRule answers the rule ARN; DescribeRule and ListRules show it; the snapshot carries it with its next firing', () => {
    const engine = engineWith(baseSteps());
    expect(engine.snapshot().eventRules).toBeUndefined();
    expect(ok(engine.dispatch({ 'events:PutRule': { Name: 'nightly', ScheduleExpression: 'cron(0 2 * * ? *)' } }))).toEqual({ RuleArn: 'arn:aws:events:us-east-1:123456789012:rule/nightly' });
    expect(ok(engine.dispatch({ 'events:DescribeRule': { Name: 'nightly' } }))).toEqual({
      Name: 'nightly',
      Arn: 'arn:aws:events:us-east-1:123456789012:rule/nightly',
      ScheduleExpression: 'cron(0 2 * * ? *)',
      State: 'ENABLED',
      EventBusName: 'default',
      CreatedBy: '123456789012',
    });
    expect(engine.snapshot().eventRules).toEqual([
      { Name: 'nightly', Arn: 'arn:aws:events:us-east-1:123456789012:rule/nightly', ScheduleExpression: 'cron(0 2 * * ? *)', State: 'ENABLED', EventBusName: 'default', Targets: [], nextFireMs: 2 * 3_600_000, matchedEvents: 0, triggeredRules: 0, failedInvocations: 0 },
    ]);
    expect(engine.snapshot().events.at(-1)!.message).toBe(
      'Rule nightly created (ENABLED): it runs at 02:00 UTC every day (cron(0 2 * * ? *)); next run at 2026-01-01T02:00:00Z. Add targets with events:PutTargets.',
    );
  });

  it('ListRules filters by NamePrefix and pages with Limit / NextToken', () => {
    const engine = engineWith([...baseSteps(), ...['b-1', 'a-2', 'a-1', 'a-3'].map((Name) => ({ 'events:PutRule': { Name, ScheduleExpression: 'rate(1 day)' } }))]);
    const first = ok(engine.dispatch({ 'events:ListRules': { NamePrefix: 'a-', Limit: 2 } }));
    expect(first.Rules.map((r: { Name: string }) => r.Name)).toEqual(['a-1', 'a-2']);
    const second = ok(engine.dispatch({ 'events:ListRules': { NamePrefix: 'a-', Limit: 2, NextToken: first.NextToken } }));
    expect(second.Rules.map((r: { Name: string }) => r.Name)).toEqual(['a-3']);
    expect(second.NextToken).toBeUndefined();
    expect(ok(engine.dispatch({ 'events:ListRules': {} })).Rules).toHaveLength(4);
  });

  it('DeleteRule is refused while targets remain; after RemoveTargets it deletes; an unknown rule is a quiet success', () => {
    const engine = engineWith(withRules);
    const error = expectUnchanged(engine, { 'events:DeleteRule': { Name: 'nightly' } });
    expect(error).toEqual({ code: 'ValidationException', message: "Rule can't be deleted since it has targets. Remove its 1 target(s) first (run)." });
    expect(ok(engine.dispatch({ 'events:ListTargetsByRule': { Rule: 'nightly' } })).Targets).toEqual([target]);
    expect(ok(engine.dispatch({ 'events:RemoveTargets': { Rule: 'nightly', Ids: ['run', 'nope'] } }))).toEqual({
      FailedEntryCount: 1,
      FailedEntries: [{ TargetId: 'nope', ErrorCode: 'ResourceNotFoundException', ErrorMessage: "Rule 'nightly' does not have a target with the Id 'nope'." }],
    });
    ok(engine.dispatch({ 'events:DeleteRule': { Name: 'nightly' } }));
    expect(engine.snapshot().eventRules!.map((r) => r.Name)).toEqual(['stopped']);
    expect(ok(engine.dispatch({ 'events:DeleteRule': { Name: 'nightly' } }))).toEqual({});
  });

  it('PutTargets reports targets EventBridge could not invoke as FailedEntries and keeps the others', () => {
    const engine = engineWith(withRules);
    const response = ok(
      engine.dispatch({
        'events:PutTargets': {
          Rule: 'stopped',
          Targets: [
            { Id: 'ghost-role', Arn: CLUSTER_ARN, RoleArn: 'arn:aws:iam::123456789012:role/ghost', EcsParameters: { TaskDefinitionArn: PROCESSOR_TD_ARN } },
            { Id: 'topic', Arn: 'arn:aws:sns:us-east-1:123456789012:alerts' },
          ],
        },
      }),
    );
    expect(response.FailedEntryCount).toBe(1);
    expect(response.FailedEntries[0]).toMatchObject({ TargetId: 'ghost-role', ErrorCode: 'ValidationException' });
    expect(engine.snapshot().eventRules!.find((r) => r.Name === 'stopped')!.Targets.map((t) => t.Id)).toEqual(['topic']);
  });

  it.each<[string, Step, string, RegExp | string]>([
    ['PutRule without pattern or schedule', { 'events:PutRule': { Name: 'x' } }, 'ValidationException', 'Parameter(s) EventPattern or ScheduleExpression must be specified.'],
    ['PutRule bad name', { 'events:PutRule': { Name: 'a b', ScheduleExpression: 'rate(1 day)' } }, 'ValidationException', /Member must satisfy regular expression pattern/],
    ['PutRule bad pattern', { 'events:PutRule': { Name: 'x', EventPattern: '{"source":"aws.ecs"}' } }, 'InvalidEventPatternException', /^Event pattern is not valid\. Reason: /],
    ['PutRule bad cron', { 'events:PutRule': { Name: 'nightly', ScheduleExpression: 'cron(0 2 * * * *)' } }, 'ValidationException', /^Parameter ScheduleExpression is not valid\./],
    ['PutRule unknown parameter', { 'events:PutRule': { Name: 'x', ScheduleExpression: 'rate(1 day)', Schedule: 1 } }, 'ParamValidationError', /Unknown parameter/],
    ['DescribeRule unknown', { 'events:DescribeRule': { Name: 'nope' } }, 'ResourceNotFoundException', 'Rule nope does not exist on EventBus default.'],
    ['EnableRule unknown', { 'events:EnableRule': { Name: 'nope' } }, 'ResourceNotFoundException', 'Rule nope does not exist on EventBus default.'],
    ['DisableRule unknown', { 'events:DisableRule': { Name: 'nope' } }, 'ResourceNotFoundException', 'Rule nope does not exist on EventBus default.'],
    ['PutTargets unknown rule', { 'events:PutTargets': { Rule: 'nope', Targets: [target] } }, 'ResourceNotFoundException', 'Rule nope does not exist on EventBus default.'],
    ['PutTargets ECS target without RoleArn', { 'events:PutTargets': { Rule: 'stopped', Targets: [{ ...target, RoleArn: undefined }] } }, 'ValidationException', `RoleArn is required for target ${CLUSTER_ARN}.`],
    ['PutTargets sixth target', { 'events:PutTargets': { Rule: 'nightly', Targets: ['b', 'c', 'd', 'e', 'f'].map((Id) => ({ Id, Arn: 'arn:aws:sns:us-east-1:123456789012:t' })) } }, 'LimitExceededException', /at most 5 targets/],
    ['RemoveTargets unknown rule', { 'events:RemoveTargets': { Rule: 'nope', Ids: ['run'] } }, 'ResourceNotFoundException', 'Rule nope does not exist on EventBus default.'],
    ['ListRules bad limit', { 'events:ListRules': { Limit: 0 } }, 'ValidationException', /Member must have value greater than or equal to 1/],
    ['ListRules bad token', { 'events:ListRules': { NextToken: 'xyz' } }, 'ValidationException', /NextToken/],
  ])('%s is refused and changes nothing', (_name, step, code, message) => {
    const engine = engineWith(withRules);
    engine.advance(1_000);
    const error = expectUnchanged(engine, step);
    expect(error.code).toBe(code);
    if (typeof message === 'string') expect(error.message).toBe(message);
    else expect(error.message).toMatch(message);
  });

  it('a refusal before any rule exists creates no eventRules field', () => {
    const engine = engineWith(baseSteps());
    expectUnchanged(engine, { 'events:DescribeRule': { Name: 'nope' } });
    expectUnchanged(engine, { 'events:PutRule': { Name: 'x' } });
    expect(engine.snapshot().eventRules).toBeUndefined();
  });

  it('PutRule on an existing rule updates it and keeps its targets; a new schedule re-arms the timer', () => {
    const engine = engineWith(withRules);
    ok(engine.dispatch({ 'events:PutRule': { Name: 'nightly', ScheduleExpression: 'rate(10 minutes)' } }));
    const rule = engine.snapshot().eventRules!.find((r) => r.Name === 'nightly')!;
    expect(rule.Targets).toHaveLength(1);
    expect(rule.nextFireMs).toBe(10 * 60_000);
    expect(rule.Description).toBeUndefined();
  });
});
