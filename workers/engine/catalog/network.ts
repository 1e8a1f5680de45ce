/**
 * The sandbox's fixed network and AMI identifiers. One default VPC with one subnet per
 * Availability Zone of us-east-1, and one ECS-optimized Amazon Linux 2023 AMI per architecture.
 * They are constants (well-formed, not real resources) so that every run shows the same ids.
 */
export const VPC_ID = 'vpc-0e5c1a7b9d3f24681';

export const SUBNET_BY_ZONE: Readonly<Record<string, string>> = {
  'us-east-1a': 'subnet-0a1f3c5e7b9d20461',
  'us-east-1b': 'subnet-0b2e4d6f8a0c31572',
  'us-east-1c': 'subnet-0c3d5f7a9b1e42683',
  'us-east-1d': 'subnet-0d4c6e8b0a2f53794',
  'us-east-1e': 'subnet-0e5b7d9c1f3a648a5',
  'us-east-1f': 'subnet-0f6a8c0d2e4b759b6',
};

export const AVAILABILITY_ZONES: readonly string[] = Object.keys(SUBNET_BY_ZONE);
export const DEFAULT_AVAILABILITY_ZONES: readonly string[] = ['us-east-1a', 'us-east-1b', 'us-east-1c'];

export const ECS_OPTIMIZED_AMI = { x86_64: 'ami-0a3c14e1ddbe7f23c', arm64: 'ami-0f1b2d3c4e5a69788' } as const;
