// Proves capacityProviderStrategy validation gives AWS's errors (and clear sandbox ones) for every
// refusal — shape, ranges, more than 6, duplicates, not associated, Fargate/ASG mix, two bases,
// all weights 0 — fills defaults, and that distributeTasks splits tasks base-first then by weight,
// reproducing AWS's example (FARGATE base 2 weight 1 + FARGATE_SPOT weight 3, 10 tasks → 4 / 6).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  checkCapacityProviderStrategy,
  distributeTasks,
  STRATEGY_MESSAGES,
  type KnownProvider,
  type StrategyItem,
} from '../../../workers/engine/capacity/provider-strategy.ts';

const KNOWN: KnownProvider[] = [
  { name: 'FARGATE', kind: 'FARGATE' },
  { name: 'FARGATE_SPOT', kind: 'FARGATE_SPOT' },
  { name: 'asg-a', kind: 'ASG' },
  { name: 'asg-b', kind: 'ASG' },
  { name: 'asg-c', kind: 'ASG' },
  { name: 'asg-d', kind: 'ASG' },
  { name: 'asg-e', kind: 'ASG' },
  { name: 'asg-f', kind: 'ASG' },
  { name: 'asg-g', kind: 'ASG' },
];

function refusal(raw: unknown, options?: { isClusterDefault?: boolean }) {
  const result = checkCapacityProviderStrategy(raw, KNOWN, options);
  if (result.ok) throw new Error(`expected a refusal for ${JSON.stringify(raw)}`);
  expect(result.error.code).toBe('InvalidParameterException');
  return result.error.message;
}

describe('checkCapacityProviderStrategy: accepted strategies', () => {
  it('fills weight 0 and base 0 by default and keeps the given order', () => {
    expect(
      checkCapacityProviderStrategy([{ capacityProvider: 'FARGATE_SPOT', weight: 3 }, { capacityProvider: 'FARGATE', base: 2, weight: 1 }], KNOWN),
    ).toEqual({
      ok: true,
      value: [
        { capacityProvider: 'FARGATE_SPOT', weight: 3, base: 0 },
        { capacityProvider: 'FARGATE', weight: 1, base: 2 },
      ],
    });
  });

  it('accepts the limits: 6 items, weight 1000, base 100000, weight 0 beside a weighted item', () => {
    const six = ['asg-a', 'asg-b', 'asg-c', 'asg-d', 'asg-e', 'asg-f'].map((name, i) => ({
      capacityProvider: name,
      weight: i === 0 ? 1000 : 0,
      ...(i === 1 ? { base: 100_000 } : {}),
    }));
    const result = checkCapacityProviderStrategy(six, KNOWN);
    expect(result.ok).toBe(true);
  });

  it('an empty list is valid and means "use the cluster default"', () => {
    expect(checkCapacityProviderStrategy([], KNOWN)).toEqual({ ok: true, value: [] });
  });
});

describe('checkCapacityProviderStrategy: every refusal', () => {
  it('Fargate and ASG providers mixed → AWS wording', () => {
    expect(refusal([{ capacityProvider: 'FARGATE', weight: 1 }, { capacityProvider: 'asg-a', weight: 1 }])).toBe(
      STRATEGY_MESSAGES.mixedKinds(),
    );
    expect(STRATEGY_MESSAGES.mixedKinds()).toMatch(/^A capacity provider strategy cannot contain a mix/);
  });

  it('a provider not associated with the cluster → AWS wording', () => {
    expect(refusal([{ capacityProvider: 'nope', weight: 1 }])).toBe(STRATEGY_MESSAGES.notAssociated());
    expect(STRATEGY_MESSAGES.notAssociated()).toMatch(/not associated with the cluster/);
  });

  it('all weights 0 → refused, with the default-strategy wording when it is the cluster default', () => {
    const strategy = [{ capacityProvider: 'FARGATE', base: 1 }, { capacityProvider: 'FARGATE_SPOT' }];
    expect(refusal(strategy)).toBe(STRATEGY_MESSAGES.allZeroWeights());
    expect(refusal(strategy, { isClusterDefault: true })).toMatch(/^There are no capacity providers with a weight value greater than zero defined in the default/);
  });

  it('a single provider with weight 0 is accepted (the docs refuse all-zero weights only for several providers)', () => {
    expect(checkCapacityProviderStrategy([{ capacityProvider: 'FARGATE' }], KNOWN)).toEqual({
      ok: true,
      value: [{ capacityProvider: 'FARGATE', weight: 0, base: 0 }],
    });
  });

  it('more than 6 items → says how many and how many to remove', () => {
    const seven = ['asg-a', 'asg-b', 'asg-c', 'asg-d', 'asg-e', 'asg-f', 'asg-g'].map((name) => ({ capacityProvider: name, weight: 1 }));
    const message = refusal(seven);
    expect(message).toContain('maximum of 6');
    expect(message).toContain('7 were specified');
    expect(message).toContain('Remove 1');
  });

  it('more than one base → names the providers', () => {
    const message = refusal([
      { capacityProvider: 'FARGATE', base: 1, weight: 1 },
      { capacityProvider: 'FARGATE_SPOT', base: 2, weight: 1 },
    ]);
    expect(message).toContain('Only one capacity provider');
    expect(message).toContain('FARGATE, FARGATE_SPOT');
  });

  it('base 0 given explicitly on several items is not "more than one base"', () => {
    const result = checkCapacityProviderStrategy(
      [
        { capacityProvider: 'FARGATE', base: 0, weight: 1 },
        { capacityProvider: 'FARGATE_SPOT', base: 0, weight: 1 },
      ],
      KNOWN,
    );
    expect(result.ok).toBe(true);
  });

  it('a duplicate provider → names it and the count', () => {
    const message = refusal([
      { capacityProvider: 'FARGATE', weight: 1 },
      { capacityProvider: 'FARGATE', weight: 2 },
    ]);
    expect(message).toContain('"FARGATE" 2 times');
  });

  it.each([
    [{ capacityProvider: 'FARGATE', weight: 1001 }, 'weight', '1001'],
    [{ capacityProvider: 'FARGATE', weight: -1 }, 'weight', '-1'],
    [{ capacityProvider: 'FARGATE', weight: 1.5 }, 'weight', '1.5'],
    [{ capacityProvider: 'FARGATE', weight: '1' }, 'weight', '"1"'],
    [{ capacityProvider: 'FARGATE', weight: 1, base: 100_001 }, 'base', '100001'],
    [{ capacityProvider: 'FARGATE', weight: 1, base: -2 }, 'base', '-2'],
    [{ capacityProvider: 'FARGATE', weight: 1, base: true }, 'base', 'true'],
  ])('%j → out-of-range %s, quoting the value', (item, field, shown) => {
    const message = refusal([item]);
    expect(message).toContain(`capacityProviderStrategy[0].${field}`);
    expect(message).toContain(shown);
  });

  it.each([
    ['not a list', { capacityProvider: 'FARGATE' }, 'must be a list'],
    ['a string', 'FARGATE', 'must be a list'],
    ['null', null, 'must be a list'],
    ['an item that is not an object', ['FARGATE'], 'must be an object'],
    ['an item without capacityProvider', [{ weight: 1 }], 'capacityProvider is required'],
    ['an empty capacityProvider', [{ capacityProvider: ' ', weight: 1 }], 'capacityProvider is required'],
    ['an unknown field', [{ capacityProvider: 'FARGATE', weight: 1, priority: 2 }], 'unknown field "priority"'],
  ])('%s → refused with a message', (_label, raw, fragment) => {
    expect(refusal(raw)).toContain(fragment);
  });

  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.anything(), (raw) => {
        const result = checkCapacityProviderStrategy(raw, KNOWN);
        expect(typeof result.ok).toBe('boolean');
      }),
    );
  });
});

const item = (capacityProvider: string, weight: number, base = 0): StrategyItem => ({ capacityProvider, weight, base });

describe('distributeTasks', () => {
  it("reproduces AWS's example: FARGATE base 2 weight 1 + FARGATE_SPOT weight 3, 10 tasks → 4 / 6", () => {
    expect(distributeTasks([item('FARGATE', 1, 2), item('FARGATE_SPOT', 3)], 10)).toEqual({ FARGATE: 4, FARGATE_SPOT: 6 });
  });

  it('the order of the items does not change the example', () => {
    expect(distributeTasks([item('FARGATE_SPOT', 3), item('FARGATE', 1, 2)], 10)).toEqual({ FARGATE: 4, FARGATE_SPOT: 6 });
  });

  it('weights 1:4 → one task on A for every four on B', () => {
    expect(distributeTasks([item('A', 1), item('B', 4)], 10)).toEqual({ A: 2, B: 8 });
  });

  it.each([
    // [tasks, FARGATE, FARGATE_SPOT] for base 2 weight 1 + weight 3: base first, then D'Hondt.
    [0, 0, 0],
    [1, 1, 0],
    [2, 2, 0],
    [3, 2, 1],
    [4, 2, 2],
    [5, 3, 2], // 3 beyond base: tie at (0+1)/1 vs (2+1)/3 → the one listed first (FARGATE)
    [6, 3, 3],
    [11, 4, 7],
  ])('base 2 weight 1 + weight 3, %i tasks → %i / %i', (count, fargate, spot) => {
    expect(distributeTasks([item('FARGATE', 1, 2), item('FARGATE_SPOT', 3)], count)).toEqual({ FARGATE: fargate, FARGATE_SPOT: spot });
  });

  it('equal weights alternate, ties to the provider listed first', () => {
    expect(distributeTasks([item('A', 1), item('B', 1)], 3)).toEqual({ A: 2, B: 1 });
    expect(distributeTasks([item('B', 1), item('A', 1)], 3)).toEqual({ B: 2, A: 1 });
  });

  it('weight 0 items get no weighted share; a base on a weight-0 item is still honoured', () => {
    expect(distributeTasks([item('A', 0), item('B', 1)], 5)).toEqual({ A: 0, B: 5 });
    expect(distributeTasks([item('A', 0, 2), item('B', 1)], 5)).toEqual({ A: 2, B: 3 });
  });

  it('a service scaling out counts the tasks already placed (the base is not filled twice)', () => {
    const strategy = [item('FARGATE', 1, 2), item('FARGATE_SPOT', 3)];
    // 10 running as 4/6; 4 more → totals 5/9 (3:9 beyond the base = 1:3).
    expect(distributeTasks(strategy, 4, { FARGATE: 4, FARGATE_SPOT: 6 })).toEqual({ FARGATE: 1, FARGATE_SPOT: 3 });
    // Base only partly filled: the missing base task comes first.
    expect(distributeTasks(strategy, 1, { FARGATE: 1, FARGATE_SPOT: 0 })).toEqual({ FARGATE: 1, FARGATE_SPOT: 0 });
  });

  it('replacements go where the share is short (e.g. after Spot tasks were interrupted)', () => {
    const strategy = [item('FARGATE', 1, 2), item('FARGATE_SPOT', 3)];
    expect(distributeTasks(strategy, 3, { FARGATE: 4, FARGATE_SPOT: 3 })).toEqual({ FARGATE: 0, FARGATE_SPOT: 3 });
  });

  it('ignores already-placed counts of providers outside the strategy and bad counts', () => {
    expect(distributeTasks([item('A', 1)], 2, { Z: 9 })).toEqual({ A: 2 });
    expect(distributeTasks([item('A', 1)], -3)).toEqual({ A: 0 });
    expect(distributeTasks([item('A', 1)], Number.NaN)).toEqual({ A: 0 });
    expect(distributeTasks([item('A', 1)], 2.9)).toEqual({ A: 2 });
    expect(distributeTasks([item('A', 1), item('B', 1)], 2, { A: -5, B: Number.POSITIVE_INFINITY })).toEqual({ A: 1, B: 1 });
  });

  it('a lone provider gets every task whatever its weight; several without weight place only the base', () => {
    expect(distributeTasks([item('A', 0)], 5)).toEqual({ A: 5 });
    expect(distributeTasks([item('A', 0, 2)], 5)).toEqual({ A: 5 });
    expect(distributeTasks([item('A', 0, 2), item('B', 0)], 5)).toEqual({ A: 2, B: 0 });
    expect(distributeTasks([], 5)).toEqual({});
  });

  it('property: the counts sum to the count, and beyond the base no weighted share falls below the whole part of its exact share', () => {
    const arbStrategy = fc
      .uniqueArray(fc.record({ name: fc.constantFrom('A', 'B', 'C', 'D', 'E', 'F'), weight: fc.integer({ min: 0, max: 20 }) }), {
        minLength: 1,
        maxLength: 6,
        selector: (entry) => entry.name,
      })
      .filter((entries) => entries.some((entry) => entry.weight > 0));
    fc.assert(
      fc.property(arbStrategy, fc.integer({ min: 0, max: 10 }), fc.nat({ max: 300 }), (entries, base, count) => {
        const strategy = entries.map((entry, index) => item(entry.name, entry.weight, index === 0 ? base : 0));
        const result = distributeTasks(strategy, count);
        const sum = Object.values(result).reduce((a, b) => a + b, 0);
        expect(sum).toBe(count);
        const baseTasks = Math.min(count, base);
        expect(result[strategy[0]!.capacityProvider]).toBeGreaterThanOrEqual(baseTasks);
        const rest = count - baseTasks;
        const totalWeight = strategy.reduce((a, s) => a + s.weight, 0);
        for (const s of strategy) {
          const beyond = result[s.capacityProvider]! - (s === strategy[0] ? baseTasks : 0);
          const exact = (rest * s.weight) / totalWeight;
          // D'Hondt meets the lower quota: never fewer than the whole part of the exact share.
          expect(beyond).toBeGreaterThanOrEqual(Math.floor(exact + 1e-9));
          if (s.weight === 0) expect(beyond).toBe(0);
        }
      }),
    );
  });
});

describe('checkCapacityProviderStrategy: null means omitted', () => {
  it('weight null / base null → defaults 0', () => {
    expect(checkCapacityProviderStrategy([{ capacityProvider: 'FARGATE', weight: 1, base: null }], KNOWN)).toEqual({
      ok: true,
      value: [{ capacityProvider: 'FARGATE', weight: 1, base: 0 }],
    });
  });
});
