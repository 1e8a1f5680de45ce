/**
 * The worker's command table, in two parts so that its first JavaScript stays small (issue 2's
 * budget): the core commands (engine/commands/core.ts) at once, and the full table
 * (engine/commands/index.ts) in a lazy chunk, fetched in the background once the sandbox is live
 * and awaited before any step that needs it — so a learner's command is never refused for being
 * early, it only waits for the chunk the first time.
 */
import type { ActionName } from './engine/actions.ts';
import { CORE_COMMANDS, CORE_LOOKUP } from './engine/commands/core.ts';
import type { CommandHandler } from './engine/commands/handler.ts';
import type { CommandLookup } from './engine/engine.ts';
import type { Step } from './protocol.ts';

let full: Readonly<Record<ActionName, CommandHandler>> | undefined;
let loading: Promise<void> | undefined;

export const lookupCommand: CommandLookup = (action) => full?.[action] ?? CORE_LOOKUP[action];

/** Fetch the full command table (once). */
export function loadAllCommands(): Promise<void> {
  loading ??= import('./engine/commands/index.ts').then((module) => {
    full = module.COMMANDS;
  });
  return loading;
}

/**
 * Request fields that make a core command reach code of the full table (engine/commands/capacity-hooks.ts):
 * capacity provider strategies and a cluster's capacity providers.
 */
const FULL_TABLE_FIELDS = ['capacityProviderStrategy', 'capacityProviders', 'defaultCapacityProviderStrategy'];

function needsFullTable(request: unknown): boolean {
  return request !== null && typeof request === 'object' && FULL_TABLE_FIELDS.some((field) => Object.hasOwn(request, field));
}

/** Whether every step can run with the core commands (a malformed step can: the engine refuses it). */
export function coreSuffices(steps: readonly unknown[]): boolean {
  return steps.every((step) => {
    const keys = step !== null && typeof step === 'object' && !Array.isArray(step) ? Object.keys(step) : [];
    if (keys.length !== 1 || keys[0] === 'wait') return true;
    return Object.hasOwn(CORE_COMMANDS, keys[0]!) && !needsFullTable((step as Record<string, unknown>)[keys[0]!]);
  });
}

/** Resolve once every command the steps name is loaded. */
export async function commandsFor(steps: readonly Step[]): Promise<void> {
  if (full === undefined && !coreSuffices(steps)) await loadAllCommands();
}
