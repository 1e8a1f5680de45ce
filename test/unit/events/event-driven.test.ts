// Issue 7 §4: an upload to an EventBridge-enabled bucket → "Object Created" → rule → ECS task that
// reads the object with its task role. Allowed: it processes the object and exits 0 (a finished batch
// task). Denied: AccessDenied in IAM's words and exit 1. No EventBridgeConfiguration: S3 sends nothing,
// no task runs, and the upload's line says which rule would have matched.
import { describe, expect, it } from 'vitest';
import type { SandboxEngine, Task } from '../../../workers/protocol.ts';
import { S3_PROCESSING_MS } from '../../../workers/engine/events/s3-reader.ts';
import { baseSteps, engineWith, envOf, messages, ok, uploadRuleSteps } from './event-fixtures.ts';

const ruleTasks = (engine: SandboxEngine): Task[] => engine.snapshot().tasks.filter((t) => t.startedBy === 'events-rule/on-upload');

function upload(engine: SandboxEngine, key = 'photos/cat.jpg'): Record<string, any> {
  return ok(engine.dispatch({ 'sim:PutObject': { bucket: 'uploads', key, sizeBytes: 2048 } }));
}

describe('an S3 upload runs a task through an EventBridge rule', () => {
  it('with a task role that may read the object: the task processes it and exits 0', () => {
    const engine = engineWith([...baseSteps(), ...uploadRuleSteps()]);
    const response = upload(engine);
    expect(response).toMatchObject({ sentToEventBridge: true, matchingRules: ['on-upload'] });
    // The upload's line carries S3's event, in EventBridge's envelope.
    const line = engine.snapshot().events.find((e) => e.kind === 's3.object-created')!;
    expect(line.eventBridge).toMatchObject({ source: 'aws.s3', 'detail-type': 'Object Created', resources: ['arn:aws:s3:::uploads'], detail: { bucket: { name: 'uploads' }, object: { key: 'photos/cat.jpg', size: 2048 }, reason: 'PutObject' } });

    engine.advance(0);
    expect(messages(engine, 'events.rule-matched')).toEqual(['Rule on-upload matched an Object Created: s3://uploads/photos/cat.jpg (2048 bytes).']);
    const [task] = ruleTasks(engine);
    expect(task).toBeDefined();
    // The input transformer put the key into the container's environment (RunTask overrides).
    expect(task!.overrides.containerOverrides).toEqual([{ name: 'app', environment: [{ name: 'OBJECT_KEY', value: 'photos/cat.jpg' }] }]);

    engine.advance(15_000);
    expect(ruleTasks(engine)[0]!.lastStatus).toBe('RUNNING');
    expect(messages(engine, 'task.s3-read')[0]).toMatch(/read s3:\/\/uploads\/photos\/cat\.jpg \(2048 bytes\) with its task role processor; it processes it for 30 s, then exits 0\./);
    const running = engine.snapshot().events.find((e) => e.kind === 'task.running' && e.resourceArn === task!.taskArn)!;

    engine.advance(S3_PROCESSING_MS + 10_000);
    const done = ruleTasks(engine)[0]!;
    expect(done).toMatchObject({ lastStatus: 'STOPPED', stopCode: 'EssentialContainerExited', stoppedReason: 'Essential container in task exited' });
    expect(done.containers[0]!.exitCode).toBe(0);
    const exited = engine.snapshot().events.find((e) => e.kind === 'container.exited' && e.resourceArn === task!.taskArn)!;
    expect(exited.time - running.time).toBe(S3_PROCESSING_MS);
    expect(exited.message).toMatch(/exited with code 0 after 30\.0 s \(its work is done\)/);
    const rule = engine.snapshot().eventRules!.find((r) => r.Name === 'on-upload')!;
    expect(rule).toMatchObject({ matchedEvents: 1, failedInvocations: 0 });
  });

  it('without s3:GetObject on the object: AccessDenied in IAM wording, and the container exits 1', () => {
    const engine = engineWith([...baseSteps({ readBucket: false }), ...uploadRuleSteps()]);
    upload(engine, 'in/data.csv');
    engine.advance(60_000);
    const task = ruleTasks(engine)[0]!;
    const id = task.taskArn.split('/').pop()!;
    const denied = messages(engine, 'task.s3-denied');
    expect(denied).toHaveLength(1);
    expect(denied[0]).toContain(
      `User: arn:aws:sts::123456789012:assumed-role/processor/${id} is not authorized to perform: s3:GetObject on resource: "arn:aws:s3:::uploads/in/data.csv" because no identity-based policy allows the s3:GetObject action`,
    );
    expect(task).toMatchObject({ lastStatus: 'STOPPED', stopCode: 'EssentialContainerExited', stoppedReason: 'Essential container in task exited' });
    expect(task.containers[0]!.exitCode).toBe(1);
  });

  it('without a task role on EC2 the instance role answers, and it cannot read S3 either', () => {
    const engine = engineWith([...baseSteps({ taskRole: false }), ...uploadRuleSteps()]);
    upload(engine);
    engine.advance(60_000);
    expect(messages(engine, 'task.s3-denied')[0]).toMatch(/assumed-role\/ecsInstanceRole\/i-[0-9a-f]{17} is not authorized to perform: s3:GetObject/);
    expect(ruleTasks(engine)[0]!.containers[0]!.exitCode).toBe(1);
  });

  it('a bucket without EventBridgeConfiguration sends nothing: no task, and the upload says which rule would have matched', () => {
    const engine = engineWith([...baseSteps(), ...uploadRuleSteps(false)]);
    const response = upload(engine);
    expect(response).toMatchObject({ sentToEventBridge: false, matchingRules: ['on-upload'] });
    engine.advance(60_000);
    expect(ruleTasks(engine)).toEqual([]);
    expect(messages(engine, 'events.rule-matched')).toEqual([]);
    const line = engine.snapshot().events.find((e) => e.kind === 's3.object-created')!;
    expect(line.eventBridge).toBeUndefined();
    expect(line.message).toBe(
      'A learner uploaded s3://uploads/photos/cat.jpg (2048 bytes). Bucket uploads does not send events to EventBridge (its notification configuration has no EventBridgeConfiguration), so no rule sees this upload — rule on-upload would have matched it.',
    );
    // Turning it on afterwards: the next upload runs the task.
    ok(engine.dispatch({ 's3:PutBucketNotificationConfiguration': { Bucket: 'uploads', NotificationConfiguration: { EventBridgeConfiguration: {} } } }));
    ok(engine.dispatch({ 's3:PutObject': { Bucket: 'uploads', Key: 'photos/dog.jpg', Body: 'woof' } }));
    engine.advance(1_000);
    expect(ruleTasks(engine)).toHaveLength(1);
  });

  it('a disabled rule does not run the task; each upload is one task once enabled', () => {
    const engine = engineWith([...baseSteps(), ...uploadRuleSteps(), { 'events:DisableRule': { Name: 'on-upload' } }]);
    expect(upload(engine).matchingRules).toEqual([]);
    engine.advance(5_000);
    expect(ruleTasks(engine)).toEqual([]);
    ok(engine.dispatch({ 'events:EnableRule': { Name: 'on-upload' } }));
    upload(engine, 'a.txt');
    upload(engine, 'b.txt');
    engine.advance(5_000);
    expect(ruleTasks(engine).map((t) => envOf(t)[0]!.value).sort()).toEqual(['a.txt', 'b.txt']);
  });

  it('the same seed and steps give the same run', () => {
    const run = () => {
      const engine = engineWith([...baseSteps(), ...uploadRuleSteps()]);
      upload(engine);
      upload(engine, 'x/y.bin');
      engine.advance(120_000);
      return JSON.stringify(engine.snapshot());
    };
    expect(run()).toBe(run());
  });
});
