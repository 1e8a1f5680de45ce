// The predicate language on real snapshots: every operator passing and failing, each with the
// sentence a learner reads. The snapshots come from the bundled scenarios (deterministic seeds).
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../workers/scenario/objectives/index.ts';
import type { Snapshot } from '../../../workers/protocol.ts';
import { checked, loaded } from './helpers.ts';

const services = loaded('services');
const SERVICES = services.snapshot();
const firstInstance = SERVICES.containerInstances[0]!.ec2InstanceId;

function judge(raw: unknown, snapshot: Snapshot = SERVICES) {
  const result = evaluate(checked(raw), { snapshot });
  return { passed: result.passed, expected: result.expected, actual: result.actual, sentence: result.sentence };
}

describe('count', () => {
  it('passes with the number found', () => {
    expect(judge({ count: { of: 'tasks', where: { service: 'web', lastStatus: 'RUNNING' }, is: 6 } })).toEqual({
      passed: true, expected: '6', actual: '6', sentence: 'Found 6 RUNNING tasks of service web, as expected.',
    });
  });
  it('fails with expected, actual and the near misses', () => {
    const engine = loaded('services');
    engine.dispatch({ 'ecs:UpdateService': { cluster: 'demo', service: 'web', desiredCount: 10 } });
    engine.advance(1000);
    expect(judge({ count: { of: 'tasks', where: { service: 'web', lastStatus: 'RUNNING' }, is: 10 } }, engine.snapshot())).toEqual({
      passed: false, expected: '10', actual: '6', sentence: 'Expected 10 RUNNING tasks of service web; found 6 (4 are PENDING).',
    });
  });
  it("names the state that ruled items out, not the items of something else", () => {
    const engine = loaded('services');
    const ran = engine.dispatch({ 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'web', count: 1 } });
    expect('error' in ran).toBe(false);
    // A standalone web task is PENDING; the service's six are RUNNING: the status is the news.
    const sentence = judge({ count: { of: 'tasks', where: { service: 'web', lastStatus: 'PENDING' }, atLeast: 1 } }, engine.snapshot()).sentence;
    expect(sentence).toBe('Expected at least 1 PENDING task of service web; found 0 (6 are RUNNING).');
  });
  it('every says how the selected items differ, not how the others do', () => {
    const engine = loaded('services');
    engine.dispatch({ 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'web', count: 1 } });
    engine.dispatch({ 'ecs:UpdateService': { cluster: 'demo', service: 'web', desiredCount: 8 } });
    engine.advance(1000);
    const sentence = judge({ every: { of: 'tasks', where: { service: 'web' }, match: { lastStatus: 'RUNNING' } } }, engine.snapshot()).sentence;
    expect(sentence).toMatch(/; 2 of 8 do not \(2 are PENDING\)\.$/);
  });
  it('reads atLeast and atMost', () => {
    expect(judge({ count: { of: 'instances', atLeast: 5 } }).sentence).toBe('Expected at least 5 container instances; found 4.');
    expect(judge({ count: { of: 'tasks', where: { launchType: 'EC2' }, atLeast: 2, atMost: 4 } }).sentence).toBe(
      'Expected between 2 and 4 EC2 tasks; found 6.',
    );
    expect(judge({ count: { of: 'tasks', atMost: 6 } }).passed).toBe(true);
  });
});

describe('exists and none', () => {
  it('exists passes and fails with the near misses', () => {
    expect(judge({ exists: { of: 'taskDefinitions', where: { family: 'web', revision: 3 } } }).sentence).toBe(
      'Found a task definition of family web with revision 3.',
    );
    expect(judge({ exists: { of: 'tasks', where: { service: 'web', taskDefinition: 'web:2' } } })).toEqual({
      passed: false, expected: '≥ 1', actual: '0', sentence: 'Expected a task of service web with task definition web:2; found none (6 have task definition web:1).',
    });
  });
  it('none fails naming one offender, and passes', () => {
    expect(judge({ none: { of: 'tasks', where: { family: 'web', instanceId: firstInstance } } })).toEqual({
      passed: false, expected: '0', actual: '2', sentence: `Expected no task of family web on instance ${firstInstance}; found 2 (task 402234a4).`,
    });
    expect(judge({ none: { of: 'tasks', where: { lastStatus: 'STOPPED' } } }).sentence).toBe('There is no STOPPED task, as expected.');
  });
});

describe('every and distinct', () => {
  it('every fails with how many do not, and on an empty set', () => {
    expect(judge({ every: { of: 'tasks', where: { service: 'web' }, match: { taskDefinition: 'web:2' } } })).toEqual({
      passed: false, expected: 'all', actual: '0 of 6',
      sentence: 'Expected every task of service web to have task definition web:2; 6 of 6 do not (6 have task definition web:1).',
    });
    expect(judge({ every: { of: 'tasks', where: { service: 'api' }, match: { lastStatus: 'RUNNING' } } }).sentence).toBe(
      'Expected tasks of service api, but there are none.',
    );
    expect(judge({ every: { of: 'tasks', where: { service: 'web' }, match: { lastStatus: 'RUNNING' } } }).sentence).toBe(
      'All 6 tasks of service web have status RUNNING.',
    );
  });
  it('distinct: all different, or a span of values', () => {
    expect(judge({ distinct: { of: 'tasks', where: { service: 'web', lastStatus: 'RUNNING' }, by: 'availabilityZone' } })).toEqual({
      passed: false, expected: 'all different', actual: '3 share us-east-1a',
      sentence: 'Expected the RUNNING tasks of service web to be each in a different Availability Zone; 3 share us-east-1a.',
    });
    expect(judge({ distinct: { of: 'tasks', where: { service: 'web' }, by: 'availabilityZone', atLeast: 2 } }).sentence).toBe(
      'The tasks of service web span 2 Availability Zones (us-east-1a, us-east-1b).',
    );
    expect(judge({ distinct: { of: 'tasks', where: { service: 'web' }, by: 'availabilityZone', is: 3 } }).sentence).toBe(
      'Expected the tasks of service web to span 3 Availability Zones; they span 2 (us-east-1a, us-east-1b).',
    );
    expect(judge({ distinct: { of: 'instances', by: 'instanceId' } }).sentence).toBe('The 4 container instances are each in a different instance.');
  });
});

describe('compare', () => {
  it('reads paths with selectors, derived fields and lengths', () => {
    expect(judge({ compare: { path: 'services[web].desiredCount', op: '>=', value: 8 } })).toEqual({
      passed: false, expected: 'at least 8', actual: '6', sentence: 'Expected the desired count of service web to be at least 8; it is 6.',
    });
    expect(judge({ compare: { path: 'targetGroups[web-tg].healthyTargets', op: '>=', value: 2 } }).sentence).toBe(
      'The number of healthy targets of target group web-tg is 6, as expected.',
    );
    expect(judge({ compare: { path: 'taskDefinitions[web:2].containerCount', op: '==', value: 10 } }).sentence).toBe(
      'Expected the number of containers of task definition web:2 to be 10; it is 1.',
    );
    expect(judge({ compare: { path: 'taskDefinitions[name=web:1].containerDefinitions.length', op: '<', value: 10 } }).sentence).toBe(
      'The number of containerDefinitions of task definition web:1 is 1, as expected.',
    );
    expect(judge({ compare: { path: 'services[web].deployments[status=PRIMARY].rolloutState', op: '==', value: 'COMPLETED' } }).sentence).toBe(
      'The rollout state of service web is COMPLETED, as expected.',
    );
    expect(judge({ compare: { path: 'taskDefinitions[web:3].containerDefinitions[web].image', op: '!=', value: 'x' } }).passed).toBe(true);
  });
  it('says when the item is missing or ambiguous', () => {
    expect(judge({ compare: { path: 'services[api].desiredCount', op: '>=', value: 8 } }).sentence).toBe(
      'Expected the desired count of service api to be at least 8, but there is no service api.',
    );
    expect(judge({ compare: { path: 'taskDefinitions[family=web].revision', op: '==', value: 1 } }).sentence).toBe(
      'Expected the revision of task definition web to be 1, but 3 items match taskDefinitions[family=web]: name it more precisely (e.g. [name=…,cluster=…]).',
    );
  });
});

describe('all, any, not', () => {
  const ok = { count: { of: 'tasks', is: 6 } };
  const bad = { compare: { path: 'services[web].desiredCount', op: '==', value: 10 } };
  it('all passes when every part does, and fails with the first failing part, which it names', () => {
    expect(judge({ all: [ok, ok] }).sentence).toBe('All 2 conditions hold.');
    const result = evaluate(checked({ all: [ok, { id: 'scale-up', ...bad }] }, '/steps/0/objectives/0'), { snapshot: SERVICES });
    expect(result).toMatchObject({ passed: false, expected: 'all 2 hold', actual: '1 of 2 hold', sentence: 'Expected the desired count of service web to be 10; it is 6.' });
    expect(result.failing).toEqual({
      pointer: '/steps/0/objectives/0/all/1', id: 'scale-up', kind: 'compare', expected: '10', actual: '6',
      sentence: 'Expected the desired count of service web to be 10; it is 6.',
    });
  });
  it('any passes with the passing part, fails with the first', () => {
    expect(judge({ any: [bad, ok] }).sentence).toBe('Found 6 tasks, as expected.');
    expect(judge({ any: [bad, bad] }).sentence).toBe('None of the 2 alternatives holds. The first: Expected the desired count of service web to be 10; it is 6.');
  });
  it('not inverts, saying what held', () => {
    expect(judge({ not: bad }).sentence).toBe('As required, this does not hold: Expected the desired count of service web to be 10; it is 6.');
    expect(judge({ not: ok })).toEqual({ passed: false, expected: 'not 6', actual: '6', sentence: 'Expected this not to hold, but it does: Found 6 tasks, as expected.' });
  });
});

describe('the other scenarios', () => {
  it('a task started by rule hourly-batch exited 0 (event-driven)', () => {
    const engine = loaded('event-driven');
    const objective = { exists: { of: 'tasks', where: { rule: 'hourly-batch', lastStatus: 'STOPPED', exitCode: 0 } } };
    expect(judge(objective, engine.snapshot()).sentence).toBe(
      'Expected a STOPPED task started by rule hourly-batch with exit code 0; found none.',
    );
    let seen: string | undefined;
    for (let minute = 0; minute < 120 && seen === undefined; minute++) {
      engine.advance(60_000);
      const result = judge(objective, engine.snapshot());
      if (result.passed) seen = result.sentence;
    }
    expect(seen).toBe('Found a STOPPED task started by rule hourly-batch with exit code 0.');
  });
  it('queues, alarms and scalable targets (sqs-worker)', () => {
    const snapshot = loaded('sqs-worker').snapshot();
    const queue = snapshot.queues![0]!;
    expect(judge({ compare: { path: `queues[${queue.QueueName}].messages`, op: '>=', value: 0 } }, snapshot).passed).toBe(true);
    expect(judge({ count: { of: 'alarms', where: { state: ['OK', 'ALARM', 'INSUFFICIENT_DATA'] }, is: snapshot.alarms!.length } }, snapshot).passed).toBe(true);
    const service = snapshot.services[0]!.serviceName;
    expect(judge({ compare: { path: `scalableTargets[service=${service}].MaxCapacity`, op: '>=', value: 1 } }, snapshot).passed).toBe(true);
  });
});
