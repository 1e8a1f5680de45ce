/** PLACEHOLDER (issue 7 contract, removed when every issue-7 action is real). */
import { fail } from '../errors.ts';
import type { CommandHandler } from './handler.ts';

export const notBuiltYet = (action: string): CommandHandler => () => fail('NotImplemented', `${action} is being built (issue 7)`);
