/**
 * The course's topics (issue 8, "The course"): the only values a scenario's `topics` may name, so
 * the scenario picker can group exercises by topic and CI can tell which topic still lacks one.
 * The JSON Schema's enum is generated from this list (workers/scenario/json-schema.ts).
 */
export const TOPICS = [
  { id: 'launch-types', title: 'EC2 vs Fargate: what you provision, what you pay' },
  { id: 'iam-roles', title: 'The three IAM roles: instance profile, task execution role, task role' },
  { id: 'secrets', title: 'Secrets from SSM Parameter Store and Secrets Manager' },
  { id: 'load-balancing', title: 'ALB with dynamic host ports and its security groups; NLB; why not the Classic Load Balancer' },
  { id: 'storage', title: 'EFS across Availability Zones, a volume shared by a sidecar, Fargate ephemeral storage' },
  { id: 'service-auto-scaling', title: 'Service auto scaling: target tracking, step scaling, scheduled scaling' },
  { id: 'cluster-capacity', title: 'EC2 capacity: an Auto Scaling group on CPU vs a capacity provider with managed scaling' },
  { id: 'rolling-updates', title: 'Rolling updates, minimum and maximum percent, the circuit breaker and rollback' },
  { id: 'placement', title: 'Placement strategies and constraints, the cluster query language' },
  { id: 'task-definitions', title: 'Task definitions: containers, ports, environment, logging, limits' },
  { id: 'ecr', title: 'ECR: push, tags, immutability, lifecycle policies, scan on push' },
  { id: 'eventbridge', title: 'EventBridge: tasks on an S3 upload or a schedule, intercepting stopped tasks' },
  { id: 'sqs-workers', title: 'An SQS worker service scaled on backlog' },
  { id: 'tasks-vs-services', title: 'Standalone tasks (batch) vs services (long-running)' },
  { id: 'spot', title: 'Fargate Spot and Spot interruptions' },
  { id: 'free-sandbox', title: 'A free sandbox with no objectives' },
] as const;

export type TopicId = (typeof TOPICS)[number]['id'];

export const TOPIC_IDS: readonly TopicId[] = TOPICS.map((topic) => topic.id);

export const LEVELS = ['beginner', 'intermediate', 'advanced'] as const;
