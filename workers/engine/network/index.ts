/**
 * The account's network: the default VPC with a subnet per Availability Zone and the default
 * security group (default-vpc.ts), the checks of an awsvpc `networkConfiguration`
 * (awsvpc-configuration.ts), and the ENIs and private IPs of awsvpc tasks (eni.ts).
 */
export * from './default-vpc.ts';
export * from './awsvpc-configuration.ts';
export * from './eni.ts';
export { NETWORK_MESSAGES } from './messages.ts';
