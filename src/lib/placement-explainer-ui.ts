/**
 * The placement explainer's lazy chunk: the dialog, its parts, their view models and the state
 * class. Nothing on the page imports this module statically — only `lazy-explainer.svelte.ts`,
 * with import() — so the bundler puts all of it in its own chunk, fetched when the app is idle
 * (or on the first explanation asked before that) instead of with the page's first script.
 */
export { PlacementExplainerState } from './placement-explainer.svelte.ts';
export { default as PlacementExplainer } from '../components/PlacementExplainer.svelte';
