/**
 * mount() of embed.js — the host helper a course page loads with one classic `<script>` (issue 9 item 6):
 *
 *   <script src="https://sandbox.example.org/ecs/embed.js"></script>
 *   const lab = EcsSandbox.mount(element, { scenario: 'launch-types', onEvent: (e) => …, persist: true });
 *   await lab.ready; const state = await lab.getState();
 *
 * mount() creates the iframe, waits for the sandbox's `ready`, sizes the frame from its `resize`
 * events, sends commands and matches their replies, and (with `persist`) keeps the learner's state in
 * the HOST page's localStorage — the frame's own storage is partitioned per top-level site by browsers,
 * and absent in a sandboxed frame, so this is what lets progress survive a reload.
 *
 * Built on its own (vite.embed.config.ts) as one IIFE with no dependencies; the pure parts are in core.ts.
 */
import type { CommandPayloads, CommandType, HostState } from '../lib/embed/protocol.ts';
import type { Theme } from '../lib/embed/options.ts';
import type { Speed } from '../../workers/protocol.ts';
import {
  clampHeight, CommandError, defaultPersistKey, frameAddress, INITIAL_HEIGHT_PX, MESSAGE_SOURCE, parseSandboxMessage, PendingReplies,
  PROTOCOL_VERSION, scriptDirectory, storableState, type ParamValue, type SandboxEvent,
} from './core.ts';

export interface MountOptions {
  /** A bundled scenario id (launch-types) or an http(s) address of a scenario file. */
  scenario?: string;
  /** The sandbox's address, e.g. https://sandbox.example.org/ecs/. Default: the directory embed.js was loaded from. */
  origin?: string;
  /** Every valid event the sandbox posts (ready, completed, stateChanged, resize…). */
  onEvent?: (event: SandboxEvent) => void;
  /** Other URL options, passed as strings for the sandbox to check: panels, theme, lang, readonly, autoplay, speed, seed, clickToLoad. */
  params?: Record<string, ParamValue>;
  /** `<iframe sandbox="allow-scripts">`: the frame gets an opaque origin (no storage of its own). */
  sandboxed?: boolean;
  /** Keep the learner's state in this page's localStorage (true: a key per sandbox and scenario). */
  persist?: boolean | { key: string };
  /** The iframe's accessible title. */
  title?: string;
  /** The iframe's loading attribute; 'lazy' unless told. */
  loading?: 'lazy' | 'eager';
}

export interface SandboxHandle {
  iframe: HTMLIFrameElement;
  /** Resolves on the sandbox's `ready` event (with its payload); rejects if destroyed first. */
  ready: Promise<SandboxEvent<'ready'>['payload']>;
  /** Posts a command once ready; resolves with the reply's payload, rejects with the sandbox's sentence or after 10 s. */
  send<T extends CommandType>(type: T, payload?: CommandPayloads[T]): Promise<unknown>;
  loadScenario(source: CommandPayloads['loadScenario']): Promise<unknown>;
  reset(): Promise<unknown>;
  getState(): Promise<unknown>;
  setState(state: HostState): Promise<unknown>;
  setTheme(theme: Theme): Promise<unknown>;
  setSpeed(speed: Speed): Promise<unknown>;
  play(): Promise<unknown>;
  pause(): Promise<unknown>;
  /** Removes the listener and the iframe; waiting commands reject. */
  destroy(): void;
}

// Read while the script runs: document.currentScript is null once it has finished.
const SCRIPT_DIRECTORY = scriptDirectory((document.currentScript as HTMLScriptElement | null)?.src);
let mounts = 0;

export function mount(element: Element, options: MountOptions = {}): SandboxHandle {
  if (!(element instanceof Element)) throw new Error('EcsSandbox.mount: the first argument must be the element to put the sandbox in.');
  const sandbox = options.origin ?? SCRIPT_DIRECTORY;
  if (sandbox === null) throw new Error('EcsSandbox.mount: give "origin", the sandbox\'s address (embed.js could not tell where it was loaded from).');
  const { src, sandboxOrigin } = frameAddress(sandbox, document.baseURI, location.origin, options.scenario, options.params);
  const persistKey = options.persist === undefined || options.persist === false ? null
    : options.persist === true ? defaultPersistKey(src.split('?')[0]!, options.scenario) : options.persist.key;
  const sandboxed = options.sandboxed === true;
  const onEvent = options.onEvent;

  const iframe = document.createElement('iframe');
  iframe.title = options.title ?? (options.scenario ? `ECS Sandbox: ${options.scenario}` : 'ECS Sandbox');
  // Set through the CSSOM, not a style attribute, so a host page whose CSP has no 'unsafe-inline' styles keeps them.
  iframe.style.width = '100%';
  iframe.style.border = '0';
  iframe.style.display = 'block';
  iframe.style.height = `${INITIAL_HEIGHT_PX}px`;
  iframe.loading = options.loading ?? 'lazy';
  // Scripts only: never allow-same-origin, which would give the frame the sandbox site's origin back.
  if (sandboxed) iframe.setAttribute('sandbox', 'allow-scripts');
  iframe.src = src;

  const pending = new PendingReplies(`ecs${++mounts}`, { setTimeout: (cb, ms) => setTimeout(cb, ms), clearTimeout: (h) => clearTimeout(h as number) });
  let markReady!: (payload: SandboxEvent<'ready'>['payload']) => void;
  let failReady!: (error: Error) => void;
  let isReady = false;
  const ready = new Promise<SandboxEvent<'ready'>['payload']>((resolve, reject) => {
    markReady = resolve;
    failReady = reject;
  });
  // A host that never awaits `ready` must not see an unhandled rejection when it destroys the frame.
  ready.catch(() => undefined);
  let destroyed = false;
  let openScenario: string | null = null;
  // ready and the first scenarioLoaded arrive together: one setState at a time (see restore).
  let restoring = false;
  let retry = false;
  // The stored state goes back once per load of the frame: after that, a scenarioLoaded is the
  // learner starting over (Reset, Start over) or the host loading again, and pushing the old work
  // back would undo it. A new `ready` (the frame reloaded) allows one restore again.
  let restoredThisLoad = false;

  function post(data: unknown): void {
    // targetOrigin is the sandbox's exact origin, so a frame navigated elsewhere gets nothing.
    // The one exception: a sandboxed frame's origin is opaque and has no name, so the only target that
    // reaches it is '*'. The message still goes to that one window object (iframe.contentWindow) and
    // no other; what '*' gives up is only the check that the document in it is still the sandbox's.
    // A sandboxed frame's flags survive its navigations and the sandbox app navigates nowhere, so in
    // practice the document is ours. What we send is commands — nothing secret — except what setState
    // carries: the learner's own run, which the host stored from that same frame. (The reverse holds
    // too: any document in that frame could post events here; a browser-side event is never proof of
    // work anyway, since a learner can post `completed` from the developer tools in either mode.)
    iframe.contentWindow?.postMessage(data, sandboxed ? '*' : sandboxOrigin);
  }

  function send<T extends CommandType>(type: T, payload?: CommandPayloads[T]): Promise<unknown> {
    if (destroyed) return Promise.reject(new CommandError(`The sandbox was removed; ${type} was not sent.`, 'destroyed'));
    return ready.then(() => {
      if (destroyed) throw new CommandError(`The sandbox was removed; ${type} was not sent.`, 'destroyed');
      const { id, reply } = pending.open(type);
      post({ source: MESSAGE_SOURCE, version: PROTOCOL_VERSION, type, payload: payload ?? {}, id });
      return reply;
    });
  }

  function onMessage(event: MessageEvent): void {
    if (event.source === null || event.source !== iframe.contentWindow) return;
    // A sandboxed frame's messages come from the opaque origin, which MessageEvent names "null" for
    // every sandboxed or file: page alike, so the window (event.source) is the only check there is.
    if (sandboxed ? event.origin !== 'null' : event.origin !== sandboxOrigin) return;
    const message = parseSandboxMessage(event.data);
    if (message === null) return;
    if (message.kind !== 'event') {
      pending.settle(message);
      return;
    }
    const sandboxEvent = message.event;
    handleEvent(sandboxEvent);
    if (onEvent !== undefined) {
      try {
        onEvent(sandboxEvent);
      } catch (error) {
        // The host's own handler failing must not stop the frame being sized or replies matched.
        console.error('EcsSandbox: onEvent threw', error);
      }
    }
  }

  function handleEvent(event: SandboxEvent): void {
    switch (event.type) {
      case 'ready':
        if (!isReady) {
          isReady = true;
          markReady(event.payload as SandboxEvent<'ready'>['payload']);
        }
        restoredThisLoad = false;
        restore(options.scenario ?? null);
        break;
      case 'scenarioLoaded':
        openScenario = (event.payload as { id?: unknown }).id as string;
        // One caused by our own setState says nothing new.
        if ((event.payload as { restored?: unknown }).restored !== true) restore(openScenario);
        break;
      case 'resize': {
        const height = clampHeight((event.payload as { height: unknown }).height);
        if (height !== null) iframe.style.height = `${height}px`;
        break;
      }
      case 'stateChanged': {
        const state = storableState(event.payload);
        if (persistKey !== null && state !== null) writeStored(persistKey, state);
        // The sandbox now holds work newer than anything stored before: never push that back.
        restoredThisLoad = true;
        break;
      }
    }
  }

  /**
   * Sends the stored state when the sandbox is ready or has opened its scenario. A state of another
   * scenario waits for that scenario's scenarioLoaded. A `wrongState` refusal while the state's own
   * scenario was already open when it was sent means the sandbox cannot read it (another version): it
   * is stale, so it is dropped. One setState at a time: a scenarioLoaded arriving while one is out
   * sends again only if that one was refused (ready can come before the scenario is open). Once per
   * load of the frame (restoredThisLoad).
   */
  function restore(scenario: string | null): void {
    if (persistKey === null || restoredThisLoad) return;
    const state = readStored(persistKey);
    if (state === null || (scenario !== null && state.scenarioId !== scenario)) return;
    if (restoring) {
      retry = true;
      return;
    }
    restoring = true;
    const openWhenSent = openScenario;
    send('setState', { state: state as unknown as HostState })
      .then(
        () => {
          retry = false;
          restoredThisLoad = true;
        },
        (error: unknown) => {
          if (error instanceof CommandError && error.code === 'wrongState' && openWhenSent === state.scenarioId) {
            removeStored(persistKey);
            restoredThisLoad = true;
          }
        },
      )
      .finally(() => {
        restoring = false;
        if (retry && !destroyed) {
          retry = false;
          restore(openScenario);
        }
      });
  }

  window.addEventListener('message', onMessage);
  element.appendChild(iframe);

  return {
    iframe,
    ready,
    send,
    loadScenario: (source) => send('loadScenario', source),
    reset: () => {
      // The stored state would otherwise come back on the next scenarioLoaded.
      if (persistKey !== null) removeStored(persistKey);
      return send('reset', {});
    },
    getState: () => send('getState', {}),
    setState: (state) => send('setState', { state }),
    setTheme: (theme) => send('setTheme', { theme }),
    setSpeed: (speed) => send('setSpeed', { speed }),
    play: () => send('play', {}),
    pause: () => send('pause', {}),
    destroy() {
      if (destroyed) return;
      destroyed = true;
      window.removeEventListener('message', onMessage);
      pending.rejectAll('The sandbox was removed before it answered {type}.', 'destroyed');
      if (!isReady) failReady(new CommandError('The sandbox was removed before it was ready.', 'destroyed'));
      iframe.remove();
    },
  };
}

// localStorage may be absent or refuse (private modes, full quota, a sandboxed host): persistence then
// quietly does nothing, and the sandbox still works.
function readStored(key: string): ({ scenarioId: string } & Record<string, unknown>) | null {
  try {
    const text = localStorage.getItem(key);
    return text === null ? null : storableState({ state: JSON.parse(text) as unknown });
  } catch {
    return null;
  }
}

function writeStored(key: string, state: Record<string, unknown>): void {
  try {
    localStorage.setItem(key, JSON.stringify(state));
  } catch {
    /* see readStored */
  }
}

function removeStored(key: string): void {
  try {
    localStorage.removeItem(key);
  } catch {
    /* see readStored */
  }
}
