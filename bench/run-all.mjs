// Measures the performance budgets of issue 2 and prints their medians:
//   bundle-size  initial JavaScript before Monaco ≤ 150 KB gzip (Monaco in its own lazy chunks)
//   first-paint  cluster view painted ≤ 300 ms after navigation (median of 5 loads, headless Chromium)
//   cli-run      `ecs-sandbox run` of the default scenario ≤ 1 s wall time (median of 7 runs)
//   editor-markers  the engine's marker on the editor model ≤ 300 ms after the last edit (median of 7, issue 3)
//   placement    5,000 tasks onto 5,000 instances ≤ 500 ms; explain one decision ≤ 5 ms (issue 4)
//   services     a virtual day of 1,000 service tasks on 100 instances behind an ALB, two rolling deployments ≤ 3 s (issue 5)
//   capacity     from 0 instances, a 200-task service on a capacity provider: minutes to steady, scale-out steps; the hour ≤ 1 s (issue 6)
//   autoscaling  a virtual week of 20 services behind an ALB with daily traffic, target tracking and scheduled actions ≤ 5 s (issue 7)
//   timeline     undo and a jump back 30 virtual minutes in a busy 2-hour session ≤ 200 ms each (issue 8)
//   check        `ecs-sandbox check` of the whole course (every scenario's solution and anti-solutions) ≤ 20 s (median of 3, issue 8)
//   click-to-load  a course page embedding 10 sandboxes with clickToLoad=1: JavaScript before any click ≤ 100 KB gzip; click → ready (issue 9)
// Usage: npm run bench            (builds the app and the CLI first)
//        npm run bench -- --no-build
// Exit status is non-zero when any budget is missed. Results also go to bench/results/latest.json.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';

const BENCHES = ['bundle-size', 'first-paint', 'cli-run', 'validate-taskdef', 'editor-markers', 'placement', 'services', 'capacity', 'autoscaling', 'timeline', 'check', 'click-to-load'];
const build = !process.argv.includes('--no-build');

function run(command, args) {
  const result = spawnSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  return { status: result.status ?? 1, stdout: result.stdout ?? '' };
}

if (build) {
  for (const script of ['build', 'build:cli']) {
    console.error(`== npm run ${script}`);
    if (run('npm', ['run', '--silent', script]).status !== 0) {
      console.error(`npm run ${script} failed`);
      process.exit(2);
    }
  }
}

const results = [];
let failed = false;
for (const name of BENCHES) {
  console.error(`== ${name}`);
  const { status, stdout } = run('node', [`bench/${name}.mjs`]);
  const line = stdout.trim().split('\n').filter(Boolean).pop() ?? '{}';
  let parsed;
  try {
    parsed = JSON.parse(line);
  } catch {
    parsed = { name, error: `no JSON result line; output was: ${stdout.slice(0, 200)}` };
  }
  parsed.withinBudget = status === 0;
  failed ||= status !== 0;
  results.push(parsed);
  console.log(JSON.stringify(parsed));
}

mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/latest.json', JSON.stringify(results, null, 2) + '\n');
console.error(failed ? 'some budgets were missed' : 'all budgets met');
process.exit(failed ? 1 : 0);
