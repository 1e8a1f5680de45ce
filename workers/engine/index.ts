/**
 * The engine facade (protocol.ts `SandboxEngine`) with every command: the only way the CLI, the
 * tests and build-time tools touch the simulation. (The worker builds its engine from the same
 * class with its commands loading in two parts: workers/worker-commands.ts.)
 */
import type { SandboxEngine } from '../protocol.ts';
import { COMMANDS } from './commands/index.ts';
import { createEngineWith } from './engine.ts';

export { DEFAULT_SEED, STEP_ERROR_CODES } from './engine.ts';

export function createEngine(options?: { seed?: number }): SandboxEngine {
  return createEngineWith((action) => COMMANDS[action], options);
}
