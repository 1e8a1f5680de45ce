/**
 * The host helper's own build (issue 9 item 6): src/host/embed.ts → dist/embed.js, one classic IIFE
 * script with no dependencies and no chunks, for course pages to load with a plain <script src>. Run
 * after the app's build (`npm run build`), so it must not empty dist/. It also copies the demo host
 * page (examples/) to dist/examples/, where it loads ../embed.js.
 *
 * `embedDevPlugin` serves the same script at /embed.js from the dev server (added in vite.config.ts),
 * so examples/host.html works from `npm start` as from dist/.
 */
import { defineConfig, build, type InlineConfig, type Plugin } from 'vite';
import { cpSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));
const ENTRY = `${root}src/host/embed.ts`;

/** The build options both the production build and the dev server's /embed.js use. */
function embedBuild(): InlineConfig['build'] {
  return {
    outDir: 'dist',
    // The app's build ran first: keep its files.
    emptyOutDir: false,
    target: 'es2022',
    sourcemap: false,
    copyPublicDir: false,
    lib: { entry: ENTRY, formats: ['iife'], name: 'EcsSandboxEmbed', fileName: () => 'embed.js' },
  };
}

/** Copies examples/ (plain HTML, CSS and JS, nothing to build) to dist/examples/. */
function copyExamples(): Plugin {
  return {
    name: 'ecs-sandbox:copy-examples',
    apply: 'build',
    closeBundle() {
      cpSync(`${root}examples`, `${root}dist/examples`, { recursive: true });
    },
  };
}

/**
 * Dev server: /embed.js is built on request (in memory, about 50 ms) and kept until a file under
 * src/host/ changes. A classic script cannot import modules, so serving the TypeScript module itself
 * would not do.
 */
export function embedDevPlugin(): Plugin {
  let cached: Promise<string> | null = null;
  return {
    name: 'ecs-sandbox:embed-dev',
    apply: 'serve',
    configureServer(server) {
      server.watcher.on('change', (file) => {
        if (file.includes('/src/host/') || file.includes('/src/lib/embed/')) cached = null;
      });
      server.middlewares.use((req, res, next) => {
        if (req.url?.split('?')[0] !== '/embed.js') return next();
        cached ??= bundleInMemory();
        cached.then(
          (code) => {
            res.setHeader('content-type', 'text/javascript; charset=utf-8');
            res.setHeader('cache-control', 'no-store');
            res.end(code);
          },
          (error: unknown) => {
            cached = null;
            next(error);
          },
        );
      });
    },
  };
}

async function bundleInMemory(): Promise<string> {
  const output = await build({ root, configFile: false, logLevel: 'warn', mode: 'development', build: { ...embedBuild(), write: false } });
  const first = Array.isArray(output) ? output[0] : output;
  if (first === undefined || !('output' in first)) throw new Error('embed.js: no build output');
  const chunk = first.output.find((o) => o.type === 'chunk');
  if (chunk === undefined || chunk.type !== 'chunk') throw new Error('embed.js: no chunk in the build output');
  return chunk.code;
}

export default defineConfig({
  root,
  publicDir: false,
  plugins: [copyExamples()],
  build: embedBuild(),
});
