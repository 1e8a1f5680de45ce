/**
 * The lesson UI's lazy entry (issue 8): the header's Scenarios / Share / Progress controls and the
 * lesson panel, around one LessonController. App.svelte imports this module with import() once
 * the cluster view has painted, so none of it weighs on the first paint.
 */
import type { SandboxClient } from './sandbox-client.svelte.ts';
import { LessonController } from './lesson-controller.svelte.ts';
import LessonHeader from '../components/lesson/LessonHeader.svelte';
import LessonRoot from '../components/lesson/LessonRoot.svelte';

export function lessonUi(client: SandboxClient) {
  return { Header: LessonHeader, Panel: LessonRoot, controller: new LessonController(client) };
}
