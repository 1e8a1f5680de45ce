// Proves bad input never breaks the security-group and Classic Load Balancer commands: arbitrary
// requests (and plausible ones with arbitrary field values) get an answer or an AWS-style error,
// never an InternalError, and a refused request leaves the groups and Classic Load Balancers as
// they were (they are not in the snapshot, so their Describe answers are compared).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SUPPORTED_ACTIONS } from '../../../workers/engine/actions.ts';
import { call, elbEngine, runWeb } from '../elb/helpers.ts';

const ACTIONS = SUPPORTED_ACTIONS.filter((a) => a.startsWith('elb:') || a === 'ec2:CreateSecurityGroup' || a === 'ec2:AuthorizeSecurityGroupIngress' || a === 'ec2:RevokeSecurityGroupIngress');
const FIELDS = [
  'GroupName', 'Description', 'VpcId', 'GroupId', 'IpPermissions', 'IpProtocol', 'FromPort', 'ToPort', 'CidrIp', 'SourceSecurityGroupName', 'TagSpecifications', 'DryRun',
  'LoadBalancerName', 'Listeners', 'AvailabilityZones', 'Subnets', 'SecurityGroups', 'Scheme', 'HealthCheck', 'Instances', 'LoadBalancerNames',
];

describe('security group and Classic Load Balancer fuzz', () => {
  const engine = elbEngine(7);
  const { instanceId } = runWeb(engine, 1);
  const web = call(engine, 'ec2:CreateSecurityGroup', { GroupName: 'web', Description: 'web' }).GroupId as string;
  call(engine, 'elb:CreateLoadBalancer', { LoadBalancerName: 'classic', Listeners: [{ Protocol: 'HTTP', LoadBalancerPort: 80, InstancePort: 80 }], AvailabilityZones: ['us-east-1a'] });
  const permission = fc.record({
    IpProtocol: fc.oneof(fc.constantFrom('tcp', 'udp', '-1', 'icmp', '6', 'x'), fc.anything()),
    FromPort: fc.oneof(fc.integer({ min: -2, max: 70000 }), fc.anything()),
    ToPort: fc.oneof(fc.integer({ min: -2, max: 70000 }), fc.anything()),
    IpRanges: fc.array(fc.oneof(fc.record({ CidrIp: fc.constantFrom('0.0.0.0/0', '172.31.0.0/16', '10.0.0.1/8', 'x') }), fc.anything())),
    UserIdGroupPairs: fc.array(fc.oneof(fc.record({ GroupId: fc.constantFrom(web, 'sg-default', 'sg-nope') }), fc.anything())),
  }, { requiredKeys: [] });
  const value = fc.oneof(
    fc.anything(),
    fc.constantFrom(web, 'sg-default', 'web', 'classic', 'vpc-default', 'tcp', 32768, 'HTTP:80/', 'us-east-1a', instanceId),
    fc.array(fc.oneof(permission, fc.record({ Protocol: fc.constantFrom('HTTP', 'TCP', 'x'), LoadBalancerPort: fc.integer({ min: 0, max: 70000 }), InstancePort: fc.integer({ min: 0, max: 70000 }) }), fc.anything())),
    fc.record({ Target: fc.constantFrom('TCP:80', 'HTTP:80/', 'HTTP:80', 'x'), Interval: fc.integer({ min: 0, max: 400 }), Timeout: fc.integer({ min: 0, max: 80 }), UnhealthyThreshold: fc.integer({ min: 0, max: 12 }), HealthyThreshold: fc.integer({ min: 0, max: 12 }) }),
  );
  const request = fc.oneof(fc.anything(), fc.dictionary(fc.constantFrom(...FIELDS), value));
  const state = () => JSON.stringify([call(engine, 'ec2:DescribeSecurityGroups', {}), call(engine, 'elb:DescribeLoadBalancers', {}), engine.snapshot()]);

  it('never answers InternalError, and refusals change nothing', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ACTIONS), request, (action, body) => {
        const before = state();
        const result = engine.dispatch({ [action]: body });
        if ('error' in result) {
          expect(result.error.code).not.toBe('InternalError');
          expect(state()).toBe(before);
        }
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 300), seed: Number(process.env.SEED ?? 42) },
    );
  });
});
