// Measures issue 7's figure with the built CLI: `ecs-sandbox bench autoscaling --json` — a 7-day
// virtual week of 20 Fargate services behind an ALB with a daily traffic wave, target tracking and
// scheduled actions each, simulated in ≤ 5 s wall time (median of 3 runs), with the number of
// scaling activities. The last stdout line is the JSON result that bench/run-all.mjs reads; exit 1
// when over budget or when a run did not end as expected.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const result = spawnSync(process.execPath, ['bin/ecs-sandbox.mjs', 'bench', 'autoscaling', '--json'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
if (result.status !== 0 && result.status !== 1) {
  console.error(`ecs-sandbox bench autoscaling exited with ${result.status}`);
  process.exit(2);
}
const parsed = JSON.parse(result.stdout.trim().split('\n').pop());
console.log(JSON.stringify({
  name: 'autoscaling',
  wallMs: Math.round(parsed.wallMs),
  cpuMs: Math.round(parsed.cpuMs),
  scaling: parsed.scaling,
  activities: parsed.activities,
  peakRunning: parsed.peakRunning,
  ok: parsed.ok,
  runs: parsed.runs,
  budgets: parsed.budgets,
}));
process.exit(result.status);
