/**
 * What issue 8's tools add to the page outside their own panels, as one lazy chunk fetched once
 * the cluster view has painted (App.svelte): undo, redo, reset and the timeline scrubber (with
 * the event log's live region), the header's Author switch, the "Describe the
 * cluster" switch under the picture (`?scenario=<http(s) url>` is boot.ts's, with the other
 * address options). Keeping them out of the entry chunk keeps the first paint's
 * JavaScript within its budget.
 */
import type { SandboxClient } from '../../lib/sandbox-client.svelte.ts';
import AuthorButton from './AuthorButton.svelte';
import TimelineTools from '../timeline/TimelineTools.svelte';
import DescribeToggle from '../a11y/DescribeToggle.svelte';

export function pageTools(_client: SandboxClient) {
  return { AuthorButton, DescribeToggle, TimelineTools };
}
