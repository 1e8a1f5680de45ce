// Proves the explainer's words around the table (headline, facts line, strategy and constraint
// chips with their origin, suggestions with their commands) and its queries: what-if requests
// rebuilt from an explanation, "would it place now?" after a change, sibling tasks, latest-wins.
import { describe, expect, it } from 'vitest';
import { explainerHeader, headline, suggestionViews } from '../../../src/lib/view-model/placement-summary.ts';
import { decisionQuery, EXPLAIN_MAX_ROWS, isTaskArn, taskQuery, whatIfQuery } from '../../../src/lib/view-model/placement-query.ts';
import { LatestTicket, nowQuery, pendingText, siblingQuery, whatIfRequest } from '../../../src/lib/view-model/placement-followup.ts';
import { failedExplanation, placedExplanation } from './placement-fixtures.ts';
import { eventLines } from '../../../src/lib/view-model/events.ts';
import { snapshot } from './fixtures.ts';

describe('explainerHeader', () => {
  it('reads a placed decision', () => {
    const h = explainerHeader(placedExplanation());
    expect(h.mode).toBe('decision');
    expect(h.headline).toBe('Placed web:3 on i-0b (m5.large, us-east-1b)');
    expect(h.summary).toMatch(/^2\/6 instances can run web:3/);
    // 95 000 ms → +00:01:35; index 1 of 2 → "task 2 of 2".
    expect(h.facts).toBe('Task 2 of 2 · group family:web · cluster demo · 2 of 6 instances eligible · decided at +00:01:35');
    expect(h.strategies.map((c) => [c.text, c.originLabel])).toEqual([
      ['1. spread(attribute:ecs.availability-zone)', null],
      ['2. binpack(memory)', null],
    ]);
    expect(h.constraints.map((c) => [c.text, c.originLabel])).toEqual([
      ['memberOf: attribute:ecs.instance-type =~ m5.*', 'task definition'],
      ['distinctInstance', null],
    ]);
  });

  it('reads a failure with the default strategy marked', () => {
    const h = explainerHeader(failedExplanation());
    expect(h.headline).toBe('Could not place big:1');
    expect(h.summary).toBe('0/6 instances can run big:1: 6 × insufficient memory (needs 16384 MiB, most free 7680 MiB)');
    expect(h.facts).toBe('Group family:big · cluster demo · 0 of 6 instances eligible · decided at +00:02:10');
    expect(h.strategies).toEqual([{ key: '0:random', text: '1. random', originLabel: 'default', tooltip: expect.stringContaining('random by default') }]);
    expect(h.constraints).toEqual([]);
  });

  it('says "would" for a what-if', () => {
    const placed = { ...placedExplanation(), placementId: undefined };
    expect(headline(placed)).toBe('Would place web:3 on i-0b (m5.large, us-east-1b)');
    expect(explainerHeader(placed).facts).toMatch(/what-if at \+00:01:35$/);
    expect(headline({ ...failedExplanation(), placementId: undefined })).toBe('big:1 would not place now');
  });

  it('says "one of N eligible instances" for a what-if that names no instance (random)', () => {
    const e = { ...placedExplanation(), placementId: undefined, chosen: undefined, rows: placedExplanation().rows.map((r) => ({ ...r, chosen: false })) };
    expect(headline(e)).toBe('Would place web:3 on one of 2 eligible instances');
    expect(headline({ ...e, eligibleCount: 1 })).toBe('Would place web:3 on one of 1 eligible instance');
  });

  it('reads a Fargate task as placed by AWS, with no instances to count', () => {
    const e = { ...placedExplanation(), placementId: undefined, launchType: 'FARGATE' as const, rows: [], rules: [], instanceCount: 0, eligibleCount: 0, chosen: undefined, count: 1, index: 0 };
    const h = explainerHeader(e);
    expect(h.mode).toBe('decision');
    expect(h.headline).toBe('Placed web:3 on Fargate');
    expect(h.facts).toBe('Group family:web · cluster demo · decided at +00:01:35');
  });

  it('falls back to the chosen instance id when its row was not sent', () => {
    const e = { ...placedExplanation(), rows: [] };
    expect(headline(e)).toBe('Placed web:3 on i-0b');
  });
});

describe('suggestionViews', () => {
  it('shows the command a suggestion would run, and none when it has no step', () => {
    const views = suggestionViews(failedExplanation().suggestions);
    expect(views.map((v) => [v.kind, v.stepText === null])).toEqual([
      ['lower-memory', true],
      ['add-instance', false],
    ]);
    expect(views[1]!.stepText).toBe('{"sim:AddContainerInstances":{"cluster":"demo","instanceType":"r5.large","count":1,"availabilityZones":["us-east-1a"]}}');
    expect(suggestionViews(undefined)).toEqual([]);
  });
});

describe('explainer queries', () => {
  it('recognises task ARNs only', () => {
    expect(isTaskArn('arn:aws:ecs:us-east-1:123456789012:task/demo/0123abcd')).toBe(true);
    expect(isTaskArn('arn:aws:ecs:us-east-1:123456789012:container-instance/demo/0123abcd')).toBe(false);
    expect(isTaskArn(null)).toBe(false);
  });

  it('asks for a bounded number of rows', () => {
    expect(taskQuery('arn:t')).toEqual({ taskArn: 'arn:t', maxRows: EXPLAIN_MAX_ROWS });
    expect(decisionQuery('p-1')).toEqual({ placementId: 'p-1', maxRows: EXPLAIN_MAX_ROWS });
    expect(decisionQuery('p-1', 2)).toEqual({ placementId: 'p-1', index: 2, maxRows: EXPLAIN_MAX_ROWS });
    expect(pendingText(whatIfQuery({}))).toMatch(/RunTask/);
    expect(pendingText(taskQuery('arn:aws:ecs:us-east-1:1:task/demo/0123abcd9999'))).toBe('Asking why task 0123abcd is where it is…');
  });

  it('rebuilds the request from the explanation: only what the request gave, and a non-default group', () => {
    expect(whatIfRequest(placedExplanation())).toEqual({
      cluster: 'demo',
      taskDefinition: 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:3',
      count: 1,
      launchType: 'EC2',
      placementStrategy: [
        { type: 'spread', field: 'attribute:ecs.availability-zone' },
        { type: 'binpack', field: 'memory' },
      ],
      // memberOf came from the task definition: the engine adds it again by itself.
      placementConstraints: [{ type: 'distinctInstance' }],
    });
    expect(whatIfRequest(failedExplanation())).toEqual({
      cluster: 'demo',
      taskDefinition: 'arn:aws:ecs:us-east-1:123456789012:task-definition/big:1',
      count: 1,
      launchType: 'EC2',
    });
    expect(whatIfRequest({ ...failedExplanation(), group: 'batch' }).group).toBe('batch');
  });

  it('turns a decision into "would it place now?" after a change, and keeps a what-if as it is', () => {
    const failed = failedExplanation();
    expect(nowQuery(decisionQuery('p-9'), failed)).toEqual(whatIfQuery(whatIfRequest(failed)));
    const whatIf = whatIfQuery({ cluster: 'demo', taskDefinition: 'big' });
    expect(nowQuery(whatIf, failed)).toBe(whatIf);
    expect(nowQuery(taskQuery('arn:t'), null)).toEqual(taskQuery('arn:t'));
  });

  it('steps between the tasks of one request', () => {
    const placed = placedExplanation(); // task 2 of 2
    expect(siblingQuery(decisionQuery('p-7', 1), placed, -1)).toEqual(decisionQuery('p-7', 0));
    expect(siblingQuery(decisionQuery('p-7', 1), placed, 1)).toBeNull();
    // A task's explanation names its decision: its siblings are asked by decision and index.
    expect(siblingQuery(taskQuery('arn:t'), placed, -1)).toEqual(decisionQuery('p-7', 0));
    expect(siblingQuery(whatIfQuery({}), { ...placed, placementId: undefined }, -1)).toBeNull();
  });

  it('lets only the newest request answer', () => {
    const latest = new LatestTicket();
    const first = latest.take();
    const second = latest.take();
    expect([latest.isCurrent(first), latest.isCurrent(second)]).toEqual([false, true]);
    latest.voidAll();
    expect(latest.isCurrent(second)).toBe(false);
  });
});

describe('event lines and the explainer', () => {
  it('carry the placement decision an event reports, and only then', () => {
    const events = [
      { id: 1, time: 0, kind: 'placement.failed', message: '0/6 instances can run big:1: …', placementId: 'p-9' },
      { id: 2, time: 1000, kind: 'task.running', message: 'running' },
    ];
    const lines = eventLines(snapshot({ events }));
    expect(lines.map((l) => l.placementId)).toEqual(['p-9', undefined]);
    expect('placementId' in lines[1]!).toBe(false);
  });
});
