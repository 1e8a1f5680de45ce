/**
 * The network's message texts. VERBATIM (AWS answers seen in public issues): subnetNotFound and
 * securityGroupNotFound's ECS wrapper ("Error retrieving … information for [ids]: <EC2 message>
 * (ErrorCode: …)"), EC2's "The subnet ID '…' does not exist" / "The security group '…' does not
 * exist" / "The vpc ID '…' does not exist", securityGroupOtherVpc, assignPublicIpLaunchType,
 * networkConfigurationNotValid, invalidFilter. ECS's own wrapping of the security-group case is composed from the subnet one and
 * a RequestLimitExceeded answer of the same form (UNCONFIRMED as a whole). The limits (16 subnets,
 * 5 security groups) and "all from the same VPC" are the API reference's; their error wording is
 * the sandbox's (AWS's exact text is not known), as is the enum message.
 */
export const NETWORK_MESSAGES = {
  // ECS RunTask / CreateService (InvalidParameterException)
  subnetNotFound: (requested: readonly string[], missing: string) =>
    `Error retrieving subnet information for [${requested.join(', ')}]: The subnet ID '${missing}' does not exist (ErrorCode: InvalidSubnetID.NotFound)`,
  securityGroupNotFound: (requested: readonly string[], missing: string) =>
    `Error retrieving security group information for [${requested.join(', ')}]: The security group '${missing}' does not exist (ErrorCode: InvalidGroup.NotFound)`,
  securityGroupOtherVpc: (groupId: string) =>
    `Security group ${groupId} does not appear to belong to the same VPC as the input subnets.`,
  assignPublicIpLaunchType: () => 'Assign public IP is not supported for this launch type.',
  networkConfigurationNotValid: () => 'Network Configuration is not valid for the given networkMode of this task definition.',
  tooManySubnets: (count: number, max: number) =>
    `awsvpcConfiguration.subnets can list at most ${max} subnets; ${count} were given.`,
  tooManySecurityGroups: (count: number, max: number) =>
    `awsvpcConfiguration.securityGroups can list at most ${max} security groups; ${count} were given.`,
  subnetsInDifferentVpcs: (vpcs: readonly string[]) =>
    `All subnets of an awsvpcConfiguration must be in the same VPC; these are in ${vpcs.length} VPCs: ${vpcs.join(', ')}.`,
  assignPublicIpValue: (value: string) =>
    `1 validation error detected: Value '${value}' at 'networkConfiguration.awsvpcConfiguration.assignPublicIp' failed to satisfy constraint: Member must satisfy enum value set: [ENABLED, DISABLED]`,
  // EC2 Describe* (codes InvalidSubnetID.NotFound, InvalidGroup.NotFound, InvalidVpcID.NotFound, InvalidParameterValue)
  ec2SubnetNotFound: (id: string) => `The subnet ID '${id}' does not exist`,
  ec2GroupNotFound: (id: string) => `The security group '${id}' does not exist`,
  ec2GroupNameNotFound: (name: string, vpcId: string) => `The security group '${name}' does not exist in default VPC '${vpcId}'`,
  ec2VpcNotFound: (id: string) => `The vpc ID '${id}' does not exist`,
  invalidFilter: (name: string) => `The filter '${name}' is invalid`,
  ec2MaxResults: (value: number, min: number, max: number) =>
    `Value ( ${value} ) for parameter maxResults is invalid. Expecting a value between ${min} and ${max}.`,
  ec2NextToken: () => 'Invalid value for nextToken: pass back the NextToken of the previous response unchanged.',
  // the sandbox's hint after AWS's text: which ids exist
  knownIds: (kind: string, ids: readonly string[]) => ` (The sandbox's account has the ${kind} ${ids.join(', ')}.)`,
} as const;
