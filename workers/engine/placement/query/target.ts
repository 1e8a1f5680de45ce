/** What an expression is evaluated against: one container instance (pinned interface, see index.ts). */
export interface QueryTarget {
  ec2InstanceId: string;
  agentConnected: boolean;
  agentVersion: string; // e.g. '1.92.0'
  registeredAtMs: number; // ms since the Unix epoch
  runningTasksCount: number;
  /** undefined: the instance has no such attribute; null: present without a value (capability attributes). */
  attribute(name: string): string | null | undefined;
  /** Whether a task of this group (e.g. 'service:web', 'family:web', 'database') runs on the instance. */
  hasTaskInGroup(group: string): boolean;
}

export type TargetTest = (target: QueryTarget) => boolean;
