/**
 * `ecs-sandbox bench placement [--instances N] [--tasks N] [--runs N] [--seed N] [--json]`: measures
 * the placement pipeline and the explainer (cli/bench-placement.ts) and prints the medians, with
 * issue 4's budgets. `ecs-sandbox bench services [--instances N] [--tasks N] [--hours N] [--runs N]
 * [--seed N] [--json]`: a virtual day of services behind an ALB with two rolling deployments
 * (cli/bench-services.ts), issue 5's figure. `ecs-sandbox bench capacity [--tasks N] [--runs N] [--seed N]
 * [--json]`: from 0 instances, a service on a capacity provider with managed scaling
 * (cli/bench-capacity.ts), issue 6's figure. `ecs-sandbox bench autoscaling [--hours N] [--runs N] [--seed N]
 * [--json]`: a virtual week of 20 services with traffic and auto scaling (cli/bench-autoscaling.ts),
 * issue 7's figure. Exit 0 when every budget is met, 1 when one is
 * missed, 2 on a usage error.
 */
import { parseArgs, UsageError, benchCount } from './args.ts';
import { benchPlacement, type PlacementBenchResult } from './bench-placement.ts';
import { benchServices, type ServicesBenchResult } from './bench-services.ts';
import { benchCapacity, type CapacityBenchResult } from './bench-capacity.ts';
import { autoscalingCommand } from './bench-autoscaling.ts';
import { timelineCommand } from './bench-timeline.ts';
import type { CliIo } from './io.ts';
import { EXIT } from './run-command.ts';

const FLAGS = [
  { name: '--instances', takesValue: true },
  { name: '--tasks', takesValue: true },
  { name: '--runs', takesValue: true },
  { name: '--seed', takesValue: true },
  { name: '--hours', takesValue: true },
  { name: '--zones', takesValue: true },
  { name: '--json', takesValue: false },
  { name: '--help', aliases: ['-h'], takesValue: false },
] as const;

/** Issue 4's figures (at 5,000 instances and 5,000 tasks). */
export const PLACEMENT_BUDGETS = { placeMs: 500, explainMs: 5, linearFactor: 10 } as const;

/** Issue 5's figure (100 instances, 1,000 tasks, 24 virtual hours): ≤ 3 s, i.e. ≥ 28,800× real time. */
export const SERVICES_BUDGETS = { wallMs: 3000 } as const;

/** Issue 6's figure (200 tasks from 0 instances, one virtual hour): ≤ 1 s. */
export const CAPACITY_BUDGETS = { wallMs: 1000 } as const;

const BENCHMARKS = ['placement', 'services', 'capacity', 'autoscaling', 'timeline'] as const;

export function benchCommand(argv: readonly string[], io: CliIo, help: string): number {
  const { flags, positionals } = parseArgs(argv, FLAGS, 'bench');
  if (flags.has('--help')) {
    io.out(help);
    return EXIT.ok;
  }
  if (positionals.length !== 1 || !(BENCHMARKS as readonly string[]).includes(positionals[0]!)) {
    throw new UsageError(
      positionals.length === 0
        ? 'bench needs what to measure: "ecs-sandbox bench placement", "ecs-sandbox bench services" or "ecs-sandbox bench capacity"'
        : `there is no benchmark "${positionals.join(' ')}": the benchmarks are ${BENCHMARKS.map((b) => `"${b}"`).join(', ')}`,
      'bench',
    );
  }
  if (positionals[0] === 'capacity') return capacityCommand(flags, io);
  if (positionals[0] === 'autoscaling') return autoscalingCommand(flags, io);
  if (positionals[0] === 'timeline') return timelineCommand(flags, io);
  if (flags.has('--zones')) throw new UsageError('--zones applies to "bench capacity" only', 'bench');
  if (positionals[0] === 'services') return servicesCommand(flags, io);
  if (flags.has('--hours')) throw new UsageError('--hours applies to "bench services" only', 'bench');
  const instances = benchCount(flags.get('--instances'), '--instances', 5000, 1, 5000);
  const tasks = benchCount(flags.get('--tasks'), '--tasks', 5000, 1, 100_000);
  const runs = benchCount(flags.get('--runs'), '--runs', 7, 1, 101);
  const seed = benchCount(flags.get('--seed'), '--seed', 1, 0, 4_294_967_295);
  const json = flags.has('--json');
  if (!json) io.err(`Building a ${instances}-instance cluster and placing ${tasks} tasks ${runs} times…\n`);
  const result = benchPlacement({ instances, tasks, runs, seed, progress: json ? undefined : (line) => io.err(`${line}\n`) });
  const verdict = withinBudget(result);
  io.out(json ? `${JSON.stringify({ name: 'placement', ...result, budgets: PLACEMENT_BUDGETS, withinBudget: verdict.ok })}\n` : report(result, verdict.notes));
  return verdict.ok ? EXIT.ok : EXIT.failed;
}

function servicesCommand(flags: ReadonlyMap<string, string | true>, io: CliIo): number {
  const instances = benchCount(flags.get('--instances'), '--instances', 100, 1, 5000);
  const tasks = benchCount(flags.get('--tasks'), '--tasks', 1000, 1, 20_000);
  const hours = benchCount(flags.get('--hours'), '--hours', 24, 1, 24 * 7);
  const runs = benchCount(flags.get('--runs'), '--runs', 5, 1, 101);
  const seed = benchCount(flags.get('--seed'), '--seed', 1, 0, 4_294_967_295);
  const json = flags.has('--json');
  if (!json) io.err(`Simulating ${hours} virtual hours of ${tasks} service tasks on ${instances} instances behind an ALB, with two rolling deployments, ${runs} times…\n`);
  const result = benchServices({ instances, tasks, hours, runs, seed, progress: json ? undefined : (line) => io.err(`${line}\n`) });
  const atScale = instances === 100 && tasks === 1000 && hours === 24;
  const notes: string[] = [];
  if (!result.allSteady) notes.push('FAILED: a run did not end steady (see the runs above): the time measured is not the work asked for');
  if (atScale && result.wallMs > SERVICES_BUDGETS.wallMs) notes.push(`over budget: ${result.wallMs.toFixed(0)} ms > ${SERVICES_BUDGETS.wallMs} ms`);
  if (!atScale) notes.push('(the budget applies at 100 instances, 1,000 tasks and 24 hours)');
  const ok = result.allSteady && !(atScale && result.wallMs > SERVICES_BUDGETS.wallMs);
  io.out(json ? `${JSON.stringify({ name: 'services', ...result, budgets: SERVICES_BUDGETS, withinBudget: ok })}\n` : servicesReport(result, notes));
  return ok ? EXIT.ok : EXIT.failed;
}

function capacityCommand(flags: ReadonlyMap<string, string | true>, io: CliIo): number {
  if (flags.has('--hours') || flags.has('--instances')) throw new UsageError('bench capacity takes --tasks, --zones, --runs, --seed and --json (it starts from 0 instances and simulates one hour)', 'bench');
  const tasks = benchCount(flags.get('--tasks'), '--tasks', 200, 1, 2000);
  const zones = ['us-east-1a', 'us-east-1b', 'us-east-1c'].slice(0, benchCount(flags.get('--zones'), '--zones', 1, 1, 3));
  const runs = benchCount(flags.get('--runs'), '--runs', 5, 1, 101);
  const seed = benchCount(flags.get('--seed'), '--seed', 1, 0, 4_294_967_295);
  const json = flags.has('--json');
  if (!json) io.err(`Simulating one virtual hour of a ${tasks}-task service on a capacity provider from 0 instances, ${runs} times…\n`);
  const result = benchCapacity({ tasks, minutes: 60, runs, seed, instanceType: 'm5.xlarge', zones, progress: json ? undefined : (line) => io.err(`${line}\n`) });
  const atScale = tasks === 200 && zones.length === 1;
  const notes: string[] = [];
  if (!result.allSteady) notes.push('FAILED: a run did not reach steady state cleanly (see the runs above)');
  if (atScale && result.wallMs > CAPACITY_BUDGETS.wallMs) notes.push(`over budget: ${result.wallMs.toFixed(0)} ms > ${CAPACITY_BUDGETS.wallMs} ms`);
  if (!atScale) notes.push('(the budget applies at 200 tasks in one zone)');
  const ok = result.allSteady && !(atScale && result.wallMs > CAPACITY_BUDGETS.wallMs);
  io.out(json ? `${JSON.stringify({ name: 'capacity', ...result, budgets: CAPACITY_BUDGETS, withinBudget: ok })}\n` : capacityReport(result, notes));
  return ok ? EXIT.ok : EXIT.failed;
}

function capacityReport(result: CapacityBenchResult, notes: readonly string[]): string {
  const first = result.perRun[0];
  const lines = [
    `capacity benchmark — median of ${result.runs} runs`,
    `  a ${result.tasks}-task service (512 CPU units, 1 GiB each) on a capacity provider over an Auto Scaling group of ${result.instanceType} in ${result.zones.join(', ')}, from 0 instances, managed scaling at target capacity 100 %:`,
    `    steady state after ${result.steadyAfterMinutes ?? '—'} virtual minutes, in ${result.scaleOutSteps} scale-out step(s)`,
    `    one virtual hour simulated in ${result.wallMs.toFixed(0)} ms wall time   (budget ≤ ${CAPACITY_BUDGETS.wallMs} ms); ${result.cpuMs.toFixed(0)} ms CPU`,
    ...(first === undefined ? [] : [`    the group's desired capacity, minute by minute (run 1): ${first.desiredByMinute.slice(0, 20).join(' ')}${first.desiredByMinute.length > 20 ? ' …' : ''}`]),
  ];
  return `${[...lines, ...notes.map((note) => `  ${note}`)].join('\n')}\n`;
}

function servicesReport(result: ServicesBenchResult, notes: readonly string[]): string {
  const lines = [
    `services benchmark — median of ${result.runs} runs`,
    `  ${result.hours} virtual hours, ${result.tasks} tasks in ${result.services} services on ${result.instances} instances behind one ALB (dynamic host ports), two rolling deployments:`,
    `    ${result.wallMs.toFixed(0)} ms wall time, ×${result.realTimeFactor.toLocaleString('en-US')} real time   (budget ≤ ${SERVICES_BUDGETS.wallMs} ms)`,
    `    ${result.cpuMs.toFixed(0)} ms CPU time (the steadier figure when the machine is busy)`,
    `    setup (cluster, ALB, services): ${(result.perRun.map((r) => r.setupMs).sort((a, b) => a - b)[result.perRun.length >> 1] ?? 0).toFixed(0)} ms; end state: ${result.allSteady ? 'every service steady, all targets healthy' : 'NOT steady'}`,
  ];
  return `${[...lines, ...notes.map((note) => `  ${note}`)].join('\n')}\n`;
}


/** The budgets apply at the issue's scale (5,000 × 5,000); smaller runs are reported without a verdict. */
function withinBudget(result: PlacementBenchResult): { ok: boolean; notes: string[] } {
  if (result.instances !== 5000 || result.tasks !== 5000) return { ok: true, notes: ['(budgets apply at 5,000 instances and 5,000 tasks)'] };
  const [small, large] = result.perPlacementUs;
  const notes: string[] = [];
  if (result.placeMs > PLACEMENT_BUDGETS.placeMs) notes.push(`over budget: placing took ${result.placeMs.toFixed(1)} ms > ${PLACEMENT_BUDGETS.placeMs} ms`);
  if (result.explainLastDecisionMs > PLACEMENT_BUDGETS.explainMs) notes.push(`over budget: explaining took ${result.explainLastDecisionMs.toFixed(2)} ms > ${PLACEMENT_BUDGETS.explainMs} ms`);
  if (small !== undefined && large !== undefined && large.us / small.us > PLACEMENT_BUDGETS.linearFactor * 1.2) {
    notes.push(`worse than linear: ×${(large.us / small.us).toFixed(1)} per placement for ×10 instances`);
  }
  return { ok: notes.length === 0, notes };
}

function report(result: PlacementBenchResult, notes: readonly string[]): string {
  const [small, large] = result.perPlacementUs;
  const lines = [
    `placement benchmark — medians of ${result.runs} runs`,
    `  ${result.tasks} tasks onto ${result.instances} instances in 3 AZs, [spread AZ, binpack memory] + memberOf:`,
    `    ${result.placeMs.toFixed(1)} ms, ${result.placementsPerSecond.toLocaleString('en-US')} placements/s   (budget ≤ ${PLACEMENT_BUDGETS.placeMs} ms)`,
  ];
  if (small !== undefined && large !== undefined && small.instances !== large.instances) {
    lines.push(`  one placement: ${small.us.toFixed(1)} µs at ${small.instances} instances, ${large.us.toFixed(1)} µs at ${large.instances} (×${(large.us / small.us).toFixed(1)} for ×${large.instances / small.instances} instances: at most linear)`);
  }
  lines.push(`  explain one decision (the last of the plan) at ${result.instances} instances: ${result.explainLastDecisionMs.toFixed(2)} ms   (budget ≤ ${PLACEMENT_BUDGETS.explainMs} ms)`);
  lines.push(`    the first explanation of the process, before the JIT compiled it: ${result.explainColdMs.toFixed(2)} ms`);
  lines.push(`  explain a what-if RunTask at ${result.instances} instances: ${result.explainWhatIfMs.toFixed(2)} ms`);
  return `${[...lines, ...notes.map((note) => `  ${note}`)].join('\n')}\n`;
}
