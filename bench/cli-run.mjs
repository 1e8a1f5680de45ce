// Measures the budget "`npx ecs-sandbox run` of the default scenario ≤ 1 s wall time": spawns
// `node bin/ecs-sandbox.mjs run scenarios/sandbox.yaml --json` once to warm the file cache, then 7
// times, and reports the median wall time. Needs the built CLI (npm run build:cli).
// The last stdout line is the JSON result that bench/run-all.mjs reads; exit 1 when over budget.
//
// Why the CLI is one bundled file: measured here, importing build/cli.mjs with yaml, zod and
// xstate bundled in takes ~190-240 ms per run; with them left in node_modules, ~400-480 ms.
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { median as exactMedian, round1 } from './support.mjs';

const RUNS = 7;
const BUDGET_MS = 1000;
const root = fileURLToPath(new URL('..', import.meta.url));
const args = ['bin/ecs-sandbox.mjs', 'run', 'scenarios/sandbox.yaml', '--json'];

function timeOneRun() {
  const start = performance.now();
  const result = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const ms = performance.now() - start;
  if (result.status !== 0) {
    console.error(`ecs-sandbox run exited with ${result.status}:\n${result.stderr}`);
    process.exit(2);
  }
  JSON.parse(result.stdout); // the run must have produced its one JSON object
  return Math.round(ms * 10) / 10;
}

timeOneRun(); // warm-up: file cache, compile cache
const runs = Array.from({ length: RUNS }, timeOneRun);
const median = round1(exactMedian(runs));
console.log(`cli-run: median ${median} ms over ${RUNS} runs (budget ${BUDGET_MS} ms): ${runs.join(', ')}`);
console.log(JSON.stringify({ name: 'cli-run', median, unit: 'ms', budget: BUDGET_MS, runs }));
process.exit(median > BUDGET_MS ? 1 : 0);
