/**
 * Builds the app once (dist/) with vite.config.ts, then the host helper (dist/embed.js and the demo
 * page) with vite.embed.config.ts, before the browser tests, through Vite's own build() API, so
 * every test runs against what `npm run build` ships.
 */
import { build } from 'vite';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

export default async function setup(): Promise<void> {
  const started = performance.now();
  console.log('[e2e] building dist/ with vite.config.ts …');
  // Vitest sets NODE_ENV=test, which Vite and the Svelte plugin read as "not production": Svelte
  // would compile in dev mode (about 17 KB more, with dev-only checks). Build what ships.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ root, configFile: `${root}/vite.config.ts`, logLevel: 'warn', mode: 'production' });
    await build({ root, configFile: `${root}/vite.embed.config.ts`, logLevel: 'warn', mode: 'production' });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  console.log(`[e2e] dist/ built in ${Math.round(performance.now() - started)} ms`);
}
