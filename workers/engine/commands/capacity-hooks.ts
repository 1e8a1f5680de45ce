/**
 * What the first-chunk commands (RunTask, CreateCluster, the Fargate launch path) ask of code that
 * loads with the full command table (issue 2's budget keeps the worker's first chunk small):
 * capacity provider strategies, a cluster's providers, Fargate capacity under faults, the cost
 * meter. Each provider module fills its hook when it loads (capacity/, faults/, cost/).
 *
 * An unfilled hook means "nothing of that kind can be involved yet": strategies and cluster
 * providers come only in requests the worker runs after loading the full table
 * (workers/worker-commands.ts sends them there), faults only from commands in that table, and the
 * cost meter, once loaded, bills from the tasks' and instances' own timestamps.
 */
import type { TaskDefinition } from '../../protocol.ts';
import type { EngineContext } from '../context.ts';
import type { Subnet } from '../network/index.ts';
import type { ClusterRecord, EngineState } from '../state.ts';
import type { CommandResult } from '../errors.ts';
import type { RunTaskRequest } from './run-task-request.ts';

export interface ResolvedStrategy {
  items: { capacityProvider: string; weight: number; base: number }[];
  /** FARGATE when the providers are FARGATE / FARGATE_SPOT, EC2 when they are Auto Scaling group providers. */
  launchType: 'EC2' | 'FARGATE';
  /** Taken from the cluster's default strategy (nothing given in the request). */
  fromClusterDefault: boolean;
}

export type StrategyResolution =
  | { ok: true; value: ResolvedStrategy | undefined }
  | { ok: false; error: { code: string; message: string } };

export interface ClusterProviders {
  capacityProviders: string[];
  defaultCapacityProviderStrategy: { capacityProvider: string; weight: number; base: number }[];
}

export type FargateCapacity =
  | { ok: true; subnets: readonly Subnet[]; avoided: string[] }
  | { ok: false; reason: string; arn: string };

export interface CapacityHooks {
  strategies?: {
    resolve(state: EngineState, cluster: ClusterRecord, input: { launchType?: string; capacityProviderStrategy?: unknown[] }): StrategyResolution;
    run(ctx: EngineContext, run: RunTaskRequest, strategy: ResolvedStrategy): CommandResult;
  };
  clusterProviders?: {
    check(state: EngineState, cluster: ClusterRecord | undefined, rawProviders: unknown[], rawStrategy: unknown[]): { ok: true; value: ClusterProviders } | { ok: false; error: { code: string; message: string } };
    apply(ctx: EngineContext, cluster: ClusterRecord, value: ClusterProviders): void;
  };
  fargate?: {
    capacity(state: EngineState, capacityProviderName: string | undefined, subnets: readonly Subnet[]): FargateCapacity;
    spotPlatformRefusal(td: TaskDefinition): string | undefined;
  };
  cost?: { start(ctx: EngineContext): void };
}

export const capacityHooks: CapacityHooks = {};

export function provideCapacityHook<K extends keyof CapacityHooks>(key: K, value: NonNullable<CapacityHooks[K]>): void {
  capacityHooks[key] = value;
}

/** Sandbox: a strategy reached an engine built without the capacity providers (never in the app or the CLI). */
export const CAPACITY_NOT_LOADED = 'Capacity providers are not part of this engine (Sandbox): it was built from the core commands only.';
