// Every Application Auto Scaling request checker returns a value — never throws — for any input, and a
// refusal always carries one of AAS's error codes and a non-empty message (fast-check; seed printed).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkDeleteScalingPolicy, checkDescribeScalingPolicies, checkPutScalingPolicy } from '../../../workers/engine/appautoscaling/policy-requests.ts';
import type { AasResult } from '../../../workers/engine/appautoscaling/request-messages.ts';
import { checkDeregisterScalableTarget, checkDescribeScalableTargets, checkRegisterScalableTarget, type RegisteredTarget } from '../../../workers/engine/appautoscaling/requests.ts';
import { checkDeleteScheduledAction, checkDescribeScheduledActions, checkPutScheduledAction } from '../../../workers/engine/appautoscaling/scheduled-requests.ts';

const target: RegisteredTarget = {
  MinCapacity: 2,
  MaxCapacity: 6,
  SuspendedState: { DynamicScalingInSuspended: false, DynamicScalingOutSuspended: false, ScheduledScalingSuspended: false },
  RoleARN: 'r',
};
const CODES = ['ValidationException', 'ObjectNotFoundException', 'LimitExceededException', 'InvalidNextTokenException'];

function wellFormed(result: AasResult<unknown>): boolean {
  // "Request could not be read" is guard()'s answer to an internal exception: a bug, not a refusal.
  return result.ok
    ? result.value !== undefined
    : CODES.includes(result.error.code) && result.error.message.length > 0 && !result.error.message.startsWith('Request could not be read');
}

// Near-valid requests: the right member names with values drawn from valid, edge and junk values.
const member = (valid: unknown[]) => fc.oneof(fc.constantFrom(...valid), fc.anything());
const request = fc.record(
  {
    ServiceNamespace: member(['ecs', 'dynamodb', 'ECS']),
    ResourceId: member(['service/prod/web', 'service/prod', 'table/t']),
    ScalableDimension: member(['ecs:service:DesiredCount', 'ecs:service:Desired']),
    MinCapacity: member([0, 1, 7, -1, 1.5]),
    MaxCapacity: member([0, 5, 100]),
    SuspendedState: member([{ DynamicScalingInSuspended: true }, {}]),
    PolicyName: member(['cpu', '']),
    PolicyType: member(['TargetTrackingScaling', 'StepScaling', 'PredictiveScaling']),
    TargetTrackingScalingPolicyConfiguration: member([
      { TargetValue: 70, PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' } },
      { TargetValue: 5, PredefinedMetricSpecification: { PredefinedMetricType: 'ALBRequestCountPerTarget', ResourceLabel: 'app/a/1/targetgroup/t/2' } },
      { TargetValue: 5, CustomizedMetricSpecification: { MetricName: 'm', Namespace: 'n', Statistic: 'Sum', Dimensions: [{}] } },
    ]),
    StepScalingPolicyConfiguration: member([{ AdjustmentType: 'ChangeInCapacity', StepAdjustments: [{ MetricIntervalLowerBound: 0, ScalingAdjustment: 1 }] }, { StepAdjustments: [null] }]),
    ScheduledActionName: member(['night', 'a/b']),
    Schedule: member(['rate(5 minutes)', 'cron(0 9 * * ? *)', 'at(2026-03-01T09:00:00)', 'cron(', 'rate()']),
    Timezone: member(['UTC', 'Etc/GMT+9', 'Mars/Olympus']),
    StartTime: member([1_800_000_000, '2026-01-01T00:00:00Z', 'x']),
    EndTime: member([1_700_000_000, 1e20]),
    ScalableTargetAction: member([{ MinCapacity: 1 }, { MaxCapacity: 0, MinCapacity: 3 }, {}]),
    MaxResults: member([1, 10, 50, 0, 99]),
    NextToken: member(['0', '3', 'abc', '-1']),
    ResourceIds: member([['service/prod/web'], [1]]),
    PolicyNames: member([['cpu'], 'cpu']),
    ScheduledActionNames: member([['night']]),
  },
  { requiredKeys: [] },
);

const seed = Date.now() % 1_000_000;

describe('request checkers never throw', () => {
  it(`near-valid and arbitrary requests give a well-formed result (seed ${seed})`, () => {
    fc.assert(
      fc.property(fc.oneof(request, fc.anything()), fc.boolean(), fc.boolean(), fc.nat(250), (raw, exists, registered, count) => {
        const names = Array.from({ length: count }, (_, i) => (i === 0 ? 'cpu' : `p${i}`));
        const actions = names.map((n) => ({ ScheduledActionName: n === 'cpu' ? 'night' : n, Schedule: 'rate(1 day)', ScalableTargetAction: { MinCapacity: 1 } }));
        const ctx = {
          serviceExists: () => exists,
          target: () => (registered ? target : undefined),
          policyNames: () => names,
          scheduledActions: () => actions,
        };
        const results = [
          checkRegisterScalableTarget(raw, ctx),
          checkDeregisterScalableTarget(raw, ctx),
          checkDescribeScalableTargets(raw),
          checkPutScalingPolicy(raw, ctx),
          checkDeleteScalingPolicy(raw, ctx),
          checkDescribeScalingPolicies(raw),
          checkPutScheduledAction(raw, ctx),
          checkDeleteScheduledAction(raw, ctx),
          checkDescribeScheduledActions(raw),
        ];
        for (const result of results) expect(wellFormed(result)).toBe(true);
      }),
      { seed, numRuns: 1500 },
    );
  });

  it(`an accepted registration or scheduled action never has min above max (seed ${seed})`, () => {
    fc.assert(
      fc.property(request, fc.boolean(), (raw, registered) => {
        const ctx = { serviceExists: () => true, target: () => (registered ? target : undefined), scheduledActions: () => [] };
        const reg = checkRegisterScalableTarget(raw, ctx);
        if (reg.ok) expect(reg.value.MinCapacity).toBeLessThanOrEqual(reg.value.MaxCapacity);
        const put = checkPutScheduledAction(raw, ctx);
        if (put.ok) {
          const { MinCapacity, MaxCapacity } = put.value.ScalableTargetAction;
          expect(MinCapacity !== undefined || MaxCapacity !== undefined).toBe(true);
          if (MinCapacity !== undefined && MaxCapacity !== undefined) expect(MinCapacity).toBeLessThanOrEqual(MaxCapacity);
        }
      }),
      { seed, numRuns: 1500 },
    );
  });
});

describe('values JSON cannot write still get a refusal, not an exception', () => {
  it('BigInt, cycles and prototype-less objects', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    const ctx = { serviceExists: () => true, target: () => undefined };
    for (const odd of [10n, cyclic, Object.create(null) as object]) {
      const result = checkRegisterScalableTarget({ ServiceNamespace: 'ecs', ResourceId: 'service/a/b', ScalableDimension: 'ecs:service:DesiredCount', MinCapacity: odd, MaxCapacity: 1 }, ctx);
      expect(wellFormed(result)).toBe(true);
      expect(result.ok).toBe(false);
    }
  });
});
