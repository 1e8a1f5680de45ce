// Proves issue 7 §4 on the shipped scenario (scenarios/event-driven.yaml, ?scenario=event-driven): the
// course's three EventBridge architectures run end to end on the virtual clock —
//  - an upload to photo-uploads → "Object Created" → on-upload → a Fargate image-processor task with the
//    key in its environment, whose task role reads the object: it processes it (30 s) and exits 0;
//  - hourly-batch runs its task at 1 h, 2 h …;
//  - stopped-tasks "e-mails" the SNS topic for every task of the cluster that stops;
//  - without the task role's policy the next upload's task gets AccessDenied and exits 1;
//  - with the bucket's EventBridge notifications off, an upload runs nothing.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../workers/engine/index.ts';
import type { SandboxEngine } from '../../../workers/protocol.ts';
import { parseScenarioText } from '../../../workers/scenario/index.ts';
import { envOf } from './event-fixtures.ts';

const MINUTE = 60_000;

function loaded(): SandboxEngine {
  const parsed = parseScenarioText(readFileSync(new URL('../../../scenarios/event-driven.yaml', import.meta.url), 'utf8'), { fileName: 'event-driven.yaml' });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const engine = createEngine({ seed: 7 });
  const load = engine.load(parsed.scenario);
  expect(load.results.filter((r) => 'error' in r)).toEqual([]);
  return engine;
}

const lines = (engine: SandboxEngine, kind: string) => engine.snapshot().events.filter((e) => e.kind === kind);
const tasksOf = (engine: SandboxEngine, rule: string) => engine.snapshot().tasks.filter((t) => t.startedBy === `events-rule/${rule}`);

describe('the event-driven scenario', () => {
  it('runs the upload processor, the hourly batch and the stopped-task alerts', () => {
    const engine = loaded();
    engine.advance(2 * MINUTE);
    const [processor] = tasksOf(engine, 'on-upload');
    expect(processor).toMatchObject({ launchType: 'FARGATE', lastStatus: 'STOPPED', stopCode: 'EssentialContainerExited', stoppedReason: 'Essential container in task exited' });
    expect(processor!.containers[0]!.exitCode).toBe(0);
    expect(envOf(processor!)).toEqual([
      { name: 'BUCKET', value: 'photo-uploads' },
      { name: 'KEY', value: 'photos/cat.jpg' },
    ]);
    expect(lines(engine, 'task.s3-read')[0]!.message).toMatch(/read s3:\/\/photo-uploads\/photos\/cat\.jpg \(245760 bytes\) with its task role image-processor-role/);
    // The processor's STOPPED reached the alert rule and its SNS topic.
    expect(lines(engine, 'events.rule-matched').map((e) => e.message)).toContain(
      `Rule stopped-tasks matched an ECS Task State Change: task ${processor!.taskArn.split('/').pop()!.slice(0, 8)}… STOPPED — Essential container in task exited.`,
    );
    expect(lines(engine, 'events.delivered').map((e) => e.message)).toEqual(['Rule stopped-tasks delivered the event to arn:aws:sns:us-east-1:123456789012:ops-alerts.']);

    engine.advance(60 * MINUTE);
    const batch = lines(engine, 'events.invocation').filter((e) => e.message.startsWith('Rule hourly-batch'));
    expect(batch.map((e) => e.time)).toEqual([60 * MINUTE]);
    // The batch image finishes its work in 2 minutes and exits 0 (sim:SetImageBehavior completeAfter 120).
    engine.advance(5 * MINUTE);
    expect(tasksOf(engine, 'hourly-batch')[0]!).toMatchObject({ lastStatus: 'STOPPED', stopCode: 'EssentialContainerExited' });
    expect(tasksOf(engine, 'hourly-batch')[0]!.containers[0]!.exitCode).toBe(0);
    const rules = engine.snapshot().eventRules!;
    // A schedule matches no events: its firings are its TriggeredRules.
    expect(rules.map((r) => [r.Name, r.matchedEvents, r.triggeredRules, r.failedInvocations])).toEqual([
      ['on-upload', 1, 1, 0],
      ['hourly-batch', 0, 1, 0],
      ['stopped-tasks', 2, 2, 0],
    ]);
    expect(rules.find((r) => r.Name === 'hourly-batch')!.nextFireMs).toBe(120 * MINUTE);
  });

  it('without the task role policy the next upload gets AccessDenied and exits 1', () => {
    const engine = loaded();
    engine.advance(2 * MINUTE);
    expect(engine.dispatch({ 'iam:DeleteRolePolicy': { RoleName: 'image-processor-role', PolicyName: 'read-uploads' } })).not.toHaveProperty('error');
    engine.dispatch({ 'sim:PutObject': { bucket: 'photo-uploads', key: 'photos/dog.jpg' } });
    engine.advance(2 * MINUTE);
    const denied = lines(engine, 'task.s3-denied');
    expect(denied).toHaveLength(1);
    expect(denied[0]!.message).toMatch(
      /User: arn:aws:sts::123456789012:assumed-role\/image-processor-role\/[0-9a-f]{32} is not authorized to perform: s3:GetObject on resource: "arn:aws:s3:::photo-uploads\/photos\/dog\.jpg" because no identity-based policy allows the s3:GetObject action/,
    );
    const second = tasksOf(engine, 'on-upload').find((t) => envOf(t)[1]?.value === 'photos/dog.jpg')!;
    expect(second.containers[0]!.exitCode).toBe(1);
  });

  it('with the bucket notifications off an upload runs nothing', () => {
    const engine = loaded();
    engine.advance(2 * MINUTE);
    engine.dispatch({ 's3:PutBucketNotificationConfiguration': { Bucket: 'photo-uploads', NotificationConfiguration: {} } });
    engine.dispatch({ 'sim:PutObject': { bucket: 'photo-uploads', key: 'photos/owl.jpg' } });
    engine.advance(2 * MINUTE);
    expect(tasksOf(engine, 'on-upload')).toHaveLength(1);
    expect(lines(engine, 's3.object-created').at(-1)!.message).toMatch(/no rule sees this upload — rule on-upload would have matched it\.$/);
  });
});
