// Measures issue 6's figure with the built CLI: `ecs-sandbox bench capacity --json` — from 0
// instances, a 200-task service on a capacity provider with managed scaling: the virtual minutes to
// steady state, the scale-out steps, and one virtual hour simulated in ≤ 1 s wall time (median of 5 runs).
// The last stdout line is the JSON result that bench/run-all.mjs reads; exit 1 when over budget
// or when a run did not reach steady state.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const result = spawnSync(process.execPath, ['bin/ecs-sandbox.mjs', 'bench', 'capacity', '--json'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
if (result.status !== 0 && result.status !== 1) {
  console.error(`ecs-sandbox bench capacity exited with ${result.status}`);
  process.exit(2);
}
const parsed = JSON.parse(result.stdout.trim().split('\n').pop());
console.log(JSON.stringify({
  name: 'capacity',
  wallMs: Math.round(parsed.wallMs),
  cpuMs: Math.round(parsed.cpuMs),
  steadyAfterMinutes: parsed.steadyAfterMinutes,
  scaleOutSteps: parsed.scaleOutSteps,
  desiredByMinute: parsed.perRun[0]?.desiredByMinute.slice(0, 15),
  allSteady: parsed.allSteady,
  runs: parsed.runs,
  budgets: parsed.budgets,
}));
process.exit(result.status);
