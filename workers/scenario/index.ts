/**
 * The scenario format's public face (pinned interface 5): parse scenario files and command-box
 * text into plain data with located issues. Used by the worker, the CLI and the tests.
 */
export { DEFAULT_SEED, formatIssue, locateSteps, parseScenarioText, parseStepsText, SCENARIO_KEYS, type StepsParseResult } from './parse.ts';
export { LIMITS } from './messages.ts';
// The learning format (issue 8): the objective checker's hook, the topics, locale and action-list helpers.
export { provideObjectiveChecker, type ObjectiveChecker, type ObjectiveCheckIssue } from './objective-hook.ts';
export { LEVELS, TOPICS, TOPIC_IDS, type TopicId } from './topics.ts';
export { textFor } from './fields.ts';
export { isActionAllowed } from './attempts.ts';

// Every reader of scenario files (the worker, the CLI) checks objectives' predicates as it parses:
// the objective language's checker is the parser's (objective-hook.ts keeps the two modules apart).
import { provideObjectiveChecker as provide } from './objective-hook.ts';
import { checkObjective } from './objectives/check.ts';
provide(checkObjective);
