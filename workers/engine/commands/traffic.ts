/** PLACEHOLDER (issue 7 contract): the owner replaces each handler with the real one. */
import { notBuiltYet } from './placeholder.ts';
import type { CommandHandler } from './handler.ts';

export const simSetTraffic: CommandHandler = notBuiltYet('sim:SetTraffic');
