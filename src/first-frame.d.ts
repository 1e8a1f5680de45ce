// The default scenario's snapshot, computed at build time (tools/first-frame.plugin.ts); null when
// the default scenario has problems.
declare module 'virtual:first-frame' {
  const snapshot: import('../workers/protocol.ts').Snapshot | null;
  export default snapshot;
  /** The default scenario, parsed at build time (null when it has problems). */
  export const scenario: import('../workers/protocol.ts').Scenario | null;
}
