// Measures the editor figure of issue 3: "editor markers appear ≤ 300 ms after typing stops".
//
// dist/ (built beforehand) is served on 127.0.0.1 by test/support/static-server.ts and Chromium
// is launched by test/support/browser.ts (TypeScript, loaded through tsx's API), as in
// first-paint.mjs. Once the editor is up (window.__ecsSandbox.ready), each run starts from a
// valid definition with no AWS markers, then makes ONE edit (through the editor API, as the last
// keystroke of a learner would) that introduces an AWS rule error — a hostPort that differs from
// the containerPort in awsvpc, a different port each run — and times, inside the page, from that
// edit until the engine's marker with the expected message is on the model
// (monaco.editor.getModelMarkers via window.__ecsSandbox.getEditorMarkers). That span includes
// the editor's own debounce (150 ms), the worker round trip and the validation. One unmeasured
// run warms the worker and the JIT.
//
// Usage: node bench/editor-markers.mjs [runs]        (build first: npm run build)
// The last stdout line is JSON: {name, median, unit, budget, runs}; exit 1 when over budget.
import { median as exactMedian, round1, startBrowserBench } from './support.mjs';

const BUDGET_MS = 300;
const RUNS = Number(process.argv[2] ?? 7);
const MESSAGE = 'When networkMode=awsvpc, the host ports and container ports in port mappings must match.';

const { server, browser, close } = await startBrowserBench();

const definition = (hostPort) =>
  JSON.stringify(
    {
      family: 'web',
      networkMode: 'awsvpc',
      containerDefinitions: [{ name: 'web', image: 'public.ecr.aws/nginx/nginx:1.27', cpu: 256, memory: 512, portMappings: [{ containerPort: 80, hostPort }] }],
    },
    null,
    2,
  );

/** In the page: set the valid text, wait until no AWS marker is left, then time one bad edit. */
async function measure(page, hostPort) {
  return page.evaluate(
    async ({ valid, invalid, message }) => {
      const hook = window.__ecsSandbox;
      const until = (predicate, timeoutMs) =>
        new Promise((resolve, reject) => {
          const started = performance.now();
          const poll = () => {
            if (predicate()) resolve(performance.now());
            else if (performance.now() - started > timeoutMs) reject(new Error('timed out'));
            else setTimeout(poll, 1);
          };
          poll();
        });
      hook.setEditorText(valid);
      await until(() => hook.getEditorMarkers().length === 0 && hook.getEditorText() === valid, 10_000);
      await new Promise((r) => setTimeout(r, 300)); // let the valid text's own validation settle
      const edited = performance.now();
      hook.setEditorText(invalid);
      const seen = await until(() => hook.getEditorMarkers().some((m) => m.message === message), 10_000);
      return seen - edited;
    },
    { valid: definition(80), invalid: definition(hostPort), message: MESSAGE },
  );
}

const median = (xs) => round1(exactMedian(xs));

const runs = [];
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(`${server.origin}/`);
  await page.waitForFunction(() => window.__ecsSandbox !== undefined, undefined, { timeout: 30_000 });
  await page.evaluate(() => window.__ecsSandbox.ready);
  await measure(page, 8000); // warm-up, not counted
  for (let i = 0; i < RUNS; i++) {
    const ms = Math.round((await measure(page, 8080 + i)) * 10) / 10;
    runs.push(ms);
    console.log(`run ${i + 1}: marker for hostPort ${8080 + i} after ${ms} ms`);
  }
  await context.close();
} finally {
  await close();
}

const result = median(runs);
console.log(JSON.stringify({ name: 'editor-markers', median: result, unit: 'ms', budget: BUDGET_MS, runs }));
process.exit(result <= BUDGET_MS ? 0 : 1);
