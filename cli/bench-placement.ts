/**
 * The placement benchmark behind `ecs-sandbox bench placement` (issue 4's figures):
 *   - throughput: N tasks placed onto N instances in 3 AZs (mixed m5/c5/r5 sizes) with strategies
 *     [spread attribute:ecs.availability-zone, binpack memory] and a memberOf constraint — the
 *     pipeline as RunTask and the service scheduler run it (ledger, decision-record copy, plan);
 *   - scaling: the cost of one placement on 500 and on 5,000 instances (same tasks, 10× instances);
 *   - the explainer: explaining the last decision of the big plan (the worst case: every earlier
 *     choice is replayed), and a what-if, at 5,000 instances.
 * The clusters are built through the engine's own commands (sim:AddContainerInstances,
 * ecs:RegisterTaskDefinition); only timing happens here, outside the engine.
 */
import { performance } from 'node:perf_hooks';
import { COMMANDS } from '../workers/engine/commands/index.ts';
import { checkRunTask } from '../workers/engine/commands/run-task.ts';
import { prepareEc2Placement } from '../workers/engine/commands/run-task-ec2.ts';
import { silentContext, type EngineContext } from '../workers/engine/context.ts';
import { recordDecision } from '../workers/engine/placement/decisions.ts';
import { explainDecision, explainWhatIf } from '../workers/engine/placement/explain-decision.ts';
import { buildLedger, cloneLedger } from '../workers/engine/placement/ledger.ts';
import { planPlacements } from '../workers/engine/placement/pipeline.ts';
import { instancesOfCluster } from '../workers/engine/state.ts';

export const STRATEGIES = [
  { type: 'spread', field: 'attribute:ecs.availability-zone' },
  { type: 'binpack', field: 'memory' },
];
export const CONSTRAINT = { type: 'memberOf', expression: 'attribute:ecs.instance-type =~ m5.* or attribute:ecs.instance-type =~ c5.* or attribute:ecs.instance-type =~ r5.*' };
const TYPES = ['m5.large', 'm5.xlarge', 'c5.large', 'c5.xlarge', 'r5.large'];

export interface PlacementBenchResult {
  instances: number;
  tasks: number;
  runs: number;
  /** Median wall time to place `tasks` tasks on `instances` instances. */
  placeMs: number;
  placementsPerSecond: number;
  /** Median cost of one placement (µs) on the small and the large cluster, same tasks. */
  perPlacementUs: { instances: number; us: number }[];
  explainLastDecisionMs: number;
  /** The very first explanation in the process, before the JIT has compiled the explainer. */
  explainColdMs: number;
  explainWhatIfMs: number;
}

function call(ctx: EngineContext, action: keyof typeof COMMANDS, request: unknown): void {
  const result = COMMANDS[action](ctx, request);
  if (!result.ok) throw new Error(`${action} failed while building the benchmark cluster: ${result.error.message}`);
}

/** A cluster of `instances` instances round-robin over 3 AZs, and a task definition that fits many times on each. */
function buildCluster(instances: number, seed: number): EngineContext {
  const ctx = silentContext(seed);
  call(ctx, 'ecs:CreateCluster', { clusterName: 'bench' });
  for (let added = 0, k = 0; added < instances; k++) {
    const count = Math.min(100, instances - added);
    call(ctx, 'sim:AddContainerInstances', {
      cluster: 'bench',
      instanceType: TYPES[k % TYPES.length],
      count,
      availabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
    });
    added += count;
  }
  call(ctx, 'ecs:RegisterTaskDefinition', {
    family: 'api',
    containerDefinitions: [{ name: 'api', image: 'nginx', cpu: 128, memoryReservation: 256, portMappings: [{ containerPort: 8080, hostPort: 0 }] }],
  });
  return ctx;
}

function prepared(ctx: EngineContext) {
  const checked = checkRunTask(ctx, { cluster: 'bench', taskDefinition: 'api', placementStrategy: STRATEGIES, placementConstraints: [CONSTRAINT] });
  if (!checked.ok) throw new Error('the benchmark RunTask request was refused');
  const prep = prepareEc2Placement(ctx, checked.run);
  if (!prep.ok) throw new Error('the benchmark placement could not be prepared');
  return prep.request;
}

/** One timed plan: ledger, the explainer's copy, and the placements. */
function timePlan(ctx: EngineContext, tasks: number): { ms: number; placed: number } {
  const request = prepared(ctx);
  const instances = instancesOfCluster(ctx.state, 'bench');
  const start = performance.now();
  const ledger = buildLedger(ctx.state, instances, request);
  const before = cloneLedger(ledger);
  const plan = planPlacements(ledger, tasks, (n) => ctx.prng.int(0, n));
  const ms = performance.now() - start;
  recordDecision(ctx.state, 0, before, plan.placed.map((p) => p.instanceIndex), tasks);
  return { ms, placed: plan.placed.length };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function benchPlacement(options: { instances: number; tasks: number; runs: number; seed: number; progress?: (line: string) => void }): PlacementBenchResult {
  const { instances, tasks, runs, seed } = options;
  const big = buildCluster(instances, seed);
  const small = buildCluster(Math.min(instances, 500), seed);
  timePlan(small, 500); // warm-up: let the JIT compile the hot path
  const placeTimes: number[] = [];
  for (let r = 0; r < runs; r++) {
    big.state.placementDecisions.clear();
    const { ms, placed } = timePlan(big, tasks);
    if (placed !== tasks) throw new Error(`only ${placed} of ${tasks} tasks were placed: the benchmark cluster is too small`);
    placeTimes.push(ms);
    options.progress?.(`  run ${r + 1}/${runs}: ${ms.toFixed(1)} ms`);
  }
  const perPlacementUs = [Math.min(500, instances), instances].map((size) => {
    const ctx = size === instances ? big : buildCluster(size, seed);
    const samples: number[] = [];
    for (let r = 0; r < runs; r++) samples.push((timePlan(ctx, 500).ms * 1000) / 500);
    return { instances: size, us: median(samples) };
  });
  const record = [...big.state.placementDecisions.values()][0]!;
  let start = performance.now();
  explainDecision(record, record.choices.length - 1);
  const explainColdMs = performance.now() - start;
  // Warm-up on the small cluster, as a learner's first few questions would warm it.
  const smallRecord = [...small.state.placementDecisions.values()][0]!;
  for (let k = 0; k < 30; k++) explainDecision(smallRecord, k % smallRecord.choices.length);
  const explainTimes: number[] = [];
  const whatIfTimes: number[] = [];
  // Explaining is quick, so it gets more samples than the plan (a steadier median).
  for (let r = 0; r < Math.max(runs, 21); r++) {
    start = performance.now();
    explainDecision(record, record.choices.length - 1);
    explainTimes.push(performance.now() - start);
    const request = prepared(big);
    start = performance.now();
    explainWhatIf(buildLedger(big.state, instancesOfCluster(big.state, 'bench'), request), 0, 1);
    whatIfTimes.push(performance.now() - start);
  }
  const placeMs = median(placeTimes);
  return {
    instances,
    tasks,
    runs,
    placeMs,
    placementsPerSecond: Math.round((tasks * 1000) / placeMs),
    perPlacementUs,
    explainLastDecisionMs: median(explainTimes),
    explainColdMs,
    explainWhatIfMs: median(whatIfTimes),
  };
}
