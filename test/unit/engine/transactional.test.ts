// Proves that a refused command leaves the sandbox exactly as it was: the snapshot JSON is
// byte-identical after each error case, and the PRNG is untouched (the next ARNs are the ones a
// run without the refused command would have drawn).
import { describe, expect, it } from 'vitest';
import type { Step } from '../../../workers/protocol.ts';
import { demoEngine, errorOf, responseOf, run, WEB_TASK_DEFINITION } from './helpers.ts';

const ERROR_STEPS: [string, Step][] = [
  ['unknown action', { 'ecs:RunTsk': {} }],
  ['two keys', { 'ecs:ListTasks': {}, wait: 1 }],
  ['bad wait', { wait: '-5s' }],
  ['CreateCluster bad name', { 'ecs:CreateCluster': { clusterName: 'a b' } }],
  ['CreateCluster unknown param', { 'ecs:CreateCluster': { clusterName: 'x', foo: 1 } }],
  ['AddContainerInstances unknown type', { 'sim:AddContainerInstances': { cluster: 'demo', instanceType: 'm9.huge', count: 3 } }],
  ['AddContainerInstances bad zone after good ones', { 'sim:AddContainerInstances': { cluster: 'demo', instanceType: 't3.micro', count: 3, availabilityZones: ['us-east-1a', 'mars-1a'] } }],
  ['AddContainerInstances missing cluster', { 'sim:AddContainerInstances': { cluster: 'nope', instanceType: 't3.micro' } }],
  ['Register invalid', { 'ecs:RegisterTaskDefinition': { family: 'web', containerDefinitions: [{ name: 'web' }] } }],
  ['Register wrong type', { 'ecs:RegisterTaskDefinition': { ...WEB_TASK_DEFINITION, cpu: 256 } }],
  ['Describe missing', { 'ecs:DescribeTaskDefinition': { taskDefinition: 'nope' } }],
  ['Deregister family only', { 'ecs:DeregisterTaskDefinition': { taskDefinition: 'web' } }],
  ['RunTask count 11', { 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'web', count: 11 } }],
  ['RunTask FARGATE', { 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'web', launchType: 'FARGATE' } }],
  ['RunTask missing td', { 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'api' } }],
  ['RunTask bad tags', { 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'web', tags: [{ value: 'x' }] } }],
  ['StopTask missing', { 'ecs:StopTask': { cluster: 'demo', task: 'feedface' } }],
  ['DescribeTasks missing cluster', { 'ecs:DescribeTasks': { cluster: 'nope', tasks: ['x'] } }],
  ['ListTasks bad status', { 'ecs:ListTasks': { cluster: 'demo', desiredStatus: 'X' } }],
  ['ListContainerInstances filter', { 'ecs:ListContainerInstances': { cluster: 'demo', filter: 'runningTasksCount == 0' } }],
];

describe('refused commands change nothing', () => {
  it.each(ERROR_STEPS)('%s', (_name, step) => {
    const engine = demoEngine(11);
    run(engine, { count: 2 });
    engine.advance(3_000);
    const before = JSON.stringify(engine.snapshot());
    const timerBefore = engine.nextTimerAt();
    errorOf(engine.dispatch(step));
    expect(JSON.stringify(engine.snapshot())).toBe(before);
    expect(engine.nextTimerAt()).toBe(timerBefore);

    // The PRNG was not consumed: the next task gets the ARN a twin engine without the error gets.
    const twin = demoEngine(11);
    run(twin, { count: 2 });
    twin.advance(3_000);
    expect(run(engine, {}).tasks[0].taskArn).toBe(run(twin, {}).tasks[0].taskArn);
  });

  it('a RunTask that places nothing is not an error: failures and an event, but no task', () => {
    const engine = demoEngine(12, 't3.micro', 1);
    const big = { ...WEB_TASK_DEFINITION, family: 'big', containerDefinitions: [{ ...WEB_TASK_DEFINITION.containerDefinitions[0], memory: 4096 }] };
    responseOf(engine.dispatch({ 'ecs:RegisterTaskDefinition': big }));
    const response = run(engine, { taskDefinition: 'big', count: 2 });
    const instance = engine.snapshot().containerInstances[0]!;
    expect(response).toEqual({ tasks: [], failures: [{ arn: instance.containerInstanceArn, reason: 'RESOURCE:MEMORY' }] });
    expect(engine.snapshot().tasks).toEqual([]);
    expect(engine.snapshot().events.at(-1)).toMatchObject({
      kind: 'placement.failed',
      message: 'RunTask could not place 2 tasks of big:1 in cluster demo: 0/1 instances can run big:1: 1 × insufficient memory (needs 4096 MiB, most free 998 MiB).',
    });
  });
});
