// Proves PutTargets / RemoveTargets / ListTargetsByRule for ECS RunTask targets (whole-request refusals
// as exceptions with AWS's texts, per-target problems as FailedEntries, the 5-target limit), and
// applyInputTransformer (paths, missing paths, quotes, reserved variables); nothing throws.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkPutRule, type RuleRecord } from '../../../workers/engine/events/rule-requests.ts';
import {
  checkPutTargets,
  checkRemoveTargets,
  listTargetsByRule,
  type TargetsContext,
} from '../../../workers/engine/events/target-requests.ts';
import { applyInputTransformer, checkInputTransformer } from '../../../workers/engine/events/input-transformer.ts';
import { objectCreatedEvent } from '../../../workers/engine/events/s3-events.ts';

const CLUSTER = 'arn:aws:ecs:us-east-1:123456789012:cluster/default';
const ROLE = 'arn:aws:iam::123456789012:role/ecsEventsRole';
const TD_FARGATE = 'arn:aws:ecs:us-east-1:123456789012:task-definition/thumbnailer:3';
const TD_BRIDGE = 'arn:aws:ecs:us-east-1:123456789012:task-definition/report:1';

function context(): TargetsContext {
  const put = checkPutRule({ rules: [] }, { Name: 'on-upload', EventPattern: '{"source":["aws.s3"]}' });
  if (!put.ok) throw new Error(put.error.message);
  return {
    rules: put.rules,
    roles: [
      { arn: ROLE, trustedServices: ['events.amazonaws.com'] },
      { arn: 'arn:aws:iam::123456789012:role/taskRole', trustedServices: ['ecs-tasks.amazonaws.com'] },
    ],
    clusterArns: [CLUSTER],
    taskDefinitions: [
      { arn: TD_FARGATE, networkMode: 'awsvpc', compatibilities: ['EC2', 'FARGATE'] },
      { arn: TD_BRIDGE, networkMode: 'bridge', compatibilities: ['EC2'] },
    ],
  };
}

const fargateTarget = (id = 'run-thumbnailer', extra: Record<string, unknown> = {}) => ({
  Id: id,
  Arn: CLUSTER,
  RoleArn: ROLE,
  EcsParameters: {
    TaskDefinitionArn: TD_FARGATE,
    TaskCount: 1,
    LaunchType: 'FARGATE',
    NetworkConfiguration: { awsvpcConfiguration: { Subnets: ['subnet-0a1b2c3d'], AssignPublicIp: 'ENABLED' } },
  },
  ...extra,
});

const targetsOf = (rules: RuleRecord[]) => rules.find((r) => r.Name === 'on-upload')?.targets ?? [];

describe('PutTargets', () => {
  it('adds an ECS RunTask target, answering FailedEntryCount 0, and ListTargetsByRule shows it', () => {
    const r = checkPutTargets(context(), { Rule: 'on-upload', Targets: [fargateTarget()] });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.response).toEqual({ FailedEntryCount: 0, FailedEntries: [] });
    const listed = listTargetsByRule({ rules: r.rules }, { Rule: 'on-upload' });
    expect(listed.ok && listed.response.Targets.map((t) => t.Id)).toEqual(['run-thumbnailer']);
  });

  it('replaces a target with the same Id in place', () => {
    const first = checkPutTargets(context(), { Rule: 'on-upload', Targets: [fargateTarget('a'), fargateTarget('b')] });
    if (!first.ok) throw new Error(first.error.message);
    const again = checkPutTargets({ ...context(), rules: first.rules }, { Rule: 'on-upload', Targets: [fargateTarget('a', { Input: '{"containerOverrides":[]}' })] });
    expect(again.ok && targetsOf(again.rules).map((t) => [t.Id, t.Input])).toEqual([['a', '{"containerOverrides":[]}'], ['b', undefined]]);
  });

  it('refuses an unknown rule with AWS text', () => {
    expect(checkPutTargets(context(), { Rule: 'nope', Targets: [fargateTarget()] })).toEqual({
      ok: false,
      error: { code: 'ResourceNotFoundException', message: 'Rule nope does not exist on EventBus default.' },
    });
  });

  it('refuses an ECS target without RoleArn', () => {
    const r = checkPutTargets(context(), { Rule: 'on-upload', Targets: [fargateTarget('t', { RoleArn: undefined })] });
    expect(r).toEqual({ ok: false, error: { code: 'ValidationException', message: `RoleArn is required for target ${CLUSTER}.` } });
  });

  it('refuses a bad Id, a bad Arn, 0 or 11 targets, TaskCount 0 and Input with InputPath', () => {
    const bad = (targets: unknown) => {
      const r = checkPutTargets(context(), { Rule: 'on-upload', Targets: targets });
      return r.ok ? 'accepted' : `${r.error.code}: ${r.error.message}`;
    };
    expect(bad([fargateTarget('no spaces')])).toBe(
      "ValidationException: 1 validation error detected: Value 'no spaces' at 'targets.1.member.id' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+",
    );
    expect(bad([fargateTarget('t', { Arn: 'cluster/default' })])).toBe('ValidationException: Parameter cluster/default is not valid. Reason: Provided Arn is not in correct format.');
    expect(bad([])).toContain('Member must have length greater than or equal to 1');
    expect(bad(Array.from({ length: 11 }, (_, i) => fargateTarget(`t${i}`)))).toContain('Member must have length less than or equal to 10');
    const zero = fargateTarget('t');
    zero.EcsParameters.TaskCount = 0;
    expect(bad([zero])).toContain("at 'targets.1.member.ecsParameters.taskCount' failed to satisfy constraint: Member must have value greater than or equal to 1");
    expect(bad([fargateTarget('t', { Input: '{}', InputPath: '$.detail' })])).toContain('mutually exclusive');
  });

  it('answers per-target problems as FailedEntries and stores the good targets', () => {
    const noTrust = fargateTarget('wrong-role', { RoleArn: 'arn:aws:iam::123456789012:role/taskRole' });
    const noNetwork = fargateTarget('no-network');
    delete (noNetwork.EcsParameters as Partial<typeof noNetwork.EcsParameters>).NetworkConfiguration;
    const r = checkPutTargets(context(), { Rule: 'on-upload', Targets: [fargateTarget('good'), noTrust, noNetwork] });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.response.FailedEntryCount).toBe(2);
    expect(r.response.FailedEntries.map((f) => f.TargetId)).toEqual(['wrong-role', 'no-network']);
    expect(r.response.FailedEntries[0]?.ErrorMessage).toContain('does not trust events.amazonaws.com');
    expect(r.response.FailedEntries[1]?.ErrorMessage).toContain('awsvpc');
    expect(targetsOf(r.rules).map((t) => t.Id)).toEqual(['good']);
  });

  it('reports a missing role, cluster or task definition, an incompatible launch type and TaskCount 11', () => {
    const messageFor = (target: unknown) => {
      const r = checkPutTargets(context(), { Rule: 'on-upload', Targets: [target] });
      return r.ok ? r.response.FailedEntries[0]?.ErrorMessage : r.error.message;
    };
    expect(messageFor(fargateTarget('t', { RoleArn: 'arn:aws:iam::123456789012:role/missing' }))).toContain('does not exist');
    expect(messageFor(fargateTarget('t', { Arn: 'arn:aws:ecs:us-east-1:123456789012:cluster/other' }))).toBe('Cluster arn:aws:ecs:us-east-1:123456789012:cluster/other does not exist.');
    const bridgeOnFargate = fargateTarget('t');
    bridgeOnFargate.EcsParameters.TaskDefinitionArn = TD_BRIDGE;
    expect(messageFor(bridgeOnFargate)).toContain('not compatible with launch type FARGATE');
    const eleven = fargateTarget('t');
    eleven.EcsParameters.TaskCount = 11;
    expect(messageFor(eleven)).toContain('TaskCount 11');
    const familyOnly = fargateTarget('t');
    familyOnly.EcsParameters.TaskDefinitionArn = 'arn:aws:ecs:us-east-1:123456789012:task-definition/thumbnailer';
    expect(messageFor(familyOnly)).toBeUndefined();
    const both = fargateTarget('t');
    (both.EcsParameters as Record<string, unknown>).CapacityProviderStrategy = [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }];
    expect(messageFor(both)).toContain('not both');
  });

  it('refuses a sixth target on a rule with LimitExceededException', () => {
    const five = checkPutTargets(context(), { Rule: 'on-upload', Targets: Array.from({ length: 5 }, (_, i) => fargateTarget(`t${i}`)) });
    if (!five.ok) throw new Error(five.error.message);
    const sixth = checkPutTargets({ ...context(), rules: five.rules }, { Rule: 'on-upload', Targets: [fargateTarget('t5')] });
    expect(!sixth.ok && sixth.error).toMatchObject({ code: 'LimitExceededException' });
    expect(!sixth.ok && sixth.error.message.startsWith('The requested resource exceeds the maximum number allowed.')).toBe(true);
    // Replacing one of the five is fine.
    expect(checkPutTargets({ ...context(), rules: five.rules }, { Rule: 'on-upload', Targets: [fargateTarget('t4')] }).ok).toBe(true);
  });
});

describe('RemoveTargets', () => {
  it('removes targets and reports unknown Ids as FailedEntries', () => {
    const added = checkPutTargets(context(), { Rule: 'on-upload', Targets: [fargateTarget('a'), fargateTarget('b')] });
    if (!added.ok) throw new Error(added.error.message);
    const r = checkRemoveTargets({ rules: added.rules }, { Rule: 'on-upload', Ids: ['a', 'zzz'] });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(targetsOf(r.rules).map((t) => t.Id)).toEqual(['b']);
    expect(r.response).toEqual({
      FailedEntryCount: 1,
      FailedEntries: [{ TargetId: 'zzz', ErrorCode: 'ResourceNotFoundException', ErrorMessage: "Rule 'on-upload' does not have a target with the Id 'zzz'." }],
    });
    expect(checkRemoveTargets({ rules: added.rules }, { Rule: 'nope', Ids: ['a'] }).ok).toBe(false);
  });
});

describe('applyInputTransformer', () => {
  const event = objectCreatedEvent({
    bucket: 'uploads', key: 'images/cat.png', size: 2048, etag: 'b1946ac92492d2347c6235b4d2611184', sequencer: '00617F08299329D189',
    requestId: 'N4N7GDK58NMKJ12R', sequence: 7, virtualMs: 60_000,
  });

  it('passes the object key into containerOverrides (the S3 → task architecture)', () => {
    const r = applyInputTransformer(
      {
        InputPathsMap: { bucket: '$.detail.bucket.name', key: '$.detail.object.key' },
        InputTemplate: '{"containerOverrides":[{"name":"thumbnailer","environment":[{"name":"BUCKET","value":<bucket>},{"name":"KEY","value":<key>}]}]}',
      },
      event,
    );
    expect(r.ok && r.value).toEqual({
      containerOverrides: [{ name: 'thumbnailer', environment: [{ name: 'BUCKET', value: 'uploads' }, { name: 'KEY', value: 'images/cat.png' }] }],
    });
  });

  it('inserts strings bare inside quotes, JSON outside, numbers and objects as JSON, array indices', () => {
    const r = applyInputTransformer(
      { InputPathsMap: { key: '$.detail.object.key', size: '$.detail.object.size', bucket: '$.detail.bucket', res: '$.resources[0]' }, InputTemplate: '{"msg":"uploaded \\"<key>\\" (<size> bytes)","size":<size>,"bucket":<bucket>,"arn":<res>}' },
      event,
    );
    expect(r.ok && r.value).toEqual({ msg: 'uploaded "images/cat.png" (2048 bytes)', size: 2048, bucket: { name: 'uploads' }, arn: 'arn:aws:s3:::uploads' });
  });

  it('keeps a plain-text template as text', () => {
    const r = applyInputTransformer({ InputPathsMap: { key: '$.detail.object.key' }, InputTemplate: '<key> was uploaded' }, event);
    expect(r.ok && r.value).toBe('images/cat.png was uploaded');
  });

  it('fills reserved variables from the context', () => {
    const r = applyInputTransformer({ InputTemplate: '{"rule":<aws.events.rule-name>,"src":"<aws.events.rule-arn>"}' }, event, { ruleName: 'on-upload', ruleArn: 'arn:aws:events:us-east-1:123456789012:rule/on-upload' });
    expect(r.ok && r.value).toEqual({ rule: 'on-upload', src: 'arn:aws:events:us-east-1:123456789012:rule/on-upload' });
  });

  it('writes nothing for a missing path: fine inside quotes, an error naming it outside', () => {
    const inside = applyInputTransformer({ InputPathsMap: { v: '$.detail.object.version-id' }, InputTemplate: '{"version":"<v>"}' }, event);
    expect(inside.ok && inside.value).toEqual({ version: '' });
    expect(inside.missing).toEqual(['v']);
    const outside = applyInputTransformer({ InputPathsMap: { v: '$.detail.object.version-id' }, InputTemplate: '{"version":<v>}' }, event);
    expect(outside.ok).toBe(false);
    expect(!outside.ok && outside.message).toContain('<v> ($.detail.object.version-id)');
  });

  it('does not escape a value holding a quote, so the JSON breaks', () => {
    const quoted = { ...event, detail: { ...event.detail, object: { ...event.detail.object, key: 'say "hi".txt' } } };
    const r = applyInputTransformer({ InputPathsMap: { key: '$.detail.object.key' }, InputTemplate: '{"k":"<key>"}' }, quoted);
    expect(r.ok).toBe(false);
    expect(r.text).toBe('{"k":"say "hi".txt"}');
  });

  it('rejects bad transformers as PutTargets would', () => {
    expect(checkInputTransformer({ InputPathsMap: { 'bad key': '$.a' }, InputTemplate: '<x>' }).ok).toBe(false);
    expect(checkInputTransformer({ InputPathsMap: { k: 'detail.key' }, InputTemplate: '<k>' }).ok).toBe(false);
    expect(checkInputTransformer({ InputPathsMap: { k: '$.detail' } }).ok).toBe(false);
    expect(checkInputTransformer({ InputPathsMap: { k: '$.detail.list[2].x' }, InputTemplate: '<k>' }).ok).toBe(true);
  });
});

describe('never throws', () => {
  it('on any PutTargets / RemoveTargets request or transformer (fast-check)', () => {
    const seed = 7_0413;
    console.log(`target-requests fuzz seed ${seed}`);
    const value = fc.oneof(fc.string(), fc.integer(), fc.constant(undefined), fc.constant(null), fc.constantFrom(CLUSTER, ROLE, TD_FARGATE, 'FARGATE', 'on-upload', '$.detail.object.key'));
    const ecs = fc.record({ TaskDefinitionArn: value, TaskCount: fc.oneof(fc.integer(), value), LaunchType: value, NetworkConfiguration: fc.anything() }, { requiredKeys: [] });
    const target = fc.record({ Id: value, Arn: value, RoleArn: value, EcsParameters: fc.oneof(ecs, fc.anything()), Input: value, InputPath: value, InputTransformer: fc.anything() }, { requiredKeys: [] });
    const request = fc.oneof(fc.anything(), fc.record({ Rule: value, Targets: fc.oneof(fc.array(target, { maxLength: 12 }), fc.anything()), Ids: fc.anything() }, { requiredKeys: [] }));
    const template = fc.oneof(fc.string(), fc.constantFrom('{"a":<k>}', '"<k>"', '<k> text', '{"a":"<k>"}', '[<k>, <aws.events.event>]'));
    fc.assert(
      fc.property(request, template, fc.anything(), (req, t, ev) => {
        checkPutTargets(context(), req);
        checkRemoveTargets(context(), req);
        listTargetsByRule(context(), req);
        applyInputTransformer({ InputPathsMap: { k: '$.detail.k' }, InputTemplate: t }, ev);
        applyInputTransformer(req as never, ev);
      }),
      { seed, numRuns: 400 },
    );
  });
});
