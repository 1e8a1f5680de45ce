// The page's entry, kept tiny on purpose: start the sandbox worker first (its start-up is the
// longest step before the first paint), install the test hook, then fetch and mount the UI.
import sandboxYaml from '../scenarios/sandbox.yaml?raw';
import { SandboxConnection } from './lib/sandbox-connection.ts';
import { installTestHook } from './lib/test-hook.ts';

const connection = new SandboxConnection(sandboxYaml);
installTestHook();
const { mountApp } = await import('./mount-app.ts');
mountApp(connection);
