/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';
import { firstFramePlugin } from './tools/first-frame.plugin.ts';
import { taskdefSchemaPlugin } from './tools/taskdef-schema.plugin.ts';
import { cspPlugin } from './tools/csp.plugin.ts';
import { embedDevPlugin } from './vite.embed.config.ts';

// One config for the app, the dev server and the tests.
export default defineConfig({
  // Relative base: dist/ works from any sub-path and inside an iframe.
  base: './',
  plugins: [svelte(), firstFramePlugin(fileURLToPath(new URL('./scenarios/sandbox.yaml', import.meta.url))), embedDevPlugin(), cspPlugin()],
  worker: { format: 'es', plugins: () => [taskdefSchemaPlugin()] },
  // Worker-only dependencies are invisible to the dev-server scanner; without this the dev server
  // re-optimizes and reloads mid-session.
  optimizeDeps: { include: ['xstate', 'comlink', 'yaml', 'zod/mini'] },
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173 },
  build: { target: 'es2022', sourcemap: false, chunkSizeWarningLimit: 4096 },
  test: {
    // Vitest's own results go to JSON as well, so .ci/run can count them.
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          include: ['test/unit/**/*.test.ts', 'test/cli/**/*.test.ts'],
          // Seeded fuzz and property tests are CPU-bound: on a loaded 2-core CI machine they have
          // taken over vitest's default 5 s. Their own assertions bound the time per case.
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          // The services swarm test (test/swarm): seeded random clusters, deployments and faults.
          name: 'swarm',
          environment: 'node',
          include: ['test/swarm/**/*.test.ts'],
          testTimeout: 600_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/e2e/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
