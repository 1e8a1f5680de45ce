/**
 * The scenario format's public face (pinned interface 5): parse scenario files and command-box
 * text into plain data with located issues. Used by the worker, the CLI and the tests.
 */
export { DEFAULT_SEED, formatIssue, locateSteps, parseScenarioText, parseStepsText, SCENARIO_KEYS, type StepsParseResult } from './parse.ts';
export { LIMITS } from './messages.ts';
