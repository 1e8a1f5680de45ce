/** Small readers of ECS ARNs and ids, for labels. They never throw on unexpected input. */

/** `arn:aws:ecs:…:task-definition/web:3` → `{family: 'web', revision: 3}`. */
export function taskDefinitionRef(arn: string): { family: string; revision: number | null; label: string } {
  const tail = String(arn ?? '').split('/').pop() ?? '';
  const colon = tail.lastIndexOf(':');
  if (colon <= 0) return { family: tail, revision: null, label: tail };
  const revision = Number(tail.slice(colon + 1));
  const family = tail.slice(0, colon);
  return Number.isInteger(revision) ? { family, revision, label: `${family}:${revision}` } : { family: tail, revision: null, label: tail };
}

/** The last path segment of an ARN: the task id, the container-instance id, the cluster name. */
export function arnId(arn: string): string {
  return String(arn ?? '').split('/').pop() ?? '';
}

/** A task id shortened the way the console does in tight spaces: its first 8 hex digits. */
export function shortTaskId(taskArn: string): string {
  return arnId(taskArn).slice(0, 8);
}
