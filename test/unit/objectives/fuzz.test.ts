// evaluate never throws and never hits its internal-error fallback, on any checked objective and
// any snapshot: real ones from the scenarios and real ones with random values poked into them.
// checkObjective never throws either, on any input. fast-check prints the seed of a failure.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COLLECTIONS, topFieldNames } from '../../../workers/scenario/objectives/catalog.ts';
import { checkObjective, evaluate, ObjectiveTracker } from '../../../workers/scenario/objectives/index.ts';
import type { Snapshot } from '../../../workers/protocol.ts';
import { loaded } from './helpers.ts';

/** A failure names its seed and path (to replay it) and its error, without printing whole snapshots. */
function report<T>(): { reporter(details: fc.RunDetails<T>): void } {
  return {
    reporter(details) {
      if (details.failed) throw new Error(`seed ${details.seed}, path ${details.counterexamplePath}: ${String(details.errorInstance)}`);
    },
  };
}

const BASE_SNAPSHOTS: Snapshot[] = ['services', 'sqs-worker', 'event-driven'].map((name) => {
  const engine = loaded(name);
  engine.advance(120_000);
  return engine.snapshot();
});

const collectionNames = Object.keys(COLLECTIONS);
const scalar = fc.oneof(fc.constantFrom('RUNNING', 'web', 'us-east-1a', 'web:2', 'ALARM', ''), fc.integer({ min: -3, max: 12 }), fc.boolean());

const where = fc.constantFrom(...collectionNames).chain((collection) =>
  fc.record({
    of: fc.constant(collection),
    where: fc.dictionary(fc.constantFrom(...topFieldNames(COLLECTIONS[collection]!)), fc.oneof(
      scalar,
      fc.array(scalar, { minLength: 1, maxLength: 3 }),
      fc.record({ '>=': fc.integer({ min: 0, max: 10 }) }),
      fc.record({ exists: fc.boolean() }),
      fc.record({ startsWith: fc.constantFrom('w', 'us-') }),
    ), { maxKeys: 3 }),
  }));

const paths = fc.constantFrom(
  'services[web].desiredCount', 'services[0].runningCount', 'targetGroups[web-tg].healthyTargets', 'taskDefinitions[web:1].containerCount',
  'services[web].deployments[status=PRIMARY].rolloutState', 'queues[0].messages', 'tasks[0].containers[0].exitCode', 'alarms[0].StateValue',
  'taskDefinitions[web:1].containerDefinitions.length', 'tasks[3].lastStatus',
);

const { objective } = fc.letrec<{ objective: unknown }>((tie) => ({
  objective: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    where.chain((set) => fc.record({ count: fc.record({ ...toArbs(set), atLeast: fc.integer({ min: 0, max: 10 }) }) })),
    where.map((set) => ({ exists: set })),
    where.map((set) => ({ none: set })),
    where.chain((set) => fc.constantFrom(...topFieldNames(COLLECTIONS[set.of]!)).map((field) => ({ every: { ...set, match: { [field]: 'x' } } }))),
    where.chain((set) => fc.constantFrom(...topFieldNames(COLLECTIONS[set.of]!)).map((by) => ({ distinct: { ...set, by } }))),
    fc.record({ compare: fc.record({ path: paths, op: fc.constantFrom('==', '!=', '>', '>=', '<', '<='), value: fc.integer({ min: 0, max: 10 }) }) }),
    fc.array(tie('objective'), { minLength: 1, maxLength: 3 }).map((of) => ({ all: of })),
    fc.array(tie('objective'), { minLength: 1, maxLength: 3 }).map((of) => ({ any: of })),
    tie('objective').map((of) => ({ not: of })),
    tie('objective').map((of) => ({ ever: of })),
    fc.tuple(fc.constantFrom('holdsFor', 'within'), fc.constantFrom('0s', '5s', '1m'), tie('objective')).map(([kind, duration, of]) => ({ [kind]: { duration, objective: of } })),
    fc.constant({ id: 'p', predict: { of: 'tasks', next: 2, by: 'instanceId' } }),
    fc.constant({ id: 'v', predict: { path: 'services[0].desiredCount', after: '10s' } }),
  ),
}));

function toArbs(set: { of: string; where: Record<string, unknown> }): { of: fc.Arbitrary<string>; where: fc.Arbitrary<Record<string, unknown>> } {
  return { of: fc.constant(set.of), where: fc.constant(set.where) };
}

/** A real snapshot with random JSON values written into random fields of random items. */
const snapshot = fc.tuple(fc.constantFrom(...BASE_SNAPSHOTS), fc.array(fc.tuple(fc.constantFrom(...collectionNames), fc.nat(), fc.string({ maxLength: 20 }), fc.jsonValue({ maxDepth: 2 })), { maxLength: 6 }))
  .map(([base, pokes]) => {
    const copy = structuredClone(base) as unknown as Record<string, unknown>;
    for (const [collection, index, field, value] of pokes) {
      const list = copy[COLLECTIONS[collection]!.key];
      if (!Array.isArray(list) || list.length === 0) {
        copy[COLLECTIONS[collection]!.key] = [value];
        continue;
      }
      const item = list[index % list.length];
      const key = field || topFieldNames(COLLECTIONS[collection]!)[index % topFieldNames(COLLECTIONS[collection]!).length]!;
      if (item && typeof item === 'object') (item as Record<string, unknown>)[key] = value;
    }
    return copy as unknown as Snapshot;
  });

describe('fuzz', () => {
  it('evaluate never throws on any checked objective and any snapshot', () => {
    let evaluated = 0;
    fc.assert(
      fc.property(objective, fc.array(snapshot, { minLength: 1, maxLength: 3 }), (raw, snapshots) => {
        const result = checkObjective(raw);
        if (!result.ok) return;
        const tracker = new ObjectiveTracker(result.objective, 0);
        snapshots.forEach((snap, index) => {
          const timed = { ...snap, time: snap.time + index * 5000 };
          tracker.observe(timed);
          const outcome = evaluate(result.objective, { snapshot: timed, tracker, answers: { p: ['x'], v: 3 } });
          expect(outcome.sentence).not.toMatch(/could not be evaluated/);
          expect(typeof outcome.passed).toBe('boolean');
          expect(outcome.sentence.length).toBeGreaterThan(0);
          if (!outcome.passed) expect(outcome.failing).toBeDefined();
          evaluated++;
        });
      }),
      { numRuns: 300, ...report<[unknown, Snapshot[]]>() },
    );
    expect(evaluated).toBeGreaterThan(200);
  });

  it('checkObjective never throws, on anything', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue({ maxDepth: 4 }), objective), (raw) => {
        const result = checkObjective(raw, '/x');
        if (!result.ok) for (const issue of result.issues) expect(issue.path.startsWith('/x')).toBe(true);
      }),
      { numRuns: 500, ...report<[unknown]>() },
    );
  });
});
