/** The Run task form's choices and request, from a snapshot. */
import type { Snapshot, Step } from '../../../workers/protocol.ts';

export interface Option {
  value: string;
  label: string;
}

/** ACTIVE task definitions as `family:revision`, by family, newest revision first. */
export function taskDefinitionOptions(snapshot: Snapshot | null): Option[] {
  return (snapshot?.taskDefinitions ?? [])
    .filter((td) => td.status === 'ACTIVE')
    .slice()
    .sort((a, b) => a.family.localeCompare(b.family) || b.revision - a.revision)
    .map((td) => ({ value: `${td.family}:${td.revision}`, label: `${td.family}:${td.revision}` }));
}

export function clusterOptions(snapshot: Snapshot | null): Option[] {
  return (snapshot?.clusters ?? [])
    .filter((c) => c.status === 'ACTIVE')
    .map((c) => ({ value: c.clusterName, label: c.clusterName }));
}

/** The cluster the form starts on: `demo` when there is one, else the first. */
export function defaultCluster(options: Option[]): string {
  return options.find((o) => o.value === 'demo')?.value ?? options[0]?.value ?? '';
}

export const MIN_RUN_COUNT = 1;
export const MAX_RUN_COUNT = 10;

export function clampCount(value: unknown): number {
  const n = Math.floor(Number(value));
  if (!Number.isFinite(n)) return MIN_RUN_COUNT;
  return Math.min(MAX_RUN_COUNT, Math.max(MIN_RUN_COUNT, n));
}

export function runTaskStep(cluster: string, taskDefinition: string, count: number): Step {
  return { 'ecs:RunTask': { cluster, taskDefinition, count: clampCount(count), launchType: 'EC2' } };
}

export function stopTaskStep(clusterArn: string, taskArn: string): Step {
  return { 'ecs:StopTask': { cluster: clusterArn, task: taskArn, reason: 'Task stopped by user' } };
}
