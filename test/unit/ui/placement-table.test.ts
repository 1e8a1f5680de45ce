// Proves the explainer table's view model: columns grouped Filters → Constraints → Strategies in
// pipeline order, rows sorted chosen → eligible by rank → refused (closest first), the row filter,
// the "+N more" note, and a readable sentence for every cell — on realistic fixture explanations.
import { describe, expect, it } from 'vitest';
import { breakableParts, cellSentence, compareRows, placementTable, resultText, tableColumns } from '../../../src/lib/view-model/placement-table.ts';
import type { ExplainRule } from '../../../workers/protocol.ts';
import { failedExplanation, placedExplanation, RULES } from './placement-fixtures.ts';

describe('tableColumns', () => {
  it('groups rules by kind, keeping pipeline order and each rule index', () => {
    const { groups, columns } = tableColumns(RULES);
    expect(groups.map((g) => [g.label, g.span])).toEqual([
      ['Filters', 6],
      ['Constraints', 2],
      ['Strategies', 2],
    ]);
    expect(columns.map((c) => c.title)).toEqual(['CPU', 'Memory', 'Host ports', 'ENIs', 'Status', 'Attributes', 'memberOf', 'distinctInstance', 'spread(attribute:ecs.availability-zone)', 'binpack(memory)']);
    expect(columns[6]).toMatchObject({ ruleIndex: 6, tooltip: 'memberOf: attribute:ecs.instance-type =~ m5.*' });
  });

  it('regroups rules given out of kind order, and leaves out empty groups', () => {
    const rules: ExplainRule[] = [
      { id: 'strategy-0', kind: 'strategy', title: 'random', detail: '' },
      { id: 'cpu', kind: 'filter', title: 'CPU', detail: 'needs 256 units' },
    ];
    const { groups, columns } = tableColumns(rules);
    expect(groups.map((g) => g.kind)).toEqual(['filter', 'strategy']);
    expect(columns.map((c) => [c.title, c.ruleIndex, c.tooltip])).toEqual([
      ['CPU', 1, 'CPU: needs 256 units'],
      ['random', 0, 'random'],
    ]);
  });
});

describe('placementTable on a placed task', () => {
  const table = placementTable(placedExplanation());

  it('puts the chosen row first, then eligible by rank, then refused with the fewest failures first', () => {
    // i-0b chosen (rank 1); i-0c rank 2; refused: i-0a, i-0d, i-0e fail one rule each (by id), i-0f fails two.
    expect(table.rows.map((r) => r.ec2InstanceId)).toEqual(['i-0b', 'i-0c', 'i-0a', 'i-0d', 'i-0e', 'i-0f']);
    expect(table.rows.map((r) => r.resultText)).toEqual([
      'Chosen, rank 1',
      'Rank 2',
      'Refused: distinctInstance',
      'Refused: memberOf',
      'Refused: memberOf',
      'Refused: CPU, memberOf',
    ]);
    expect(table.counts).toEqual({ all: 6, eligible: 2, refused: 4 });
    expect(table.hiddenNote).toBeNull();
  });

  it('gives every cell its verdict, a mark that is not colour, and its numbers', () => {
    const chosen = table.rows[0]!;
    expect(chosen.cells.map((c) => c.mark)).toEqual(['✓', '✓', '✓', '–', '✓', '✓', '✓', '✓', '', '']);
    expect(chosen.cells[1]).toMatchObject({ verdict: 'pass', text: '7168 of 7680 MiB free' });
    expect(chosen.cells[9]).toMatchObject({ verdict: 'score', text: '6656 MiB free' });
  });

  it('filters to only eligible or only refused rows', () => {
    expect(placementTable(placedExplanation(), 'eligible').rows.map((r) => r.ec2InstanceId)).toEqual(['i-0b', 'i-0c']);
    expect(placementTable(placedExplanation(), 'refused').rows.map((r) => r.ec2InstanceId)).toEqual(['i-0a', 'i-0d', 'i-0e', 'i-0f']);
    expect(placementTable(placedExplanation(), 'refused').counts.all).toBe(6);
  });
});

describe('placementTable on a failure', () => {
  it('says how many instances the engine left out, and why a filtered table is empty', () => {
    const table = placementTable(failedExplanation());
    // 6 instances, 4 rows asked for → 2 not shown.
    expect(table.hiddenNote).toBe('+2 more instances not shown');
    expect(table.rows.every((r) => !r.eligible && !r.chosen)).toBe(true);
    // All refused by memory only, so ties break by instance id.
    expect(table.rows.map((r) => r.ec2InstanceId)).toEqual(['i-0a', 'i-0b', 'i-0c', 'i-0d']);
    expect(placementTable(failedExplanation(), 'eligible')).toMatchObject({ rows: [], emptyNote: 'No instance passed every filter and constraint.' });
    expect(table.emptyNote).toBeNull();
  });

  it('says "1 more instance" in the singular', () => {
    const e = failedExplanation();
    e.instanceCount = 5;
    expect(placementTable(e).hiddenNote).toBe('+1 more instance not shown');
  });

  it('copes with a row whose cells are short (a missing cell reads as skipped)', () => {
    const e = failedExplanation();
    e.rows[0]!.cells = e.rows[0]!.cells.slice(0, 2);
    const row = placementTable(e).rows.find((r) => r.ec2InstanceId === 'i-0d')!;
    expect(row.cells.map((c) => c.verdict)).toEqual(['pass', 'fail', 'skipped', 'skipped', 'skipped']);
    expect(row.cells[2]!.sentence).toBe('i-0d (t3.medium, us-east-1a): no verdict recorded for Host ports.');
  });
});

describe('cell sentences', () => {
  const e = placedExplanation();
  const byId = (id: string) => e.rows.find((r) => r.ec2InstanceId === id)!;

  it.each([
    // [instance, rule index, sentence]
    ['i-0b', 1, 'i-0b (m5.large, us-east-1b) passes Memory: 7168 of 7680 MiB free. The task asks: needs 512 MiB.'],
    ['i-0f', 0, 'i-0f (t3.medium, us-east-1c) fails CPU: 0 of 2048 units free. The task asks: needs 256 units. One failed rule is enough to refuse the instance.'],
    ['i-0b', 3, 'ENIs was not checked on i-0b (m5.large, us-east-1b): bridge mode.'],
    ['i-0c', 9, 'binpack(memory) scores i-0c (m5.large, us-east-1c): 7168 MiB free. It ranks 2nd after all strategies.'],
    ['i-0a', 8, 'spread(attribute:ecs.availability-zone) scores i-0a (m5.large, us-east-1a): 1 task in us-east-1a. (The instance was refused, so its score does not count.)'],
  ] as const)('%s × rule %i', (id, ruleIndex, sentence) => {
    const row = byId(id);
    expect(cellSentence(row, e.rules[ruleIndex]!, row.cells[ruleIndex])).toBe(sentence);
  });

  it('orders ranks in English', () => {
    const row = { ...byId('i-0c'), rank: 11 };
    expect(cellSentence(row, e.rules[9]!, row.cells[9])).toContain('ranks 11th');
    expect(cellSentence({ ...row, rank: 23 }, e.rules[9]!, row.cells[9])).toContain('ranks 23rd');
  });
});

describe('ties', () => {
  it('says when strategies could not tell instances apart (random gives every eligible instance rank 1)', () => {
    const e = placedExplanation();
    for (const row of e.rows) if (row.eligible) row.rank = 1; // i-0b (chosen) and i-0c tie
    const table = placementTable(e);
    expect(table.rows.slice(0, 2).map((r) => [r.ec2InstanceId, r.rankText, r.resultText])).toEqual([
      ['i-0b', 'rank 1 of 2 tied', 'Chosen, rank 1 of 2 tied'],
      ['i-0c', 'rank 1 of 2 tied', 'Rank 1 of 2 tied'],
    ]);
    expect(table.rows[2]!.rankText).toBe('');
    expect(table.rows[1]!.cells[9]!.sentence).toBe('binpack(memory) scores i-0c (m5.large, us-east-1c): 7168 MiB free. It ranks 1st after all strategies, tied with 1 other.');
  });
});

describe('resultText and compareRows', () => {
  it('names the outcome of a row', () => {
    const row = placedExplanation().rows[0]!;
    expect(resultText({ ...row, eligible: true, chosen: true, rank: undefined }, [])).toBe('Chosen');
    expect(resultText({ ...row, eligible: true, chosen: false, rank: undefined }, [])).toBe('Eligible');
    expect(resultText({ ...row, eligible: false, chosen: false }, [])).toBe('Refused');
  });

  it('puts ranked eligible rows before unranked ones', () => {
    const base = placementTable(placedExplanation()).rows[1]!;
    const ranked = { ...base, ec2InstanceId: 'i-z', rank: 3 };
    const unranked = { ...base, ec2InstanceId: 'i-a', rank: undefined };
    expect([unranked, ranked].sort(compareRows).map((r) => r.ec2InstanceId)).toEqual(['i-z', 'i-a']);
  });
});

describe('breakableParts', () => {
  it.each([
    ['spread(attribute:ecs.availability-zone)', ['spread(', 'attribute:', 'ecs.availability-zone)']],
    ['binpack(memory)', ['binpack(', 'memory)']],
    ['CPU', ['CPU']],
    ['', []],
  ])('%s', (title, parts) => {
    expect(breakableParts(title)).toEqual(parts);
  });
});

describe('columnTallies', () => {
  it('counts, per binding rule, the instances it refused over all rows, whatever the filter', () => {
    // i-0f fails CPU; i-0d, i-0e, i-0f fail memberOf; i-0a fails distinctInstance; ENIs skipped everywhere.
    const table = placementTable(placedExplanation(), 'eligible');
    expect(table.tallies.map((t) => t.text)).toEqual(['1 refused', 'none refused', 'none refused', 'not checked', 'none refused', 'none refused', '3 refused', '1 refused', '', '']);
    expect(table.tallies[6]).toEqual({ id: 'constraint-0', text: '3 refused', refused: 3 });
  });
});
