// Proves bad input never breaks an elbv2 command: arbitrary requests (and plausible ones with
// arbitrary field values) get an answer or an AWS-style error, never an InternalError, and a
// refused request leaves the snapshot byte-identical.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SUPPORTED_ACTIONS } from '../../../workers/engine/actions.ts';
import { createAlb, createTg, elbEngine, listen, runWeb } from './helpers.ts';

const ELB_ACTIONS = SUPPORTED_ACTIONS.filter((a) => a.startsWith('elbv2:'));
const FIELDS = ['Name', 'Subnets', 'Type', 'Protocol', 'Port', 'VpcId', 'TargetType', 'TargetGroupArn', 'LoadBalancerArn', 'ListenerArn', 'Targets', 'Attributes', 'DefaultActions', 'HealthCheckIntervalSeconds', 'HealthCheckTimeoutSeconds', 'Matcher', 'Names', 'TargetGroupArns'];

describe('elbv2 fuzz', () => {
  const engine = elbEngine(5);
  const { instanceId, ports } = runWeb(engine, 1);
  const tg = createTg(engine);
  const lb = createAlb(engine);
  listen(engine, lb, tg);
  const value = fc.oneof(fc.anything(), fc.constantFrom(tg, lb, instanceId, ports[0], 'vpc-default', 'HTTP', 'TCP', 'ip', 'subnet-us-east-1a'), fc.array(fc.oneof(fc.anything(), fc.record({ Id: fc.constantFrom(instanceId, '172.31.0.9', 'x'), Port: fc.integer({ min: -1, max: 70000 }) }), fc.record({ Key: fc.string(), Value: fc.string() }))));
  const request = fc.oneof(fc.anything(), fc.dictionary(fc.constantFrom(...FIELDS), value));

  it('never answers InternalError, and refusals change nothing', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ELB_ACTIONS), request, (action, body) => {
        const before = JSON.stringify(engine.snapshot());
        const result = engine.dispatch({ [action]: body });
        if ('error' in result) {
          expect(result.error.code).not.toBe('InternalError');
          expect(JSON.stringify(engine.snapshot())).toBe(before);
        }
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 400), seed: Number(process.env.SEED ?? 42) },
    );
  });
});
