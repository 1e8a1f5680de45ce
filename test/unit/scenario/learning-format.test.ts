// Proves the learning format's keys (topics, level, estimatedMinutes, events, steps with objectives
// and hints, solution, antiSolutions, allowedActions / disabledActions, locale maps) parse into the
// protocol's Scenario, and that every mistake in them is reported — all at once — with its exact
// message, line, column and JSON pointer, as the rest of the format is.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../../workers/engine/index.ts';
import { locateSteps, parseScenarioText } from '../../../workers/scenario/index.ts';
import { isActionAllowed } from '../../../workers/scenario/attempts.ts';
import { textFor } from '../../../workers/scenario/fields.ts';
import { provideObjectiveChecker } from '../../../workers/scenario/objective-hook.ts';

const BASE = 'id: a\ntitle: t\nsetup: []\n';
const FULL = readFileSync(new URL('./fixtures/full-scenario.yaml', import.meta.url), 'utf8');

/** Each issue as `line:column pointer | message`, in the order reported. */
function problems(text: string): string[] {
  const result = parseScenarioText(text, { fileName: 't.yaml' });
  if (result.ok) throw new Error(`expected problems, got ${JSON.stringify(result.scenario)}`);
  return result.issues.map((issue) => `${issue.line}:${issue.column} ${issue.path} | ${issue.message}`);
}

function parsed(text: string) {
  const result = parseScenarioText(text, { fileName: 't.yaml' });
  if (!result.ok) throw new Error(result.issues.map((issue) => issue.message).join('\n'));
  return result.scenario;
}

afterEach(() => provideObjectiveChecker(undefined));

describe('the learning format: a valid file', () => {
  it('reads every key of the full example', () => {
    const scenario = parsed(FULL);
    expect(scenario.title).toBe('Dynamic host ports behind a load balancer');
    expect(scenario.translations).toEqual({
      title: { en: 'Dynamic host ports behind a load balancer', fr: 'Ports hôtes dynamiques derrière un équilibreur de charge' },
    });
    expect(scenario.topics).toEqual(['load-balancing', 'task-definitions']);
    expect(scenario.level).toBe('beginner');
    expect(scenario.estimatedMinutes).toBe(15);
    expect(scenario.events).toEqual([
      { at: '10m', atMs: 600_000, do: { 'sim:SetTraffic': { cluster: 'demo', service: 'web', requestsPerSecond: 200 } } },
      { at: '1h30m', atMs: 5_400_000, do: { 'sim:FailAvailabilityZone': { zone: 'us-east-1a', durationSeconds: 600 } } },
    ]);
    expect(scenario.steps!.map((step) => step.id)).toEqual(['register', 'run']);
    expect(scenario.steps![0]!.instructions).toEqual({ en: 'A container port mapped to **host port 0** gets a free host port on each instance.\n' });
    expect(scenario.steps![0]!.objectives[0]).toEqual({
      id: 'web-registered',
      title: { en: 'web:1 maps container port 80 to host port 0', fr: 'web:1 publie le port 80 sur le port hôte 0' },
      check: { exists: { of: 'taskDefinitions', where: { family: 'web' } } },
      hints: [{ en: 'Register a task definition called web.' }, { en: 'Set "hostPort: 0" in its port mapping.', fr: 'Mettez "hostPort: 0" dans son port.' }],
    });
    expect(scenario.steps![1]!.objectives[0]!.hints).toEqual([]);
    expect(scenario.solution).toHaveLength(2);
    expect(scenario.antiSolutions).toEqual([
      { name: 'static host port', steps: expect.any(Array), mustFail: ['web-registered', 'three-running'] },
    ]);
    expect(scenario.disabledActions).toEqual(['sim:AddContainerInstances']);
    expect(scenario.allowedActions).toBeUndefined();
  });

  it('the full example is runnable: its setup, solution and events succeed on the engine', () => {
    const scenario = parsed(FULL);
    const engine = createEngine();
    const { results } = engine.load(scenario);
    const applied = [...results, ...scenario.solution!.map((step) => engine.dispatch(step))];
    expect(applied.filter((result) => 'error' in result)).toEqual([]);
    // The events need a service called web for the traffic: here only their steps' shape matters.
    expect(scenario.events!.every((event) => Object.keys(event.do).length === 1)).toBe(true);
  });

  it('locates the steps of the solution and of each anti-solution, for check to report a failing step', () => {
    expect(locateSteps(FULL)).toEqual([{ line: 14, column: 5 }, { line: 15, column: 5 }, { line: 20, column: 5 }]);
    expect(locateSteps(FULL, { list: ['solution'] })).toEqual([{ line: 48, column: 5 }, { line: 51, column: 5 }]);
    expect(locateSteps(FULL, { list: ['antiSolutions', 0, 'steps'] })).toEqual([{ line: 55, column: 9 }, { line: 58, column: 9 }]);
    expect(locateSteps(FULL, { list: ['nothing'] })).toEqual([]);
  });

  it('adds nothing to a scenario that does not use the new keys', () => {
    expect(parsed(BASE)).toEqual({ id: 'a', title: 't', seed: 1, setup: [] });
  });

  it('takes the English text of a locale-map title and summary, and keeps the translations', () => {
    const scenario = parsed('id: a\ntitle: {en: Hello, fr: Bonjour, pt-BR: Olá}\nsummary: {en: Hi}\nsetup: []\n');
    expect(scenario.title).toBe('Hello');
    expect(scenario.summary).toBe('Hi');
    expect(textFor(scenario.translations!.title!, 'pt-BR')).toBe('Olá');
    expect(textFor(scenario.translations!.title!, 'fr-CA')).toBe('Bonjour');
    expect(textFor(scenario.translations!.title!, 'de')).toBe('Hello');
  });

  it('accepts "$schema" (a JSON file naming its schema) and ignores it', () => {
    expect(parsed('{"$schema": "./schema/scenario.schema.json", "id": "a", "title": "t", "setup": []}')).toEqual({ id: 'a', title: 't', seed: 1, setup: [] });
  });

  it('keeps wait allowed under allowedActions unless disabledActions names it', () => {
    expect(isActionAllowed('wait', { allowedActions: ['ecs:RunTask'] })).toBe(true);
    expect(isActionAllowed('ecs:StopTask', { allowedActions: ['ecs:RunTask'] })).toBe(false);
    expect(isActionAllowed('wait', { disabledActions: ['wait'] })).toBe(false);
    expect(parsed(BASE + 'allowedActions: [ecs:RunTask]\nsolution: [{wait: 5m}, {ecs:RunTask: {}}]\n').solution).toHaveLength(2);
  });
});

describe('the learning format: every problem, with its place', () => {
  it('topics: unknown (with did you mean), twice, not a string, not a list', () => {
    expect(problems(BASE + 'topics: [placment, ecr, ecr, 3, quantum]\n')).toEqual([
      '4:10 /topics/0 | unknown topic "placment" — did you mean "placement"?',
      '4:25 /topics/2 | "topics" lists "ecr" twice',
      '4:30 /topics/3 | "topics/3" must be a string, not the number 3',
      '4:33 /topics/4 | unknown topic "quantum"; the topics are launch-types, iam-roles, secrets, load-balancing, storage, service-auto-scaling, cluster-capacity, rolling-updates, placement, task-definitions, ecr, eventbridge, sqs-workers, tasks-vs-services, spot, free-sandbox',
    ]);
    expect(problems(BASE + 'topics: ecr\n')).toEqual([
      '4:9 /topics | "topics" must be a list of topic ids (e.g. [placement, load-balancing]), not the string "ecr"',
    ]);
  });

  it('level and estimatedMinutes', () => {
    expect(problems(BASE + 'level: beginer\n')).toEqual([
      '4:8 /level | "level" must be one of beginner, intermediate, advanced, not the string "beginer" — did you mean "beginner"?',
    ]);
    expect(problems(BASE + 'level: 3\n')).toEqual(['4:8 /level | "level" must be one of beginner, intermediate, advanced, not the number 3']);
    expect(problems(BASE + 'estimatedMinutes: 0\n')).toEqual([
      '4:19 /estimatedMinutes | "estimatedMinutes" must be a whole number of minutes from 1 to 600, not the number 0',
    ]);
    expect(problems(BASE + 'estimatedMinutes: 12.5\n')).toEqual([
      '4:19 /estimatedMinutes | "estimatedMinutes" must be a whole number of minutes from 1 to 600, not the number 12.5',
    ]);
  });

  it('locale maps: English required, language tags, non-empty strings', () => {
    expect(problems('id: a\ntitle: {fr: Bonjour, en_US: Hello}\nsetup: []\n')).toEqual([
      '2:8 /title | "title" has no English text: a map of languages must have "en"',
      '2:22 /title/en_US | "en_US" is not a language tag: write e.g. en, fr, pt-BR',
    ]);
    expect(problems('id: a\ntitle: {en: "", de: 3}\nsetup: []\nsummary: []\n')).toEqual([
      '2:13 /title/en | "title.en" must not be empty',
      '2:21 /title/de | "title.de" must be a string, not the number 3',
      '4:10 /summary | "summary" must be a string or a map of languages (e.g. {en: "…", fr: "…"}), not a list',
    ]);
  });

  it('events: at parsed as wait is, no wait as an event, time order, the step checked, unknown and missing keys', () => {
    const text =
      BASE +
      'events:\n  - at: soon\n    do: {sim:InterruptSpot: {}}\n  - at: 10m\n    do: {wait: 5m}\n  - at: 5m\n    do: {ecs:RunTasks: {}}\n  - {at: 20m, when: 3}\n  - 7\n';
    expect(problems(text)).toEqual([
      '5:9 /events/0/at | "at" must be a virtual time after the setup, as a duration ("90s", "5m", "1h30m", "250ms") or a whole number of milliseconds, at most 30 days; not the string "soon"',
      '8:10 /events/1/do/wait | an event cannot be a wait: "at" already says when it runs; write the action to run, e.g. "do: {sim:InterruptSpot: {…}}"',
      '9:9 /events/2/at | events must be in time order: this one at 5m comes after one at 10m',
      '10:10 /events/2/do/ecs:RunTasks | unknown action "ecs:RunTasks" — did you mean "ecs:RunTask"?',
      '11:5 /events/3 | missing required key "do": the step to run, e.g. "do: {sim:InterruptSpot: {…}}"',
      '11:15 /events/3/when | unknown key "when" in an event; allowed keys: at, do',
      '12:5 /events/4 | "events/4" must be a map, not the number 7',
    ]);
    expect(problems(BASE + 'events: [{at: 31d, do: {sim:InterruptSpot: {}}}]\n')[0]).toContain('/events/0/at | "at" must be a virtual time');
  });

  it('lesson steps and objectives: keys, ids unique, check a map, hints as text', () => {
    const text =
      BASE +
      'steps:\n  - id: one\n    title: One\n    instructions: Do it.\n    objectives:\n' +
      '      - {id: a-b, title: A, check: {x: 1}, hint: [no]}\n      - {id: a-b, title: B, check: 3, hints: [ok, {fr: non}]}\n' +
      '  - id: one\n    titel: Two\n    instructions: {en: Go}\n  - nope\n';
    expect(problems(text)).toEqual([
      '9:44 /steps/0/objectives/0/hint | unknown key "hint" in an objective — did you mean "hints"?',
      '10:14 /steps/0/objectives/1/id | the objective id "a-b" is used twice; each objective needs its own id',
      '10:36 /steps/0/objectives/1/check | "check" must be a map, not the number 3',
      '10:51 /steps/0/objectives/1/hints/1 | "hint" has no English text: a map of languages must have "en"',
      '11:5 /steps/1 | missing required key "title": what the step asks for, in a few words',
      '11:9 /steps/1/id | the step id "one" is used twice; each step needs its own id',
      '12:5 /steps/1/titel | unknown key "titel" in a lesson step — did you mean "title"?',
      '14:5 /steps/2 | "steps/2" must be a map, not the string "nope"',
    ]);
    expect(problems(BASE + 'steps:\n  - {id: Bad_Id, title: x, instructions: y, objectives: [{title: t}]}\n')).toEqual([
      '5:10 /steps/0/id | id "Bad_Id" may contain only lower-case letters, digits and "-" (e.g. "first-task")',
      '5:58 /steps/0/objectives/0 | missing required key "id": a short name for the objective, e.g. "id: web-running"',
      '5:58 /steps/0/objectives/0 | missing required key "check": the condition on the sandbox\'s state that meets the objective',
    ]);
    expect(problems(BASE + 'steps: {id: x}\n')).toEqual([
      '4:8 /steps | "steps" must be a list of lesson steps (id, title, instructions, objectives), not a map',
    ]);
  });

  it('anti-solutions: mustFail names existing objectives (did you mean), names unique, keys', () => {
    const text =
      BASE +
      'steps:\n  - {id: s, title: S, instructions: I, objectives: [{id: web-running, title: W, check: {}}]}\n' +
      'antiSolutions:\n  - name: wrong\n    steps: [{ecs:RunTask: {}}]\n    mustFail: [web-runing, nothing-like-this]\n' +
      '  - name: wrong\n    steps: x\n    mustFail: []\n  - {name: x, steps: [], mustFail: [web-running, web-running], extra: 1}\n  - {}\n';
    expect(problems(text)).toEqual([
      '9:16 /antiSolutions/0/mustFail/0 | "mustFail" names "web-runing", which is not an objective of this scenario — did you mean "web-running"?',
      '9:28 /antiSolutions/0/mustFail/1 | "mustFail" names "nothing-like-this", which is not an objective of this scenario; its objectives are "web-running"',
      '10:11 /antiSolutions/1/name | the anti-solution name "wrong" is used twice; each needs its own name',
      '11:12 /antiSolutions/1/steps | "steps" must be a list of steps, not the string "x"',
      '12:15 /antiSolutions/1/mustFail | "mustFail" must name at least one objective this attempt has to fail',
      '13:50 /antiSolutions/2/mustFail/1 | "mustFail" lists "web-running" twice',
      '13:64 /antiSolutions/2/extra | unknown key "extra" in an anti-solution; allowed keys: name, steps, mustFail',
      '14:5 /antiSolutions/3 | missing required key "name": what this wrong attempt does, e.g. "name: static host port"',
      '14:5 /antiSolutions/3 | missing required key "steps": the attempt\'s steps, applied after the setup',
      '14:5 /antiSolutions/3 | missing required key "mustFail": the ids of the objectives this attempt must fail',
    ]);
    expect(problems(BASE + 'antiSolutions:\n  - {name: n, steps: [], mustFail: [x]}\n')).toEqual([
      '5:37 /antiSolutions/0/mustFail/0 | "mustFail" names "x", which is not an objective of this scenario; it has no objectives (add them under "steps")',
    ]);
  });

  it('allowedActions / disabledActions: existing actions, once each, not both', () => {
    expect(problems(BASE + 'allowedActions: [ecs:RunTask, ecs:RunTasks, ecs:RunTask, 4, wait]\ndisabledActions: [ecs:StopTask]\n')).toEqual([
      '4:31 /allowedActions/1 | unknown action "ecs:RunTasks" — did you mean "ecs:RunTask"?',
      '4:45 /allowedActions/2 | "allowedActions" lists "ecs:RunTask" twice',
      '4:58 /allowedActions/3 | "allowedActions/3" must be a string, not the number 4',
      '5:1 /disabledActions | use either "allowedActions" or "disabledActions", not both: one of them says everything',
    ]);
    expect(problems(BASE + 'disabledActions: ecs:RunTask\n')).toEqual([
      '4:18 /disabledActions | "disabledActions" must be a list of action names (e.g. ecs:RunTask, wait), not the string "ecs:RunTask"',
    ]);
    expect(problems(BASE + 'disabledActions: [ecs:StartTask]\n')).toEqual([
      expect.stringMatching(/^4:19 \/disabledActions\/0 \| "ecs:StartTask" is not supported yet in this version of the sandbox; the ecs actions supported today are ecs:CreateCluster, /),
    ]);
  });

  it('a solution or anti-solution may only use the actions learners can use', () => {
    const text =
      BASE +
      'disabledActions: [ecs:StopTask]\nsolution:\n  - ecs:StopTask: {task: x}\n' +
      'antiSolutions:\n  - name: stop it\n    steps: [{ecs:StopTask: {task: x}}]\n    mustFail: [o]\n' +
      'steps: [{id: s, title: S, instructions: I, objectives: [{id: o, title: O, check: {}}]}]\n';
    expect(problems(text)).toEqual([
      '6:5 /solution/0/ecs:StopTask | the solution uses "ecs:StopTask", which learners cannot use in this scenario ("disabledActions" lists it)',
      '9:14 /antiSolutions/0/steps/0/ecs:StopTask | the anti-solution "stop it" uses "ecs:StopTask", which learners cannot use in this scenario ("disabledActions" lists it)',
    ]);
    expect(problems(BASE + 'allowedActions: [ecs:RunTask]\nsolution:\n  - ecs:StopTask: {task: x}\n')).toEqual([
      '6:5 /solution/0/ecs:StopTask | the solution uses "ecs:StopTask", which learners cannot use in this scenario ("allowedActions" does not list it)',
    ]);
  });

  it('solution: a list of steps, each checked by the step checker', () => {
    expect(problems(BASE + 'solution: {ecs:RunTask: {}}\n')).toEqual(['4:11 /solution | "solution" must be a list of steps, not a map']);
    expect(problems(BASE + 'solution:\n  - ecs:RunTsk: {}\n  - wait: soon\n')).toEqual([
      '5:5 /solution/0/ecs:RunTsk | unknown action "ecs:RunTsk" — did you mean "ecs:RunTask"?',
      '6:11 /solution/1/wait | wait: "soon" is not a duration: write e.g. "90s", "5m", "2h", "1h30m" or "250ms"',
    ]);
  });

  it('still refuses unknown top-level keys, listing the new ones', () => {
    expect(problems(BASE + '$schema: 5\nsteps: []\nobjectives: []\nhint: x\n')).toEqual([
      '4:10 /$schema | "$schema" must be a string, not the number 5',
      '6:1 /objectives | unknown key "objectives" in the scenario; allowed keys: $schema, id, title, summary, topics, level, estimatedMinutes, seed, setup, events, steps, solution, antiSolutions, allowedActions, disabledActions, editor',
      '7:1 /hint | unknown key "hint" in the scenario; allowed keys: $schema, id, title, summary, topics, level, estimatedMinutes, seed, setup, events, steps, solution, antiSolutions, allowedActions, disabledActions, editor',
    ]);
  });
});

describe('the objective checker hook', () => {
  const text =
    BASE + 'steps:\n  - id: s\n    title: S\n    instructions: I\n    objectives:\n      - id: o\n        title: O\n        check:\n          count: tasks\n          atLeast: many\n';

  it('is called for every check with its pointer, and its issues are located and merged in file order', () => {
    const calls: string[] = [];
    provideObjectiveChecker((check, pointer) => {
      calls.push(pointer);
      expect(check).toEqual({ count: 'tasks', atLeast: 'many' });
      return [
        { message: '"atLeast" must be a whole number, not the string "many"', path: `${pointer}/atLeast` },
        { message: 'unknown key "count"', path: `${pointer}/count`, key: true },
      ];
    });
    expect(problems(text + 'topics: [nope]\n')).toEqual([
      '12:11 /steps/0/objectives/0/check/count | unknown key "count"',
      '13:20 /steps/0/objectives/0/check/atLeast | "atLeast" must be a whole number, not the string "many"',
      '14:10 /topics/0 | unknown topic "nope"; the topics are launch-types, iam-roles, secrets, load-balancing, storage, service-auto-scaling, cluster-capacity, rolling-updates, placement, task-definitions, ecr, eventbridge, sqs-workers, tasks-vs-services, spot, free-sandbox',
    ]);
    expect(calls).toEqual(['/steps/0/objectives/0/check']);
  });

  it('takes the answer as a result {ok, issues} too (the shape checkObjective returns)', () => {
    provideObjectiveChecker((_check, pointer) => ({ ok: false, issues: [{ message: 'no such field "lastStatuss"', path: `${pointer}/count` }] }));
    expect(problems(text)).toEqual(['12:18 /steps/0/objectives/0/check/count | no such field "lastStatuss"']);
    provideObjectiveChecker(() => ({ ok: true, objective: {} }));
    expect(parsed(text).steps![0]!.objectives[0]!.check).toEqual({ count: 'tasks', atLeast: 'many' });
  });

  it('without a checker, any map is a predicate', () => {
    expect(parsed(text).steps![0]!.objectives[0]!.check).toEqual({ count: 'tasks', atLeast: 'many' });
  });
});
