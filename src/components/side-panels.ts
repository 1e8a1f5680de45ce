/**
 * The side column's panels — the task definition editor's frame, the Run task form and the
 * command box — as one lazy chunk that App.svelte fetches once the cluster view has painted: the
 * first paint needs only the picture, and leaving these out of it keeps the page's first
 * JavaScript within budget (and lets an embed that hides them never load them at all).
 */
export { default as EditorPanel } from './EditorPanel.svelte';
export { default as RunTaskForm } from './RunTaskForm.svelte';
export { default as CommandBox } from './CommandBox.svelte';
