/**
 * Backlog per task: the custom metric a worker service is scaled on (issue 7, target tracking).
 *
 * Source: Amazon EC2 Auto Scaling User Guide, "Scaling policy based on Amazon SQS" — the same
 * pattern AWS recommends for ECS services working off a queue:
 *   backlog per instance            = ApproximateNumberOfMessagesVisible / running capacity
 *   acceptable backlog per instance = longest acceptable latency / average processing time per message
 * and the acceptable backlog is the target value of a target tracking policy on the backlog metric.
 * AWS's worked example: 1,500 messages on 10 instances is a backlog of 150 per instance; with 0.1 s
 * per message and 10 s of acceptable latency the acceptable backlog is 10 / 0.1 = 100, so target
 * tracking asks for 1,500 / 100 = 15 instances. Here an "instance" is a running task of the service.
 */

/**
 * Visible messages per running task. With no running task the backlog is the whole queue (Sandbox:
 * AWS's division is undefined there; the whole backlog still asks target tracking for capacity).
 */
export function backlogPerTask(visible: number, runningTasks: number): number {
  if (!Number.isFinite(visible) || visible <= 0) return 0;
  if (!Number.isFinite(runningTasks) || runningTasks < 1) return visible;
  return visible / runningTasks;
}

/** The target value for backlog per task: how many messages one task may hold back and still meet the latency. */
export function acceptableBacklogPerTask(acceptableLatencySeconds: number, averageProcessingSeconds: number): number | undefined {
  if (!(acceptableLatencySeconds > 0) || !(averageProcessingSeconds > 0) || !Number.isFinite(acceptableLatencySeconds) || !Number.isFinite(averageProcessingSeconds)) return undefined;
  return acceptableLatencySeconds / averageProcessingSeconds;
}
