// Proves every refusal of the container-instance, attribute and account-setting commands leaves the
// sandbox exactly as it was: byte-identical snapshot, the same pending timers (a trunk still being
// attached), and an untouched PRNG (the next instance registered gets the ARN a twin engine without
// the refused command gives it).
import { describe, expect, it } from 'vitest';
import type { SandboxEngine, Step } from '../../../workers/protocol.ts';
import { described, errorOf, mixedEngine, responseOf } from './helpers.ts';

/** The mixed cluster with custom attributes, one instance draining, ten custom attributes on instance 1, and a trunk being attached. */
function prepared(): SandboxEngine {
  const engine = mixedEngine(21);
  const all = described(engine);
  const ten = Array.from({ length: 10 }, (_, i) => ({ name: `k${i}`, value: 'v', targetId: all[1]!.arn }));
  const steps: Step[] = [
    { 'ecs:PutAttributes': { cluster: 'mixed', attributes: [{ name: 'stack', value: 'prod', targetId: all[0]!.arn }] } },
    { 'ecs:PutAttributes': { cluster: 'mixed', attributes: ten } },
    { 'ecs:UpdateContainerInstancesState': { cluster: 'mixed', containerInstances: [all[2]!.arn], status: 'DRAINING' } },
    { 'ecs:PutAccountSettingDefault': { name: 'awsvpcTrunking', value: 'enabled' } },
    { 'sim:AddContainerInstances': { cluster: 'mixed', instanceType: 'c5.large' } },
    { 'ecs:RunTask': { cluster: 'mixed', taskDefinition: 'web', count: 2 } },
  ];
  for (const step of steps) responseOf(engine.dispatch(step));
  engine.advance(1_000);
  return engine;
}

const ARN = (engine: SandboxEngine, index: number): string => described(engine)[index]!.arn;

const REFUSALS: [string, (engine: SandboxEngine) => Step][] = [
  ['PutAttributes 11th custom attribute', (e) => ({ 'ecs:PutAttributes': { cluster: 'mixed', attributes: [{ name: 'k10', value: 'v', targetId: ARN(e, 1) }] } })],
  ['PutAttributes good then reserved', (e) => ({ 'ecs:PutAttributes': { cluster: 'mixed', attributes: [{ name: 'ok', targetId: ARN(e, 0) }, { name: 'ecs.os-type', value: 'windows', targetId: ARN(e, 0) }] } })],
  ['PutAttributes good then unknown target', (e) => ({ 'ecs:PutAttributes': { cluster: 'mixed', attributes: [{ name: 'ok', targetId: ARN(e, 0) }, { name: 'ok', targetType: 'container-instance', targetId: 'nope' }] } })],
  ['PutAttributes bad value', (e) => ({ 'ecs:PutAttributes': { cluster: 'mixed', attributes: [{ name: 'stack', value: ' prod', targetId: ARN(e, 0) }] } })],
  ['DeleteAttributes good then reserved', (e) => ({ 'ecs:DeleteAttributes': { cluster: 'mixed', attributes: [{ name: 'stack', targetId: ARN(e, 0) }, { name: 'ecs.vpc-id', targetId: ARN(e, 0) }] } })],
  ['DeleteAttributes unknown cluster', (e) => ({ 'ecs:DeleteAttributes': { cluster: 'nope', attributes: [{ name: 'stack', targetId: ARN(e, 0) }] } })],
  ['ListAttributes without targetType', () => ({ 'ecs:ListAttributes': { cluster: 'mixed' } })],
  ['UpdateContainerInstancesState INACTIVE', (e) => ({ 'ecs:UpdateContainerInstancesState': { cluster: 'mixed', containerInstances: [ARN(e, 0)], status: 'INACTIVE' } })],
  ['UpdateContainerInstancesState 11 instances', () => ({ 'ecs:UpdateContainerInstancesState': { cluster: 'mixed', containerInstances: Array.from({ length: 11 }, (_, i) => `i${i}`), status: 'DRAINING' } })],
  ['ListContainerInstances bad filter', () => ({ 'ecs:ListContainerInstances': { cluster: 'mixed', filter: 'attribute:stack in [prod' } })],
  ['ListContainerInstances bad status', () => ({ 'ecs:ListContainerInstances': { cluster: 'mixed', status: 'INACTIVE' } })],
  ['AddContainerInstances with 11 custom attributes', () => ({ 'sim:AddContainerInstances': { cluster: 'mixed', instanceType: 'm5.large', attributes: Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`a${i}`, 'v'])) } })],
  ['PutAccountSetting bad value', () => ({ 'ecs:PutAccountSetting': { name: 'awsvpcTrunking', value: 'Enabled' } })],
  ['PutAccountSettingDefault unknown name', () => ({ 'ecs:PutAccountSettingDefault': { name: 'awsvpcTrunk', value: 'disabled' } })],
  ['DeleteAccountSetting bad principal', () => ({ 'ecs:DeleteAccountSetting': { name: 'awsvpcTrunking', principalArn: 'arn:aws:iam::1:root' } })],
  ['ListAccountSettings maxResults 0', () => ({ 'ecs:ListAccountSettings': { maxResults: 0 } })],
];

describe('refused container-instance commands change nothing', () => {
  it.each(REFUSALS)('%s', (_, build) => {
    const engine = prepared();
    const before = JSON.stringify(engine.snapshot());
    const timerBefore = engine.nextTimerAt();
    expect(timerBefore).not.toBeNull();
    errorOf(engine.dispatch(build(engine)));
    expect(JSON.stringify(engine.snapshot())).toBe(before);
    expect(engine.nextTimerAt()).toBe(timerBefore);
    const next = (e: SandboxEngine): string =>
      responseOf(e.dispatch({ 'sim:AddContainerInstances': { cluster: 'mixed', instanceType: 't3.small' } })).containerInstances[0].containerInstanceArn;
    expect(next(engine)).toBe(next(prepared()));
  });
});
