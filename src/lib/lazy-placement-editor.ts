/**
 * The Run task form's custom placement editor is a lazy chunk: only a learner who picks the
 * "Custom" template needs it. One memoized import() for the form (when Custom is chosen) and for
 * the app's idle preload, so it is fetched once; a failed fetch is tried again next time.
 */
import type { Component } from 'svelte';
import type { FormIssue, RunTaskFormState } from './view-model/run-task-request.ts';

export type CustomPlacementEditor = Component<{ form: RunTaskFormState; issues: FormIssue[] }, object, 'form'>;

let loading: Promise<CustomPlacementEditor> | null = null;

export function loadCustomPlacementEditor(): Promise<CustomPlacementEditor> {
  loading ??= import('../components/RunTaskPlacementCustom.svelte').then(
    (module) => module.default,
    (error: unknown) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}
