// The UI: global styles and the Svelte app, mounted on #app with a client attached to the worker
// connection that main.ts already started.
import { mount } from 'svelte';
import './app.css';
import App from './App.svelte';
import { SandboxClient } from './lib/sandbox-client.svelte.ts';
import type { SandboxConnection } from './lib/sandbox-connection.ts';

export function mountApp(connection: SandboxConnection) {
  const target = document.getElementById('app');
  if (target === null) throw new Error('index.html has no #app element');
  return mount(App, { target, props: { client: new SandboxClient(connection) } });
}
