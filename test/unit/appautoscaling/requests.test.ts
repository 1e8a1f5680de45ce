// Application Auto Scaling request checks for scalable targets (workers/engine/appautoscaling/requests.ts):
// RegisterScalableTarget, DeregisterScalableTarget, DescribeScalableTargets and pagination.
import { describe, expect, it } from 'vitest';
import {
  checkDeregisterScalableTarget,
  checkDescribeScalableTargets,
  checkRegisterScalableTarget,
  ECS_SERVICE_LINKED_ROLE_ARN,
  pageOf,
} from '../../../workers/engine/appautoscaling/requests.ts';
import { ID, key, refusal, registeredTarget, value } from './request-helpers.ts';

const registered = registeredTarget({
  SuspendedState: { DynamicScalingInSuspended: true, DynamicScalingOutSuspended: false, ScheduledScalingSuspended: false },
  RoleARN: 'arn:aws:iam::123456789012:role/custom',
});
const fresh = { serviceExists: (id: string) => id === ID, target: () => undefined };
const existing = { serviceExists: (id: string) => id === ID, target: (id: string) => (id === ID ? registered : undefined) };


describe('RegisterScalableTarget', () => {
  it('registers a new ECS service target with defaults (suspend flags false, service-linked role)', () => {
    const v = value(checkRegisterScalableTarget({ ...key, MinCapacity: 1, MaxCapacity: 10 }, fresh));
    expect(v).toMatchObject({ cluster: 'prod', service: 'web', MinCapacity: 1, MaxCapacity: 10, isNew: true, RoleARN: ECS_SERVICE_LINKED_ROLE_ARN });
    expect(v.SuspendedState).toEqual({ DynamicScalingInSuspended: false, DynamicScalingOutSuspended: false, ScheduledScalingSuspended: false });
  });

  it('accepts MinCapacity 0 (ECS services may scale to zero) and min = max', () => {
    expect(value(checkRegisterScalableTarget({ ...key, MinCapacity: 0, MaxCapacity: 0 }, fresh)).MaxCapacity).toBe(0);
  });

  it('re-registration changes only what is given', () => {
    const v = value(checkRegisterScalableTarget({ ...key, MaxCapacity: 20, SuspendedState: { ScheduledScalingSuspended: true } }, existing));
    expect(v).toMatchObject({ MinCapacity: 1, MaxCapacity: 20, isNew: false, RoleARN: 'arn:aws:iam::123456789012:role/custom' });
    expect(v.SuspendedState).toEqual({ DynamicScalingInSuspended: true, DynamicScalingOutSuspended: false, ScheduledScalingSuspended: true });
  });

  it('a first registration needs both MinCapacity and MaxCapacity', () => {
    expect(refusal(checkRegisterScalableTarget({ ...key, MinCapacity: 1 }, fresh))).toEqual({
      code: 'ValidationException',
      message: 'MinCapacity and MaxCapacity are required when you register a new scalable target',
    });
  });

  it('refuses min > max, also when the other bound comes from the existing target', () => {
    expect(refusal(checkRegisterScalableTarget({ ...key, MinCapacity: 5, MaxCapacity: 2 }, fresh)).message).toBe(
      'Minimum capacity cannot be greater than maximum capacity: MinCapacity 5, MaxCapacity 2',
    );
    expect(refusal(checkRegisterScalableTarget({ ...key, MinCapacity: 11 }, existing)).message).toBe(
      'Minimum capacity cannot be greater than maximum capacity: MinCapacity 11, MaxCapacity 10',
    );
  });

  it('refuses a service that does not exist with moto\'s text', () => {
    expect(refusal(checkRegisterScalableTarget({ ...key, ResourceId: 'service/prod/nope', MinCapacity: 1, MaxCapacity: 2 }, fresh))).toEqual({
      code: 'ValidationException',
      message: "ECS service doesn't exist: service/prod/nope",
    });
  });

  it('refuses namespaces and dimensions outside AWS\'s enums with the enum sentence and the sandbox note', () => {
    const ns = refusal(checkRegisterScalableTarget({ ...key, ServiceNamespace: 'ecs2', MinCapacity: 1, MaxCapacity: 2 }, fresh)).message;
    expect(ns).toMatch(/^1 validation error detected: Value 'ecs2' at 'serviceNamespace' failed to satisfy constraint: Member must satisfy enum value set: \[ecs, elasticmapreduce, ec2, /);
    expect(ns).toContain('The sandbox simulates Application Auto Scaling for ECS services only');
    const dim = refusal(checkRegisterScalableTarget({ ...key, ScalableDimension: 'ecs:service:Desired', MinCapacity: 1, MaxCapacity: 2 }, fresh)).message;
    expect(dim).toMatch(/^1 validation error detected: Value 'ecs:service:Desired' at 'scalableDimension' failed to satisfy constraint: Member must satisfy enum value set: \[ecs:service:DesiredCount, /);
  });

  it('refuses a real AWS namespace or dimension that the sandbox does not simulate', () => {
    expect(refusal(checkRegisterScalableTarget({ ...key, ServiceNamespace: 'dynamodb', MinCapacity: 1, MaxCapacity: 2 }, fresh)).message).toMatch(
      /^ServiceNamespace 'dynamodb' is not simulated\. The sandbox simulates/,
    );
    expect(refusal(checkRegisterScalableTarget({ ...key, ScalableDimension: 'dynamodb:table:ReadCapacityUnits', MinCapacity: 1, MaxCapacity: 2 }, fresh)).message).toMatch(
      /^Unsupported service namespace, resource type or scalable dimension\. The sandbox/,
    );
  });

  it('refuses a resource id that is not service/<cluster>/<service>', () => {
    expect(refusal(checkRegisterScalableTarget({ ...key, ResourceId: 'prod/web', MinCapacity: 1, MaxCapacity: 2 }, fresh)).message).toBe(
      "Unsupported service namespace, resource type or scalable dimension. An ECS service's ResourceId is service/<cluster-name>/<service-name>, e.g. service/default/web; got 'prod/web'.",
    );
  });

  it('refuses missing members, negative or fractional capacities and non-boolean flags', () => {
    expect(refusal(checkRegisterScalableTarget({ ResourceId: ID, ScalableDimension: 'ecs:service:DesiredCount' }, fresh)).message).toBe(
      "1 validation error detected: Value null at 'serviceNamespace' failed to satisfy constraint: Member must not be null",
    );
    expect(refusal(checkRegisterScalableTarget({ ...key, MinCapacity: -1, MaxCapacity: 2 }, fresh)).message).toMatch(/Value '-1' at 'minCapacity'/);
    expect(refusal(checkRegisterScalableTarget({ ...key, MinCapacity: 1.5, MaxCapacity: 2 }, fresh)).message).toMatch(/Value '1.5' at 'minCapacity'/);
    expect(refusal(checkRegisterScalableTarget({ ...key, MinCapacity: 1, MaxCapacity: 2, SuspendedState: { DynamicScalingInSuspended: 'yes' } }, fresh)).message).toMatch(
      /at 'suspendedState.dynamicScalingInSuspended'/,
    );
    expect(refusal(checkRegisterScalableTarget('nope', fresh)).message).toBe('The request must be an object of RegisterScalableTarget parameters');
  });
});

describe('DeregisterScalableTarget', () => {
  it('finds a registered target', () => {
    expect(value(checkDeregisterScalableTarget(key, existing))).toMatchObject({ ResourceId: ID, cluster: 'prod', service: 'web' });
  });
  it('refuses an unknown target with ObjectNotFoundException', () => {
    expect(refusal(checkDeregisterScalableTarget(key, fresh))).toEqual({
      code: 'ObjectNotFoundException',
      message: 'No scalable target found for service namespace: ecs, resource ID: service/prod/web, scalable dimension: ecs:service:DesiredCount',
    });
  });
});

describe('DescribeScalableTargets and pagination', () => {
  it('reads filters and defaults MaxResults to 50', () => {
    expect(value(checkDescribeScalableTargets({ ServiceNamespace: 'ecs', ResourceIds: [ID, 'anything'] }))).toEqual({
      ServiceNamespace: 'ecs',
      ResourceIds: [ID, 'anything'],
      maxResults: 50,
      offset: 0,
    });
  });
  it('refuses MaxResults above 50 and below 1, and a token it did not issue', () => {
    expect(refusal(checkDescribeScalableTargets({ ServiceNamespace: 'ecs', MaxResults: 51 })).message).toBe(
      "1 validation error detected: Value '51' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 50",
    );
    expect(refusal(checkDescribeScalableTargets({ ServiceNamespace: 'ecs', MaxResults: 0 })).message).toMatch(/greater than or equal to 1/);
    expect(refusal(checkDescribeScalableTargets({ ServiceNamespace: 'ecs', NextToken: 'abc' })).code).toBe('InvalidNextTokenException');
  });
  it('pages a list: NextToken until the last page, which has none', () => {
    const items = ['a', 'b', 'c', 'd', 'e'];
    const first = value(pageOf(items, { maxResults: 2, offset: 0 }));
    expect(first).toEqual({ items: ['a', 'b'], NextToken: '2' });
    const req = value(checkDescribeScalableTargets({ ServiceNamespace: 'ecs', MaxResults: 2, NextToken: first.NextToken }));
    expect(value(pageOf(items, req))).toEqual({ items: ['c', 'd'], NextToken: '4' });
    expect(value(pageOf(items, { maxResults: 2, offset: 4 }))).toEqual({ items: ['e'] });
    expect(refusal(pageOf(items, { maxResults: 2, offset: 9 })).code).toBe('InvalidNextTokenException');
  });
});
