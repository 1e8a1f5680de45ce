/**
 * What the embed's `panels=` shows (issue 9, item 2) — the one place that maps each panel name to
 * the app's parts. A hidden panel is not rendered, and a lazy one is never fetched.
 *
 * - `lesson`: the lesson panel AND the header's lesson controls (Scenarios, Share, Progress): one
 *   lazy chunk (lesson-ui.ts) around one LessonController, so hiding the lesson skips the chunk.
 * - `editor`: the task definition editor (Monaco is fetched only for it or for a request editor).
 * - `runTask`: the Run task form (and the custom placement editor it opens).
 * - `command`: the command box.
 *   The three above make the side column, one lazy chunk (components/side-panels.ts): with none
 *   of them the column is not drawn and the chunk never fetched.
 * - `services`: the services panel above the picture, and the service editor it opens.
 * - `capacity`: the capacity dock (cost, Auto Scaling groups, capacity providers, service
 *   scaling) and the capacity provider editor.
 * - `events`: the EventBridge rules, S3 buckets and SQS queues panel, which lives in the capacity
 *   dock: with `events` and not `capacity`, the dock shows only it.
 * - `log`: the event log under the picture.
 * Always shown: the header (title, time controls, undo/redo and the timeline), the cluster
 * picture, the details panel and the placement explainer — the sandbox itself.
 */
import { PANELS, type Panel } from './options.ts';

export type PanelPlan = Record<Panel, boolean> & {
  /** The side column (editor, Run task, command box): drawn, and its chunk fetched, for any of them. */
  side: boolean;
  /** The capacity dock: drawn for capacity or events. */
  dock: boolean;
};

export function panelPlan(panels: readonly Panel[]): PanelPlan {
  const shown = Object.fromEntries(PANELS.map((p) => [p, panels.includes(p)])) as Record<Panel, boolean>;
  return { ...shown, side: shown.editor || shown.runTask || shown.command, dock: shown.capacity || shown.events };
}

/** Every panel: the site, and an embed without `panels=`. */
export const ALL_PANELS: PanelPlan = panelPlan(PANELS);

/** What boot.ts read from the address (issue 9's embed options) that the page's layout needs. */
export interface AppSettings {
  /** Compact chrome (`embed=1`); the intrinsic-height layout is embed.css's, on html[data-embed]. */
  embed: boolean;
  /** Which panels are drawn (`panels=`; see lib/embed/panels.ts). */
  panels: PanelPlan;
  /** The page's language tag (`lang=`), for the scenario's own texts. */
  lang: string;
  /** One sentence per address parameter that was ignored. */
  problems: readonly string[];
}
