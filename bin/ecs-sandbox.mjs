#!/usr/bin/env node
// The `ecs-sandbox` command. It runs the bundled CLI in build/cli.mjs, which `npm install` builds
// (the "prepare" script) and `npm run build:cli` rebuilds.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const bundle = fileURLToPath(new URL('../build/cli.mjs', import.meta.url));

// `ecs-sandbox run … --json | head` closes the pipe early: that is not an error worth a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

if (!existsSync(bundle)) {
  process.stderr.write(
    'ecs-sandbox: the CLI is not built yet (build/cli.mjs is missing).\n' +
      'Run "npm run build:cli" in the ecs-sandbox folder (npm install does it too), then try again.\n',
  );
  process.exit(2);
}

const { main } = await import(pathToFileURL(bundle).href);
process.exitCode = main(process.argv.slice(2));
