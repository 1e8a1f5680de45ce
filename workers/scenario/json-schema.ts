/**
 * The scenario format's JSON Schema (draft-07, what yaml-language-server and Monaco understand),
 * built from the same lists the parser checks against: the actions (SUPPORTED_ACTIONS), the topics,
 * the levels and every map's keys. `tools/write-scenario-schema.ts` writes it to
 * scenarios/schema/scenario.schema.json, and test/unit/scenario/json-schema.test.ts fails when that
 * file drifts from this function.
 *
 * The schema gives authors completion and most errors while typing; the parser stays the judge
 * (what a schema cannot say — ids used twice, mustFail naming an objective that exists, events in
 * time order, a solution using a disabled action — only the parser checks). An objective's `check`
 * is described by the objective language's own schema, objective.schema.json, beside this one.
 */
import { SUPPORTED_ACTIONS, WAIT } from '../engine/actions.ts';
import { MAX_WAIT_MS } from '../engine/duration.ts';
import { ANTI_SOLUTION_KEYS, LISTABLE_ACTIONS } from './attempts.ts';
import { ID_PATTERN, LOCALE_PATTERN } from './fields.ts';
import { LESSON_STEP_KEYS, OBJECTIVE_KEYS } from './lesson.ts';
import { LIMITS } from './messages.ts';
import { EDITOR_KEYS, MAX_SEED, SCENARIO_KEYS } from './parse.ts';
import { EVENT_KEYS } from './timeline-events.ts';
import { LEVELS, TOPICS } from './topics.ts';

/** Where an objective's predicate is defined (written by the objective language, not here). */
export const OBJECTIVE_SCHEMA_REF = 'objective.schema.json#/definitions/Objective';

type Schema = Record<string, unknown>;

const ref = (name: string): Schema => ({ $ref: `#/definitions/${name}` });

/** The properties of an object, in the order of `keys`, so the schema cannot list a key the parser refuses (or miss one). */
function object(keys: readonly string[], properties: Record<string, Schema>, required: readonly string[], extra: Schema = {}): Schema {
  const missing = keys.filter((key) => !(key in properties));
  const unknown = Object.keys(properties).filter((key) => !keys.includes(key));
  if (missing.length > 0 || unknown.length > 0) throw new Error(`schema and parser disagree: missing ${missing.join(', ')}; unknown ${unknown.join(', ')}`);
  return {
    type: 'object',
    ...extra,
    properties: Object.fromEntries(keys.map((key) => [key, properties[key]!])),
    required: [...required],
    additionalProperties: false,
  };
}

const durationPattern = '^\\s*(?:\\d+|(?:\\d+(?:ms|s|m|h|d))+)\\s*$';

export function scenarioJsonSchema(): Schema {
  const request: Schema = {
    type: ['object', 'null'],
    description: 'The request, as the AWS API (or the sandbox action) takes it; nothing for an operation without required parameters.',
  };
  const actionProperties = Object.fromEntries(SUPPORTED_ACTIONS.map((action) => [action, ref('Request')]));
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'ECS Sandbox scenario',
    description:
      'A scenario of ECS Sandbox: data only, never executed. Put "# yaml-language-server: $schema=./schema/scenario.schema.json" at the top of a YAML file (or "$schema" in a JSON file) for completion. The format is described in scenarios/README.md.',
    ...object(
      SCENARIO_KEYS,
      {
        $schema: { type: 'string', description: 'The schema of this file, for editors (JSON files).' },
        id: { ...ref('Id'), description: 'A short name: lower-case letters, digits and "-" (first-task).' },
        title: { ...ref('Text'), description: 'The scenario\'s name as learners see it.' },
        summary: { ...ref('Text'), description: 'One or two sentences on what the scenario teaches.' },
        topics: {
          type: 'array',
          description: 'The course topics this scenario teaches.',
          items: ref('Topic'),
          uniqueItems: true,
        },
        level: { enum: [...LEVELS], description: 'How much the learner should already know.' },
        estimatedMinutes: {
          type: 'integer',
          minimum: 1,
          maximum: LIMITS.maxEstimatedMinutes,
          description: 'About how long the scenario takes, in minutes.',
        },
        seed: {
          type: 'integer',
          minimum: 0,
          maximum: MAX_SEED,
          default: 1,
          description: 'The seed of the run\'s random numbers: the same seed replays the same run, byte for byte.',
        },
        setup: { ...ref('Steps'), description: 'The steps that build the starting state, in order ([] for none).' },
        events: {
          type: 'array',
          maxItems: LIMITS.maxSteps,
          items: ref('Event'),
          description: 'Scripted events on the timeline, in time order: traffic changes, faults, Spot interruptions.',
        },
        steps: {
          type: 'array',
          items: ref('LessonStep'),
          description: 'The lesson: markdown instructions, each step with its objectives.',
        },
        solution: { ...ref('Steps'), description: 'The reference solution: steps, applied after the setup, that meet every objective.' },
        antiSolutions: {
          type: 'array',
          items: ref('AntiSolution'),
          description: 'Known-wrong attempts, each with the objectives it must fail (checked in CI).',
        },
        allowedActions: { ...ref('ActionList'), description: 'Only these actions are offered to the learner.' },
        disabledActions: { ...ref('ActionList'), description: 'These actions are refused to the learner.' },
        editor: object(EDITOR_KEYS, {
          taskDefinition: { type: 'object', description: 'What the task definition editor opens with (a RegisterTaskDefinition input).' },
        }, [], { description: 'What the editors open with.' }),
      },
      ['id', 'title', 'setup'],
      { not: { required: ['allowedActions', 'disabledActions'] } },
    ),
    definitions: {
      Id: { type: 'string', pattern: ID_PATTERN.source },
      NonBlank: { type: 'string', pattern: '\\S' },
      Text: {
        description: 'A string (English), or a map of languages with "en" required: {en: "…", fr: "…"}.',
        oneOf: [
          ref('NonBlank'),
          {
            type: 'object',
            required: ['en'],
            propertyNames: { pattern: LOCALE_PATTERN.source },
            additionalProperties: ref('NonBlank'),
          },
        ],
      },
      Markdown: { ...ref('Text') },
      Topic: {
        enum: TOPICS.map((topic) => topic.id),
        enumDescriptions: TOPICS.map((topic) => topic.title),
      },
      Duration: {
        description: 'A duration: "90s", "5m", "2h", "1h30m", "250ms", or a whole number of milliseconds (at most 30 days).',
        oneOf: [
          { type: 'integer', minimum: 0, maximum: MAX_WAIT_MS },
          { type: 'string', pattern: durationPattern },
        ],
      },
      Request: request,
      Step: {
        type: 'object',
        description: 'One step of the command language: a map with exactly one key, the action.',
        properties: { ...actionProperties, [WAIT]: { ...ref('Duration'), description: 'Let virtual time pass.' } },
        additionalProperties: false,
        minProperties: 1,
        maxProperties: 1,
      },
      Steps: { type: 'array', items: ref('Step'), maxItems: LIMITS.maxSteps },
      Event: object(EVENT_KEYS, {
        at: { ...ref('Duration'), description: 'When it happens: virtual time after the setup.' },
        do: {
          allOf: [ref('Step'), { not: { required: [WAIT] } }],
          description: 'The step to run (any action but wait).',
        },
      }, EVENT_KEYS),
      LessonStep: object(LESSON_STEP_KEYS, {
        id: ref('Id'),
        title: ref('Text'),
        instructions: { ...ref('Markdown'), description: 'Markdown: teach the concept in our own words, then ask for action.' },
        objectives: { type: 'array', items: ref('Objective') },
      }, ['id', 'title', 'instructions']),
      Objective: object(OBJECTIVE_KEYS, {
        id: { ...ref('Id'), description: 'Unique in the scenario; anti-solutions name objectives by it.' },
        title: ref('Text'),
        check: { $ref: OBJECTIVE_SCHEMA_REF, description: 'The predicate over the sandbox\'s state that meets the objective.' },
        hints: { type: 'array', items: ref('Text'), description: 'Shown one at a time, in order, while the objective fails.' },
      }, ['id', 'title', 'check']),
      AntiSolution: object(ANTI_SOLUTION_KEYS, {
        name: ref('NonBlank'),
        steps: ref('Steps'),
        mustFail: { type: 'array', items: ref('Id'), minItems: 1, uniqueItems: true, description: 'Ids of the objectives this attempt must fail.' },
      }, ANTI_SOLUTION_KEYS),
      ActionList: { type: 'array', items: { enum: [...LISTABLE_ACTIONS] }, uniqueItems: true },
    },
  };
}
