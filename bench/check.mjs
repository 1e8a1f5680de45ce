// Measures issue 8's budget "`ecs-sandbox check` of the whole course ≤ 20 s wall time": spawns
// `node bin/ecs-sandbox.mjs check --json` (every scenarios/*.yaml and scenarios/course.yaml: each
// scenario parsed, its solution and anti-solutions replayed with the lesson observing) 3 times and
// reports the median wall time. Needs the built CLI (npm run build:cli).
// The last stdout line is the JSON result that bench/run-all.mjs reads; exit 1 when over budget,
// 2 when check could not run. A scenario that fails its check does not fail the benchmark (npm
// test names it); the result says how many passed.
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { median as exactMedian, round1 } from './support.mjs';

const RUNS = 3;
const BUDGET_MS = 20_000;
const root = fileURLToPath(new URL('..', import.meta.url));
const args = ['bin/ecs-sandbox.mjs', 'check', '--json'];

let last;
function timeOneRun() {
  const start = performance.now();
  const result = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const ms = performance.now() - start;
  if (result.status !== 0 && result.status !== 1) {
    console.error(`ecs-sandbox check exited with ${result.status}:\n${result.stderr}`);
    process.exit(2);
  }
  last = JSON.parse(result.stdout);
  return round1(ms);
}

const runs = Array.from({ length: RUNS }, timeOneRun);
const median = round1(exactMedian(runs));
const slowest = [...last.reports].sort((a, b) => b.durationMs - a.durationMs).slice(0, 3).map((report) => `${report.file} ${round1(report.durationMs)} ms`);
console.log(`check: median ${median} ms over ${RUNS} runs (budget ${BUDGET_MS} ms): ${runs.join(', ')}; ${last.passed} passed, ${last.failed} failed; slowest: ${slowest.join(', ')}`);
console.log(JSON.stringify({ name: 'check', median, unit: 'ms', budget: BUDGET_MS, runs, scenarios: last.passed + last.failed, passed: last.passed, failed: last.failed, courseOk: last.reports.filter((report) => report.file.endsWith('course.yaml')).every((report) => report.ok) }));
process.exit(median > BUDGET_MS ? 1 : 0);
