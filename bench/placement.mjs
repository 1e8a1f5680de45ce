// Measures issue 4's placement figures with the built CLI: `ecs-sandbox bench placement --json`
// (5,000 tasks onto 5,000 instances ≤ 500 ms; one placement's cost at 500 vs 5,000 instances at
// most linear; explaining one decision at 5,000 instances ≤ 5 ms; medians of 7 runs).
// The last stdout line is the JSON result that bench/run-all.mjs reads; exit 1 when over budget.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const result = spawnSync(process.execPath, ['bin/ecs-sandbox.mjs', 'bench', 'placement', '--json'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
if (result.status !== 0 && result.status !== 1) {
  console.error(`ecs-sandbox bench placement exited with ${result.status}`);
  process.exit(2);
}
const line = result.stdout.trim().split('\n').pop();
const parsed = JSON.parse(line);
const [small, large] = parsed.perPlacementUs;
console.log(JSON.stringify({
  name: 'placement',
  placeMs: Math.round(parsed.placeMs * 10) / 10,
  placementsPerSecond: parsed.placementsPerSecond,
  perPlacementUs500: Math.round(small.us * 10) / 10,
  perPlacementUs5000: Math.round(large.us * 10) / 10,
  explainMs: Math.round(parsed.explainLastDecisionMs * 100) / 100,
  explainColdMs: Math.round(parsed.explainColdMs * 100) / 100,
  whatIfMs: Math.round(parsed.explainWhatIfMs * 100) / 100,
  budgets: parsed.budgets,
}));
process.exit(result.status);
