/**
 * The AWS managed policies the sandbox knows, with their permission statements. The statements are
 * the parts of the real policies that matter to ECS (ECR pulls, CloudWatch Logs, the ECS agent,
 * S3, SQS, Secrets Manager, SSM); conditions on the real documents are left out. An ARN that is
 * not here is refused by AttachRolePolicy with AWS's NoSuchEntity message.
 */
import type { PolicyStatement } from './policy.ts';

export interface ManagedPolicy {
  PolicyName: string;
  Arn: string;
  Description: string;
  statements: PolicyStatement[];
}

const allow = (actions: string[], resources: string[] = ['*']): PolicyStatement => ({ Effect: 'Allow', Action: actions, Resource: resources });

const ECR_PULL = ['ecr:GetAuthorizationToken', 'ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'];
const LOGS_WRITE = ['logs:CreateLogStream', 'logs:PutLogEvents'];

function policy(path: string, name: string, description: string, statements: PolicyStatement[]): ManagedPolicy {
  return { PolicyName: name, Arn: `arn:aws:iam::aws:policy/${path}${name}`, Description: description, statements };
}

export const MANAGED_POLICIES: readonly ManagedPolicy[] = [
  policy('service-role/', 'AmazonECSTaskExecutionRolePolicy', 'Provides access to other AWS service resources that are required to run Amazon ECS tasks', [
    allow([...ECR_PULL, ...LOGS_WRITE]),
  ]),
  policy('service-role/', 'AmazonEC2ContainerServiceforEC2Role', 'Default policy for the Amazon EC2 Role for Amazon EC2 Container Service.', [
    allow([
      'ec2:DescribeTags',
      'ecs:CreateCluster',
      'ecs:DeregisterContainerInstance',
      'ecs:DiscoverPollEndpoint',
      'ecs:Poll',
      'ecs:RegisterContainerInstance',
      'ecs:StartTelemetrySession',
      'ecs:UpdateContainerInstancesState',
      'ecs:Submit*',
      ...ECR_PULL,
      ...LOGS_WRITE,
    ]),
  ]),
  policy('', 'AmazonEC2ContainerRegistryReadOnly', 'Provides read-only access to Amazon EC2 Container Registry repositories.', [
    allow([
      'ecr:GetAuthorizationToken',
      'ecr:BatchCheckLayerAvailability',
      'ecr:GetDownloadUrlForLayer',
      'ecr:GetRepositoryPolicy',
      'ecr:DescribeRepositories',
      'ecr:ListImages',
      'ecr:DescribeImages',
      'ecr:BatchGetImage',
      'ecr:GetLifecyclePolicy',
      'ecr:GetLifecyclePolicyPreview',
      'ecr:ListTagsForResource',
      'ecr:DescribeImageScanFindings',
    ]),
  ]),
  policy('', 'AmazonEC2ContainerRegistryFullAccess', 'Provides administrative access to Amazon ECR resources', [allow(['ecr:*'])]),
  policy('', 'AmazonS3ReadOnlyAccess', 'Provides read only access to all buckets via the AWS Management Console.', [
    allow(['s3:Get*', 's3:List*', 's3:Describe*', 's3-object-lambda:Get*', 's3-object-lambda:List*']),
  ]),
  policy('', 'AmazonS3FullAccess', 'Provides full access to all buckets via the AWS Management Console.', [allow(['s3:*', 's3-object-lambda:*'])]),
  policy('', 'AmazonSQSFullAccess', 'Provides full access to Amazon SQS via the AWS Management Console.', [allow(['sqs:*'])]),
  policy('', 'AmazonSQSReadOnlyAccess', 'Provides read only access to Amazon SQS via the AWS Management Console.', [
    allow(['sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:ListDeadLetterSourceQueues', 'sqs:ListQueues', 'sqs:ListMessageMoveTasks', 'sqs:ListQueueTags']),
  ]),
  policy('', 'CloudWatchLogsFullAccess', 'Provides full access to CloudWatch Logs', [allow(['logs:*', 'cloudwatch:GenerateQuery'])]),
  policy('', 'SecretsManagerReadWrite', 'Provides read/write access to AWS Secrets Manager via the AWS Management Console.', [
    allow(['secretsmanager:*', 'kms:DescribeKey', 'kms:ListAliases', 'kms:ListKeys', 'tag:GetResources']),
  ]),
  policy('', 'AmazonSSMReadOnlyAccess', 'Provides read only access to Amazon SSM.', [allow(['ssm:Describe*', 'ssm:Get*', 'ssm:List*'])]),
];

const BY_ARN = new Map(MANAGED_POLICIES.map((managed) => [managed.Arn, managed]));

export function managedPolicy(arn: string): ManagedPolicy | undefined {
  return BY_ARN.get(arn);
}
