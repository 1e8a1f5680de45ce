// The page's entry: the sandbox worker first (see boot.ts), then styles, the test hook and the app.
import { client } from './lib/boot.ts';
import { mount } from 'svelte';
import './app.css';
import App from './App.svelte';
import { installTestHook } from './lib/test-hook.ts';

installTestHook();
const target = document.getElementById('app');
if (target === null) throw new Error('index.html has no #app element');
export default mount(App, { target, props: { client } });
