// Measures issue 8's timeline figure with the built CLI: `ecs-sandbox bench timeline --json` — a
// 2-hour session of scenarios/capacity.yaml with a learner command every 4 virtual minutes, then
// undo of the last command and a jump back 30 virtual minutes, each ≤ 200 ms (medians of 7), on the
// timeline and through the worker's learning session (its lesson observing), next to the naive
// replay from the start and the size of the session's log. The last stdout line is the
// JSON result that bench/run-all.mjs reads; exit 1 when over budget or when a run went wrong.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const result = spawnSync(process.execPath, ['bin/ecs-sandbox.mjs', 'bench', 'timeline', '--json'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
if (result.status !== 0 && result.status !== 1) {
  console.error(`ecs-sandbox bench timeline exited with ${result.status}`);
  process.exit(2);
}
const parsed = JSON.parse(result.stdout.trim().split('\n').pop());
const round = (ms) => Math.round(ms * 10) / 10;
console.log(JSON.stringify({
  name: 'timeline',
  undoMs: round(parsed.undoMs),
  jumpBackMs: round(parsed.jumpBackMs),
  naiveUndoMs: round(parsed.naiveUndoMs),
  naiveJumpBackMs: round(parsed.naiveJumpBackMs),
  // The same moves through the worker's learning session (lesson rewound, state and snapshot built).
  sessionUndoMs: round(parsed.session.undoMs),
  sessionJumpBackMs: round(parsed.session.jumpBackMs),
  sessionRedoMs: round(parsed.session.redoMs),
  commands: parsed.commands,
  logJsonBytes: parsed.logJsonBytes,
  logGzipBytes: parsed.logGzipBytes,
  ok: parsed.ok,
  runs: parsed.runs,
  budgets: parsed.budgets,
}));
process.exit(result.status);
