// The Application Auto Scaling actions never throw: any request to any of the ten answers a response
// or an AWS error, and a refused one leaves the snapshot byte-identical. Then the minute tick keeps
// the desired count within [MinCapacity, MaxCapacity] whatever was accepted (fast-check; seed printed).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { StepResult } from '../../../workers/protocol.ts';
import { aasWorld, register, TARGET } from './engine-helpers.ts';

const ACTIONS = [
  'RegisterScalableTarget',
  'DeregisterScalableTarget',
  'DescribeScalableTargets',
  'PutScalingPolicy',
  'DeleteScalingPolicy',
  'DescribeScalingPolicies',
  'PutScheduledAction',
  'DeleteScheduledAction',
  'DescribeScheduledActions',
  'DescribeScalingActivities',
] as const;

const member = (valid: unknown[]) => fc.option(fc.oneof(fc.constantFrom(...valid), fc.anything()), { nil: undefined });
const request = fc.record(
  {
    ServiceNamespace: member(['ecs']),
    ResourceId: member(['service/demo/web', 'service/demo/nope', 'demo/web']),
    ScalableDimension: member(['ecs:service:DesiredCount']),
    MinCapacity: member([0, 1, 3, 12]),
    MaxCapacity: member([1, 4, 10]),
    PolicyName: member(['p', 'q']),
    PolicyType: member(['TargetTrackingScaling', 'StepScaling']),
    TargetTrackingScalingPolicyConfiguration: member([
      { TargetValue: 50, PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' } },
      { TargetValue: 5, PredefinedMetricSpecification: { PredefinedMetricType: 'ALBRequestCountPerTarget', ResourceLabel: 'app/a/1/targetgroup/t/2' } },
      { TargetValue: 10, CustomizedMetricSpecification: { Metrics: [{ Id: 'e1', Expression: 'm1 / 2' }, { Id: 'm1', MetricStat: { Metric: { Namespace: 'n', MetricName: 'm' }, Stat: 'Sum' }, ReturnData: false }] } },
    ]),
    StepScalingPolicyConfiguration: member([{ AdjustmentType: 'ChangeInCapacity', StepAdjustments: [{ MetricIntervalLowerBound: 0, ScalingAdjustment: 2 }] }]),
    ScheduledActionName: member(['s']),
    Schedule: member(['rate(5 minutes)', 'cron(0/7 * * * ? *)', 'at(2026-01-01T00:10:00)', 'cron(x)']),
    Timezone: member(['UTC', 'Etc/GMT+3', 'Europe/Paris']),
    ScalableTargetAction: member([{ MinCapacity: 2 }, { MaxCapacity: 3 }, { MinCapacity: 5, MaxCapacity: 1 }]),
    MaxResults: member([1, 2, 0]),
    NextToken: member(['1', 'x']),
  },
  { requiredKeys: [] },
);

describe('Application Auto Scaling actions under random requests', () => {
  it('answer or refuse without throwing; a refusal changes nothing; the desired count stays within the bounds', () => {
    const seed = Date.now() % 1_000_000;
    console.log(`actions-fuzz seed ${seed}`);
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...ACTIONS), request), { minLength: 1, maxLength: 12 }), (steps) => {
        const w = aasWorld({ seed: 3 });
        register(w, 1, 10);
        for (const [action, body] of steps) {
          const before = JSON.stringify(w.engine.snapshot());
          const result = w.engine.dispatch({ [`application-autoscaling:${action}`]: body }) as StepResult;
          if ('error' in result) {
            expect(result.error.message.length).toBeGreaterThan(0);
            expect(JSON.stringify(w.engine.snapshot())).toBe(before);
          }
        }
        w.load(700);
        w.tick(20);
        const target = w.engine.snapshot().scalableTargets?.find((t) => t.ResourceId === TARGET.ResourceId);
        if (target !== undefined) {
          const desired = w.desired();
          expect(desired).toBeGreaterThanOrEqual(target.MinCapacity);
          expect(desired).toBeLessThanOrEqual(target.MaxCapacity);
        }
      }),
      { seed, numRuns: 25 },
    );
  });
});
