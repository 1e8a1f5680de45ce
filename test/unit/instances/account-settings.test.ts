// Proves the ECS account settings commands (Put, PutDefault, Delete, List with effectiveSettings)
// resolve settings as ECS documents it (the principal's own, else the account default, else AWS's
// default), refuse bad names and values with AWS's wording, and that awsvpcTrunking changes exactly
// one thing: container instances registered afterwards, on a type that supports trunking, go
// REGISTERING while their trunk ENI is attached, then ACTIVE with ecs.awsvpc-trunk-id and an
// attachment; instances registered before, and types without trunking, stay as they were.
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../workers/engine/index.ts';
import { TRUNK_PROVISION_MAX_MS, TRUNK_PROVISION_MIN_MS } from '../../../workers/engine/commands/trunking.ts';
import type { SandboxEngine, Step } from '../../../workers/protocol.ts';
import { attributeOf, errorOf, instances, responseOf } from './helpers.ts';

const ROOT = 'arn:aws:iam::123456789012:root';
const INSTANCE_ROLE = 'arn:aws:iam::123456789012:role/ecsInstanceRole';

function engineWith(steps: Step[] = []): SandboxEngine {
  const engine = createEngine({ seed: 11 });
  engine.load({ id: 't', title: 't', seed: 11, setup: [{ 'ecs:CreateCluster': { clusterName: 'demo' } }, ...steps] });
  return engine;
}

function list(engine: SandboxEngine, request: Record<string, unknown> = {}): { name: string; value: string; principalArn: string }[] {
  return responseOf(engine.dispatch({ 'ecs:ListAccountSettings': request })).settings;
}

describe('account settings', () => {
  it('PutAccountSetting without principalArn sets the root user\'s setting, which is the account default', () => {
    const engine = engineWith();
    const response = responseOf(engine.dispatch({ 'ecs:PutAccountSetting': { name: 'containerInsights', value: 'enhanced' } }));
    expect(response).toEqual({ setting: { name: 'containerInsights', value: 'enhanced', principalArn: ROOT, type: 'user' } });
    expect(list(engine)).toEqual([{ name: 'containerInsights', value: 'enhanced', principalArn: ROOT, type: 'user' }]);
    // A role without its own setting inherits it.
    expect(list(engine, { name: 'containerInsights', principalArn: INSTANCE_ROLE, effectiveSettings: true })[0]!.value).toBe('enhanced');
  });

  it('the account\'s containerInsights default is what a cluster created without its own setting gets', () => {
    const engine = engineWith([{ 'ecs:PutAccountSettingDefault': { name: 'containerInsights', value: 'enabled' } }]);
    engine.dispatch({ 'ecs:CreateCluster': { clusterName: 'insights' } });
    engine.dispatch({ 'ecs:CreateCluster': { clusterName: 'quiet', settings: [{ name: 'containerInsights', value: 'disabled' }] } });
    const clusters = responseOf(engine.dispatch({ 'ecs:DescribeClusters': { clusters: ['insights', 'quiet'], include: ['SETTINGS'] } })).clusters;
    expect(clusters.map((c: { clusterName: string; settings: unknown }) => [c.clusterName, c.settings])).toEqual([
      ['insights', [{ name: 'containerInsights', value: 'enabled' }]],
      ['quiet', [{ name: 'containerInsights', value: 'disabled' }]],
    ]);
  });

  it('a principal\'s own setting wins over the default; deleting it falls back to the default', () => {
    const engine = engineWith([
      { 'ecs:PutAccountSettingDefault': { name: 'awsvpcTrunking', value: 'enabled' } },
      { 'ecs:PutAccountSetting': { name: 'awsvpcTrunking', value: 'disabled', principalArn: INSTANCE_ROLE } },
    ]);
    expect(list(engine, { principalArn: INSTANCE_ROLE })).toEqual([{ name: 'awsvpcTrunking', value: 'disabled', principalArn: INSTANCE_ROLE, type: 'user' }]);
    expect(list(engine, { name: 'awsvpcTrunking', effectiveSettings: true })[0]!.value).toBe('enabled');
    const deleted = responseOf(engine.dispatch({ 'ecs:DeleteAccountSetting': { name: 'awsvpcTrunking', principalArn: INSTANCE_ROLE } }));
    expect(deleted.setting).toEqual({ name: 'awsvpcTrunking', value: 'disabled', principalArn: INSTANCE_ROLE, type: 'user' });
    expect(list(engine, { principalArn: INSTANCE_ROLE })).toEqual([]);
    expect(list(engine, { name: 'awsvpcTrunking', principalArn: INSTANCE_ROLE, effectiveSettings: true })[0]!.value).toBe('enabled');
    expect(engine.snapshot().events.at(-1)!.message).toMatch(/was deleted for .*ecsInstanceRole; enabled applies now \(the account default\)/);
  });

  it('effectiveSettings lists every setting with AWS\'s defaults, in pages of at most 10', () => {
    const engine = engineWith();
    const first = responseOf(engine.dispatch({ 'ecs:ListAccountSettings': { effectiveSettings: true } }));
    // 11 settings: a page of 10 and a page of 1.
    expect(first.settings).toHaveLength(10);
    const second = responseOf(engine.dispatch({ 'ecs:ListAccountSettings': { effectiveSettings: true, nextToken: first.nextToken } }));
    const all = [...first.settings, ...second.settings];
    expect(all).toHaveLength(11);
    const byName = Object.fromEntries(all.map((s: { name: string; value: string }) => [s.name, s.value]));
    expect(byName).toMatchObject({ serviceLongArnFormat: 'enabled', taskLongArnFormat: 'enabled', containerInstanceLongArnFormat: 'enabled', awsvpcTrunking: 'disabled', containerInsights: 'disabled', fargateTaskRetirementWaitPeriod: '7' });
    expect(all.find((s: { name: string }) => s.name === 'guardDutyActivate').type).toBe('aws_managed');
    // Filtering by value needs a name.
    expect(list(engine, { name: 'awsvpcTrunking', value: 'enabled', effectiveSettings: true })).toEqual([]);
  });

  it('deleting a setting that was never set answers with the value in effect and changes nothing', () => {
    const engine = engineWith();
    const before = JSON.stringify(engine.snapshot());
    const response = responseOf(engine.dispatch({ 'ecs:DeleteAccountSetting': { name: 'awsvpcTrunking' } }));
    expect(response.setting).toEqual({ name: 'awsvpcTrunking', value: 'disabled', principalArn: ROOT, type: 'user' });
    expect(JSON.stringify(engine.snapshot())).toBe(before);
  });

  const REFUSALS: [string, Step, string, RegExp][] = [
    ['an unknown name', { 'ecs:PutAccountSetting': { name: 'awsvpcTrunkin', value: 'enabled' } }, 'InvalidParameterException', /^Invalid setting 'name'\. .*Did you mean "awsvpcTrunking"\?/],
    ['upper-case ENABLED', { 'ecs:PutAccountSetting': { name: 'awsvpcTrunking', value: 'ENABLED' } }, 'InvalidParameterException', /^Invalid setting 'value'\. awsvpcTrunking takes enabled or disabled, not "ENABLED"/],
    ['containerInsights on', { 'ecs:PutAccountSettingDefault': { name: 'containerInsights', value: 'on' } }, 'InvalidParameterException', /takes enabled or disabled or enhanced/],
    ['retirement period 3', { 'ecs:PutAccountSetting': { name: 'fargateTaskRetirementWaitPeriod', value: '3' } }, 'InvalidParameterException', /takes 0 or 7 or 14, not "3"/],
    ['guardDutyActivate', { 'ecs:PutAccountSetting': { name: 'guardDutyActivate', value: 'enabled' } }, 'InvalidParameterException', /read-only/],
    ['a foreign principal', { 'ecs:PutAccountSetting': { name: 'awsvpcTrunking', value: 'enabled', principalArn: 'arn:aws:iam::999999999999:role/x' } }, 'InvalidParameterException', /not an IAM principal of account 123456789012/],
    ['a principal that is not an ARN', { 'ecs:PutAccountSetting': { name: 'awsvpcTrunking', value: 'enabled', principalArn: 'ecsInstanceRole' } }, 'InvalidParameterException', /not an IAM principal/],
    ['a missing value', { 'ecs:PutAccountSetting': { name: 'awsvpcTrunking' } }, 'ParamValidationError', /Missing required parameter in input: "value"/],
    ['principalArn on the default', { 'ecs:PutAccountSettingDefault': { name: 'awsvpcTrunking', value: 'enabled', principalArn: ROOT } }, 'ParamValidationError', /Unknown parameter in input: "principalArn"/],
    ['Delete of an unknown name', { 'ecs:DeleteAccountSetting': { name: 'nope' } }, 'InvalidParameterException', /^Invalid setting 'name'/],
    ['List by an unknown name', { 'ecs:ListAccountSettings': { name: 'nope' } }, 'InvalidParameterException', /^Invalid setting 'name'/],
    ['List by value without name', { 'ecs:ListAccountSettings': { value: 'enabled' } }, 'InvalidParameterException', /give name too/],
    ['List maxResults 11', { 'ecs:ListAccountSettings': { maxResults: 11 } }, 'InvalidParameterException', /between 1 and 10, not 11/],
    ['List effectiveSettings "yes"', { 'ecs:ListAccountSettings': { effectiveSettings: 'yes' } }, 'ParamValidationError', /Invalid type for parameter effectiveSettings/],
  ];

  it.each(REFUSALS)('refuses %s', (_, step, code, message) => {
    const engine = engineWith([{ 'ecs:PutAccountSettingDefault': { name: 'containerInsights', value: 'enabled' } }]);
    const before = JSON.stringify(engine.snapshot());
    const error = errorOf(engine.dispatch(step));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
    expect(JSON.stringify(engine.snapshot())).toBe(before);
  });
});

describe('awsvpcTrunking', () => {
  it('only instances registered after it is enabled, on supporting types, get a trunk', () => {
    const engine = engineWith([
      { 'sim:AddContainerInstances': { cluster: 'demo', instanceType: 'm5.large' } },
      { 'ecs:PutAccountSettingDefault': { name: 'awsvpcTrunking', value: 'enabled' } },
      { 'sim:AddContainerInstances': { cluster: 'demo', instanceType: 'm5.large' } },
      { 'sim:AddContainerInstances': { cluster: 'demo', instanceType: 't3.medium' } },
    ]);
    const [before, trunked, t3] = instances(engine);
    expect(before!.status).toBe('ACTIVE');
    expect(before!.attachments).toBeUndefined();
    expect(trunked!.status).toBe('REGISTERING');
    expect(trunked!.attachments).toHaveLength(1);
    expect(trunked!.attachments![0]).toMatchObject({ type: 'ElasticNetworkInterface', status: 'ATTACHING' });
    expect(attributeOf(trunked!, 'ecs.awsvpc-trunk-id')).toBeUndefined();
    expect(t3!.status).toBe('ACTIVE');
    expect(t3!.attachments).toBeUndefined();
    const messages = engine.snapshot().events.map((event) => event.message);
    expect(messages.some((m) => /REGISTERING: awsvpcTrunking is enabled .* room for 10 awsvpc tasks instead of 2/.test(m))).toBe(true);
    expect(messages.some((m) => /t3\.medium does not support ENI trunking: .* at most 2 awsvpc tasks \(3 ENIs minus the primary\)/.test(m))).toBe(true);
  });

  it('a trunked instance becomes ACTIVE after a few seconds of virtual time, with ecs.awsvpc-trunk-id', () => {
    const engine = engineWith([
      { 'ecs:PutAccountSetting': { name: 'awsvpcTrunking', value: 'enabled', principalArn: INSTANCE_ROLE } },
      { 'sim:AddContainerInstances': { cluster: 'demo', instanceType: 'c5.large' } },
    ]);
    const due = engine.nextTimerAt();
    expect(due).not.toBeNull();
    expect(due!).toBeGreaterThanOrEqual(TRUNK_PROVISION_MIN_MS);
    expect(due!).toBeLessThanOrEqual(TRUNK_PROVISION_MAX_MS);
    engine.advance(due! - 1);
    expect(instances(engine)[0]!.status).toBe('REGISTERING');
    engine.advance(1);
    const instance = instances(engine)[0]!;
    expect(instance.status).toBe('ACTIVE');
    expect(instance.version).toBe(2);
    expect(instance.attachments![0]!.status).toBe('ATTACHED');
    const details = Object.fromEntries(instance.attachments![0]!.details.map((d) => [d.name, d.value]));
    expect(details.subnetId).toBe(attributeOf(instance, 'ecs.subnet-id'));
    expect(details.networkInterfaceId).toMatch(/^eni-[0-9a-f]{17}$/);
    expect(attributeOf(instance, 'ecs.awsvpc-trunk-id')).toBe(instance.attachments![0]!.id);
    expect(engine.snapshot().events.at(-1)!.message).toMatch(/trunk network interface is attached: it is ACTIVE.*up to 10 awsvpc tasks/);
    // ListAttributes finds trunked instances the way the ECS guide shows.
    const listed = responseOf(engine.dispatch({ 'ecs:ListAttributes': { cluster: 'demo', targetType: 'container-instance', attributeName: 'ecs.awsvpc-trunk-id' } }));
    expect(listed.attributes).toHaveLength(1);
  });

  it('a setting for another role does not apply to ecsInstanceRole instances; a role\'s own disabled beats an enabled default', () => {
    const engine = engineWith([
      { 'ecs:PutAccountSetting': { name: 'awsvpcTrunking', value: 'enabled', principalArn: 'arn:aws:iam::123456789012:role/otherRole' } },
      { 'sim:AddContainerInstances': { cluster: 'demo', instanceType: 'm5.large' } },
      { 'ecs:PutAccountSettingDefault': { name: 'awsvpcTrunking', value: 'enabled' } },
      { 'ecs:PutAccountSetting': { name: 'awsvpcTrunking', value: 'disabled', principalArn: INSTANCE_ROLE } },
      { 'sim:AddContainerInstances': { cluster: 'demo', instanceType: 'm5.large' } },
    ]);
    expect(instances(engine).map((instance) => instance.status)).toEqual(['ACTIVE', 'ACTIVE']);
    expect(engine.nextTimerAt()).toBeNull();
  });

  it('an instance still REGISTERING takes no tasks: RunTask places on the ACTIVE ones', () => {
    const engine = engineWith([
      { 'ecs:RegisterTaskDefinition': { family: 'web', containerDefinitions: [{ name: 'web', image: 'nginx', cpu: 128, memory: 128 }] } },
      { 'ecs:PutAccountSettingDefault': { name: 'awsvpcTrunking', value: 'enabled' } },
      { 'sim:AddContainerInstances': { cluster: 'demo', instanceType: 'm5.large' } },
    ]);
    const refused = responseOf(engine.dispatch({ 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'web' } }));
    expect(refused.tasks).toHaveLength(0);
    engine.advance(TRUNK_PROVISION_MAX_MS);
    const placed = responseOf(engine.dispatch({ 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'web' } }));
    expect(placed.tasks).toHaveLength(1);
  });
});
