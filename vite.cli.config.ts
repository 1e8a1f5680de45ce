import { defineConfig } from 'vite';

// Builds the headless CLI (cli/main.ts) into one Node module, build/cli.mjs, that
// bin/ecs-sandbox.mjs imports. Everything — our engine and its dependencies (yaml, zod, xstate) — is
// bundled into that one file: Node then reads one module instead of resolving hundreds in
// node_modules. Measured here on `run scenarios/sandbox.yaml --json` (median of 9): bundled
// ~190-240 ms, dependencies left external ~400-480 ms.
export default defineConfig({
  // No public dir, no HTML: this is a library build for Node.
  publicDir: false,
  build: {
    ssr: 'cli/main.ts',
    outDir: 'build',
    emptyOutDir: false,
    target: 'node20',
    minify: false,
    sourcemap: false,
    copyPublicDir: false,
    rolldownOptions: {
      output: { format: 'es', entryFileNames: 'cli.mjs' },
    },
  },
  ssr: {
    target: 'node',
    // Bundle every dependency (node: built-ins stay external).
    noExternal: true,
  },
});
