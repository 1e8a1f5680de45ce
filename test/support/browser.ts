/**
 * Launches a headless Chromium for the browser tests and benchmarks, without downloading anything:
 * 1. the CHROMIUM_PATH environment variable, if set (`CHROMIUM_PATH=npm` forces choice 3);
 * 2. Debian's /usr/bin/chromium (or chromium-browser), if present;
 * 3. the Chromium shipped inside the @sparticuz/chromium npm package (arrives with `npm install`).
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Flags that keep Chromium from reaching for the (closed) network and from needing a sandbox as root. */
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

const SYSTEM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

export interface ChromiumChoice {
  executablePath: string;
  args: string[];
  source: 'CHROMIUM_PATH' | 'system' | '@sparticuz/chromium';
}

export async function findChromium(): Promise<ChromiumChoice> {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv === 'npm') return npmChromium();
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH is set to ${fromEnv}, but no file is there.`);
    return { executablePath: fromEnv, args: FLAGS, source: 'CHROMIUM_PATH' };
  }
  const system = SYSTEM_PATHS.find((p) => existsSync(p));
  if (system) return { executablePath: system, args: FLAGS, source: 'system' };
  return npmChromium();
}

async function npmChromium(): Promise<ChromiumChoice> {
  try {
    const sparticuz = (await import('@sparticuz/chromium')).default;
    const executablePath = await sparticuz.executablePath();
    // Only our flags: its own (--single-process, --no-zygote, --disable-web-security, …) suit a
    // Lambda, and with --single-process the browser dies when a test closes its first context.
    return { executablePath, args: FLAGS, source: '@sparticuz/chromium' };
  } catch (error) {
    throw new Error(
      'No Chromium found for the browser tests. Install one with `apt-get install -y chromium`, ' +
        'or set CHROMIUM_PATH, or run `npm install` to get @sparticuz/chromium. ' +
        `(${(error as Error).message})`,
    );
  }
}

export async function launchChromium(): Promise<Browser> {
  const choice = await findChromium();
  return chromium.launch({ executablePath: choice.executablePath, args: choice.args, headless: true });
}
