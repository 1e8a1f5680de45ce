// Proves CreateAutoScalingGroup validation fills AWS's defaults (desired = min, cooldown 300,
// grace 0 via the API, template version $Default, Default termination policy) and refuses bad
// requests with AWS's ValidationError texts (min/max/desired, placement, launch source), never
// throwing on any input.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { validateCreateAutoScalingGroup } from '../../../workers/engine/autoscaling/asg-request.ts';

const base = {
  AutoScalingGroupName: 'web-asg',
  MinSize: 1,
  MaxSize: 4,
  VPCZoneIdentifier: 'subnet-a, subnet-b',
  LaunchTemplate: { LaunchTemplateName: 'ecs-node' },
};

function message(input: unknown): string | undefined {
  const result = validateCreateAutoScalingGroup(input);
  return result.ok ? undefined : result.error.message;
}

describe('validateCreateAutoScalingGroup', () => {
  it('fills AWS defaults', () => {
    expect(validateCreateAutoScalingGroup(base)).toEqual({
      ok: true,
      value: {
        autoScalingGroupName: 'web-asg',
        minSize: 1,
        maxSize: 4,
        desiredCapacity: 1,
        availabilityZones: [],
        subnetIds: ['subnet-a', 'subnet-b'],
        launchTemplate: { launchTemplateName: 'ecs-node', version: '$Default' },
        healthCheckGracePeriodSeconds: 0,
        defaultCooldownSeconds: 300,
        newInstancesProtectedFromScaleIn: false,
        terminationPolicies: ['Default'],
      },
    });
  });

  it('keeps given values and a mixed instances policy', () => {
    const result = validateCreateAutoScalingGroup({
      AutoScalingGroupName: 'mixed',
      MinSize: 0,
      MaxSize: 10,
      DesiredCapacity: 3,
      AvailabilityZones: ['us-east-1a', 'us-east-1b'],
      MixedInstancesPolicy: {
        LaunchTemplate: {
          LaunchTemplateSpecification: { LaunchTemplateId: 'lt-0abc', Version: '$Latest' },
          Overrides: [{ InstanceType: 'm5.large' }, { InstanceType: 'c5.large' }],
        },
      },
      HealthCheckGracePeriod: 300,
      DefaultCooldown: 60,
      NewInstancesProtectedFromScaleIn: true,
      TerminationPolicies: ['OldestInstance', 'Default'],
    });
    expect(result).toMatchObject({
      ok: true,
      value: {
        desiredCapacity: 3,
        availabilityZones: ['us-east-1a', 'us-east-1b'],
        mixedInstancesPolicy: { launchTemplate: { launchTemplateId: 'lt-0abc', version: '$Latest' }, instanceTypeOverrides: ['m5.large', 'c5.large'] },
        healthCheckGracePeriodSeconds: 300,
        defaultCooldownSeconds: 60,
        newInstancesProtectedFromScaleIn: true,
        terminationPolicies: ['OldestInstance', 'Default'],
      },
    });
  });

  it.each([
    [{ ...base, MinSize: 2, MaxSize: 1 }, 'Max bound, 1, must be greater than or equal to min bound, 2'],
    [{ ...base, DesiredCapacity: 0 }, 'Desired capacity:0 must be between the specified min size:1 and max size:4'],
    [{ ...base, DesiredCapacity: 5 }, 'Desired capacity:5 must be between the specified min size:1 and max size:4'],
    [{ ...base, VPCZoneIdentifier: undefined }, 'At least one Availability Zone or VPC Subnet is required.'],
    [{ ...base, VPCZoneIdentifier: ' , ' }, 'At least one Availability Zone or VPC Subnet is required.'],
    [{ ...base, LaunchTemplate: undefined }, 'Valid requests must contain either LaunchTemplate, LaunchConfigurationName, InstanceId or MixedInstancesPolicy parameter.'],
    [{ ...base, LaunchTemplate: {} }, 'Valid requests must contain either launchTemplateId or LaunchTemplateName'],
    [{ ...base, LaunchTemplate: { LaunchTemplateId: 'lt-1', LaunchTemplateName: 'x' } }, 'Valid requests must contain either launchTemplateId or LaunchTemplateName'],
    [{ ...base, MinSize: undefined }, "1 validation error detected: Value null at 'minSize' failed to satisfy constraint: Member must not be null"],
    [{ ...base, AutoScalingGroupName: undefined }, "1 validation error detected: Value null at 'autoScalingGroupName' failed to satisfy constraint: Member must not be null"],
  ])('refuses %j', (input, expected) => {
    expect(message(input)).toBe(expected);
  });

  it('refuses other bad values with a reason naming the field', () => {
    expect(message({ ...base, MaxSize: -1 })).toContain("'maxSize'");
    expect(message({ ...base, DefaultCooldown: 1.5 })).toContain('DefaultCooldown');
    expect(message({ ...base, TerminationPolicies: ['Oldest'] })).toContain('Unknown termination policy "Oldest"');
    expect(message({ ...base, LaunchTemplate: { LaunchTemplateName: 'x', Version: 'latest' } })).toContain('Version');
    expect(message({ ...base, LaunchConfigurationName: 'lc', LaunchTemplate: undefined })).toContain('not supported by the sandbox');
    expect(message({ ...base, NewInstancesProtectedFromScaleIn: 'yes' })).toContain('NewInstancesProtectedFromScaleIn');
    expect(message(null)).toContain('must be an object');
  });

  it('property: never throws, and every accepted request satisfies min ≤ desired ≤ max', () => {
    fc.assert(
      fc.property(fc.anything(), fc.integer({ min: -2, max: 6 }), fc.integer({ min: -2, max: 6 }), fc.option(fc.integer({ min: -2, max: 8 })), (junk, min, max, desired) => {
        const noise = validateCreateAutoScalingGroup(junk);
        const result = validateCreateAutoScalingGroup({ ...base, MinSize: min, MaxSize: max, ...(desired === null ? {} : { DesiredCapacity: desired }) });
        if (noise.ok) return false;
        if (!result.ok) return typeof result.error.message === 'string';
        const v = result.value;
        return v.minSize <= v.desiredCapacity && v.desiredCapacity <= v.maxSize;
      }),
    );
  });
});
