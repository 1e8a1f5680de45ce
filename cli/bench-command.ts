/**
 * `ecs-sandbox bench placement [--instances N] [--tasks N] [--runs N] [--seed N] [--json]`: measures
 * the placement pipeline and the explainer (cli/bench-placement.ts) and prints the medians, with
 * issue 4's budgets. Exit 0 when every budget is met, 1 when one is missed, 2 on a usage error.
 */
import { parseArgs, UsageError } from './args.ts';
import { benchPlacement, type PlacementBenchResult } from './bench-placement.ts';
import type { CliIo } from './io.ts';
import { EXIT } from './run-command.ts';

const FLAGS = [
  { name: '--instances', takesValue: true },
  { name: '--tasks', takesValue: true },
  { name: '--runs', takesValue: true },
  { name: '--seed', takesValue: true },
  { name: '--json', takesValue: false },
  { name: '--help', aliases: ['-h'], takesValue: false },
] as const;

/** Issue 4's figures (at 5,000 instances and 5,000 tasks). */
export const PLACEMENT_BUDGETS = { placeMs: 500, explainMs: 5, linearFactor: 10 } as const;

export function benchCommand(argv: readonly string[], io: CliIo, help: string): number {
  const { flags, positionals } = parseArgs(argv, FLAGS, 'bench');
  if (flags.has('--help')) {
    io.out(help);
    return EXIT.ok;
  }
  if (positionals.length !== 1 || positionals[0] !== 'placement') {
    throw new UsageError(positionals.length === 0 ? 'bench needs what to measure: "ecs-sandbox bench placement"' : `there is no benchmark "${positionals.join(' ')}": the one benchmark is "placement"`, 'bench');
  }
  const instances = count(flags.get('--instances'), '--instances', 5000, 1, 5000);
  const tasks = count(flags.get('--tasks'), '--tasks', 5000, 1, 100_000);
  const runs = count(flags.get('--runs'), '--runs', 7, 1, 101);
  const seed = count(flags.get('--seed'), '--seed', 1, 0, 4_294_967_295);
  const json = flags.has('--json');
  if (!json) io.err(`Building a ${instances}-instance cluster and placing ${tasks} tasks ${runs} times…\n`);
  const result = benchPlacement({ instances, tasks, runs, seed, progress: json ? undefined : (line) => io.err(`${line}\n`) });
  const verdict = withinBudget(result);
  io.out(json ? `${JSON.stringify({ name: 'placement', ...result, budgets: PLACEMENT_BUDGETS, withinBudget: verdict.ok })}\n` : report(result, verdict.notes));
  return verdict.ok ? EXIT.ok : EXIT.failed;
}

function count(value: string | true | undefined, flag: string, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) throw new UsageError(`${flag} must be a whole number from ${min} to ${max}, not "${value === true ? '' : value}"`, 'bench');
  return n;
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
