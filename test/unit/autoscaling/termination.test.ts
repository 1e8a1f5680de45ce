// Proves scale-in chooses instances as AWS's termination policies say: the most populated zone
// (with an unprotected instance) first, then the listed policies in order, then a seeded draw;
// protected instances are never chosen; each of several terminations sees the previous ones gone.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  chooseInstancesToTerminate,
  msUntilNextInstanceHour,
  type TerminationCandidate,
} from '../../../workers/engine/autoscaling/termination.ts';
import { Prng } from '../../../workers/engine/prng.ts';

const MIN = 60_000;
const first = (): number => 0;
const last = (n: number): number => n - 1;

function inst(instanceId: string, zone: string, launchedMin: number, extra: Partial<TerminationCandidate> = {}): TerminationCandidate {
  return { instanceId, zone, launchedMs: launchedMin * MIN, protectedFromScaleIn: false, ...extra };
}

describe('chooseInstancesToTerminate', () => {
  it('takes from the zone with the most instances before any policy', () => {
    // a: 1 instance, b: 2 → b is imbalanced; OldestInstance would prefer i-a1 but zone balance wins.
    const result = chooseInstancesToTerminate({
      instances: [inst('i-a1', 'a', 0), inst('i-b1', 'b', 10), inst('i-b2', 'b', 20)],
      count: 1,
      policies: ['OldestInstance'],
      draw: first,
    });
    expect(result).toEqual({ ok: true, instanceIds: ['i-b1'], blockedByProtection: 0 });
  });

  it('applies OldestInstance and NewestInstance across balanced zones', () => {
    const instances = [inst('i-a1', 'a', 5), inst('i-b1', 'b', 1), inst('i-a2', 'a', 9), inst('i-b2', 'b', 3)];
    expect(chooseInstancesToTerminate({ instances, count: 1, policies: ['OldestInstance'], draw: first })).toMatchObject({ instanceIds: ['i-b1'] });
    expect(chooseInstancesToTerminate({ instances, count: 1, policies: ['NewestInstance'], draw: first })).toMatchObject({ instanceIds: ['i-a2'] });
  });

  it('each choice sees the previous ones: 4 in a, 2 in b, terminate 3 → a, a, then a/b balanced', () => {
    // After 2 from a: a=2, b=2 balanced → NewestInstance over both zones.
    const instances = [
      inst('i-a1', 'a', 1), inst('i-a2', 'a', 2), inst('i-a3', 'a', 3), inst('i-a4', 'a', 4),
      inst('i-b1', 'b', 10), inst('i-b2', 'b', 11),
    ];
    const result = chooseInstancesToTerminate({ instances, count: 3, policies: ['NewestInstance'], draw: first });
    expect(result).toMatchObject({ instanceIds: ['i-a4', 'i-a3', 'i-b2'] });
  });

  it('never chooses a protected instance, but protected ones still count for zone size', () => {
    // a: 3 (2 protected), b: 2 → a still the largest zone with an unprotected instance.
    const instances = [
      inst('i-a1', 'a', 1, { protectedFromScaleIn: true }), inst('i-a2', 'a', 2, { protectedFromScaleIn: true }),
      inst('i-a3', 'a', 3), inst('i-b1', 'b', 0), inst('i-b2', 'b', 0),
    ];
    const result = chooseInstancesToTerminate({ instances, count: 1, policies: ['OldestInstance'], draw: first });
    expect(result).toMatchObject({ instanceIds: ['i-a3'] });
  });

  it('skips a zone whose instances are all protected, and reports what protection blocked', () => {
    const instances = [
      inst('i-a1', 'a', 1, { protectedFromScaleIn: true }), inst('i-a2', 'a', 2, { protectedFromScaleIn: true }),
      inst('i-b1', 'b', 0),
    ];
    const result = chooseInstancesToTerminate({ instances, count: 3, draw: first });
    expect(result).toEqual({ ok: true, instanceIds: ['i-b1'], blockedByProtection: 2 });
  });

  it('Default: oldest launch template first, then closest to the next billing hour, then random', () => {
    const now = 200 * MIN;
    // i-1, i-2 on the older template (rank 1). Uptime: i-1 170 min → 10 min to hour 3; i-2 100 min → 20 min.
    const instances = [
      inst('i-1', 'a', 30, { launchTemplateAgeRank: 1 }),
      inst('i-2', 'a', 100, { launchTemplateAgeRank: 1 }),
      inst('i-3', 'a', 195, { launchTemplateAgeRank: 2 }),
    ];
    expect(chooseInstancesToTerminate({ instances, count: 1, nowMs: now, draw: first })).toMatchObject({ instanceIds: ['i-1'] });
    expect(msUntilNextInstanceHour(30 * MIN, now)).toBe(10 * MIN);
    expect(msUntilNextInstanceHour(100 * MIN, now)).toBe(20 * MIN);
  });

  it('breaks a full tie with the supplied draw over ids in sorted order', () => {
    const instances = [inst('i-c', 'a', 0), inst('i-a', 'a', 0), inst('i-b', 'a', 0)];
    expect(chooseInstancesToTerminate({ instances, count: 1, draw: first })).toMatchObject({ instanceIds: ['i-a'] });
    expect(chooseInstancesToTerminate({ instances, count: 1, draw: last })).toMatchObject({ instanceIds: ['i-c'] });
    // A misbehaving draw is folded into range rather than crashing.
    expect(chooseInstancesToTerminate({ instances, count: 1, draw: () => 7 })).toMatchObject({ instanceIds: ['i-b'] });
  });

  it('is deterministic with the engine PRNG: the same seed picks the same instances', () => {
    const instances = ['a', 'b', 'c'].flatMap((zone) => [1, 2, 3].map((n) => inst(`i-${zone}${n}`, zone, 0)));
    const run = (seed: number): string[] => {
      const prng = new Prng(seed);
      const result = chooseInstancesToTerminate({ instances, count: 4, draw: (n) => prng.int(0, n) });
      return result.ok ? result.instanceIds : [];
    };
    expect(run(42)).toEqual(run(42));
    // 3/3/3 → after 3 picks each zone holds 2; the 4th pick is from any zone: all 4 distinct.
    expect(new Set(run(42)).size).toBe(4);
    const zonesOfFirstThree = run(7).slice(0, 3).map((id) => id.charAt(2));
    expect(new Set(zonesOfFirstThree).size).toBe(3);
  });

  it('falls through policies in order: OldestLaunchTemplate ties → OldestInstance decides', () => {
    const instances = [
      inst('i-1', 'a', 50, { launchTemplateAgeRank: 1 }),
      inst('i-2', 'a', 40, { launchTemplateAgeRank: 1 }),
      inst('i-3', 'a', 10, { launchTemplateAgeRank: 2 }),
    ];
    const result = chooseInstancesToTerminate({ instances, count: 1, policies: ['OldestLaunchTemplate', 'OldestInstance'], draw: first });
    expect(result).toMatchObject({ instanceIds: ['i-2'] });
  });

  it('refuses bad input with a reason instead of throwing', () => {
    expect(chooseInstancesToTerminate({ instances: [], count: -1, draw: first })).toMatchObject({ ok: false, error: { message: 'count must be a whole number ≥ 0, got -1' } });
    // @ts-expect-error deliberately wrong policy name
    expect(chooseInstancesToTerminate({ instances: [], count: 1, policies: ['Oldest'], draw: first })).toMatchObject({ ok: false });
    // @ts-expect-error deliberately not a request
    expect(chooseInstancesToTerminate(undefined)).toMatchObject({ ok: false });
  });

  it('property: never protected, never twice, zones never left more unbalanced than needed', () => {
    const arb = fc.record({
      zones: fc.array(fc.record({ zone: fc.constantFrom('a', 'b', 'c'), launched: fc.nat(1000), prot: fc.boolean() }), { maxLength: 12 }),
      count: fc.nat(14),
      seed: fc.nat(),
    });
    fc.assert(
      fc.property(arb, ({ zones, count, seed }) => {
        const instances = zones.map((z, i) => inst(`i-${i}`, z.zone, z.launched, { protectedFromScaleIn: z.prot }));
        let s = seed;
        const draw = (n: number): number => (s = (s * 1103515245 + 12345) >>> 0) % n;
        const result = chooseInstancesToTerminate({ instances, count, policies: ['OldestInstance'], draw });
        if (!result.ok) return false;
        const ids = new Set(result.instanceIds);
        const unprotected = instances.filter((i) => !i.protectedFromScaleIn).length;
        return (
          ids.size === result.instanceIds.length &&
          result.instanceIds.every((id) => !instances.find((i) => i.instanceId === id)?.protectedFromScaleIn) &&
          result.instanceIds.length === Math.min(count, unprotected) &&
          result.blockedByProtection === count - result.instanceIds.length
        );
      }),
    );
  });
});
