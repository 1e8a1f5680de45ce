// Proves checkAwsvpcConfiguration answers a RunTask/CreateService networkConfiguration as AWS
// does: botocore's parameter errors first (all at once), then ECS's — missing configuration, empty
// or too many subnets, too many security groups, a bad assignPublicIp, ENABLED on EC2, unknown
// subnets and security groups in AWS's "Error retrieving … information" wording, subnets or groups
// of another VPC — and fills in the VPC's default security group and DISABLED. It never throws.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkAwsvpcConfiguration,
  checkNetworkConfiguration,
  DEFAULT_NETWORK,
  DEFAULT_SUBNETS,
  type NetworkCatalog,
} from '../../../workers/engine/network/index.ts';

const awsvpc = (config: Record<string, unknown>) => ({ awsvpcConfiguration: config });

function errorOf(raw: unknown, options?: Parameters<typeof checkAwsvpcConfiguration>[1]) {
  const result = checkAwsvpcConfiguration(raw, options);
  if (result.ok) throw new Error(`expected an error, got ${JSON.stringify(result.config)}`);
  return result.error;
}

describe('valid configurations', () => {
  it('resolves subnets and defaults: sg-default, assignPublicIp DISABLED', () => {
    const result = checkAwsvpcConfiguration(awsvpc({ subnets: ['subnet-us-east-1a', 'subnet-us-east-1c'] }));
    expect(result).toEqual({
      ok: true,
      config: {
        subnets: [DEFAULT_SUBNETS[0], DEFAULT_SUBNETS[2]],
        securityGroups: ['sg-default'],
        assignPublicIp: 'DISABLED',
      },
    });
  });

  it('keeps what is given, counting duplicate ids once; ENABLED is fine on Fargate', () => {
    const result = checkAwsvpcConfiguration(
      awsvpc({ subnets: ['subnet-us-east-1b', 'subnet-us-east-1b'], securityGroups: ['sg-default', 'sg-default'], assignPublicIp: 'ENABLED' }),
      { launchType: 'FARGATE' },
    );
    expect(result.ok && result.config).toEqual({ subnets: [DEFAULT_SUBNETS[1]], securityGroups: ['sg-default'], assignPublicIp: 'ENABLED' });
  });

  it('accepts 16 subnets and 5 security groups (the limits themselves)', () => {
    const subnets = Array.from({ length: 16 }, (_, i) => DEFAULT_SUBNETS[i % 6]!.subnetId);
    expect(checkAwsvpcConfiguration(awsvpc({ subnets, securityGroups: Array(5).fill('sg-default') })).ok).toBe(true);
  });
});

describe('ECS errors (InvalidParameterException)', () => {
  it.each([
    ['no networkConfiguration', undefined],
    ['null', null],
    ['an empty networkConfiguration', {}],
    ['awsvpcConfiguration null', { awsvpcConfiguration: null }],
  ])('%s → Network Configuration must be provided', (_label, raw) => {
    expect(errorOf(raw)).toEqual({
      code: 'InvalidParameterException',
      message: "Network Configuration must be provided when networkMode 'awsvpc' is specified.",
    });
  });

  it('empty subnets → "subnets can not be empty."', () => {
    expect(errorOf(awsvpc({ subnets: [] }))).toEqual({ code: 'InvalidParameterException', message: 'subnets can not be empty.' });
  });

  it('17 subnets → the limit of 16, with the count', () => {
    const subnets = Array.from({ length: 17 }, (_, i) => `subnet-${i}`);
    const error = errorOf(awsvpc({ subnets }));
    expect(error.code).toBe('InvalidParameterException');
    expect(error.message).toBe('awsvpcConfiguration.subnets can list at most 16 subnets; 17 were given.');
  });

  it('6 security groups → the limit of 5, with the count', () => {
    const error = errorOf(awsvpc({ subnets: ['subnet-us-east-1a'], securityGroups: ['sg-1', 'sg-2', 'sg-3', 'sg-4', 'sg-5', 'sg-6'] }));
    expect(error).toEqual({ code: 'InvalidParameterException', message: 'awsvpcConfiguration.securityGroups can list at most 5 security groups; 6 were given.' });
  });

  it('assignPublicIp other than ENABLED/DISABLED → the enum constraint', () => {
    expect(errorOf(awsvpc({ subnets: ['subnet-us-east-1a'], assignPublicIp: 'yes' })).message).toBe(
      "1 validation error detected: Value 'yes' at 'networkConfiguration.awsvpcConfiguration.assignPublicIp' failed to satisfy constraint: Member must satisfy enum value set: [ENABLED, DISABLED]",
    );
  });

  it('assignPublicIp ENABLED with launch type EC2 → AWS\'s refusal', () => {
    const raw = awsvpc({ subnets: ['subnet-us-east-1a'], assignPublicIp: 'ENABLED' });
    expect(errorOf(raw, { launchType: 'EC2' })).toEqual({ code: 'InvalidParameterException', message: 'Assign public IP is not supported for this launch type.' });
    expect(errorOf(raw, { launchType: 'EXTERNAL' }).message).toBe('Assign public IP is not supported for this launch type.');
    expect(checkAwsvpcConfiguration(raw).ok).toBe(true); // launch type not known: not judged
  });

  it('an unknown subnet → ECS wrapping EC2\'s InvalidSubnetID.NotFound, with a suggestion', () => {
    const error = errorOf(awsvpc({ subnets: ['subnet-us-east-1a', 'subnet-us-east-1z'] }));
    expect(error.code).toBe('InvalidParameterException');
    expect(error.message).toMatch(
      /^Error retrieving subnet information for \[subnet-us-east-1a, subnet-us-east-1z\]: The subnet ID 'subnet-us-east-1z' does not exist \(ErrorCode: InvalidSubnetID\.NotFound\)/,
    );
    expect(error.message).toContain('Did you mean "subnet-us-east-1a"?');
    expect(error.message).toContain('subnet-us-east-1f');
  });

  it('the exact AWS text for a subnet id nothing resembles', () => {
    const error = errorOf(awsvpc({ subnets: ['subnet-0123456789abcdef0'] }));
    expect(error.message.startsWith(
      "Error retrieving subnet information for [subnet-0123456789abcdef0]: The subnet ID 'subnet-0123456789abcdef0' does not exist (ErrorCode: InvalidSubnetID.NotFound)",
    )).toBe(true);
  });

  it('an unknown security group → ECS wrapping EC2\'s InvalidGroup.NotFound', () => {
    const error = errorOf(awsvpc({ subnets: ['subnet-us-east-1a'], securityGroups: ['sg-0badc0ffee'] }));
    expect(error.code).toBe('InvalidParameterException');
    expect(error.message.startsWith(
      "Error retrieving security group information for [sg-0badc0ffee]: The security group 'sg-0badc0ffee' does not exist (ErrorCode: InvalidGroup.NotFound)",
    )).toBe(true);
    expect(error.message).toContain('sg-default');
  });

  describe('with a second VPC', () => {
    const catalog: NetworkCatalog = {
      vpcs: [...DEFAULT_NETWORK.vpcs, { vpcId: 'vpc-other', cidrBlock: '10.0.0.0/16', isDefault: false }],
      subnets: [...DEFAULT_NETWORK.subnets, { subnetId: 'subnet-other', availabilityZone: 'us-east-1a', cidrBlock: '10.0.0.0/24', vpcId: 'vpc-other' }],
      securityGroups: [
        ...DEFAULT_NETWORK.securityGroups,
        { groupId: 'sg-other', groupName: 'default', description: 'default VPC security group', vpcId: 'vpc-other' },
      ],
    };

    it('subnets of two VPCs are refused, naming both', () => {
      expect(errorOf(awsvpc({ subnets: ['subnet-us-east-1a', 'subnet-other'] }), { catalog })).toEqual({
        code: 'InvalidParameterException',
        message: 'All subnets of an awsvpcConfiguration must be in the same VPC; these are in 2 VPCs: vpc-default, vpc-other.',
      });
    });

    it('a security group of another VPC → "does not appear to belong to the same VPC"', () => {
      expect(errorOf(awsvpc({ subnets: ['subnet-us-east-1a'], securityGroups: ['sg-other'] }), { catalog })).toEqual({
        code: 'InvalidParameterException',
        message: 'Security group sg-other does not appear to belong to the same VPC as the input subnets.',
      });
    });

    it('no security group → the default group of the subnets\' VPC', () => {
      const result = checkAwsvpcConfiguration(awsvpc({ subnets: ['subnet-other'] }), { catalog });
      expect(result.ok && result.config.securityGroups).toEqual(['sg-other']);
    });
  });
});

describe('parameter validation (botocore, ParamValidationError)', () => {
  it('a networkConfiguration that is not an object', () => {
    expect(errorOf('subnet-us-east-1a')).toEqual({
      code: 'ParamValidationError',
      message:
        "Parameter validation failed:\nInvalid type for parameter networkConfiguration, value: subnet-us-east-1a, type: <class 'str'>, valid types: <class 'dict'>",
    });
  });

  it('lists every problem at once', () => {
    const error = errorOf({ awsvpcConfiguration: { securityGroups: 'sg-default', assignPublicIp: true, subnet: ['x'] }, extra: 1 });
    expect(error.code).toBe('ParamValidationError');
    expect(error.message.split('\n')).toEqual([
      'Parameter validation failed:',
      'Unknown parameter in networkConfiguration: "extra", must be one of: awsvpcConfiguration',
      'Unknown parameter in networkConfiguration.awsvpcConfiguration: "subnet", must be one of: subnets, securityGroups, assignPublicIp',
      'Missing required parameter in networkConfiguration.awsvpcConfiguration: "subnets"',
      "Invalid type for parameter networkConfiguration.awsvpcConfiguration.securityGroups, value: sg-default, type: <class 'str'>, valid types: <class 'list'>, <class 'tuple'>",
      "Invalid type for parameter networkConfiguration.awsvpcConfiguration.assignPublicIp, value: True, type: <class 'bool'>, valid types: <class 'str'>",
    ]);
  });

  it('names the index of a non-string subnet', () => {
    expect(errorOf(awsvpc({ subnets: ['subnet-us-east-1a', 7] })).message).toBe(
      "Parameter validation failed:\nInvalid type for parameter networkConfiguration.awsvpcConfiguration.subnets[1], value: 7, type: <class 'int'>, valid types: <class 'str'>",
    );
  });

  it('an awsvpcConfiguration that is a list', () => {
    expect(errorOf({ awsvpcConfiguration: ['subnet-us-east-1a'] }).message).toContain(
      "Invalid type for parameter networkConfiguration.awsvpcConfiguration, value: [\"subnet-us-east-1a\"], type: <class 'list'>, valid types: <class 'dict'>",
    );
  });
});

describe('checkNetworkConfiguration (any network mode)', () => {
  it('awsvpc: the awsvpc checks', () => {
    expect(checkNetworkConfiguration(undefined, 'awsvpc')).toEqual(checkAwsvpcConfiguration(undefined));
    expect(checkNetworkConfiguration(awsvpc({ subnets: ['subnet-us-east-1a'] }), 'awsvpc').ok).toBe(true);
  });

  it.each(['bridge', 'host', 'none', undefined])('%s: none needed, one given is refused', (mode) => {
    expect(checkNetworkConfiguration(undefined, mode)).toEqual({ ok: true, config: null });
    expect(checkNetworkConfiguration(awsvpc({ subnets: ['subnet-us-east-1a'] }), mode)).toEqual({
      ok: false,
      error: { code: 'InvalidParameterException', message: 'Network Configuration is not valid for the given networkMode of this task definition.' },
    });
  });
});

describe('robustness', () => {
  it('never throws, whatever it is given', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), (networkConfiguration, awsvpcConfiguration) => {
        const a = checkAwsvpcConfiguration(networkConfiguration);
        const b = checkAwsvpcConfiguration({ awsvpcConfiguration });
        for (const result of [a, b]) {
          if (!result.ok) expect(typeof result.error.message).toBe('string');
        }
      }),
      { seed: 4, numRuns: 300 },
    );
  });
});
