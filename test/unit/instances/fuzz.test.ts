// Proves, by seeded fuzzing, that the container-instance, attribute and account-setting commands
// never throw (a throw would surface as InternalError), that every refusal leaves the snapshot
// byte-identical, and that the invariants hold after any sequence of them: at most 10 custom
// attributes per instance, versions never go down, statuses stay ACTIVE / DRAINING / REGISTERING.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isCustomAttribute } from '../../../workers/engine/commands/attributes.ts';
import type { SandboxEngine, Step } from '../../../workers/protocol.ts';
import { mixedEngine } from './helpers.ts';

const ACTIONS = [
  'ecs:PutAttributes',
  'ecs:DeleteAttributes',
  'ecs:ListAttributes',
  'ecs:UpdateContainerInstancesState',
  'ecs:ListContainerInstances',
  'ecs:PutAccountSetting',
  'ecs:PutAccountSettingDefault',
  'ecs:DeleteAccountSetting',
  'ecs:ListAccountSettings',
] as const;

const NAMES = ['stack', 'tier', 'k1', 'k2', 'k3', 'k4', 'k5', 'k6', 'k7', 'k8', 'k9', 'k10', 'ecs.instance-type', 'bad name', ''];
const VALUES = ['prod', 'dev', ' x', 'a'.repeat(129), 'enabled', 'disabled', 'DRAINING', 'ACTIVE', 'INACTIVE', '7'];
const SETTINGS = ['awsvpcTrunking', 'containerInsights', 'nope', 'guardDutyActivate', 'fargateTaskRetirementWaitPeriod'];
const FILTERS = ['attribute:stack == prod', 'attribute:stack exists and runningTasksCount == 0', 'attribute:x in [a', 'not(', 'task:group == family:web'];

/** Requests shaped like the real ones, with instance ARNs drawn from the cluster by index. */
function stepFor(engine: SandboxEngine): fc.Arbitrary<Step> {
  const arns = engine.snapshot().containerInstances.map((instance) => instance.containerInstanceArn);
  const target = fc.oneof(fc.constantFrom(...arns), fc.constant('nope'), fc.anything());
  const attribute = fc.record(
    { name: fc.constantFrom(...NAMES), value: fc.constantFrom(...VALUES), targetId: target, targetType: fc.constantFrom('container-instance', 'task') },
    { requiredKeys: ['name'] },
  );
  const body = fc.record(
    {
      cluster: fc.constantFrom('mixed', 'nope'),
      attributes: fc.array(attribute, { maxLength: 12 }),
      containerInstances: fc.array(target, { maxLength: 12 }),
      status: fc.constantFrom(...VALUES),
      targetType: fc.constantFrom('container-instance', 'task'),
      attributeName: fc.constantFrom(...NAMES),
      name: fc.constantFrom(...SETTINGS),
      value: fc.constantFrom(...VALUES),
      principalArn: fc.constantFrom('arn:aws:iam::123456789012:role/ecsInstanceRole', 'arn:aws:iam::123456789012:root', 'x'),
      effectiveSettings: fc.boolean(),
      filter: fc.constantFrom(...FILTERS),
      maxResults: fc.integer({ min: -1, max: 12 }),
    },
    { requiredKeys: [] },
  );
  return fc.tuple(fc.constantFrom(...ACTIONS), fc.oneof({ weight: 9, arbitrary: body }, { weight: 1, arbitrary: fc.anything() })).map(([action, request]) => ({ [action]: request }));
}

describe('container-instance commands under fuzzing', () => {
  it('never throw, refusals change nothing, and the invariants hold', () => {
    const engine = mixedEngine(5);
    const versions = new Map<string, number>();
    fc.assert(
      fc.property(fc.array(stepFor(engine), { minLength: 1, maxLength: 8 }), (steps) => {
        for (const step of steps) {
          const before = JSON.stringify(engine.snapshot());
          const result = engine.dispatch(step);
          if ('error' in result) {
            expect(result.error.code).not.toBe('InternalError');
            expect(JSON.stringify(engine.snapshot())).toBe(before);
          }
          for (const instance of engine.snapshot().containerInstances) {
            expect(instance.attributes.filter((a) => isCustomAttribute(a.name)).length).toBeLessThanOrEqual(10);
            expect(['ACTIVE', 'DRAINING', 'REGISTERING']).toContain(instance.status);
            expect(instance.version).toBeGreaterThanOrEqual(versions.get(instance.containerInstanceArn) ?? 1);
            versions.set(instance.containerInstanceArn, instance.version);
          }
        }
      }),
      { numRuns: 300, seed: 20261125 },
    );
  });
});
