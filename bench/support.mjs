// What the benchmarks share: the median, and a served dist/ with a headless Chromium (through the
// tests' own TypeScript helpers, loaded with tsx's API).
import { existsSync } from 'node:fs';
import { register } from 'tsx/esm/api';

/** The median; for an even count, the mean of the middle two. */
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Rounds to one decimal, as the browser benchmarks report milliseconds. */
export const round1 = (x) => Math.round(x * 10) / 10;

/**
 * Serves the built dist/ on loopback and launches Chromium. Exits with status 2 when dist/ has not
 * been built. `close()` stops both.
 */
export async function startBrowserBench() {
  const { serveStatic, launchChromium } = await browserSupport();
  const server = await serveStatic('dist', { basePath: '/' });
  const browser = await launchChromium();
  return {
    server,
    browser,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}

/**
 * The tests' static server and Chromium launcher (TypeScript, through tsx), for benchmarks that
 * need more than one server. Exits with status 2 when dist/ has not been built.
 */
export async function browserSupport() {
  if (!existsSync('dist/index.html')) {
    console.error('dist/index.html not found: build the app first (npm run build).');
    process.exit(2);
  }
  register();
  const { serveStatic } = await import('../test/support/static-server.ts');
  const { launchChromium } = await import('../test/support/browser.ts');
  return { serveStatic, launchChromium };
}
