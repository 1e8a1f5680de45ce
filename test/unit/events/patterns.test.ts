// Proves EventBridge event-pattern checking and matching: the ECS examples of the reference (§12),
// an S3 "Object Created" rule on a bucket and key prefix, each comparison operator, arrays in the
// event, $or, the refusals with the rule engine's reasons, and that nothing ever throws.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkEventPattern, matchesEventPattern, type EventPattern } from '../../../workers/engine/events/patterns.ts';

const CLUSTER = 'arn:aws:ecs:us-west-2:111122223333:cluster/default';

function taskStateChange(detail: Record<string, unknown>) {
  return {
    version: '0',
    id: '00000000-0000-4000-8000-000000000001',
    'detail-type': 'ECS Task State Change',
    source: 'aws.ecs',
    account: '111122223333',
    time: '2026-12-07T04:00:00Z',
    region: 'us-west-2',
    resources: ['arn:aws:ecs:us-west-2:111122223333:task/default/0123456789abcdef'],
    detail: {
      clusterArn: CLUSTER,
      lastStatus: 'STOPPED',
      desiredStatus: 'STOPPED',
      stoppedReason: 'Essential container in task exited',
      stopCode: 'EssentialContainerExited',
      version: 3,
      containers: [
        { name: 'web', lastStatus: 'STOPPED', exitCode: 1 },
        { name: 'sidecar', lastStatus: 'STOPPED', exitCode: 0 },
      ],
      ...detail,
    },
  };
}

function objectCreated(bucket: string, key: string) {
  return {
    version: '0',
    id: '17793124-05d4-b198-2fde-7ededc63b103',
    'detail-type': 'Object Created',
    source: 'aws.s3',
    account: '123456789012',
    time: '2026-12-07T04:00:00Z',
    region: 'us-east-1',
    resources: [`arn:aws:s3:::${bucket}`],
    detail: {
      version: '0',
      bucket: { name: bucket },
      object: { key, size: 5, etag: 'b1946ac92492d2347c6235b4d2611184' },
      'request-id': 'N4N7GDK58NMKJ12R',
      requester: '123456789012',
      'source-ip-address': '10.0.0.17',
      reason: 'PutObject',
    },
  };
}

function pattern(json: unknown): EventPattern {
  const result = checkEventPattern(json);
  if (!result.ok) throw new Error(result.message);
  return result.pattern;
}

function refusal(json: unknown): string {
  const result = checkEventPattern(json);
  if (result.ok) throw new Error(`accepted ${JSON.stringify(json)}`);
  expect(result.code).toBe('InvalidEventPatternException');
  return result.message;
}

const matches = (p: unknown, event: unknown) => matchesEventPattern(pattern(p), event);
const detailMatches = (leaf: unknown[], detail: Record<string, unknown>) => matches({ detail: { x: leaf } }, { detail });

describe('ECS examples (reference §12)', () => {
  const byCluster = { source: ['aws.ecs'], 'detail-type': ['ECS Task State Change'], detail: { clusterArn: [CLUSTER] } };
  const stoppedOnError = { ...byCluster, detail: { clusterArn: [CLUSTER], lastStatus: ['STOPPED'], stoppedReason: ['Essential container in task exited'] } };

  it('a rule on the cluster matches its task state changes, not another cluster or detail-type', () => {
    expect(matches(byCluster, taskStateChange({}))).toBe(true);
    expect(matches(byCluster, taskStateChange({ clusterArn: 'arn:aws:ecs:us-west-2:111122223333:cluster/other' }))).toBe(false);
    expect(matches(byCluster, { ...taskStateChange({}), 'detail-type': 'ECS Service Action' })).toBe(false);
  });

  it('adding lastStatus STOPPED and stoppedReason narrows it to tasks stopped by an essential container', () => {
    expect(matches(stoppedOnError, taskStateChange({}))).toBe(true);
    expect(matches(stoppedOnError, taskStateChange({ lastStatus: 'RUNNING', stoppedReason: undefined }))).toBe(false);
    expect(matches(stoppedOnError, taskStateChange({ stoppedReason: 'Task stopped by user' }))).toBe(false);
  });

  it('a pattern object over an array of containers matches when one container satisfies all its fields', () => {
    expect(matches({ detail: { containers: { name: ['web'], exitCode: [1] } } }, taskStateChange({}))).toBe(true);
    // web exited 1 and sidecar exited 0: no single container is web with 0.
    expect(matches({ detail: { containers: { name: ['web'], exitCode: [0] } } }, taskStateChange({}))).toBe(false);
    expect(matches({ detail: { containers: { exitCode: [{ 'anything-but': 0 }] } } }, taskStateChange({}))).toBe(true);
  });

  it('resources, an array in the event, match when any element matches', () => {
    expect(matches({ resources: [{ prefix: 'arn:aws:ecs:us-west-2:111122223333:task/default/' }] }, taskStateChange({}))).toBe(true);
    expect(matches({ resources: ['arn:aws:ecs:us-west-2:111122223333:task/other/1'] }, taskStateChange({}))).toBe(false);
  });
});

describe('S3 Object Created for a bucket and key prefix', () => {
  const uploads = { source: ['aws.s3'], 'detail-type': ['Object Created'], detail: { bucket: { name: ['uploads'] }, object: { key: [{ prefix: 'incoming/' }] } } };

  it('matches an upload under the prefix in the bucket', () => {
    expect(matches(uploads, objectCreated('uploads', 'incoming/photo.jpg'))).toBe(true);
  });
  it('does not match another bucket, another prefix, or another detail-type', () => {
    expect(matches(uploads, objectCreated('logs', 'incoming/photo.jpg'))).toBe(false);
    expect(matches(uploads, objectCreated('uploads', 'archive/incoming/photo.jpg'))).toBe(false);
    expect(matches(uploads, { ...objectCreated('uploads', 'incoming/a'), 'detail-type': 'Object Deleted' })).toBe(false);
  });
  it('suffix and cidr on the same event', () => {
    expect(matches({ detail: { object: { key: [{ suffix: '.jpg' }] }, 'source-ip-address': [{ cidr: '10.0.0.0/24' }] } }, objectCreated('u', 'a/b.jpg'))).toBe(true);
    expect(matches({ detail: { 'source-ip-address': [{ cidr: '10.0.1.0/24' }] } }, objectCreated('u', 'a'))).toBe(false);
    expect(detailMatches([{ cidr: '2001:db8::/32' }], { x: '2001:db8:0:1::17' })).toBe(true);
    expect(detailMatches([{ cidr: '2001:db8::/32' }], { x: '2001:db9::1' })).toBe(false);
    expect(detailMatches([{ cidr: '10.0.0.0/8' }], { x: '::ffff' })).toBe(false);
    expect(detailMatches([{ cidr: '10.0.0.0/8' }], { x: 10 })).toBe(false);
  });
});

describe('each operator', () => {
  it('exact values: strings, numbers, booleans and null are typed', () => {
    expect(detailMatches(['5'], { x: '5' })).toBe(true);
    expect(detailMatches(['5'], { x: 5 })).toBe(false);
    expect(detailMatches([5], { x: 5 })).toBe(true);
    expect(detailMatches([5], { x: 5.0000001 })).toBe(true); // Ruler compares to 6 decimals
    expect(detailMatches([5], { x: 5.00001 })).toBe(false);
    expect(detailMatches([true], { x: true })).toBe(true);
    expect(detailMatches([true], { x: 'true' })).toBe(false);
    expect(detailMatches([null], { x: null })).toBe(true);
    expect(detailMatches([null], {})).toBe(false);
    expect(detailMatches([''], { x: '' })).toBe(true);
  });
  it('values listed are alternatives (OR); fields are all required (AND)', () => {
    expect(detailMatches(['RUNNING', 'STOPPED'], { x: 'STOPPED' })).toBe(true);
    expect(matches({ detail: { a: ['1'], b: ['2'] } }, { detail: { a: '1', b: '3' } })).toBe(false);
    expect(matches({ detail: { a: ['1'], b: ['2'] } }, { detail: { a: '1', b: '2', c: 'ignored' } })).toBe(true);
  });
  it('prefix and suffix, also ignoring case, on strings only', () => {
    expect(detailMatches([{ prefix: 'us-' }], { x: 'us-east-1' })).toBe(true);
    expect(detailMatches([{ prefix: 'us-' }], { x: 'eu-west-1' })).toBe(false);
    expect(detailMatches([{ prefix: '1' }], { x: 12 })).toBe(false);
    expect(detailMatches([{ prefix: { 'equals-ignore-case': 'EventB' } }], { x: 'eventbridge' })).toBe(true);
    expect(detailMatches([{ suffix: '.png' }], { x: 'a.png' })).toBe(true);
    expect(detailMatches([{ suffix: '.png' }], { x: 'a.PNG' })).toBe(false);
    expect(detailMatches([{ suffix: { 'equals-ignore-case': '.png' } }], { x: 'a.PNG' })).toBe(true);
  });
  it('equals-ignore-case', () => {
    expect(detailMatches([{ 'equals-ignore-case': 'alice' }], { x: 'ALICE' })).toBe(true);
    expect(detailMatches([{ 'equals-ignore-case': 'alice' }], { x: 'alicia' })).toBe(false);
  });
  it('anything-but: a value, a list of strings or numbers, a prefix, a suffix, ignoring case, a wildcard', () => {
    expect(detailMatches([{ 'anything-but': 'initializing' }], { x: 'running' })).toBe(true);
    expect(detailMatches([{ 'anything-but': 'initializing' }], { x: 'initializing' })).toBe(false);
    expect(detailMatches([{ 'anything-but': 'initializing' }], {})).toBe(false); // a missing field is not "anything"
    expect(detailMatches([{ 'anything-but': ['stopped', 'overloaded'] }], { x: 'stopped' })).toBe(false);
    expect(detailMatches([{ 'anything-but': [100, 200, 300] }], { x: 150 })).toBe(true);
    expect(detailMatches([{ 'anything-but': [100, 200, 300] }], { x: 200 })).toBe(false);
    expect(detailMatches([{ 'anything-but': { prefix: 'init' } }], { x: 'initializing' })).toBe(false);
    expect(detailMatches([{ 'anything-but': { prefix: 'init' } }], { x: 'running' })).toBe(true);
    expect(detailMatches([{ 'anything-but': { suffix: '.png' } }], { x: 'a.jpg' })).toBe(true);
    expect(detailMatches([{ 'anything-but': { 'equals-ignore-case': 'initializing' } }], { x: 'INITIALIZING' })).toBe(false);
    expect(detailMatches([{ 'anything-but': { wildcard: '*/lib/*' } }], { x: '/usr/lib/a' })).toBe(false);
    expect(detailMatches([{ 'anything-but': { wildcard: '*/lib/*' } }], { x: '/usr/bin/a' })).toBe(true);
    // On an array, anything-but matches when some element is not excluded.
    expect(detailMatches([{ 'anything-but': 'a' }], { x: ['a', 'b'] })).toBe(true);
    expect(detailMatches([{ 'anything-but': 'a' }], { x: ['a'] })).toBe(false);
  });
  it('numeric ranges with each operator, on JSON numbers only', () => {
    const range = [{ numeric: ['>', 0, '<=', 5] }];
    expect(detailMatches(range, { x: 0 })).toBe(false);
    expect(detailMatches(range, { x: 0.5 })).toBe(true);
    expect(detailMatches(range, { x: 5 })).toBe(true);
    expect(detailMatches(range, { x: 5.1 })).toBe(false);
    expect(detailMatches(range, { x: '3' })).toBe(false);
    expect(detailMatches([{ numeric: ['>=', 10, '<', 20] }], { x: 10 })).toBe(true);
    expect(detailMatches([{ numeric: ['>=', 10, '<', 20] }], { x: 20 })).toBe(false);
    expect(detailMatches([{ numeric: ['<', 10] }], { x: -3 })).toBe(true);
    expect(detailMatches([{ numeric: ['=', 3.018e2] }], { x: 301.8 })).toBe(true);
    expect(detailMatches([{ numeric: ['>', 0] }], { x: 6e9 })).toBe(false); // outside the comparable range
  });
  it('exists true/false looks at leaves', () => {
    expect(detailMatches([{ exists: true }], { x: 'pending' })).toBe(true);
    expect(detailMatches([{ exists: true }], { x: null })).toBe(true);
    expect(detailMatches([{ exists: true }], {})).toBe(false);
    expect(detailMatches([{ exists: true }], { x: { c1: 100 } })).toBe(false); // intermediate node (user guide example)
    expect(detailMatches([{ exists: false }], {})).toBe(true);
    expect(detailMatches([{ exists: false }], { x: 1 })).toBe(false);
    expect(detailMatches([{ exists: false }], { x: { c1: 100 } })).toBe(true); // Ruler README: not a leaf
    expect(matches({ detail: { deep: { x: [{ exists: false }] } } }, { source: 'a' })).toBe(true);
  });
  it('wildcard with escapes', () => {
    expect(detailMatches([{ wildcard: 'dir/*.png' }], { x: 'dir/a/b.png' })).toBe(true);
    expect(detailMatches([{ wildcard: 'dir/*.png' }], { x: 'dir/a.jpg' })).toBe(false);
    expect(detailMatches([{ wildcard: 'a\\*b' }], { x: 'a*b' })).toBe(true);
    expect(detailMatches([{ wildcard: 'a\\*b' }], { x: 'axxb' })).toBe(false);
    expect(detailMatches([{ wildcard: 'a.c' }], { x: 'abc' })).toBe(false); // regex characters are literal
  });
  it('$or: one branch must match, at any level', () => {
    const p = { source: ['aws.ecs'], $or: [{ 'detail-type': ['ECS Service Action'] }, { detail: { lastStatus: ['STOPPED'] } }] };
    expect(matches(p, taskStateChange({}))).toBe(true);
    expect(matches(p, taskStateChange({ lastStatus: 'RUNNING' }))).toBe(false);
    const nested = { detail: { $or: [{ 'c-count': [{ numeric: ['>', 0, '<=', 5] }] }, { 'd-count': [{ numeric: ['<', 10] }] }] } };
    expect(matches(nested, { detail: { 'd-count': 3 } })).toBe(true);
    expect(matches(nested, { detail: { 'c-count': 9, 'd-count': 30 } })).toBe(false);
  });
  it('the last of a duplicated key counts (user guide note), as JSON.parse keeps it', () => {
    const json = '{"detail":{"location":[{"prefix":"us-"}],"location":[{"anything-but":"us-east"}]}}';
    expect(matches(json, { detail: { location: 'eu-west' } })).toBe(true);
  });
});

describe('refusals, with the rule engine\'s reasons', () => {
  const cases: [unknown, string][] = [
    ['[1]', 'Filter is not an object'],
    ['{"detail":{"pipeline":{"slug":"some-pipeline"}}}', '"slug" must be an object or an array at detail.pipeline.slug'],
    [{ source: [] }, 'Empty arrays are not allowed at source'],
    [{ detail: {} }, 'Empty objects are not allowed at detail'],
    [{ source: [['a']] }, 'Match value must be String, number, true, false, or null'],
    [{ source: [{}] }, 'Match expression name not found'],
    [{ source: [{ regex: 'a' }] }, 'Unrecognized match type regex'],
    [{ source: [{ prefix: 'a', suffix: 'b' }] }, 'Only one key allowed in match expression'],
    [{ source: [{ prefix: 1 }] }, 'prefix match pattern must be a string'],
    [{ source: [{ prefix: { foo: 'a' } }] }, 'Unsupported prefix pattern: foo'],
    [{ source: [{ 'equals-ignore-case': 1 }] }, 'equals-ignore-case match pattern must be a string'],
    [{ source: [{ wildcard: 'a**b' }] }, 'Consecutive wildcard characters at pos 2'],
    [{ source: [{ wildcard: 'a\\b' }] }, 'Invalid escape character at pos 2'],
    [{ n: [{ numeric: '>' }] }, 'Value of numeric must be an array.'],
    [{ n: [{ numeric: [] }] }, 'Invalid member in numeric match: ]'],
    [{ n: [{ numeric: ['!', 1] }] }, 'Unrecognized numeric range operator: !'],
    [{ n: [{ numeric: ['>', 'a'] }] }, 'Value of > must be numeric'],
    [{ n: [{ numeric: ['=', 1, '<', 2] }] }, 'Too many elements in numeric expression'],
    [{ n: [{ numeric: ['>', 5, '>', 9] }] }, 'Bad numeric range operator: >'],
    [{ n: [{ numeric: ['>', 5, '<', 1] }] }, 'Bottom must be less than top'],
    [{ n: [{ numeric: ['>', 5, '<', 9, 'x'] }] }, 'Too many terms in numeric range expression'],
    [{ n: [{ numeric: ['<', 6e9] }] }, 'Value must be between -5.0E9 and 5.0E9, inclusive'],
    [{ s: [{ 'anything-but': ['a', 1] }] }, 'Inside anything but list, either all values are number or string, mixed type is not supported'],
    [{ s: [{ 'anything-but': [null] }] }, 'Inside anything but list, start|null|boolean is not supported.'],
    [{ s: [{ 'anything-but': true }] }, 'Value of anything-but must be an array or single string/number value.'],
    [{ s: [{ 'anything-but': { contains: 'a' } }] }, 'Unsupported anything-but pattern: contains'],
    [{ s: [{ 'anything-but': { prefix: '' } }] }, 'Null prefix/suffix not allowed'],
    [{ s: [{ exists: 'yes' }] }, 'exists match pattern must be either true or false.'],
    [{ $or: { a: ['1'] } }, 'It must be an Array followed with $or.'],
    [{ $or: [{ a: ['1'] }] }, 'There must have at least 2 Objects in $or relationship.'],
    [{ $or: [{ a: ['1'] }, 'b'] }, 'Only JSON object is allowed in array of $or relationship.'],
    [{ $or: [{ a: ['1'] }, { prefix: ['b'] }] }, 'prefix is Ruler reserved fieldName which cannot be used inside $or.'],
    [{ source: 'aws.ecs' }, '"source" must be an object or an array at source'],
    [{ ip: [{ cidr: '10.0.0.0/33' }] }, 'Malformed CIDR'],
    [{ ip: [{ cidr: '2001:db8:::/32' }] }, 'Malformed CIDR'],
  ];
  it.each(cases)('%j → %s', (json, reason) => {
    const message = refusal(json);
    expect(message.startsWith('Event pattern is not valid. Reason: ')).toBe(true);
    expect(message).toContain(reason);
  });
  it('malformed JSON and a pattern over the 2048-character quota', () => {
    expect(refusal('{"source": [')).toMatch(/^Event pattern is not valid\. Reason: the pattern is not valid JSON/);
    const big = JSON.stringify({ source: Array.from({ length: 300 }, (_, i) => `source-${i}`) });
    expect(refusal(big)).toContain(`the pattern is ${big.length} characters long; the event pattern size quota is 2048`);
  });
  it('accepts the documented examples', () => {
    for (const p of [
      { time: [{ prefix: '2017-10-02' }], detail: { state: [{ 'anything-but': 'initializing' }], 'c-count': [{ numeric: ['>', 0, '<=', 5] }], 'x-limit': [{ 'anything-but': [100, 200, 300] }] } },
      { detail: { sourceIPAddress: [{ cidr: '10.0.0.0/24' }] } },
      { detail: { FilePath: [{ 'anything-but': { wildcard: '*/lib/*' } }] } },
      { detail: { service: [{ prefix: { 'equals-ignore-case': 'eventb' } }] } },
      { detail: { 'x-limit': [{ numeric: ['=', 3.018e2] }] } },
    ]) expect(checkEventPattern(p)).toEqual({ ok: true, pattern: p });
  });
});

describe('never throws', () => {
  it('on any JSON-ish input to check, and any pattern/event pair to match (fast-check)', () => {
    const seed = 7_2026;
    console.log(`patterns fuzz seed ${seed}`);
    const leaf = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null));
    const operator = fc.record({ op: fc.constantFrom('prefix', 'suffix', 'anything-but', 'numeric', 'exists', 'equals-ignore-case', 'wildcard', 'cidr', 'exactly', 'bogus'), value: fc.oneof(leaf, fc.array(leaf), fc.dictionary(fc.string(), leaf)) }).map(({ op, value }) => ({ [op]: value }));
    const json = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, leaf, operator, fc.array(tie('node'), { maxLength: 4 }), fc.dictionary(fc.oneof(fc.string(), fc.constant('$or')), tie('node'), { maxKeys: 4 })),
    })).node;
    fc.assert(
      fc.property(json, json, fc.boolean(), (p, event, asString) => {
        const result = checkEventPattern(asString ? JSON.stringify(p) ?? 'x' : p);
        expect(typeof result.ok).toBe('boolean');
        expect(typeof matchesEventPattern(p as EventPattern, event)).toBe('boolean');
        if (result.ok) expect(typeof matchesEventPattern(result.pattern, event)).toBe('boolean');
      }),
      { seed, numRuns: 1500 },
    );
  });
  it('on hostile objects: cycles, throwing getters, undefined and functions', () => {
    const cyclic: Record<string, unknown> = { a: ['1'] };
    cyclic.self = cyclic;
    const getter = Object.defineProperty({}, 'x', { enumerable: true, get() { throw new Error('boom'); } });
    for (const hostile of [cyclic, getter, { a: [undefined] }, { a: [() => 1] }, { a: [1n] }, undefined, Symbol('x')]) {
      expect(checkEventPattern(hostile).ok).toBe(false);
      expect(matchesEventPattern(hostile as EventPattern, hostile)).toBe(false);
      expect(typeof matchesEventPattern({ a: ['1'] }, hostile)).toBe('boolean');
    }
    // A cycle in the event is fine: only the paths the pattern names are read.
    expect(matchesEventPattern({ a: ['1'] }, cyclic)).toBe(true);
  });
});
