// Target tracking on an ECS service end to end: RegisterScalableTarget, PutScalingPolicy (the
// AlarmHigh/AlarmLow pair), sim:SetServiceLoad driving AWS/ECS CPUUtilization (tasks of 256 units:
// load / running / 256 × 100 %), and the minute tick acting on the alarms — the desired count moves
// after the 3rd breaching minute and not before, through ecs:UpdateService (the scheduler starts the
// task), with AWS's activity words and one event with the numbers; the scale-out cooldown; scale-in
// only after 15 low minutes; none during a deployment; none on missing data; several policies.
import { describe, expect, it } from 'vitest';
import { activities, aasWorld, cpuPolicy, customMetric, eventsOf, MIN, register, TARGET } from './engine-helpers.ts';

const customPolicy = (name: string, target: number) => ({
  'application-autoscaling:PutScalingPolicy': {
    ...TARGET,
    PolicyName: name,
    PolicyType: 'TargetTrackingScaling',
    TargetTrackingScalingPolicyConfiguration: {
      TargetValue: target,
      CustomizedMetricSpecification: { Namespace: customMetric.namespace, MetricName: customMetric.metricName, Dimensions: customMetric.dimensions, Statistic: 'Average' },
    },
  },
});

describe('target tracking through the actions', () => {
  it('creates the alarm pair AWS creates and answers its ARN and alarms', () => {
    const w = aasWorld();
    register(w);
    const put = w.run(cpuPolicy());
    expect(put.PolicyARN).toMatch(/^arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:[0-9a-f-]{36}:resource\/ecs\/service\/demo\/web:policyName\/cpu70$/);
    expect(put.Alarms.map((a: { AlarmName: string }) => a.AlarmName)).toEqual([expect.stringMatching(/^TargetTracking-service\/demo\/web-AlarmHigh-/), expect.stringMatching(/^TargetTracking-service\/demo\/web-AlarmLow-/)]);
    const alarms = w.engine.snapshot().alarms!;
    const high = alarms.find((a) => a.AlarmName === put.Alarms[0].AlarmName)!;
    const low = alarms.find((a) => a.AlarmName === put.Alarms[1].AlarmName)!;
    expect(high).toMatchObject({ Threshold: 70, ComparisonOperator: 'GreaterThanThreshold', EvaluationPeriods: 3, Namespace: 'AWS/ECS', MetricName: 'CPUUtilization', AlarmActions: [put.PolicyARN] });
    expect(high.AlarmDescription).toBe(`DO NOT EDIT OR DELETE. For TargetTrackingScaling policy ${put.PolicyARN}.`);
    expect(low).toMatchObject({ Threshold: 63, ComparisonOperator: 'LessThanThreshold', EvaluationPeriods: 15 });
    const described = w.run({ 'application-autoscaling:DescribeScalingPolicies': { ServiceNamespace: 'ecs', ResourceId: TARGET.ResourceId } }).ScalingPolicies;
    expect(described).toHaveLength(1);
    expect(described[0]).toMatchObject({ PolicyName: 'cpu70', PolicyType: 'TargetTrackingScaling', Alarms: put.Alarms });
    expect(described[0].TargetTrackingScalingPolicyConfiguration).toMatchObject({ TargetValue: 70, ScaleOutCooldown: 300, ScaleInCooldown: 300, DisableScaleIn: false });
    // Putting it again updates it: same ARN, same alarm names.
    expect(w.run(cpuPolicy('cpu70', 60))).toEqual(put);
    expect(w.engine.snapshot().alarms!.find((a) => a.AlarmName === put.Alarms[0].AlarmName)!.Threshold).toBe(60);
  });

  it('scales out after the 3rd breaching minute, not before, and the scheduler starts the task', () => {
    const w = aasWorld();
    register(w);
    w.run(cpuPolicy());
    w.tick(3);
    expect(w.running()).toBe(2);
    w.load(384); // 384 / 2 / 256 = 75 %
    w.tick(2);
    expect(w.desired()).toBe(2);
    w.tick();
    // ceil(2 × 75 / 70) = 3
    expect(w.desired()).toBe(3);
    expect(eventsOf(w, 'appautoscaling.scaling')).toEqual(['Target tracking policy cpu70 on service web: CPUUtilization 75 > 70 for 3 of 3 minutes — desired count 2 → 3.']);
    const [activity] = activities(w);
    expect(activity).toMatchObject({ Description: 'Setting desired count to 3.', StatusCode: 'Successful', StatusMessage: 'Successfully set desired count to 3. Change successfully fulfilled by ecs.' });
    expect(activity!.Cause).toMatch(/^monitor alarm TargetTracking-service\/demo\/web-AlarmHigh-[0-9a-f-]+ in state ALARM triggered policy cpu70$/);
    expect(eventsOf(w, 'service.updated').at(-1)).toMatch(/^Service web was updated: desired count 3/);
    w.tick();
    expect(w.running()).toBe(3);
    // 384 / 3 / 256 = 50 %: between the low threshold 63 … no, below it — but 15 minutes are needed.
    w.tick(10);
    expect(w.desired()).toBe(3);
  });

  it('tracks memory too: ECSServiceAverageMemoryUtilization from the service load', () => {
    const w = aasWorld();
    register(w);
    w.run({
      'application-autoscaling:PutScalingPolicy': {
        ...TARGET,
        PolicyName: 'mem60',
        PolicyType: 'TargetTrackingScaling',
        TargetTrackingScalingPolicyConfiguration: { TargetValue: 60, PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageMemoryUtilization' } },
      },
    });
    w.tick(2);
    w.run({ 'sim:SetServiceLoad': { cluster: 'demo', service: 'web', memoryMiB: 800 } }); // 800 / 2 / 512 = 78.1 %
    w.tick(3);
    expect(w.desired()).toBe(3); // ceil(2 × 78.1 / 60)
    expect(eventsOf(w, 'appautoscaling.scaling')).toEqual(['Target tracking policy mem60 on service web: MemoryUtilization 78.1 > 60 for 3 of 3 minutes — desired count 2 → 3.']);
  });

  it('respects the scale-out cooldown: capacity already added counts until the 300 s are over', () => {
    const w = aasWorld();
    register(w);
    w.run(cpuPolicy());
    w.tick(3);
    w.load(600); // 2 tasks: capped at 100 %; 3 tasks: 78.1 %; 4 tasks: 58.6 %
    w.tick(3);
    expect(w.desired()).toBe(3); // ceil(2 × 100 / 70)
    // Still above 70 with 3 tasks, but within the cooldown ceil(2 × 78.1 / 70) = 3 is covered.
    for (let i = 0; i < 4; i++) {
      w.tick();
      expect(w.desired()).toBe(3);
    }
    w.tick();
    expect(w.desired()).toBe(4); // cooldown over: ceil(3 × 78.1 / 70) = 4
    w.tick(30);
    expect(w.desired()).toBe(4); // 58.6 % is below 63, but ceil(4 × 58.6 / 70) = 4: nothing to remove
  });

  it('scales in only after 15 low minutes, then waits the scale-in cooldown', () => {
    const w = aasWorld({ desired: 6 });
    w.load(300); // 300 / 6 / 256 = 19.5 %
    register(w);
    w.run(cpuPolicy());
    w.tick(14);
    expect(w.desired()).toBe(6);
    w.tick();
    // ceil(6 × 19.5 / 70) = 2
    expect(w.desired()).toBe(2);
    expect(eventsOf(w, 'appautoscaling.scaling').at(-1)).toBe('Target tracking policy cpu70 on service web: CPUUtilization 19.5 < 63 for 15 of 15 minutes — desired count 6 → 2.');
    w.tick(2);
    expect(w.running()).toBe(2);
  });

  it('waits out the scale-in cooldown before the next scale-in', () => {
    const w = aasWorld({ desired: 8 });
    w.load(1000); // 8 tasks: 48.8 % < 63 → ceil(8 × 48.8 / 70) = 6; then 65.1 % (≥ 63, holds)
    register(w);
    w.run(cpuPolicy());
    w.tick(15);
    expect(w.desired()).toBe(6);
    w.load(100); // 6.5 % from now on
    for (let i = 0; i < 4; i++) {
      w.tick();
      expect(w.desired()).toBe(6); // the low alarm stays in ALARM, the 300 s scale-in cooldown holds
    }
    w.tick();
    expect(w.desired()).toBe(1); // ceil(6 × 6.5 / 70) = 1
  });

  it('does not scale on missing data, and a policy with missing data holds the others’ scale-in', () => {
    const w = aasWorld({ desired: 4 });
    w.load(100); // 9.8 %: the CPU policy wants to scale in
    register(w);
    w.run(customPolicy('queue', 10)); // nobody publishes Sandbox/Test QueueDepth
    w.run(cpuPolicy());
    w.tick(20);
    expect(w.desired()).toBe(4);
    expect(activities(w)).toEqual([]);
    expect(w.engine.snapshot().alarms!.filter((a) => a.Namespace === 'Sandbox/Test').map((a) => a.StateValue)).toEqual(['INSUFFICIENT_DATA', 'INSUFFICIENT_DATA']);
  });

  it('several policies: out if ANY asks for more, the largest capacity wins', () => {
    const w = aasWorld({ desired: 2 });
    w.load(256); // 50 %: cpu70 holds
    register(w);
    w.run(cpuPolicy());
    w.run(customPolicy('queue', 10));
    w.tick(2);
    for (let i = 0; i < 3; i++) w.minute(35); // ceil(2 × 35 / 10) = 7
    expect(w.desired()).toBe(7);
    expect(eventsOf(w, 'appautoscaling.scaling').at(-1)).toBe('Target tracking policy queue on service web: QueueDepth 35 > 10 for 3 of 3 minutes — desired count 2 → 7.');
  });

  it('clamps to MaxCapacity', () => {
    const w = aasWorld();
    register(w, 1, 3);
    w.run(customPolicy('queue', 10));
    for (let i = 0; i < 3; i++) w.minute(400);
    expect(w.desired()).toBe(3);
  });

  it('honours DynamicScalingOutSuspended and says why once', () => {
    const w = aasWorld();
    register(w, 1, 10, { SuspendedState: { DynamicScalingOutSuspended: true } });
    w.run(cpuPolicy());
    w.load(512);
    w.tick(6);
    expect(w.desired()).toBe(2);
    expect(eventsOf(w, 'appautoscaling.held')).toEqual(['Policy cpu70 on service web would scale out but scale-out is suspended on the scalable target (DynamicScalingOutSuspended); desired count stays 2.']);
    // Resuming: RegisterScalableTarget with the flag off; the alarm is still in ALARM.
    register(w, 1, 10, { SuspendedState: { DynamicScalingOutSuspended: false } });
    w.tick();
    expect(w.desired()).toBe(3);
  });

  it('turns scale-in off while the service has a deployment in progress', () => {
    const w = aasWorld({ desired: 4 });
    w.load(200); // 19.5 %
    register(w);
    w.run(cpuPolicy());
    w.tick(14);
    w.engine.advance(MIN - 1_000); // the deployment starts one second before the 15th low minute
    w.run({ 'ecs:RegisterTaskDefinition': { family: 'web', containerDefinitions: [{ name: 'web', image: 'public.ecr.aws/nginx/nginx:1.28', cpu: 256, memory: 512 }] } });
    w.run({ 'ecs:UpdateService': { cluster: 'demo', service: 'web', taskDefinition: 'web:2' } });
    w.tick();
    expect(w.desired()).toBe(4);
    expect(eventsOf(w, 'appautoscaling.held').at(-1)).toBe(
      'Policy cpu70 on service web would scale in but Application Auto Scaling turns off scale-in while an Amazon ECS deployment is in progress; desired count stays 4.',
    );
    // Once the deployment completes, scale-in goes ahead.
    w.tick(10);
    expect(w.desired()).toBeLessThan(4);
  });

  it('DeleteScalingPolicy deletes its alarms; a learner deleting one alarm stops that direction until the policy is put again', () => {
    const w = aasWorld();
    register(w);
    const put = w.run(cpuPolicy());
    w.run({ 'cloudwatch:DeleteAlarms': { AlarmNames: [put.Alarms[0].AlarmName] } });
    w.load(512);
    w.tick(5);
    expect(w.desired()).toBe(2);
    const policy = w.run({ 'application-autoscaling:DescribeScalingPolicies': { ServiceNamespace: 'ecs' } }).ScalingPolicies[0];
    expect(policy.Alarms).toEqual([put.Alarms[1]]);
    w.run(cpuPolicy());
    w.tick(3);
    expect(w.desired()).toBe(3);
    w.run({ 'application-autoscaling:DeleteScalingPolicy': { ...TARGET, PolicyName: 'cpu70' } });
    expect(w.engine.snapshot().alarms ?? []).toEqual([]);
    expect(w.run({ 'application-autoscaling:DescribeScalingPolicies': { ServiceNamespace: 'ecs' } }).ScalingPolicies).toEqual([]);
  });

  it('an idle service (2 % CPU) scales in to MinCapacity after 15 minutes', () => {
    const w = aasWorld();
    register(w);
    w.run(cpuPolicy());
    w.tick(14);
    expect(w.desired()).toBe(2);
    w.tick();
    expect(w.desired()).toBe(1); // ceil(2 × 2 / 70) = 1
    w.engine.advance(60 * MIN);
    expect(w.desired()).toBe(1);
  });
});
