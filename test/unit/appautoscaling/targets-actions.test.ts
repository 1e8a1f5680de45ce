// Scalable targets through the actions: RegisterScalableTarget (new, update, min above / max below the
// desired count moves it at once with an activity), DescribeScalableTargets, DeregisterScalableTarget
// (its policies and their alarms and its scheduled actions go too), a deleted service's target is
// cleaned up, DescribeScalingActivities pages, the snapshot's fields.
import { describe, expect, it } from 'vitest';
import { activities, aasWorld, cpuPolicy, eventsOf, register, TARGET } from './engine-helpers.ts';

describe('scalable targets through the actions', () => {
  it('registers, answers the ARN, describes, and re-registers changing only what is given', () => {
    const w = aasWorld();
    const answer = register(w, 1, 10);
    expect(answer.ScalableTargetARN).toMatch(/^arn:aws:application-autoscaling:us-east-1:123456789012:scalable-target\/[0-9a-f]{36}$/);
    w.run({ 'application-autoscaling:RegisterScalableTarget': { ...TARGET, MaxCapacity: 8, SuspendedState: { ScheduledScalingSuspended: true } } });
    const described = w.run({ 'application-autoscaling:DescribeScalableTargets': { ServiceNamespace: 'ecs' } });
    expect(described).toEqual({
      ScalableTargets: [
        {
          ServiceNamespace: 'ecs',
          ResourceId: 'service/demo/web',
          ScalableDimension: 'ecs:service:DesiredCount',
          MinCapacity: 1,
          MaxCapacity: 8,
          RoleARN: 'arn:aws:iam::123456789012:role/aws-service-role/ecs.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_ECSService',
          CreationTime: '2026-01-01T00:00:00.000Z',
          SuspendedState: { DynamicScalingInSuspended: false, DynamicScalingOutSuspended: false, ScheduledScalingSuspended: true },
          ScalableTargetARN: answer.ScalableTargetARN,
        },
      ],
    });
    expect(w.engine.snapshot().scalableTargets).toEqual(described.ScalableTargets);
    expect(w.run({ 'application-autoscaling:DescribeScalableTargets': { ServiceNamespace: 'ecs', ResourceIds: ['service/demo/other'] } })).toEqual({ ScalableTargets: [] });
  });

  it('a MinCapacity above the desired count scales out to it at once, a MaxCapacity below scales in', () => {
    const w = aasWorld({ desired: 2 });
    register(w, 4, 10);
    expect(w.desired()).toBe(4);
    expect(activities(w)[0]).toMatchObject({ Description: 'Setting desired count to 4.', Cause: 'minimum capacity was set to 4', StatusCode: 'Successful' });
    expect(eventsOf(w, 'appautoscaling.scaling')).toEqual(['Scalable target service/demo/web registered: MinCapacity 4, MaxCapacity 10 — desired count 2 → 4.']);
    register(w, 1, 3);
    expect(w.desired()).toBe(3);
    expect(activities(w)[0]).toMatchObject({ Cause: 'maximum capacity was set to 3' });
    w.tick(2);
    expect(w.running()).toBe(3);
  });

  it('refuses what AWS refuses and changes nothing', () => {
    const w = aasWorld();
    const before = JSON.stringify(w.engine.snapshot());
    expect(w.refused({ 'application-autoscaling:RegisterScalableTarget': { ...TARGET, ResourceId: 'service/demo/nope', MinCapacity: 1, MaxCapacity: 2 } })).toEqual({
      code: 'ValidationException',
      message: "ECS service doesn't exist: service/demo/nope",
    });
    expect(w.refused({ 'application-autoscaling:RegisterScalableTarget': { ...TARGET, MinCapacity: 5, MaxCapacity: 2 } })).toEqual({
      code: 'ValidationException',
      message: 'Minimum capacity cannot be greater than maximum capacity: MinCapacity 5, MaxCapacity 2',
    });
    expect(w.refused({ 'application-autoscaling:DeregisterScalableTarget': TARGET }).code).toBe('ObjectNotFoundException');
    expect(w.refused(cpuPolicy())).toEqual({
      code: 'ObjectNotFoundException',
      message: 'No scalable target registered for service namespace: ecs, resource ID: service/demo/web, scalable dimension: ecs:service:DesiredCount',
    });
    expect(JSON.stringify(w.engine.snapshot())).toBe(before);
  });

  it('deregistering deletes its policies, their alarms and its scheduled actions; the service keeps its count', () => {
    const w = aasWorld();
    register(w, 3, 10);
    w.run(cpuPolicy());
    w.run({ 'application-autoscaling:PutScheduledAction': { ...TARGET, ScheduledActionName: 'nightly', Schedule: 'cron(0 22 * * ? *)', ScalableTargetAction: { MaxCapacity: 4 } } });
    expect(w.engine.snapshot().alarms).toHaveLength(2);
    w.run({ 'application-autoscaling:DeregisterScalableTarget': TARGET });
    const s = w.engine.snapshot();
    expect(s.scalableTargets).toEqual([]);
    expect(s.serviceScalingPolicies).toEqual([]);
    expect(s.scheduledActions).toEqual([]);
    expect(s.alarms ?? []).toEqual([]);
    expect(w.desired()).toBe(3);
    expect(eventsOf(w, 'appautoscaling.deregistered')).toEqual([
      'Scalable target service/demo/web deregistered with its 1 scaling policy (and their target tracking alarms) and 1 scheduled action; the service keeps desired count 3.',
    ]);
    w.engine.advance(24 * 3_600_000);
    expect(w.desired()).toBe(3);
  });

  it('a deleted service stops being scaled; its target is deregistered at the next minute', () => {
    const w = aasWorld();
    register(w);
    w.run(cpuPolicy());
    w.run({ 'ecs:DeleteService': { cluster: 'demo', service: 'web', force: true } });
    w.tick();
    const s = w.engine.snapshot();
    expect(s.scalableTargets).toEqual([]);
    expect(s.alarms ?? []).toEqual([]);
    expect(eventsOf(w, 'appautoscaling.deregistered')).toEqual([
      'Service web in cluster demo was deleted, so its scalable target service/demo/web was deregistered with 1 scaling policy and 0 scheduled actions (sandbox clean-up).',
    ]);
  });

  it('DescribeScalingActivities pages newest first with MaxResults and NextToken', () => {
    const w = aasWorld();
    register(w, 1, 10);
    for (const min of [3, 4, 5]) register(w, min, 10);
    const first = w.run({ 'application-autoscaling:DescribeScalingActivities': { ServiceNamespace: 'ecs', ResourceId: TARGET.ResourceId, MaxResults: 2 } });
    expect(first.ScalingActivities.map((a: { Description: string }) => a.Description)).toEqual(['Setting desired count to 5.', 'Setting desired count to 4.']);
    expect(first.NextToken).toBe('2');
    const second = w.run({ 'application-autoscaling:DescribeScalingActivities': { ServiceNamespace: 'ecs', MaxResults: 2, NextToken: first.NextToken } });
    expect(second.ScalingActivities.map((a: { Description: string }) => a.Description)).toEqual(['Setting desired count to 3.']);
    expect(second.NextToken).toBeUndefined();
    expect(w.refused({ 'application-autoscaling:DescribeScalingActivities': { ServiceNamespace: 'ecs', MaxResults: 51 } }).code).toBe('ValidationException');
    expect(w.refused({ 'application-autoscaling:DescribeScalingActivities': { ServiceNamespace: 'ecs', NextToken: 'x' } }).code).toBe('InvalidNextTokenException');
    expect(w.engine.snapshot().serviceScalingActivities).toHaveLength(3);
  });

  it('is deterministic: the same seed and the same steps give the same state, byte for byte', () => {
    const play = () => {
      const w = aasWorld({ seed: 5 });
      register(w, 1, 6);
      w.run(cpuPolicy());
      w.run({ 'application-autoscaling:PutScheduledAction': { ...TARGET, ScheduledActionName: 'cap', Schedule: 'rate(20 minutes)', ScalableTargetAction: { MaxCapacity: 5 } } });
      w.load(900);
      w.tick(45);
      return JSON.stringify(w.engine.snapshot());
    };
    const first = play();
    expect(JSON.parse(first).serviceScalingActivities.length).toBeGreaterThan(1);
    expect(play()).toBe(first);
  });
});
