/** The rewindable timeline (issue 8): the command log, replay, undo, jumps, sharing. See README.md. */
export { compareCursors, cursorAt, type CommandLog, type Cursor, type TimelineEntry } from './log.ts';
export { replayBetween, freshStart, ReplayDivergedError } from './replay.ts';
export { isReadOnlyStep } from './read-only.ts';
export { Timeline, DEFAULT_CHECKPOINTS, DEFAULT_CHECKPOINT_EVERY_MS, type TimelineOptions, type TimelineRefusal } from './timeline.ts';
export { decodeLog, encodeLog, LOG_FORMAT_VERSION, MAX_SHARED_ENTRIES, type DecodeResult, type SharedLog } from './share.ts';
