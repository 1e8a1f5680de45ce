// Measures the initial JavaScript of the built app (dist/, built beforehand) against the budget of
// issue 2: "initial JavaScript before Monaco ≤ 150 KB gzip, Monaco in its own lazy chunks".
//
// What counts as initial: everything the browser fetches and runs before the cluster view can
// paint, i.e.
//   - the entry script(s) of dist/index.html, their modulepreloads, and their static imports;
//   - the app itself (src/boot.ts: the UI, which paints the build-time first frame), which the
//     entry loads with import() at once (only `clickToLoad=1` defers it), and its static imports;
//   - the sandbox Web Worker (started right after the first paint: it hosts the engine) and its
//     static imports.
// What does not: chunks loaded with import() — Monaco, its CSS and its two workers, loaded after
// the first paint; they are listed separately as lazy.
// Sizes are gzip level 9 of each file, in KB (1 KB = 1000 bytes, as Vite reports them).
//
// Usage: node bench/bundle-size.mjs [distDir]      (build first: npm run build)
// The last stdout line is JSON: {name, median, unit, budget, detail}; exit 1 when over budget.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join, posix } from 'node:path';

const BUDGET_KB = 150;
const dist = process.argv[2] ?? 'dist';

if (!existsSync(join(dist, 'index.html'))) {
  console.error(`${dist}/index.html not found: build the app first (npm run build).`);
  process.exit(2);
}

const html = readFileSync(join(dist, 'index.html'), 'utf8');
const kb = (bytes) => Math.round((bytes / 1000) * 10) / 10;
const gzipBytes = (file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;

/** Paths in index.html are relative to it (base './'); normalise to dist-relative paths. */
const fromHtml = (href) => posix.normalize(href.replace(/^\.\//, '').replace(/^\//, ''));

const entries = [...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)].map((m) => fromHtml(m[1]));
const preloads = [...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)].map((m) => fromHtml(m[1]));

/** Static imports of a built chunk: `import … from "./x.js"` and `import "./x.js"`, not import(). */
function staticImports(file) {
  const code = readFileSync(join(dist, file), 'utf8');
  const dir = posix.dirname(file);
  const found = new Set();
  for (const m of code.matchAll(/(?:^|[;\s}])import\s*(?:[\w$*{}\s,]+?\s*from\s*)?["'`]([^"'`]+\.js)["'`]/g)) {
    found.add(posix.normalize(posix.join(dir, m[1])));
  }
  for (const m of code.matchAll(/(?:^|[;\s}])export\s*(?:\*|\{[^}]*\})\s*from\s*["'`]([^"'`]+\.js)["'`]/g)) {
    found.add(posix.normalize(posix.join(dir, m[1])));
  }
  return [...found];
}

/**
 * Workers a chunk creates: the script URLs it builds with `new URL("x.js", import.meta.url)` (the
 * Worker itself may be constructed elsewhere, e.g. by src/lib/worker-factory.ts).
 */
function workersOf(file) {
  const code = readFileSync(join(dist, file), 'utf8');
  const dir = posix.dirname(file);
  return [...code.matchAll(/new\s+URL\s*\(\s*["'`]([^"'`]+\.js)["'`]\s*,\s*import\.meta\.url\s*\)/g)].map((m) => posix.normalize(posix.join(dir, m[1])));
}

function closure(roots) {
  const seen = new Set();
  const queue = [...roots];
  while (queue.length > 0) {
    const file = queue.shift();
    if (seen.has(file) || !existsSync(join(dist, file))) continue;
    seen.add(file);
    queue.push(...staticImports(file));
  }
  return [...seen];
}

/** The entry's import() of the app (boot-*.js), taken at once on a normal load. */
function bootImports(file) {
  const code = readFileSync(join(dist, file), 'utf8');
  const dir = posix.dirname(file);
  return [...code.matchAll(/import\(\s*["'`](\.\/boot-[^"'`]+\.js)["'`]\s*\)/g)].map((m) => posix.normalize(posix.join(dir, m[1])));
}

const shell = closure([...entries, ...preloads]);
const page = closure([...shell, ...shell.flatMap(bootImports)]);
const workerRoots = [...new Set(page.flatMap(workersOf))];
const worker = closure(workerRoots).filter((f) => !page.includes(f));
const initial = new Set([...page, ...worker]);

const allJs = readdirSync(join(dist, 'assets'))
  .filter((f) => f.endsWith('.js'))
  .map((f) => `assets/${f}`);
const lazy = allJs.filter((f) => !initial.has(f));
const css = readdirSync(join(dist, 'assets'))
  .filter((f) => f.endsWith('.css'))
  .map((f) => `assets/${f}`);

const row = (file) => ({ file, gzipKB: kb(gzipBytes(file)), rawKB: kb(readFileSync(join(dist, file)).length) });
const sum = (rows) => Math.round(rows.reduce((n, r) => n + r.gzipKB, 0) * 10) / 10;

const pageRows = page.map(row);
const workerRows = worker.map(row);
const lazyRows = lazy.map(row).sort((a, b) => b.gzipKB - a.gzipKB);
const initialKB = Math.round((sum(pageRows) + sum(workerRows)) * 10) / 10;

console.log('initial JavaScript before Monaco (gzip):');
for (const r of pageRows) console.log(`  page    ${r.file}  ${r.gzipKB} KB (raw ${r.rawKB} KB)`);
for (const r of workerRows) console.log(`  worker  ${r.file}  ${r.gzipKB} KB (raw ${r.rawKB} KB)`);
console.log(`  total   ${initialKB} KB (budget ${BUDGET_KB} KB)`);
console.log('lazy chunks (Monaco and its workers, loaded after the first paint):');
for (const r of lazyRows) console.log(`  ${r.file}  ${r.gzipKB} KB (raw ${r.rawKB} KB)`);

console.log(
  JSON.stringify({
    name: 'bundle-size',
    median: initialKB,
    unit: 'KB',
    budget: BUDGET_KB,
    detail: {
      counts: 'entry script + modulepreloads + the app (boot, imported at once) + their static imports, plus the sandbox worker and its static imports (gzip -9); chunks loaded with import() (Monaco) are lazy',
      pageKB: sum(pageRows),
      workerKB: sum(workerRows),
      page: pageRows,
      worker: workerRows,
      lazy: lazyRows,
      lazyKB: sum(lazyRows),
      css: css.map(row),
    },
  }),
);
process.exit(initialKB <= BUDGET_KB ? 0 : 1);
