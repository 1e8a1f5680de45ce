/**
 * The placement explainer's instance × rule table as plain data: columns grouped under
 * "Filters", "Constraints" and "Strategies" (pipeline order kept inside each group), rows sorted
 * chosen → eligible by rank → refused (closest match first), and a sentence for every cell so a
 * learner hovering a cell reads what it means. Pure: the component only renders this.
 */
import type { ExplainCell, ExplainRow, ExplainRule, PlacementExplanation } from '../../../workers/protocol.ts';

export type RowFilter = 'all' | 'eligible' | 'refused';

export const GROUP_LABELS: Record<ExplainRule['kind'], string> = {
  filter: 'Filters',
  constraint: 'Constraints',
  strategy: 'Strategies',
};

/** What a learner is told each group does, shown as the group header's tooltip. */
export const GROUP_HINTS: Record<ExplainRule['kind'], string> = {
  filter: 'Hard requirements: the instance must be ACTIVE and have the CPU, memory, host ports, ENIs and attributes the task needs. An instance that fails one cannot run the task.',
  constraint: 'Placement constraints (distinctInstance, memberOf) are binding, like filters: an instance that fails one is not considered.',
  strategy: 'Placement strategies (binpack, spread, random) only rank the eligible instances, in the order given; the best-ranked instance is chosen.',
};

const KIND_ORDER: ExplainRule['kind'][] = ['filter', 'constraint', 'strategy'];

export interface ColumnGroup {
  kind: ExplainRule['kind'];
  label: string;
  hint: string;
  span: number;
}

export interface ColumnView {
  id: string;
  kind: ExplainRule['kind'];
  title: string;
  /** The header's tooltip: what the task asks of this rule. */
  tooltip: string;
  /** Index of this rule in `explanation.rules` (and so in every row's `cells`). */
  ruleIndex: number;
}

export interface CellView {
  verdict: ExplainCell['verdict'];
  /** The cell's own text, with its numbers. */
  text: string;
  /** A mark that does not rely on colour: ✓ pass, ✗ fail, – skipped, nothing for a score. */
  mark: string;
  /** One sentence for the hover: instance, rule, verdict, numbers. */
  sentence: string;
}

export interface RowView {
  key: string;
  containerInstanceArn: string;
  ec2InstanceId: string;
  instanceType: string;
  availabilityZone: string;
  eligible: boolean;
  chosen: boolean;
  rank?: number;
  /** The outcome: "Chosen, rank 1", "Rank 2", "Rank 1 of 6 tied", "Refused: Memory, Host ports". */
  resultText: string;
  /** "rank 1", "rank 1 of 6 tied", or '' for a refused row. */
  rankText: string;
  /** Titles of the rules this instance failed, in column order. */
  failedRules: string[];
  cells: CellView[];
}

/** Under each binding column: how many of the rows sent it refused ("3 refused", "none refused"). */
export interface ColumnTally {
  id: string;
  text: string;
  refused: number;
}

export interface PlacementTableView {
  groups: ColumnGroup[];
  columns: ColumnView[];
  /** One per column, aligned with `columns`; strategies have an empty text. */
  tallies: ColumnTally[];
  rows: RowView[];
  /** Rows in the explanation (before the filter), by kind. */
  counts: { all: number; eligible: number; refused: number };
  /** "+N more instances not shown" when the engine cut the rows at `maxRows`. */
  hiddenNote: string | null;
  /** What the current filter left out, for an empty table: "No refused instances to show." */
  emptyNote: string | null;
}

const MARKS: Record<ExplainCell['verdict'], string> = { pass: '✓', fail: '✗', skipped: '–', score: '' };

/** Columns grouped by kind, pipeline order kept within each kind; empty groups are left out. */
export function tableColumns(rules: readonly ExplainRule[]): { groups: ColumnGroup[]; columns: ColumnView[] } {
  const groups: ColumnGroup[] = [];
  const columns: ColumnView[] = [];
  for (const kind of KIND_ORDER) {
    const ofKind = rules.map((rule, ruleIndex) => ({ rule, ruleIndex })).filter(({ rule }) => rule.kind === kind);
    if (ofKind.length === 0) continue;
    groups.push({ kind, label: GROUP_LABELS[kind], hint: GROUP_HINTS[kind], span: ofKind.length });
    for (const { rule, ruleIndex } of ofKind) {
      columns.push({ id: rule.id, kind, title: rule.title, tooltip: rule.detail ? `${rule.title}: ${rule.detail}` : rule.title, ruleIndex });
    }
  }
  return { groups, columns };
}

/**
 * A rule title cut where a line may break ("spread(" | "attribute:" | "ecs.availability-zone)"),
 * so narrow columns wrap at the punctuation instead of mid-word.
 */
export function breakableParts(title: string): string[] {
  return title.split(/(?<=[(:,])/).filter((part) => part.length > 0);
}

export function instanceLabel(row: Pick<ExplainRow, 'ec2InstanceId' | 'instanceType' | 'availabilityZone'>): string {
  return `${row.ec2InstanceId} (${row.instanceType}, ${row.availabilityZone})`;
}

function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
}

/** The hover sentence of one cell: "i-0a1 (m5.large, us-east-1a) passes Memory: 7168 of 7680 MiB free. The task needs 512 MiB." */
export function cellSentence(row: ExplainRow, rule: ExplainRule, cell: ExplainCell | undefined, tiedWith = 1): string {
  const who = instanceLabel(row);
  const asks = rule.detail ? ` The task asks: ${rule.detail}.` : '';
  if (cell === undefined) return `${who}: no verdict recorded for ${rule.title}.`;
  const text = cell.text ? `: ${cell.text}` : '';
  switch (cell.verdict) {
    case 'pass':
      return `${who} passes ${rule.title}${text}.${asks}`;
    case 'fail':
      return `${who} fails ${rule.title}${text}.${asks}${rule.kind === 'strategy' ? '' : ' One failed rule is enough to refuse the instance.'}`;
    case 'skipped':
      return `${rule.title} was not checked on ${who}${text}.`;
    case 'score': {
      const tie = tiedWith > 1 ? `, tied with ${tiedWith - 1} other${tiedWith === 2 ? '' : 's'}` : '';
      const rank = row.rank !== undefined ? ` It ranks ${ordinal(row.rank)} after all strategies${tie}.` : row.eligible ? '' : ' (The instance was refused, so its score does not count.)';
      return `${rule.title} scores ${who}${text}.${rank}`;
    }
  }
}

/** "rank 2", or "rank 1 of 6 tied" when strategies could not tell instances apart (random, equal spread). */
export function rankText(rank: number | undefined, tiedWith = 1): string {
  if (rank === undefined) return '';
  return tiedWith > 1 ? `rank ${rank} of ${tiedWith} tied` : `rank ${rank}`;
}

/** The outcome under the instance: "Chosen, rank 1", "Rank 2", "Refused: Memory, Host ports". */
export function resultText(row: ExplainRow, failedRules: readonly string[], tiedWith = 1): string {
  const ranked = rankText(row.rank, tiedWith);
  if (row.chosen) return ranked ? `Chosen, ${ranked}` : 'Chosen';
  if (row.eligible) return ranked ? ranked.charAt(0).toUpperCase() + ranked.slice(1) : 'Eligible';
  return failedRules.length > 0 ? `Refused: ${failedRules.join(', ')}` : 'Refused';
}

function rowView(row: ExplainRow, rules: readonly ExplainRule[], columns: readonly ColumnView[], tiedWith: number): RowView {
  const cells = columns.map((column): CellView => {
    const cell = row.cells[column.ruleIndex];
    const rule = rules[column.ruleIndex]!;
    return {
      verdict: cell?.verdict ?? 'skipped',
      text: cell?.text ?? '',
      mark: MARKS[cell?.verdict ?? 'skipped'],
      sentence: cellSentence(row, rule, cell, tiedWith),
    };
  });
  const failedRules = columns.filter((c, i) => cells[i]!.verdict === 'fail' && c.kind !== 'strategy').map((c) => c.title);
  return {
    key: row.containerInstanceArn || row.ec2InstanceId,
    containerInstanceArn: row.containerInstanceArn,
    ec2InstanceId: row.ec2InstanceId,
    instanceType: row.instanceType,
    availabilityZone: row.availabilityZone,
    eligible: row.eligible,
    chosen: row.chosen,
    ...(row.rank === undefined ? {} : { rank: row.rank }),
    resultText: resultText(row, failedRules, tiedWith),
    rankText: row.eligible ? rankText(row.rank, tiedWith) : '',
    failedRules,
    cells,
  };
}

/**
 * Chosen first; then eligible rows by rank (unranked after ranked); then refused rows, those
 * failing the fewest rules first (the "closest match" AWS's own message names); instance id
 * breaks ties so the order never depends on the engine's.
 */
export function compareRows(a: RowView, b: RowView): number {
  if (a.chosen !== b.chosen) return a.chosen ? -1 : 1;
  if (a.eligible !== b.eligible) return a.eligible ? -1 : 1;
  if (a.eligible) {
    const ra = a.rank ?? Number.POSITIVE_INFINITY;
    const rb = b.rank ?? Number.POSITIVE_INFINITY;
    if (ra !== rb) return ra < rb ? -1 : 1;
  } else if (a.failedRules.length !== b.failedRules.length) {
    return a.failedRules.length - b.failedRules.length;
  }
  return a.ec2InstanceId.localeCompare(b.ec2InstanceId);
}

/**
 * The footer of the table, over all rows sent (not only the filtered ones): which rule refused
 * how many instances — at 50 rows the column that blocks placement shows at a glance.
 */
export function columnTallies(columns: readonly ColumnView[], rows: readonly RowView[]): ColumnTally[] {
  return columns.map((column, i) => {
    if (column.kind === 'strategy') return { id: column.id, text: '', refused: 0 };
    const refused = rows.filter((row) => row.cells[i]?.verdict === 'fail').length;
    const checked = rows.filter((row) => row.cells[i]?.verdict !== 'skipped').length;
    const text = refused > 0 ? `${refused} refused` : checked > 0 ? 'none refused' : 'not checked';
    return { id: column.id, text, refused };
  });
}

const EMPTY_NOTES: Record<RowFilter, string> = {
  all: 'The cluster has no container instances to consider.',
  eligible: 'No instance passed every filter and constraint.',
  refused: 'No instance was refused.',
};

export function placementTable(explanation: PlacementExplanation, filter: RowFilter = 'all'): PlacementTableView {
  const rules = explanation.rules ?? [];
  const { groups, columns } = tableColumns(rules);
  const sourceRows = explanation.rows ?? [];
  // How many eligible rows share each rank: strategies that cannot tell instances apart tie them.
  const perRank = new Map<number, number>();
  for (const row of sourceRows) if (row.eligible && row.rank !== undefined) perRank.set(row.rank, (perRank.get(row.rank) ?? 0) + 1);
  const tiedWith = (row: ExplainRow) => (row.eligible && row.rank !== undefined ? (perRank.get(row.rank) ?? 1) : 1);
  const all = sourceRows.map((row) => rowView(row, rules, columns, tiedWith(row))).sort(compareRows);
  const eligible = all.filter((r) => r.eligible).length;
  const rows = filter === 'all' ? all : all.filter((r) => (filter === 'eligible' ? r.eligible : !r.eligible));
  const hidden = Math.max(0, (explanation.instanceCount ?? all.length) - all.length);
  return {
    groups,
    columns,
    tallies: columnTallies(columns, all),
    rows,
    counts: { all: all.length, eligible, refused: all.length - eligible },
    hiddenNote: hidden > 0 ? `+${hidden} more instance${hidden === 1 ? '' : 's'} not shown` : null,
    emptyNote: rows.length === 0 ? EMPTY_NOTES[filter] : null,
  };
}
