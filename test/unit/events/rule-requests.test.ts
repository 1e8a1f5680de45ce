// Proves the EventBridge rule requests (PutRule, DeleteRule, DescribeRule, ListRules, Enable/DisableRule):
// each happy path with AWS's answer shape, each refusal with AWS's code and text, and that nothing throws.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  checkDeleteRule,
  checkPutRule,
  checkSetRuleState,
  describeRule,
  listRules,
  ruleArn,
  type RuleRecord,
  type RulesContext,
} from '../../../workers/engine/events/rule-requests.ts';

const empty: RulesContext = { rules: [] };
const put = (ctx: RulesContext, request: unknown) => checkPutRule(ctx, request);
function rulesAfter(ctx: RulesContext, request: unknown): RuleRecord[] {
  const r = put(ctx, request);
  if (!r.ok) throw new Error(r.error.message);
  return r.rules;
}

describe('PutRule', () => {
  it('creates a schedule rule, ENABLED by default, answering its RuleArn', () => {
    const r = put(empty, { Name: 'nightly-report', ScheduleExpression: 'cron(0 2 * * ? *)' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.response).toEqual({ RuleArn: 'arn:aws:events:us-east-1:123456789012:rule/nightly-report' });
    expect(r.rules[0]).toMatchObject({ Name: 'nightly-report', State: 'ENABLED', EventBusName: 'default' });
    expect(r.rules[0]?.schedule?.kind).toBe('cron');
  });

  it('takes an event pattern, and both a pattern and a schedule on one rule', () => {
    const pattern = JSON.stringify({ source: ['aws.s3'], 'detail-type': ['Object Created'] });
    const both = put(empty, { Name: 'both', EventPattern: pattern, ScheduleExpression: 'rate(5 minutes)', State: 'DISABLED' });
    expect(both.ok && both.rules[0]).toMatchObject({ State: 'DISABLED', EventPattern: pattern, ScheduleExpression: 'rate(5 minutes)' });
  });

  it('re-put updates the rule in place and keeps its targets', () => {
    const rules = rulesAfter(empty, { Name: 'r', ScheduleExpression: 'rate(1 hour)' });
    const withTarget: RulesContext = { rules: [{ ...(rules[0] as RuleRecord), targets: [{ Id: 't1', Arn: 'arn:aws:sqs:us-east-1:123456789012:q' }] }] };
    const r = put(withTarget, { Name: 'r', ScheduleExpression: 'rate(2 hours)', Description: 'every two hours' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.rules).toHaveLength(1);
    expect(r.rules[0]).toMatchObject({ ScheduleExpression: 'rate(2 hours)', Description: 'every two hours' });
    expect(r.rules[0]?.targets.map((t) => t.Id)).toEqual(['t1']);
  });

  it('names a rule on another bus rule/BUS/NAME', () => {
    expect(ruleArn('x', 'orders')).toBe('arn:aws:events:us-east-1:123456789012:rule/orders/x');
  });

  it('refuses neither pattern nor schedule', () => {
    const r = put(empty, { Name: 'r' });
    expect(r).toEqual({ ok: false, error: { code: 'ValidationException', message: 'Parameter(s) EventPattern or ScheduleExpression must be specified.' } });
  });

  it('refuses a bad schedule with AWS text first, then the explanation', () => {
    const r = put(empty, { Name: 'r', ScheduleExpression: 'rate(1 minutes)' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('ValidationException');
    expect(r.error.message.startsWith('Parameter ScheduleExpression is not valid. ')).toBe(true);
    expect(r.error.message).toContain('singular');
  });

  it('refuses a schedule on a custom bus', () => {
    const r = put(empty, { Name: 'r', ScheduleExpression: 'rate(5 minutes)', EventBusName: 'orders' });
    expect(!r.ok && r.error.message).toBe('ScheduleExpression is supported only on the default event bus.');
  });

  it('refuses an invalid pattern with InvalidEventPatternException', () => {
    const r = put(empty, { Name: 'r', EventPattern: '{"source": "aws.s3"}' });
    expect(!r.ok && r.error.code).toBe('InvalidEventPatternException');
  });

  it('refuses bad names, states and lengths in the request-validation format', () => {
    const bad = put(empty, { Name: 'has space', ScheduleExpression: 'rate(5 minutes)' });
    expect(!bad.ok && bad.error.message).toBe(
      "1 validation error detected: Value 'has space' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+",
    );
    const long = put(empty, { Name: 'a'.repeat(65), ScheduleExpression: 'rate(5 minutes)' });
    expect(!long.ok && long.error.message).toContain('Member must have length less than or equal to 64');
    expect(put(empty, { Name: 'a'.repeat(64), ScheduleExpression: 'rate(5 minutes)' }).ok).toBe(true);
    const state = put(empty, { Name: 'r', ScheduleExpression: 'rate(5 minutes)', State: 'ON' });
    expect(!state.ok && state.error.message).toContain('Member must satisfy enum value set: [ENABLED, DISABLED]');
  });

  it('refuses the 301st rule on a bus with LimitExceededException, but still updates an existing one', () => {
    let ctx: RulesContext = empty;
    for (let i = 0; i < 300; i++) ctx = { rules: rulesAfter(ctx, { Name: `r${i}`, ScheduleExpression: 'rate(5 minutes)' }) };
    const r = put(ctx, { Name: 'one-more', ScheduleExpression: 'rate(5 minutes)' });
    expect(!r.ok && r.error.code).toBe('LimitExceededException');
    expect(!r.ok && r.error.message).toContain('at most 300 rules');
    expect(put(ctx, { Name: 'r7', ScheduleExpression: 'rate(6 minutes)' }).ok).toBe(true);
  });
});

describe('DeleteRule, DescribeRule, ListRules, EnableRule/DisableRule', () => {
  const base: RulesContext = {
    rules: rulesAfter({ rules: rulesAfter(empty, { Name: 'upload-b', EventPattern: '{"source":["aws.s3"]}' }) }, { Name: 'upload-a', ScheduleExpression: 'rate(5 minutes)' }),
  };

  it('deletes a rule without targets, and answers success for an unknown rule', () => {
    const r = checkDeleteRule(base, { Name: 'upload-a' });
    expect(r.ok && r.rules.map((x) => x.Name)).toEqual(['upload-b']);
    const unknown = checkDeleteRule(base, { Name: 'nope' });
    expect(unknown.ok && unknown.rules).toHaveLength(2);
  });

  it('refuses to delete a rule that still has targets', () => {
    const ctx: RulesContext = { rules: base.rules.map((r) => ({ ...r, targets: [{ Id: 'run', Arn: 'arn:aws:ecs:us-east-1:123456789012:cluster/default' }] })) };
    const r = checkDeleteRule(ctx, { Name: 'upload-a' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('ValidationException');
    expect(r.error.message.startsWith("Rule can't be deleted since it has targets.")).toBe(true);
  });

  it('describes a rule, and answers ResourceNotFoundException for an unknown one', () => {
    const r = describeRule(base, { Name: 'upload-b' });
    expect(r.ok && r.response).toMatchObject({ Name: 'upload-b', State: 'ENABLED', EventPattern: '{"source":["aws.s3"]}', EventBusName: 'default' });
    expect(describeRule(base, { Name: 'nope' })).toEqual({
      ok: false,
      error: { code: 'ResourceNotFoundException', message: 'Rule nope does not exist on EventBus default.' },
    });
  });

  it('lists by NamePrefix, sorted by name', () => {
    const all = listRules(base, {});
    expect(all.ok && all.response.Rules.map((r) => r.Name)).toEqual(['upload-a', 'upload-b']);
    const some = listRules(base, { NamePrefix: 'upload-b' });
    expect(some.ok && some.response.Rules.map((r) => r.Name)).toEqual(['upload-b']);
    const none = listRules(base, { NamePrefix: 'x' });
    expect(none.ok && none.response.Rules).toEqual([]);
  });

  it('disables and enables a rule; an unknown rule is not found', () => {
    const off = checkSetRuleState(base, { Name: 'upload-a' }, 'DISABLED');
    expect(off.ok && off.rules.find((r) => r.Name === 'upload-a')?.State).toBe('DISABLED');
    if (!off.ok) return;
    const on = checkSetRuleState({ rules: off.rules }, { Name: 'upload-a' }, 'ENABLED');
    expect(on.ok && on.rules.find((r) => r.Name === 'upload-a')?.State).toBe('ENABLED');
    expect(checkSetRuleState(base, { Name: 'nope' }, 'ENABLED').ok).toBe(false);
  });
});

describe('never throws', () => {
  it('on any request (fast-check)', () => {
    const seed = 7_0412;
    console.log(`rule-requests fuzz seed ${seed}`);
    const value = fc.oneof(fc.string(), fc.integer(), fc.constant(undefined), fc.constant(null), fc.constantFrom('rate(5 minutes)', 'cron(0 9 * * ? *)', '{"source":["aws.s3"]}', 'ENABLED', 'orders'));
    const request = fc.oneof(fc.anything(), fc.record({ Name: value, ScheduleExpression: value, EventPattern: value, State: value, EventBusName: value, NamePrefix: value, Description: value }, { requiredKeys: [] }));
    fc.assert(
      fc.property(request, (req) => {
        checkPutRule(empty, req);
        checkDeleteRule(empty, req);
        describeRule(empty, req);
        listRules(empty, req);
        checkSetRuleState(empty, req, 'DISABLED');
      }),
      { seed, numRuns: 400 },
    );
  });
});
