// Proves sim:SetImageBehavior: what it accepts and refuses (with reasons and a did-you-mean), the
// image matching rule (exact reference; repository:tag without registry; implicit :latest), that a
// refusal changes nothing, that it works as a scenario setup step, and appRespondsHealthy's answers.
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../workers/engine/index.ts';
import { appRespondsHealthy, behaviorKey, imageBehaviorOf, imageMatches } from '../../../workers/engine/images/behavior.ts';
import { emptyState, type TaskRecord } from '../../../workers/engine/state.ts';
import { errorOf } from '../engine/helpers.ts';
import { responseOf } from './helpers.ts';

const ECR = '123456789012.dkr.ecr.us-east-1.amazonaws.com';

function refusal(request: unknown): { code: string; message: string } {
  const engine = createEngine();
  const before = JSON.stringify(engine.snapshot());
  const error = errorOf(engine.dispatch({ 'sim:SetImageBehavior': request }));
  expect(JSON.stringify(engine.snapshot())).toBe(before);
  return error;
}

describe('sim:SetImageBehavior requests', () => {
  it('accepts each behaviour and answers with the stored key', () => {
    const engine = createEngine();
    expect(responseOf(engine.dispatch({ 'sim:SetImageBehavior': { image: 'web:v2', behavior: 'unhealthy' } }))).toEqual({ image: 'web:v2', behavior: 'unhealthy', runningContainers: 0 });
    expect(responseOf(engine.dispatch({ 'sim:SetImageBehavior': { image: 'nginx', behavior: 'crashOnStart' } }))).toMatchObject({ image: 'nginx:latest', behavior: 'crashOnStart' });
    expect(responseOf(engine.dispatch({ 'sim:SetImageBehavior': { image: 'api:1', behavior: 'crashAfter', afterSeconds: 600 } }))).toMatchObject({ behavior: 'crashAfter', afterSeconds: 600 });
    expect(responseOf(engine.dispatch({ 'sim:SetImageBehavior': { image: 'api:1', behavior: 'healthy' } }))).toMatchObject({ behavior: 'healthy' });
    const kinds = engine.snapshot().events.filter((e) => e.kind === 'image.behavior').map((e) => e.message);
    expect(kinds[0]).toBe('Image web:v2 is unhealthy: it fails its health checks. Tasks started from now on behave so.');
    expect(kinds).toHaveLength(4);
  });

  it.each([
    [{ image: 'web:v2', behavior: 'crashAftr' }, 'Unknown behavior "crashAftr": use one of healthy, unhealthy, crashOnStart, crashAfter, completeAfter. Did you mean "crashAfter"?'],
    [{ image: 'web:v2', behavior: 'Healthy!' }, 'Did you mean "healthy"?'],
    [{ image: 'web:v2', behavior: 'crashAfter' }, 'behavior crashAfter needs afterSeconds: how many seconds the container runs before it exits (1 to 604800).'],
    [{ image: 'web:v2', behavior: 'crashAfter', afterSeconds: 0 }, 'afterSeconds must be between 1 and 604800 (one week), not 0.'],
    [{ image: 'web:v2', behavior: 'crashAfter', afterSeconds: 604801 }, 'not 604801'],
    [{ image: 'web:v2', behavior: 'unhealthy', afterSeconds: 5 }, 'afterSeconds applies only to behaviors crashAfter and completeAfter, not to unhealthy.'],
    [{ image: '  ', behavior: 'healthy' }, 'image must name an image'],
    [{ image: 'web v2', behavior: 'healthy' }, 'contains a space'],
  ])('refuses %j with InvalidParameterException', (request, message) => {
    const error = refusal(request);
    expect(error.code).toBe('InvalidParameterException');
    expect(error.message).toContain(message);
  });

  it('checks parameters as the AWS CLI does (types, unknown and missing names)', () => {
    expect(refusal({ image: 'web:v2', behavior: 'crashAfter', afterSeconds: 1.5 }).message).toContain('Invalid type for parameter afterSeconds');
    expect(refusal({ image: 'web:v2', behavior: 'crashAfter', after: 5 }).message).toContain('Unknown parameter in input: "after"');
    expect(refusal({ behavior: 'healthy' }).message).toContain('Missing required parameter in input: "image"');
    expect(refusal('web:v2').code).toBe('ParamValidationError');
  });

  it('is a scenario setup step like any other', () => {
    const engine = createEngine();
    const loaded = engine.load({ id: 's', title: 's', seed: 3, setup: [{ 'sim:SetImageBehavior': { image: 'web:v2', behavior: 'unhealthy' } }] });
    expect('error' in loaded.results[0]!).toBe(false);
  });
});

describe('the image matching rule', () => {
  const state = emptyState(1);
  state.imageBehaviors = new Map([
    ['web:v2', { behavior: 'unhealthy' }],
    [`${ECR}/web:v3`, { behavior: 'crashOnStart' }],
    ['nginx:latest', { behavior: 'crashAfter', afterSeconds: 9 }],
    [`${ECR}/api:1`, { behavior: 'healthy' }],
    ['api:1', { behavior: 'unhealthy' }],
  ]);
  it.each([
    ['web:v2', 'unhealthy'],
    [`${ECR}/web:v2`, 'unhealthy'],
    ['localhost:5000/web:v2', 'unhealthy'],
    ['web:v3', 'healthy'],
    [`${ECR}/web:v3`, 'crashOnStart'],
    ['nginx', 'crashAfter'],
    ['docker.io/nginx', 'crashAfter'],
    ['library/nginx', 'healthy'],
    [`${ECR}/api:1`, 'healthy'],
    ['other.example.com/api:1', 'unhealthy'],
    ['web:v1', 'healthy'],
    ['web@sha256:abc', 'healthy'],
  ])('%s behaves %s', (image, behavior) => {
    expect(imageBehaviorOf(state, image).behavior).toBe(behavior);
  });
  it('normalises keys and matches them as imageBehaviorOf does', () => {
    expect(behaviorKey(' nginx ')).toBe('nginx:latest');
    expect(behaviorKey('localhost:5000/web')).toBe('localhost:5000/web:latest');
    expect(behaviorKey('web@sha256:abc')).toBe('web@sha256:abc');
    expect(imageMatches(`${ECR}/web:v2`, 'web:v2')).toBe(true);
    expect(imageMatches('web:v2', `${ECR}/web:v2`)).toBe(false);
    expect(imageMatches('team/web:v2', 'web:v2')).toBe(false);
  });
  it('treats every image as healthy when nothing was said', () => {
    expect(imageBehaviorOf(emptyState(1), 'anything:1').behavior).toBe('healthy');
  });
});

describe('appRespondsHealthy', () => {
  function record(lastStatus: string, containers: { name: string; image: string; essential?: boolean; lastStatus?: string }[]): TaskRecord {
    return {
      task: { lastStatus, containers: containers.map((c) => ({ name: c.name, image: c.image, lastStatus: c.lastStatus ?? 'RUNNING' })) },
      taskDefinition: { containerDefinitions: containers.map((c) => ({ name: c.name, image: c.image, ...(c.essential === undefined ? {} : { essential: c.essential }) })) },
    } as unknown as TaskRecord;
  }
  const state = emptyState(1);
  state.imageBehaviors = new Map([['bad:1', { behavior: 'unhealthy' }], ['boom:1', { behavior: 'crashAfter', afterSeconds: 5 }]]);
  it.each([
    ['a healthy RUNNING task', record('RUNNING', [{ name: 'a', image: 'good:1' }]), true],
    ['an unhealthy essential image', record('RUNNING', [{ name: 'a', image: 'good:1' }, { name: 'b', image: 'bad:1' }]), false],
    ['an unhealthy image in a non-essential container only', record('RUNNING', [{ name: 'a', image: 'good:1' }, { name: 'b', image: 'bad:1', essential: false }]), true],
    ['a crashAfter image before its crash', record('RUNNING', [{ name: 'a', image: 'boom:1' }]), true],
    ['a task that is not RUNNING', record('PENDING', [{ name: 'a', image: 'good:1' }]), false],
    ['a STOPPING task', record('STOPPING', [{ name: 'a', image: 'good:1' }]), false],
  ])('%s → %s', (_what, taskRecord, expected) => {
    expect(appRespondsHealthy(state, taskRecord, 0)).toBe(expected);
  });
});
