// Measures issue 5's figure with the built CLI: `ecs-sandbox bench services --json` — a 24-hour
// virtual day of 100 instances and 1,000 service tasks behind an ALB (dynamic host ports) with two
// rolling deployments, ≤ 3 s wall time (≥ 28,800× real time; the issue rounds it to 30,000×), median of 5 runs.
// The last stdout line is the JSON result that bench/run-all.mjs reads; exit 1 when over budget
// or when a run did not end with every service steady.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const result = spawnSync(process.execPath, ['bin/ecs-sandbox.mjs', 'bench', 'services', '--json'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
if (result.status !== 0 && result.status !== 1) {
  console.error(`ecs-sandbox bench services exited with ${result.status}`);
  process.exit(2);
}
const parsed = JSON.parse(result.stdout.trim().split('\n').pop());
console.log(JSON.stringify({
  name: 'services',
  wallMs: Math.round(parsed.wallMs),
  cpuMs: Math.round(parsed.cpuMs),
  realTimeFactor: parsed.realTimeFactor,
  setupMs: Math.round(parsed.perRun.map((r) => r.setupMs).sort((a, b) => a - b)[parsed.perRun.length >> 1]),
  allSteady: parsed.allSteady,
  runs: parsed.runs,
  budgets: parsed.budgets,
}));
process.exit(result.status);
