// Proves ecs:PutAttributes / DeleteAttributes / ListAttributes behave as the ECS API documents them:
// request and response shapes, AWS's exceptions for each refusal (table-driven), the limits (10
// attributes per call, 10 custom attributes per instance, `ecs.` reserved), version bumps and events,
// and that an instance's attribute array is replaced, never changed in place (the placement
// explainer keeps old arrays).
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../workers/engine/clock.ts';
import { putAttributes, deleteAttributes } from '../../../workers/engine/commands/attributes.ts';
import { createCluster } from '../../../workers/engine/commands/clusters.ts';
import { addContainerInstances } from '../../../workers/engine/commands/container-instances.ts';
import type { EngineContext } from '../../../workers/engine/context.ts';
import { Prng } from '../../../workers/engine/prng.ts';
import { emptyState } from '../../../workers/engine/state.ts';
import type { Step } from '../../../workers/protocol.ts';
import { attributeOf, described, errorOf, instances, mixedEngine, responseOf } from './helpers.ts';

const TOO_LONG = 'a'.repeat(129);

function attributes(list: unknown[]): Step {
  return { 'ecs:PutAttributes': { cluster: 'mixed', attributes: list } };
}

describe('ecs:PutAttributes', () => {
  it('sets a custom attribute by ARN and answers with it, targetType filled in', () => {
    const engine = mixedEngine();
    const [first] = described(engine);
    const response = responseOf(engine.dispatch(attributes([{ name: 'stack', value: 'prod', targetId: first!.arn }])));
    expect(response).toEqual({ attributes: [{ name: 'stack', value: 'prod', targetType: 'container-instance', targetId: first!.arn }] });
    const instance = instances(engine)[0]!;
    expect(attributeOf(instance, 'stack')).toBe('prod');
    expect(instance.version).toBe(2);
    expect(engine.snapshot().events.at(-1)!.message).toMatch(/now has the attribute stack=prod.*attribute:stack == prod/);
  });

  it('takes a short ID with targetType, a value-less attribute, and several entries for one instance in one version', () => {
    const engine = mixedEngine();
    const [first] = described(engine);
    const shortId = first!.arn.slice(first!.arn.lastIndexOf('/') + 1);
    responseOf(
      engine.dispatch(
        attributes([
          { name: 'gpu', targetType: 'container-instance', targetId: shortId },
          { name: 'team', value: 'payments and risk', targetType: 'container-instance', targetId: shortId },
        ]),
      ),
    );
    const instance = instances(engine)[0]!;
    expect(attributeOf(instance, 'gpu')).toBeNull();
    expect(attributeOf(instance, 'team')).toBe('payments and risk');
    // 1 (registration) + 1 (one call, however many entries).
    expect(instance.version).toBe(2);
  });

  it('replaces a value where it stands; the same value again changes nothing (no new version)', () => {
    const engine = mixedEngine();
    const [first] = described(engine);
    responseOf(engine.dispatch(attributes([{ name: 'stack', value: 'dev', targetId: first!.arn }, { name: 'tier', value: 'web', targetId: first!.arn }])));
    responseOf(engine.dispatch(attributes([{ name: 'stack', value: 'prod', targetId: first!.arn }])));
    let instance = instances(engine)[0]!;
    const custom = instance.attributes.filter((a) => a.name === 'stack' || a.name === 'tier');
    expect(custom).toEqual([{ name: 'stack', value: 'prod' }, { name: 'tier', value: 'web' }]);
    expect(instance.version).toBe(3);
    expect(engine.snapshot().events.at(-1)!.message).toMatch(/stack changed from dev to prod/);
    responseOf(engine.dispatch(attributes([{ name: 'stack', value: 'prod', targetId: first!.arn }])));
    instance = instances(engine)[0]!;
    expect(instance.version).toBe(3);
    expect(engine.snapshot().events.at(-1)!.message).toMatch(/already had the attribute stack=prod; nothing changed/);
  });

  it('allows 10 custom attributes per instance and refuses the 11th with AttributeLimitExceededException', () => {
    const engine = mixedEngine();
    const [first] = described(engine);
    const ten = Array.from({ length: 10 }, (_, i) => ({ name: `k${i}`, value: 'v', targetId: first!.arn }));
    responseOf(engine.dispatch(attributes(ten)));
    // Overwriting one of the ten is fine: still 10.
    responseOf(engine.dispatch(attributes([{ name: 'k3', value: 'w', targetId: first!.arn }])));
    const error = errorOf(engine.dispatch(attributes([{ name: 'k10', value: 'v', targetId: first!.arn }])));
    expect(error.code).toBe('AttributeLimitExceededException');
    expect(error.message).toMatch(/^You can apply up to 10 custom attributes for each resource\..*would have 11/);
  });

  // Each refusal: [case, attributes or a whole request, code, message pattern].
  const REFUSALS: [string, (arn: string) => unknown, string, RegExp][] = [
    ['no attributes', () => [], 'InvalidParameterException', /attributes can not be empty/],
    ['11 in one call', (arn) => Array.from({ length: 11 }, (_, i) => ({ name: `n${i}`, targetId: arn })), 'InvalidParameterException', /up to 10 attributes in a single call; this one has 11/],
    ['not an object', () => ['stack=prod'], 'InvalidParameterException', /attributes\[0\] must be an object/],
    ['space in name', (arn) => [{ name: 'my attr', targetId: arn }], 'InvalidParameterException', /name "my attr" is invalid/],
    ['name of 129', (arn) => [{ name: TOO_LONG, targetId: arn }], 'InvalidParameterException', /is invalid: 1-128/],
    ['ecs. prefix', (arn) => [{ name: 'ecs.instance-type', value: 'x', targetId: arn }], 'InvalidParameterException', /names starting with "ecs\." are reserved/],
    ['trailing space in value', (arn) => [{ name: 'stack', value: 'prod ', targetId: arn }], 'InvalidParameterException', /invalid value "prod "/],
    ['value of 129', (arn) => [{ name: 'stack', value: TOO_LONG, targetId: arn }], 'InvalidParameterException', /invalid value/],
    ['value with a comma', (arn) => [{ name: 'stack', value: 'a,b', targetId: arn }], 'InvalidParameterException', /invalid value "a,b"/],
    ['numeric value', (arn) => [{ name: 'stack', value: 5, targetId: arn }], 'InvalidParameterException', /invalid value 5/],
    ['targetType task', (arn) => [{ name: 'stack', targetType: 'task', targetId: arn }], 'InvalidParameterException', /targetType must be container-instance, not "task"/],
    ['no targetId', () => [{ name: 'stack', value: 'prod' }], 'InvalidParameterException', /needs a targetId/],
    ['short ID without targetType', () => [{ name: 'stack', targetId: 'abc123' }], 'InvalidParameterException', /short ID, so targetType/],
    ['unknown short ID', () => [{ name: 'stack', targetType: 'container-instance', targetId: 'abc123' }], 'TargetNotFoundException', /^Could not find abc123$/],
    ['unknown ARN', () => [{ name: 'stack', targetId: 'arn:aws:ecs:us-east-1:123456789012:container-instance/mixed/ffff' }], 'TargetNotFoundException', /^Could not find arn:aws:ecs:us-east-1:123456789012:container-instance\/mixed\/ffff$/],
    ['ARN of another cluster', (arn) => [{ name: 'stack', targetId: arn.replace('/mixed/', '/other/') }], 'TargetNotFoundException', /^Could not find .*\/other\//],
    ['second entry bad after a good one', (arn) => [{ name: 'ok', targetId: arn }, { name: 'ecs.x', targetId: arn }], 'InvalidParameterException', /reserved/],
  ];

  it.each(REFUSALS)('refuses %s (%s)', (_, build, code, message) => {
    const engine = mixedEngine();
    const arn = described(engine)[0]!.arn;
    const before = JSON.stringify(engine.snapshot());
    const error = errorOf(engine.dispatch(attributes(build(arn) as unknown[])));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
    expect(JSON.stringify(engine.snapshot())).toBe(before);
  });

  it.each([
    ['unknown cluster', { cluster: 'nope', attributes: [{ name: 'a', targetId: 'x', targetType: 'container-instance' }] }, 'ClusterNotFoundException'],
    ['missing attributes', { cluster: 'mixed' }, 'ParamValidationError'],
    ['unknown parameter', { cluster: 'mixed', attributes: [], target: 'x' }, 'ParamValidationError'],
  ])('refuses a request with %s', (_, request, code) => {
    const engine = mixedEngine();
    expect(errorOf(engine.dispatch({ 'ecs:PutAttributes': request })).code).toBe(code);
  });
});

describe('ecs:DeleteAttributes', () => {
  it('removes a custom attribute (a value given is ignored), bumps the version and says so', () => {
    const engine = mixedEngine();
    const [first] = described(engine);
    responseOf(engine.dispatch(attributes([{ name: 'stack', value: 'prod', targetId: first!.arn }])));
    const response = responseOf(engine.dispatch({ 'ecs:DeleteAttributes': { cluster: 'mixed', attributes: [{ name: 'stack', value: 'whatever', targetId: first!.arn }] } }));
    expect(response).toEqual({ attributes: [{ name: 'stack', targetType: 'container-instance', targetId: first!.arn }] });
    const instance = instances(engine)[0]!;
    expect(attributeOf(instance, 'stack')).toBeUndefined();
    expect(instance.version).toBe(3);
    expect(engine.snapshot().events.at(-1)!.message).toMatch(/no longer has the attribute stack=prod/);
  });

  it('deleting an attribute the instance does not have succeeds and changes nothing', () => {
    const engine = mixedEngine();
    const [first] = described(engine);
    responseOf(engine.dispatch({ 'ecs:DeleteAttributes': { cluster: 'mixed', attributes: [{ name: 'stack', targetId: first!.arn }] } }));
    expect(instances(engine)[0]!.version).toBe(1);
    expect(engine.snapshot().events.at(-1)!.message).toMatch(/has no attribute stack; nothing was deleted/);
  });

  it.each([
    ['an ecs. attribute', 'ecs.availability-zone', 'InvalidParameterException', /reserved/],
    ['an unknown target', 'stack', 'TargetNotFoundException', /^Could not find /],
  ])('refuses to delete %s', (_, name, code, message) => {
    const engine = mixedEngine();
    const arn = name === 'stack' ? 'arn:aws:ecs:us-east-1:123456789012:container-instance/mixed/0000' : described(engine)[0]!.arn;
    const before = JSON.stringify(engine.snapshot());
    const error = errorOf(engine.dispatch({ 'ecs:DeleteAttributes': { cluster: 'mixed', attributes: [{ name, targetId: arn }] } }));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
    expect(JSON.stringify(engine.snapshot())).toBe(before);
  });
});

describe('ecs:ListAttributes', () => {
  it('lists every attribute of the cluster with its target, built-in ones included', () => {
    const engine = mixedEngine();
    // 6 instances: m5.large ×2, t3.medium ×2, m6g.large, c5.large.
    const response = responseOf(engine.dispatch({ 'ecs:ListAttributes': { cluster: 'mixed', targetType: 'container-instance', attributeName: 'ecs.instance-type' } }));
    expect(response.attributes.map((a: { value: string }) => a.value)).toEqual(['m5.large', 'm5.large', 't3.medium', 't3.medium', 'm6g.large', 'c5.large']);
    expect(response.attributes[0]).toEqual({ name: 'ecs.instance-type', value: 'm5.large', targetType: 'container-instance', targetId: described(engine)[0]!.arn });
  });

  it('filters by name and value, and pages with maxResults / nextToken', () => {
    const engine = mixedEngine();
    const list = (extra: Record<string, unknown>): Record<string, any> =>
      responseOf(engine.dispatch({ 'ecs:ListAttributes': { cluster: 'mixed', targetType: 'container-instance', ...extra } }));
    const arm = list({ attributeName: 'ecs.cpu-architecture', attributeValue: 'arm64' });
    expect(arm.attributes).toHaveLength(1);
    expect(arm.attributes[0].targetId).toBe(described(engine)[4]!.arn);
    // 6 instances in 4 pages of 2: 2 + 2 + 2.
    const first = list({ attributeName: 'ecs.availability-zone', maxResults: 2 });
    expect(first.attributes).toHaveLength(2);
    const second = list({ attributeName: 'ecs.availability-zone', maxResults: 2, nextToken: first.nextToken });
    const third = list({ attributeName: 'ecs.availability-zone', maxResults: 2, nextToken: second.nextToken });
    expect(third.nextToken).toBeUndefined();
    expect([...first.attributes, ...second.attributes, ...third.attributes].map((a: { value: string }) => a.value)).toEqual([
      'us-east-1a', 'us-east-1b', 'us-east-1a', 'us-east-1c', 'us-east-1b', 'us-east-1c',
    ]);
    // The agent's value-less capability attributes are listed without a value.
    const capability = list({ attributeName: 'ecs.capability.task-eni', maxResults: 1 });
    expect(capability.attributes[0]).not.toHaveProperty('value');
  });

  it.each([
    ['no targetType', { cluster: 'mixed' }, 'ParamValidationError', /Missing required parameter in input: "targetType"/],
    ['targetType task', { cluster: 'mixed', targetType: 'task' }, 'InvalidParameterException', /targetType must be container-instance/],
    ['a value without a name', { cluster: 'mixed', targetType: 'container-instance', attributeValue: 'x' }, 'InvalidParameterException', /give attributeName too/],
    ['unknown cluster', { cluster: 'nope', targetType: 'container-instance' }, 'ClusterNotFoundException', /Cluster not found/],
    ['maxResults 0', { cluster: 'mixed', targetType: 'container-instance', maxResults: 0 }, 'InvalidParameterException', /between 1 and 100/],
  ])('refuses %s', (_, request, code, message) => {
    const engine = mixedEngine();
    const error = errorOf(engine.dispatch({ 'ecs:ListAttributes': request }));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
  });
});

describe('attribute arrays are replaced, never changed in place', () => {
  function context(): EngineContext {
    const state = emptyState(1);
    const clock = new VirtualClock();
    let id = 1;
    return {
      state,
      clock,
      prng: new Prng(1),
      emit: (kind, message) => void state.events.push({ id: id++, time: clock.now, kind, message }),
      launchTask: () => undefined,
      requestStop: () => undefined,
    };
  }

  it('keeps the old array intact for whoever holds it (the placement explainer)', () => {
    const ctx = context();
    expect(createCluster(ctx, { clusterName: 'c' }).ok).toBe(true);
    expect(addContainerInstances(ctx, { cluster: 'c', instanceType: 'm5.large' }).ok).toBe(true);
    const instance = [...ctx.state.instances.values()][0]!;
    const held = instance.attributes;
    const heldCopy = structuredClone(held);
    expect(putAttributes(ctx, { cluster: 'c', attributes: [{ name: 'stack', value: 'prod', targetId: instance.containerInstanceArn }] }).ok).toBe(true);
    expect(instance.attributes).not.toBe(held);
    expect(held).toEqual(heldCopy);
    const afterPut = instance.attributes;
    const afterPutCopy = structuredClone(afterPut);
    expect(putAttributes(ctx, { cluster: 'c', attributes: [{ name: 'stack', value: 'dev', targetId: instance.containerInstanceArn }] }).ok).toBe(true);
    expect(afterPut).toEqual(afterPutCopy);
    expect(deleteAttributes(ctx, { cluster: 'c', attributes: [{ name: 'stack', targetId: instance.containerInstanceArn }] }).ok).toBe(true);
    expect(instance.attributes).toEqual(heldCopy);
    expect(instance.attributes).not.toBe(held);
  });
});
