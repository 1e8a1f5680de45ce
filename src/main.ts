// The page's entry: global styles, the test hook, and the Svelte app.
import { mount } from 'svelte';
import './app.css';
import App from './App.svelte';
import { installTestHook } from './lib/test-hook.ts';

installTestHook();
const target = document.getElementById('app');
if (target === null) throw new Error('index.html has no #app element');
export default mount(App, { target });
