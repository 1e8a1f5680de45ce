// The UI: global styles and the Svelte app, mounted on #app with the client that boot.ts created
// on the worker connection, and the page settings boot.ts read from the address.
import { mount } from 'svelte';
import './app.css';
import './embed.css';
import App from './App.svelte';
import type { SandboxClient } from './lib/sandbox-client.svelte.ts';
import type { AppSettings } from './lib/embed/panels.ts';

export function mountApp(client: SandboxClient, settings: AppSettings) {
  const target = document.getElementById('app');
  if (target === null) throw new Error('index.html has no #app element');
  return mount(App, { target, props: { client, settings } });
}
