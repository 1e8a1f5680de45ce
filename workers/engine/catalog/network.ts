/**
 * The sandbox's fixed network and AMI identifiers. One default VPC with one default subnet per
 * Availability Zone of us-east-1, and one ECS-optimized Amazon Linux 2023 AMI per architecture.
 *
 * The VPC and subnet ids are readable on purpose (issue 4): scenario files name
 * `subnet-us-east-1a` in a RunTask `networkConfiguration` and can rely on it in every run. Real ids
 * are `vpc-`/`subnet-` plus hex; these keep the prefix. The full model (CIDR blocks, the default
 * security group, ENIs) lives in ../network/.
 */
export const VPC_ID = 'vpc-default';

/** us-east-1 has six Availability Zones, a–f. */
export const AVAILABILITY_ZONES: readonly string[] = [
  'us-east-1a',
  'us-east-1b',
  'us-east-1c',
  'us-east-1d',
  'us-east-1e',
  'us-east-1f',
];

/** `us-east-1a` → `subnet-us-east-1a`: each AZ's default subnet. */
export const SUBNET_BY_ZONE: Readonly<Record<string, string>> = Object.fromEntries(
  AVAILABILITY_ZONES.map((zone) => [zone, `subnet-${zone}`]),
);

export const DEFAULT_AVAILABILITY_ZONES: readonly string[] = ['us-east-1a', 'us-east-1b', 'us-east-1c'];

export const ECS_OPTIMIZED_AMI = { x86_64: 'ami-0a3c14e1ddbe7f23c', arm64: 'ami-0f1b2d3c4e5a69788' } as const;
