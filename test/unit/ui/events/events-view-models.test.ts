// Proves the events panel's view models on fixture snapshots (events-fixtures.ts): the rule rows
// (state, the schedule in the engine's words with the next firing in virtual time, the pattern as
// compact JSON, targets in a line each, the counts and the tasks a rule started), the bucket rows
// (newest objects first, sizes, the next free upload key) and the queue rows (the attribute counts,
// the consumers with their warning, the sparkline ending at the count now), and every step the
// panel's controls send.
import { describe, expect, it } from 'vitest';
import { bucketRows, notificationStep, sizeText, suggestedKey, uploadStep } from '../../../../src/lib/view-model/events/buckets.ts';
import { queueRows, rateText, sendMessagesFromForm } from '../../../../src/lib/view-model/events/queues.ts';
import { compactPattern, ruleRows, ruleStateStep, targetRow, untilText } from '../../../../src/lib/view-model/events/rules.ts';
import { scheduleInWords } from '../../../../src/lib/view-model/events/schedule-words.ts';
import { series } from '../capacity-fixtures.ts';
import { eventsSnapshot, hourly, photos } from './events-fixtures.ts';

const MIN = 60_000;

describe('rule rows', () => {
  const [upload, batch, stopped] = ruleRows(eventsSnapshot());

  it('show an S3 pattern rule with its compact pattern, its RunTask target and the tasks it started', () => {
    expect(upload).toMatchObject({ name: 'on-upload', enabled: true, state: 'ENABLED', description: 'Process every photo uploaded to photo-uploads', matchedEvents: 2, failedInvocations: 0 });
    expect(upload!.trigger).toEqual({ kind: 'pattern', json: '{"source":["aws.s3"],"detail-type":["Object Created"]}' });
    // TaskCount absent → 1, as EventBridge defaults it.
    expect(upload!.targets).toEqual([{ id: 'process-photo', service: 'ecs', text: 'RunTask image-processor:1 × 1 on cluster events-demo (FARGATE)' }]);
    // t1 STOPPED + t2 RUNNING were started by the rule; t3 (by hand) is not counted.
    expect([upload!.tasksStarted, upload!.tasksActive]).toEqual([2, 1]);
  });

  it('show a schedule rule in words, with its next firing in virtual time and how far off it is', () => {
    // now +00:04:00, next +01:00:00 → 56 min away.
    expect(batch!.trigger).toEqual({ kind: 'schedule', expression: 'rate(1 hour)', words: 'every hour', next: 'next +01:00:00 (in 56 min)' });
    expect(batch!.targets[0]!.text).toBe('RunTask hourly-batch:1 × 3 on cluster events-demo');
    expect(batch!.failedInvocations).toBe(1);
    // Firings are the TriggeredRules datapoints summed (1 + 1); a pattern rule has none.
    expect(batch!.firings).toBe(2);
    expect(upload!.firings).toBeUndefined();
  });

  it('say a disabled schedule does not fire, and name a non-ECS target by its ARN', () => {
    const [, off] = ruleRows(eventsSnapshot({ eventRules: [hourly, { ...hourly, Name: 'off', Arn: 'x', State: 'DISABLED' }] }));
    expect(off!.trigger).toMatchObject({ next: 'disabled: does not fire' });
    expect(stopped).toMatchObject({ enabled: false, state: 'DISABLED', tasksStarted: 0 });
    expect(stopped!.targets).toEqual([{ id: 'email-ops', service: 'sns', text: 'arn:aws:sns:us-east-1:123456789012:ops-alerts' }]);
  });

  it('are empty without a snapshot or rules', () => {
    expect(ruleRows(null)).toEqual([]);
    expect(ruleRows(eventsSnapshot({ eventRules: undefined }))).toEqual([]);
  });

  it.each([
    ['rate(5 minutes)', 'every 5 minutes'],
    ['cron(0 9 ? * MON-FRI *)', 'at 09:00 UTC on weekdays (MON-FRI)'],
    ['rate(1 hours)', undefined], // plural with 1: not an EventBridge schedule
  ])('put %s in words: %s', (expression, words) => {
    expect(scheduleInWords(expression)).toBe(words);
  });

  it('time spans and patterns read plainly', () => {
    expect(untilText(0, 0)).toBe('now');
    expect(untilText(0, 30_001)).toBe('in 1 min'); // rounds up: never "in 0 min"
    expect(untilText(4 * MIN, 127 * MIN)).toBe('in 2 h 3 min');
    expect(untilText(0, 120 * MIN)).toBe('in 2 h');
    expect(compactPattern('not json')).toBe('not json');
    expect(targetRow({ Id: 'q', Arn: 'arn:aws:sqs:us-east-1:1:jobs' })).toEqual({ id: 'q', service: 'sqs', text: 'arn:aws:sqs:us-east-1:1:jobs' });
  });

  it('the switch sends events:EnableRule / events:DisableRule by name', () => {
    expect(ruleStateStep('on-upload', false)).toEqual({ 'events:DisableRule': { Name: 'on-upload' } });
    expect(ruleStateStep('on-upload', true)).toEqual({ 'events:EnableRule': { Name: 'on-upload' } });
  });
});

describe('bucket rows', () => {
  const [bucket] = bucketRows(eventsSnapshot());

  it('list the five newest objects, newest first (ties: the later key first), with sizes and times', () => {
    expect(bucket).toMatchObject({ name: 'photo-uploads', eventBridge: true, objectCount: 6 });
    // minute 7 (zebra, uploads/photo-1), 5 (dog), 2 (photo-3), 1 (photo-6); cat (minute 0) is the sixth.
    expect(bucket!.objects.map((o) => o.key)).toEqual(['uploads/photo-1.jpg', 'photos/zebra.jpg', 'photos/dog.jpg', 'uploads/photo-3.jpg', 'uploads/photo-6.jpg']);
    expect(bucket!.objects[0]).toEqual({ key: 'uploads/photo-1.jpg', size: '3.0 MB', at: '+00:07:00' });
  });

  it('suggest the first free uploads/photo-<n>.jpg from the object count + 1', () => {
    // 6 objects → photo-7 is free.
    expect(bucket!.suggestedKey).toBe('uploads/photo-7.jpg');
    // 2 objects, photo-3 taken → photo-4.
    expect(suggestedKey({ ...photos, objects: photos.objects.slice(3, 5) })).toBe('uploads/photo-4.jpg');
    expect(suggestedKey({ ...photos, objects: [] })).toBe('uploads/photo-1.jpg');
  });

  it.each([
    [512, '512 B'],
    [245_760, '240.0 KB'], // 245,760 / 1024
    [1536 * 1024, '1.5 MB'],
  ])('size %i bytes reads %s', (bytes, text) => {
    expect(sizeText(bytes)).toBe(text);
  });

  it('upload sends sim:PutObject with the key trimmed', () => {
    expect(uploadStep('photo-uploads', ' uploads/a.jpg ')).toEqual({ 'sim:PutObject': { bucket: 'photo-uploads', key: 'uploads/a.jpg' } });
  });

  it('the switch keeps the rest of the notification configuration and adds or removes only EventBridgeConfiguration', () => {
    const queues = [{ QueueArn: 'arn:aws:sqs:us-east-1:1:q', Events: ['s3:ObjectCreated:*'] }];
    expect(notificationStep('b', { QueueConfigurations: queues }, true)).toEqual({ 's3:PutBucketNotificationConfiguration': { Bucket: 'b', NotificationConfiguration: { QueueConfigurations: queues, EventBridgeConfiguration: {} } } });
    expect(notificationStep('b', { QueueConfigurations: queues, EventBridgeConfiguration: {} }, false)).toEqual({ 's3:PutBucketNotificationConfiguration': { Bucket: 'b', NotificationConfiguration: { QueueConfigurations: queues } } });
    expect(notificationStep('b', undefined, false)).toEqual({ 's3:PutBucketNotificationConfiguration': { Bucket: 'b', NotificationConfiguration: {} } });
  });
});

describe('queue rows', () => {
  const [queue] = queueRows(eventsSnapshot());

  it('read the counts from the attributes and the consumers with their rate and warning', () => {
    expect(queue).toMatchObject({ name: 'jobs', visible: 1110, inFlight: 4, delayed: 2 });
    expect(queue!.consumers[0]).toEqual({ serviceArn: expect.stringContaining('worker'), serviceName: 'worker', runningTasks: 2, rate: '0.5 messages/s' });
    expect(queue!.consumers[1]!.rate).toBe('–');
    expect(queue!.consumers[1]!.warning).toMatch(/^1 task get AccessDenied from SQS/);
  });

  it("sparkline this queue's visible messages by the minute and ends at the count now", () => {
    // minutes 1–3 from the metric store (not the other queue's), then 1,110 now at minute 4.
    expect(queue!.sparkline).toEqual([
      { t: 1 * MIN, v: 1200 },
      { t: 2 * MIN, v: 1170 },
      { t: 3 * MIN, v: 1140 },
      { t: 4 * MIN, v: 1110 },
    ]);
    expect(queue!.summary).toBe('Queue jobs: 1110 visible, 4 in flight, 2 delayed; 2 consuming tasks; visible messages peaked at 1200 over the last 3 min.');
  });

  it('keep the last hour in the sparkline', () => {
    // 90 minutes of points at t = 0 … 89 min, now at minute 90: minutes 30 … 89 and now are kept.
    const long = { ...series('AWS/SQS', 'ApproximateNumberOfMessagesVisible', { QueueName: 'jobs' }, Array.from({ length: 90 }, (_, i) => i)) };
    const [q] = queueRows(eventsSnapshot({ time: 90 * MIN, metrics: [long] }));
    expect(q!.sparkline.length).toBe(61);
    expect([q!.sparkline[0]!.t, q!.sparkline.at(-1)]).toEqual([30 * MIN, { t: 90 * MIN, v: 1110 }]);
  });

  it('before any metric: one point (the count now), and a summary without a peak', () => {
    const [q] = queueRows(eventsSnapshot({ metrics: [] }));
    expect(q!.sparkline).toEqual([{ t: 4 * MIN, v: 1110 }]);
    expect(q!.summary).not.toContain('peaked');
  });

  it.each([
    [undefined, '–'],
    [0.25, '0.3 messages/s'],
    [12.4, '12 messages/s'],
  ])('rate %s reads %s', (v, text) => {
    expect(rateText(v)).toBe(text);
  });

  it('Send messages sends sim:SendMessages: a burst, or at a rate; bad numbers go to the engine as typed', () => {
    expect(sendMessagesFromForm('jobs', '100', '')).toEqual({ 'sim:SendMessages': { queue: 'jobs', count: 100 } });
    expect(sendMessagesFromForm('jobs', '100', '5')).toEqual({ 'sim:SendMessages': { queue: 'jobs', count: 100, ratePerSecond: 5 } });
    expect(sendMessagesFromForm('jobs', '', '')).toEqual({ 'sim:SendMessages': { queue: 'jobs' } });
    expect(sendMessagesFromForm('jobs', '1.5', '')).toEqual({ 'sim:SendMessages': { queue: 'jobs', count: 1.5 } });
  });
});
