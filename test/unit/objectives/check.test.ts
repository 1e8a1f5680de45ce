// checkObjective refuses a malformed objective before anything runs, with the JSON pointer of the
// offending node and a message an author can act on. Each message is asserted exactly.
import { describe, expect, it } from 'vitest';
import { checkObjective } from '../../../workers/scenario/objectives/index.ts';

const BASE = '/steps/1/objectives/0';

function issues(raw: unknown): { path: string; message: string }[] {
  const result = checkObjective(raw, BASE);
  if (result.ok) throw new Error('expected the objective to be refused');
  return result.issues;
}

describe('checkObjective', () => {
  it('accepts every operator, and gives each node its pointer', () => {
    const result = checkObjective({ all: [{ id: 'ten', count: { of: 'tasks', is: 10 } }, { not: { exists: { of: 'alarms' } } }] }, BASE);
    expect(result.ok && result.objective).toMatchObject({
      kind: 'all', pointer: BASE, of: [{ kind: 'count', id: 'ten', pointer: `${BASE}/all/0` }, { kind: 'not', pointer: `${BASE}/all/1`, of: { pointer: `${BASE}/all/1/not` } }],
    });
  });

  it.each([
    [{ cuont: { of: 'tasks', is: 1 } }, `${BASE}/cuont`, 'unknown objective operator "cuont" — did you mean "count"?', true],
    [{ holdsfor: {} }, `${BASE}/holdsfor`, 'unknown objective operator "holdsfor" — did you mean "holdsFor"?', true],
    [{ frobnicate: 1 }, `${BASE}/frobnicate`, 'unknown objective operator "frobnicate"; the operators are count, exists, none, every, distinct, compare, all, any, not, holdsFor, within, ever, predict', true],
    [{}, BASE, 'this objective has no operator: write one of count, exists, none, every, distinct, compare, all, any, not, holdsFor, within, ever, predict'],
    [{ count: { of: 'tasks', is: 1 }, exists: { of: 'tasks' } }, BASE, 'an objective has exactly one operator; this one has 2: "count", "exists" — combine them with "all: [...]"'],
    ['count', BASE, 'an objective must be a map with one operator (count, exists, none, every, distinct, compare, all, any, not, holdsFor, within, ever, predict), not the string "count"'],
    [{ id: 'a b', exists: { of: 'tasks' } }, `${BASE}/id`, '"id" must be a non-empty string without spaces, not the string "a b"'],
  ])('operators: %j', (raw, path, message, key?: boolean) => {
    expect(issues(raw)).toEqual([{ path, message, ...(key ? { key } : {}) }]);
  });

  it.each([
    [{ all: {} }, `${BASE}/all`, '"all" takes a list of objectives, not a map'],
    [{ any: [] }, `${BASE}/any`, '"any" needs at least one objective in its list'],
    [{ count: 'tasks' }, `${BASE}/count`, '"count" takes a map (e.g. "count: {of: tasks, …}"), not the string "tasks"'],
    [{ count: { of: 'tasks' } }, `${BASE}/count`, '"count" needs "is", or "atLeast" and/or "atMost" (e.g. "is: 10")'],
    [{ count: { of: 'tasks', is: 2, atLeast: 1 } }, `${BASE}/count/is`, '"is" cannot be combined with "atLeast" or "atMost": use one or the other'],
    [{ count: { of: 'tasks', atLeast: 5, atMost: 2 } }, `${BASE}/count/atLeast`, '"atLeast" (5) is larger than "atMost" (2): no count can satisfy both'],
    [{ count: { of: 'tasks', is: -1 } }, `${BASE}/count/is`, '"is" must be a whole number ≥ 0, not the number -1'],
    [{ count: { of: 'tasks', is: 1, whre: {} } }, `${BASE}/count/whre`, 'unknown key "whre" in "count" — did you mean "where"?', true],
    [{ exists: { where: {} } }, `${BASE}/exists`, '"exists" needs "of" (e.g. "of: tasks")'],
    [{ every: { of: 'tasks' } }, `${BASE}/every`, '"every" needs "match" (e.g. "match: {taskDefinition: web:2}")'],
    [{ distinct: { of: 'tasks' } }, `${BASE}/distinct`, '"distinct" needs "by" (e.g. "by: availabilityZone")'],
    [{ not: [] }, `${BASE}/not`, 'an objective must be a map with one operator (count, exists, none, every, distinct, compare, all, any, not, holdsFor, within, ever, predict), not a list'],
  ])('arity and shapes: %j', (raw, path, message, key?: boolean) => {
    expect(issues(raw)).toEqual([{ path, message, ...(key ? { key } : {}) }]);
  });

  it.each([
    [{ holdsFor: { duration: '3 min', objective: { exists: { of: 'tasks' } } } }, `${BASE}/holdsFor/duration`, '"holdsFor": "3 min" is not a duration: write e.g. "90s", "5m", "2h", "1h30m" or "250ms"'],
    [{ within: { duration: -5, objective: { exists: { of: 'tasks' } } } }, `${BASE}/within/duration`, '"within": a duration in milliseconds must be a whole number ≥ 0, not -5'],
    [{ within: { duration: '40d', objective: { exists: { of: 'tasks' } } } }, `${BASE}/within/duration`, '"within": a single wait may be at most 30 days (2592000000 ms), not 3456000000 ms'],
    [{ within: { duration: '5m' } }, `${BASE}/within`, '"within" needs "objective" (e.g. "objective: {count: …}")'],
  ])('durations: %j', (raw, path, message) => {
    expect(issues(raw)).toEqual([{ path, message }]);
  });

  it.each([
    [{ compare: { path: 'services[web].desiredcount', op: '>=', value: 5 } }, `${BASE}/compare/path`, 'services[].desiredcount: no such field; did you mean desiredCount?'],
    [{ compare: { path: 'servics[web].desiredCount', op: '>=', value: 5 } }, `${BASE}/compare/path`, 'unknown collection "servics" — did you mean "services"?'],
    [{ compare: { path: 'services.desiredCount', op: '>=', value: 5 } }, `${BASE}/compare/path`, 'services is a list: pick one item with [name] or [field=value] or [0], or compare its length (services.length)'],
    [{ compare: { path: 'services[web].deployments.rolloutState', op: '==', value: 'COMPLETED' } }, `${BASE}/compare/path`, 'services[].deployments is a list: pick one item with [name] or [field=value] or [0], or compare its length (services[].deployments.length)'],
    [{ compare: { path: 'services[web].desiredCount.value', op: '==', value: 1 } }, `${BASE}/compare/path`, 'services[].desiredCount.value: services[].desiredCount is a value, it has no fields'],
    [{ compare: { path: 'services[web].desiredCount[0]', op: '==', value: 1 } }, `${BASE}/compare/path`, 'services[].desiredCount is not a list: it takes no [selector]'],
    [{ compare: { path: 'services[nme=web].desiredCount', op: '==', value: 1 } }, `${BASE}/compare/path`, 'services[].nme: no such field; did you mean name?'],
    [{ compare: { path: 'services[web]..desiredCount', op: '==', value: 1 } }, `${BASE}/compare/path`, 'path "services[web]..desiredCount": cannot read ".desiredCount": a path is field names joined by "." with optional [selectors]'],
    [{ compare: { path: 'services[web].desiredCount', op: '=>', value: 5 } }, `${BASE}/compare/op`, '"op" must be one of ==, !=, >, >=, <, <=, not the string "=>"'],
    [{ compare: { path: 'services[web].desiredCount', op: '>=', value: [5] } }, `${BASE}/compare/value`, '"value" must be a string, a number or true/false, not a list'],
    [{ compare: { path: 'services[web].status', op: '>', value: 'A' } }, `${BASE}/compare/op`, '">" compares numbers, but this field is a string: use == or !='],
  ])('paths: %j', (raw, path, message) => {
    expect(issues(raw)).toEqual([{ path, message }]);
  });

  it.each([
    [{ count: { of: 'taks', is: 1 } }, `${BASE}/count/of`, 'unknown collection "taks" — did you mean "tasks"?'],
    [{ count: { of: 'tasks', where: { lastStatu: 'RUNNING' }, is: 1 } }, `${BASE}/count/where/lastStatu`, 'tasks[].lastStatu: no such field; did you mean lastStatus?', true],
    [{ count: { of: 'tasks', where: { laststatus: 'RUNNING' }, is: 1 } }, `${BASE}/count/where/laststatus`, 'tasks[].laststatus: no such field; did you mean lastStatus?', true],
    [{ count: { of: 'tasks', where: { 'containers.exitcod': 0 }, is: 1 } }, `${BASE}/count/where/containers.exitcod`, 'tasks[].containers.exitcod: no such field; did you mean exitCode?', true],
    [{ exists: { of: 'tasks', where: { lastStatus: { '=>': 1 } } } }, `${BASE}/exists/where/lastStatus/=>`, 'unknown condition "=>" — did you mean ">="?', true],
    [{ exists: { of: 'tasks', where: { lastStatus: { '>=': 'RUNNING' } } } }, `${BASE}/exists/where/lastStatus/>=`, '">=" compares numbers, but this field is a string: use == or !='],
    [{ exists: { of: 'tasks', where: { lastStatus: null } } }, `${BASE}/exists/where/lastStatus`, 'a condition is a value, a list (one of), or a map with one of ==, !=, >, >=, <, <=, startsWith, contains, exists; not nothing (null)'],
    [{ exists: { of: 'tasks', where: ['RUNNING'] } }, `${BASE}/exists/where`, '"where" must be a map of field: condition (e.g. {lastStatus: RUNNING}), not a list'],
  ])('collections and where: %j', (raw, path, message, key?: boolean) => {
    expect(issues(raw)).toEqual([{ path, message, ...(key ? { key } : {}) }]);
  });

  it.each([
    [{ id: 'p', predict: { of: 'services', next: 3, by: 'availabilityZone' } }, `${BASE}/predict/of`, 'a placement prediction is about tasks ("of: tasks"), not the string "services"'],
    [{ id: 'p', predict: { of: 'tasks', next: 3, by: 'instanceType' } }, `${BASE}/predict/by`, '"by" of a placement prediction is availabilityZone or instanceId, not the string "instanceType"'],
    [{ id: 'p', predict: { of: 'tasks', next: 0, by: 'instanceId' } }, `${BASE}/predict/next`, '"next" must be a whole number ≥ 0, not the number 0'],
    [{ id: 'p', predict: { path: 'services[web].desiredCount' } }, `${BASE}/predict`, 'a prediction has either "of" and "next" (where the next tasks land) or "path" and "after" (what a value becomes)'],
    [{ id: 'p', predict: { path: 'services[web].desiredCount', after: '5m', passScore: 2 } }, `${BASE}/predict/passScore`, '"passScore" must be a number from 0 to 1, not the number 2'],
  ])('predictions: %j', (raw, path, message) => {
    expect(issues(raw)).toEqual([{ path, message }]);
  });

  it('reports every problem at once, in nested objectives too', () => {
    expect(issues({ all: [{ cuont: {} }, { not: { within: { duration: 'soon', objective: { exists: { of: 'tasks', where: { famly: 'web' } } } } } }] })).toEqual([
      { path: `${BASE}/all/0/cuont`, message: 'unknown objective operator "cuont" — did you mean "count"?', key: true },
      { path: `${BASE}/all/1/not/within/duration`, message: '"within": "soon" is not a duration: write e.g. "90s", "5m", "2h", "1h30m" or "250ms"' },
      { path: `${BASE}/all/1/not/within/objective/exists/where/famly`, message: 'tasks[].famly: no such field; did you mean family?', key: true },
    ]);
  });

  it('refuses nesting deeper than 32 levels', () => {
    let raw: unknown = { exists: { of: 'tasks' } };
    for (let depth = 0; depth < 40; depth++) raw = { not: raw };
    expect(issues(raw)[0]!.message).toBe('objectives are nested too deeply (more than 32 levels)');
  });
});
