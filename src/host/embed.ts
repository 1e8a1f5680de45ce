/**
 * The entry of embed.js (built by vite.embed.config.ts into one classic script): defines
 * `window.EcsSandbox = { mount, version }` and nothing else on the page. See mount.ts.
 */
import { mount } from './mount.ts';
import { PROTOCOL_VERSION } from './core.ts';

declare global {
  interface Window {
    EcsSandbox?: { mount: typeof mount; version: typeof PROTOCOL_VERSION };
  }
}

/** `version` is the postMessage protocol version this helper speaks. */
window.EcsSandbox = { mount, version: PROTOCOL_VERSION };
