/**
 * A RunTask request once the checks every launch type shares have passed (commands/run-task.ts).
 * The launch type's own code (run-task-ec2.ts, run-task-fargate.ts) checks the rest and launches.
 */
import type { TaskDefinition } from '../../protocol.ts';
import type { Strategy } from '../placement/request.ts';
import type { ClusterRecord } from '../state.ts';
import type { Tag } from './tags.ts';

export interface RunTaskRequest {
  cluster: ClusterRecord;
  taskDefinition: TaskDefinition;
  /** The task definition's network mode, defaulted (bridge) when it names none. */
  networkMode: string;
  count: number;
  /** The task group: the request's `group`, else `family:<family>` (ecs-reference §1). */
  group: string;
  startedBy?: string;
  tags: Tag[];
  containerOverrides: unknown[];
  /** As given; each launch type checks it (awsvpc needs it). */
  networkConfiguration?: unknown;
  platformVersion?: string;
  /** As given; EC2 evaluates them, Fargate refuses them. */
  placementStrategy?: unknown[];
  placementConstraints?: unknown[];
  /**
   * The service scheduler's launches: its default strategies (RunTask's: random), who asks (for the
   * event log; RunTask when absent — a requester also gets the live tasks back, not rendered copies),
   * and, for a DAEMON task, the one instance it may go to.
   */
  defaultStrategies?: readonly Strategy[];
  requester?: string;
  onlyInstanceArn?: string;
  /**
   * Issue 6: the capacity provider the tasks launch through (FARGATE / FARGATE_SPOT on Fargate; an
   * Auto Scaling group provider on EC2, whose instances alone are then eligible), and the EXTERNAL
   * launch type (ECS Anywhere instances only) on the EC2 path.
   */
  capacityProviderName?: string;
  launchType?: 'EC2' | 'EXTERNAL';
}
