// Proves that every step is checked before anything runs: one key per step, a supported action
// (with "did you mean", "not supported yet" or the list of supported actions otherwise), a map as
// its request, a valid wait duration — each problem at the step's line and column, with a JSON
// pointer (RFC 6901) to the step or its action. Also covers parseStepsText, the command box's parser.
import { describe, expect, it } from 'vitest';
import { SUPPORTED_ACTIONS } from '../../../workers/engine/actions.ts';
import { locateSteps, parseScenarioText, parseStepsText } from '../../../workers/scenario/index.ts';
import { toPointer } from '../../../workers/scenario/pointer.ts';
import { closestMatch, editDistance } from '../../../workers/engine/text.ts';
import type { ScenarioIssue } from '../../../workers/protocol.ts';

/** Wraps steps (YAML list items, indented by 2) in a scenario whose setup starts on line 4. */
function setupIssues(...stepLines: string[]): ScenarioIssue[] {
  const text = `id: t\ntitle: t\nsetup:\n${stepLines.map((line) => `  ${line}`).join('\n')}\n`;
  const result = parseScenarioText(text, { fileName: 't.yaml' });
  if (result.ok) throw new Error('expected issues');
  return result.issues;
}

describe('action names', () => {
  it.each([
    ['ecs:RunTasks', 'unknown action "ecs:RunTasks" — did you mean "ecs:RunTask"?'],
    ['ECS:RunTask', 'unknown action "ECS:RunTask" — did you mean "ecs:RunTask"?'],
    ['ecs:runtask', 'unknown action "ecs:runtask" — did you mean "ecs:RunTask"?'],
    ['RunTask', 'unknown action "RunTask" — did you mean "ecs:RunTask"?'],
    ['sim:AddContainerInstance', 'unknown action "sim:AddContainerInstance" — did you mean "sim:AddContainerInstances"?'],
    ['Wait', 'unknown action "Wait" — did you mean "wait"?'],
  ])('%s → did you mean', (action, message) => {
    expect(setupIssues(`- ${action}: {}`)).toEqual([{ message, line: 4, column: 5, path: `/setup/0/${action}` }]);
  });

  it('says a real ECS operation is not supported yet (not a typo of a supported one)', () => {
    const [issue] = setupIssues('- ecs:StartTask: {cluster: demo}');
    expect(issue!.message).toMatch(/^"ecs:StartTask" is not supported yet in this version of the sandbox; the ecs actions supported today are ecs:CreateCluster, /);
    expect(issue!.message).not.toContain('did you mean');
  });

  it('says an operation of a known AWS service is not supported yet', () => {
    expect(setupIssues('- sqs:ReceiveMessage: {QueueUrl: jobs}')[0]!.message).toMatch(
      /^"sqs:ReceiveMessage" is not supported yet in this version of the sandbox; the sqs actions supported today are sqs:CreateQueue, /,
    );
  });

  it('lists the supported actions when nothing is close', () => {
    expect(setupIssues('- foo:Bar: {}')[0]!.message).toBe(
      `unknown action "foo:Bar"; the supported actions are ${SUPPORTED_ACTIONS.join(', ')} and wait`,
    );
  });
});

describe('step shape', () => {
  it('refuses a step with two keys, pointing at the second', () => {
    expect(setupIssues('- ecs:CreateCluster: {clusterName: a}', '  wait: 30s')).toEqual([
      {
        message: 'a step has exactly one key, the action; this one has 2: "ecs:CreateCluster", "wait" — start each step with its own "-"',
        line: 5,
        column: 5,
        path: '/setup/0',
      },
    ]);
  });

  it('recognises a request that was not indented under its action', () => {
    expect(setupIssues('- ecs:RunTask:', '  cluster: demo', '  taskDefinition: web')).toEqual([
      {
        message: '"ecs:RunTask" has no request, and "cluster", "taskDefinition" sit beside it in the same step: indent the request\'s fields under "ecs:RunTask:"',
        line: 5,
        column: 5,
        path: '/setup/0',
      },
    ]);
  });

  it.each([
    ['- 3', 'the number 3'],
    ['- ecs:RunTask', 'the string "ecs:RunTask"'],
    ['- [wait, 30s]', 'a list'],
  ])('refuses a step that is not a map: %s', (line, found) => {
    expect(setupIssues(line)).toEqual([
      { message: `a step must be a map with one key, the action (e.g. "ecs:RunTask: {…}" or "wait: 30s"), not ${found}`, line: 4, column: 5, path: '/setup/0' },
    ]);
  });

  it('refuses an empty step', () => {
    expect(setupIssues('- {}')[0]).toMatchObject({ message: expect.stringContaining('this one is empty'), line: 4, column: 5, path: '/setup/0' });
  });

  it('refuses a request that is not a map, at the request', () => {
    expect(setupIssues('- ecs:RunTask: [demo]')).toEqual([
      { message: 'the request of "ecs:RunTask" must be a map of its parameters (as in the AWS API), not a list', line: 4, column: 18, path: '/setup/0/ecs:RunTask' },
    ]);
  });

  it.each([
    ['ten seconds', '"ten seconds" is not a duration'],
    ['-5', 'a wait in milliseconds must be a whole number ≥ 0, not -5'],
    ['31d', 'a single wait may be at most 30 days'],
    ['{}', 'a wait must be a duration like'],
  ])('reports a bad wait (%s) with parseDuration\'s message at the value', (value, text) => {
    const [issue] = setupIssues(`- wait: ${value}`);
    expect(issue).toMatchObject({ line: 4, column: 11, path: '/setup/0/wait' });
    expect(issue!.message).toMatch(/^wait: /);
    expect(issue!.message).toContain(text);
  });

  it('collects the problems of every step, not just the first', () => {
    const issues = setupIssues('- ecs:RunTasks: {}', '- ecs:CreateCluster: {clusterName: ok}', '- wait: soon', '- 7');
    expect(issues.map((issue) => [issue.line, issue.path])).toEqual([
      [4, '/setup/0/ecs:RunTasks'],
      [6, '/setup/2/wait'],
      [7, '/setup/3'],
    ]);
  });

  it('gives JSON files the same checks and positions', () => {
    const text = '{\n  "id": "t",\n  "title": "t",\n  "setup": [\n    {"ecs:RunTasks": {}}\n  ]\n}\n';
    const result = parseScenarioText(text, { fileName: 't.json' });
    expect(result).toEqual({
      ok: false,
      issues: [{ message: 'unknown action "ecs:RunTasks" — did you mean "ecs:RunTask"?', line: 5, column: 6, path: '/setup/0/ecs:RunTasks' }],
    });
  });

  it('points into a bare list without the /setup prefix', () => {
    const result = parseScenarioText('- wait: 30s\n- ecs:RunTasks: {}\n');
    expect(!result.ok && result.issues[0]).toMatchObject({ line: 2, column: 3, path: '/1/ecs:RunTasks' });
  });
});

describe('parseStepsText (the command box)', () => {
  it('accepts one step as JSON or YAML, or a list', () => {
    expect(parseStepsText('{"ecs:RunTask": {"cluster": "demo", "taskDefinition": "web"}}')).toEqual({
      ok: true,
      steps: [{ 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'web' } }],
    });
    expect(parseStepsText('ecs:StopTask: {cluster: demo, task: abc}')).toEqual({ ok: true, steps: [{ 'ecs:StopTask': { cluster: 'demo', task: 'abc' } }] });
    expect(parseStepsText('- wait: 5m\n- wait: 1h\n')).toEqual({ ok: true, steps: [{ wait: '5m' }, { wait: '1h' }] });
  });

  it('points into a single step from the root', () => {
    expect(parseStepsText('{"ecs:RunTasks": {}}')).toEqual({
      ok: false,
      issues: [{ message: 'unknown action "ecs:RunTasks" — did you mean "ecs:RunTask"?', line: 1, column: 2, path: '/ecs:RunTasks' }],
    });
  });

  it('gives unfinished JSON a JSON message', () => {
    expect(parseStepsText('{"ecs:RunTask": {"cluster": "demo"}')).toEqual({
      ok: false,
      issues: [{ message: "invalid JSON: unexpected end of the text: expected ',' or '}'", line: 1, column: 36 }],
    });
  });

  it('refuses empty text', () => {
    expect(parseStepsText('  ')).toMatchObject({ ok: false, issues: [{ line: 1, column: 1 }] });
  });
});

describe('helpers', () => {
  it('escapes JSON pointer segments as RFC 6901 says', () => {
    expect(toPointer(['setup', 3, 'ecs:RunTask'])).toBe('/setup/3/ecs:RunTask');
    expect(toPointer(['a/b', 'm~n'])).toBe('/a~1b/m~0n');
    expect(toPointer([])).toBe('');
  });

  it('counts a swap of two letters as one edit', () => {
    expect(editDistance('titel', 'title')).toBe(1); // swap "el" → "le"
    expect(editDistance('RunTasks', 'runtask')).toBe(1); // case ignored, one letter too many
    expect(closestMatch('ecs:Foo', ['ecs:RunTask'])).toBeUndefined();
  });
});

describe('locateSteps', () => {
  it('gives the line and column of each step, in a scenario or a bare list', () => {
    expect(locateSteps('id: a\ntitle: t\nsetup:\n  - wait: 1s\n  - ecs:ListClusters: {}\n')).toEqual([
      { line: 4, column: 5 },
      { line: 5, column: 5 },
    ]);
    expect(locateSteps('[{"wait": "1s"},\n {"wait": 5}]', { fileName: 'a.json' })).toEqual([
      { line: 1, column: 2 },
      { line: 2, column: 2 },
    ]);
    expect(locateSteps('{broken')).toEqual([]);
  });
});
