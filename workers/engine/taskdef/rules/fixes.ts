/**
 * The quick fixes the rules attach where the fix is obvious (issue 3: "set hostPort to 0, add the
 * execution role, pick the nearest valid Fargate memory"). Each one is the smallest edit that makes
 * its own error go away; it may reveal another (awsvpc on Fargate can expose a hostPort that must
 * now match), which the next validation reports with its own fix.
 */
import { ACCOUNT_ID, REGION } from '../../ids/arn.ts';
import type { Path } from '../params.ts';
import type { RuleFix } from './context.ts';

/** The role the ECS console creates for the task execution role, in the sandbox's account. */
export const DEFAULT_EXECUTION_ROLE_ARN = `arn:aws:iam::${ACCOUNT_ID}:role/ecsTaskExecutionRole`;
/** What "Add memory" offers a container that has no memory figure at all (MiB). */
export const DEFAULT_CONTAINER_MEMORY_MIB = 512;

const set = (title: string, path: Path, value: unknown): RuleFix => ({ title, patches: [{ op: 'add', path, value }] });

export const FIX = {
  hostPortEqualsContainerPort: (container: number, mapping: number, containerPort: number): RuleFix =>
    set(`Set hostPort to ${containerPort} (the containerPort)`, ['containerDefinitions', container, 'portMappings', mapping, 'hostPort'], containerPort),
  dynamicHostPort: (container: number, mapping: number): RuleFix =>
    set('Set hostPort to 0 (dynamic host port)', ['containerDefinitions', container, 'portMappings', mapping, 'hostPort'], 0),
  addExecutionRole: (): RuleFix => set('Add executionRoleArn (ecsTaskExecutionRole)', ['executionRoleArn'], DEFAULT_EXECUTION_ROLE_ARN),
  fargateMemory: (memoryMiB: number): RuleFix => set(`Set memory to ${memoryMiB} MiB`, ['memory'], String(memoryMiB)),
  addContainerMemory: (container: number): RuleFix =>
    set(`Add memory: ${DEFAULT_CONTAINER_MEMORY_MIB}`, ['containerDefinitions', container, 'memory'], DEFAULT_CONTAINER_MEMORY_MIB),
  firstContainerEssential: (): RuleFix => set('Make the first container essential', ['containerDefinitions', 0, 'essential'], true),
  awsvpc: (): RuleFix => set('Set networkMode to awsvpc', ['networkMode'], 'awsvpc'),
  /** Take out a member the launch type or network mode does not support. */
  remove: (path: Path, what: string): RuleFix => ({ title: `Remove ${what}`, patches: [{ op: 'remove', path }] }),
  fargateCpu: (cpuUnits: number): RuleFix => set(`Set cpu to ${cpuUnits} (the smallest Fargate cpu for this memory)`, ['cpu'], String(cpuUnits)),
  fargateMemoryForCpu: (memoryMiB: number): RuleFix => set(`Set memory to ${memoryMiB} MiB (the smallest for this cpu)`, ['memory'], String(memoryMiB)),
  /** A number outside its range → the nearest bound. */
  clamp: (path: Path, field: string, value: number, min: number, max: number): RuleFix => {
    const bound = value < min ? min : max;
    return set(`Set ${field} to ${bound}`, path, bound);
  },
  /** awslogs without its group or region: the sandbox's Region, and the group the console would name. */
  awslogsOptions: (container: number, family: string, options: Record<string, string> | undefined, missing: readonly string[]): RuleFix => {
    const base: Path = ['containerDefinitions', container, 'logConfiguration', 'options'];
    const values: Record<string, string> = { 'awslogs-region': REGION, 'awslogs-group': `/ecs/${family}` };
    const title = `Add ${missing.map((option) => `${option} ${values[option]}`).join(' and ')}`;
    if (options === undefined) return set(title, base, Object.fromEntries(missing.map((option) => [option, values[option]])));
    return { title, patches: missing.map((option) => ({ op: 'add' as const, path: [...base, option], value: values[option] })) };
  },
  /** A mount point on an undeclared volume: declare it (a task-scoped volume, fine on every launch type). */
  declareVolume: (name: string, hasVolumes: boolean): RuleFix =>
    hasVolumes
      ? { title: `Add volume '${name}'`, patches: [{ op: 'add', path: ['volumes', '-'], value: { name } }] }
      : set(`Add volume '${name}'`, ['volumes'], [{ name }]),
  nonEssential: (container: number, name: string): RuleFix =>
    set(`Make '${name}' non-essential`, ['containerDefinitions', container, 'essential'], false),
  reservationToMemory: (container: number, memoryMiB: number): RuleFix =>
    set(`Set memoryReservation to ${memoryMiB} (the memory limit)`, ['containerDefinitions', container, 'memoryReservation'], memoryMiB),
} as const;

/** The value of `allowed` closest to `value` (the lower one on a tie: a smaller task costs less). */
export function nearest(value: number, allowed: readonly number[]): number {
  let best = allowed[0]!;
  for (const candidate of allowed) {
    if (Math.abs(candidate - value) < Math.abs(best - value)) best = candidate;
  }
  return best;
}
