// Proves that scenario files parse to plain data, and that every kind of mistake an author can
// make is reported — all of them at once — with a message that says what to write, a 1-based
// line and column, and a JSON pointer; nothing in the file is ever executed.
import { describe, expect, it } from 'vitest';
import { formatIssue, parseScenarioText } from '../../../workers/scenario/index.ts';
import type { ScenarioIssue } from '../../../workers/protocol.ts';

function issuesOf(text: string, fileName = 'test.yaml'): ScenarioIssue[] {
  const result = parseScenarioText(text, { fileName });
  if (result.ok) throw new Error(`expected issues, got ${JSON.stringify(result.scenario)}`);
  return result.issues;
}

const VALID = `id: first-task
title: Run your first task
summary: One cluster, one instance.
seed: 7
setup:
  - ecs:CreateCluster: {clusterName: demo}
  - sim:AddContainerInstances:
      cluster: demo
      instanceType: m5.large
      count: 1
      availabilityZones: [us-east-1a]
  - wait: 30s
  - wait: 1500
editor:
  taskDefinition:
    family: web
    containerDefinitions: [{name: web, image: nginx, memory: 512}]
`;

describe('parseScenarioText: valid files', () => {
  it('reads a full scenario', () => {
    const result = parseScenarioText(VALID, { fileName: 'first-task.yaml' });
    expect(result).toEqual({
      ok: true,
      scenario: {
        id: 'first-task',
        title: 'Run your first task',
        summary: 'One cluster, one instance.',
        seed: 7,
        setup: [
          { 'ecs:CreateCluster': { clusterName: 'demo' } },
          { 'sim:AddContainerInstances': { cluster: 'demo', instanceType: 'm5.large', count: 1, availabilityZones: ['us-east-1a'] } },
          { wait: '30s' },
          { wait: 1500 },
        ],
        editor: { taskDefinition: { family: 'web', containerDefinitions: [{ name: 'web', image: 'nginx', memory: 512 }] } },
      },
    });
  });

  it('defaults the seed to 1 and accepts an empty setup', () => {
    const result = parseScenarioText('id: empty\ntitle: Nothing yet\nsetup: []\n');
    expect(result).toEqual({ ok: true, scenario: { id: 'empty', title: 'Nothing yet', seed: 1, setup: [] } });
  });

  it('reads the same scenario written as JSON', () => {
    const json = JSON.stringify({ id: 'j', title: 'JSON', seed: 3, setup: [{ 'ecs:CreateCluster': { clusterName: 'demo' } }, { wait: '5m' }] }, null, 2);
    const result = parseScenarioText(json, { fileName: 'j.json' });
    expect(result).toEqual({ ok: true, scenario: { id: 'j', title: 'JSON', seed: 3, setup: [{ 'ecs:CreateCluster': { clusterName: 'demo' } }, { wait: '5m' }] } });
  });

  it('reads a bare list of steps, naming it after the file, with seed 1', () => {
    const result = parseScenarioText('- ecs:CreateCluster: {clusterName: demo}\n- wait: 30s\n', { fileName: 'dir/My Steps.yaml' });
    expect(result).toEqual({
      ok: true,
      scenario: { id: 'my-steps', title: 'dir/My Steps.yaml', seed: 1, setup: [{ 'ecs:CreateCluster': { clusterName: 'demo' } }, { wait: '30s' }] },
    });
  });

  it('treats an action with nothing after it as an empty request, as the AWS CLI treats {}', () => {
    const result = parseScenarioText('- ecs:ListClusters:\n- ecs:ListClusters: {}\n');
    expect(result.ok && result.scenario.setup).toEqual([{ 'ecs:ListClusters': {} }, { 'ecs:ListClusters': {} }]);
  });

  it('accepts a few YAML aliases (reuse of a block)', () => {
    const text = `id: a\ntitle: t\nsetup:\n  - ecs:RegisterTaskDefinition: &web {family: web, containerDefinitions: [{name: web, image: nginx, memory: 128}]}\neditor:\n  taskDefinition: *web\n`;
    const result = parseScenarioText(text);
    expect(result.ok && result.scenario.editor?.taskDefinition).toMatchObject({ family: 'web' });
  });
});

describe('parseScenarioText: the shape of a scenario', () => {
  it('reports every problem at once, in file order, with line, column and pointer', () => {
    const text = ['id: My Scenario', 'titel: Oops', 'seed: -3', 'setup: {}', 'editor: {taskDefinition: [], theme: dark}', ''].join('\n');
    expect(issuesOf(text)).toEqual([
      { message: 'id "My Scenario" may contain only lower-case letters, digits and "-" (e.g. "first-task")', line: 1, column: 5, path: '/id' },
      { message: 'unknown key "titel" in the scenario — did you mean "title"?', line: 2, column: 1, path: '/titel' },
      { message: expect.stringContaining('missing required key "title"'), line: 1, column: 1, path: '' },
      { message: '"seed" must be a whole number from 0 to 4294967295, not the number -3', line: 3, column: 7, path: '/seed' },
      { message: '"setup" must be a list of steps, not a map', line: 4, column: 8, path: '/setup' },
      { message: '"taskDefinition" must be a map, not a list', line: 5, column: 26, path: '/editor/taskDefinition' },
      { message: 'unknown key "theme" in "editor"; allowed keys: taskDefinition', line: 5, column: 30, path: '/editor/theme' },
    ].sort((a, b) => a.line - b.line || a.column - b.column));
  });

  it('requires id, title and setup', () => {
    const messages = issuesOf('summary: hello\n').map((issue) => issue.message);
    expect(messages).toEqual([
      expect.stringContaining('missing required key "id"'),
      expect.stringContaining('missing required key "title"'),
      expect.stringContaining('missing required key "setup"'),
    ]);
  });

  it.each([
    ['seed: 1.5', 'the number 1.5'],
    ['seed: "7"', 'the string "7"'],
    ['seed: 4294967296', 'the number 4294967296'],
  ])('refuses %s', (line, found) => {
    expect(issuesOf(`id: a\ntitle: t\n${line}\nsetup: []\n`)).toEqual([
      { message: `"seed" must be a whole number from 0 to 4294967295, not ${found}`, line: 3, column: 7, path: '/seed' },
    ]);
  });

  it('refuses a title that is not a string (or a map of languages), or is empty', () => {
    expect(issuesOf('id: a\ntitle: 42\nsetup: []\n')[0]).toMatchObject({
      message: '"title" must be a string or a map of languages (e.g. {en: "…", fr: "…"}), not the number 42',
      line: 2,
      path: '/title',
    });
    expect(issuesOf('id: a\ntitle: "  "\nsetup: []\n')[0]).toMatchObject({ message: '"title" must not be empty', path: '/title' });
  });

  it('refuses a file that is neither a scenario nor a list', () => {
    expect(issuesOf('just words\n')).toEqual([
      { message: 'a scenario file must be a map (id, title, setup, …) or a list of steps, not the string "just words"', line: 1, column: 1, path: '' },
    ]);
  });

  it('recognises a single step given where a list is expected', () => {
    expect(issuesOf('ecs:CreateCluster: {clusterName: demo}\n')).toEqual([
      { message: expect.stringContaining('this file holds a single step'), line: 1, column: 1, path: '' },
    ]);
    expect(issuesOf('{"wait": "30s"}', 'w.json')[0]!.message).toContain('wrap it in [ ]');
  });

  it('refuses an empty file and one with only comments', () => {
    for (const text of ['', '   \n', '# only a comment\n']) {
      expect(issuesOf(text)).toEqual([{ message: expect.stringContaining('the file is empty'), line: 1, column: 1 }]);
    }
  });
});

describe('parseScenarioText: syntax errors', () => {
  it('gives a YAML syntax error its line and column', () => {
    const [issue] = issuesOf('id: a\ntitle: t\nsetup:\n  - wait: [30s\n');
    expect(issue).toMatchObject({ line: expect.any(Number), column: expect.any(Number) });
    expect(issue!.message).toMatch(/^invalid YAML: /);
  });

  it('gives a JSON file its JSON error, with line and column', () => {
    const text = '{\n  "id": "a",\n  "title": "t",\n  "setup": [\n    {"wait": "30s"},\n  ]\n}\n';
    expect(issuesOf(text, 'a.json')).toEqual([
      { message: "invalid JSON: trailing comma before ']' (JSON allows no comma after the last item)", line: 6, column: 3 },
    ]);
  });

  it('holds a .json file to JSON, even where YAML would accept the text', () => {
    expect(issuesOf("{id: 'a'}", 'a.json')[0]!.message).toBe('invalid JSON: expected a property name in double quotes, found \'i\'');
  });

  it('reports a key written twice', () => {
    expect(issuesOf('id: a\ntitle: t\nsetup: []\nid: b\n')).toEqual([{ message: 'the key "id" appears twice in the same map', line: 4, column: 1 }]);
    expect(issuesOf('{"id": "a", "id": "b"}', 'a.json')).toEqual([{ message: 'the key "id" appears twice in the same map', line: 1, column: 13 }]);
  });

  it('refuses a second YAML document', () => {
    expect(issuesOf('id: a\n---\nid: b\n')[0]!.message).toContain('more than one YAML document');
  });
});

describe('formatIssue', () => {
  it('writes file:line:col: message, as compilers do', () => {
    expect(formatIssue({ message: 'boom', line: 3, column: 7, path: '/x' }, 'a.yaml')).toBe('a.yaml:3:7: boom');
    expect(formatIssue({ message: 'boom', line: 3, column: 7 })).toBe('line 3, column 7: boom');
    expect(formatIssue({ message: 'boom' }, 'a.yaml')).toBe('a.yaml: boom');
    expect(formatIssue({ message: 'boom' })).toBe('boom');
  });
});
