/**
 * The placement explainer: for one decision, every instance's verdict under every filter and
 * constraint, with its numbers, each eligible instance's strategy scores and rank, the one-sentence
 * summary, and — when the task could not be placed — the smallest changes that would let it place
 * (suggestions.ts). Computed on demand from a decision record (or the current state, for a what-if),
 * so the placement hot path pays nothing for it. Texts are made only for the rows returned.
 */
import type { ExplainCell, ExplainRow, ExplainRule, PlacementExplanation } from '../../protocol.ts';
import { commitPlacement, cloneLedger, type Ledger } from './ledger.ts';
import type { DecisionRecord } from './decisions.ts';
import { bindingRules, scorers } from './pipeline.ts';
import type { BindingRule } from './rule.ts';
import type { Scorer } from './strategies/strategy.ts';
import { suggestPlacementChanges } from './suggestions.ts';
import { failureSummary } from './summary.ts';

/** As many rows as the UI's table shows; the summary and the counts still cover every instance. */
export const DEFAULT_MAX_ROWS = 50;

interface Meta {
  placementId?: string;
  time: number;
  index: number;
  count: number;
  /** The instance chosen (a past decision), or undefined to work it out (a what-if). */
  chosen?: number;
  whatIf: boolean;
}

/** Explain task `index` of a recorded decision, replaying the choices made before it. */
export function explainDecision(record: DecisionRecord, index: number, maxRows = DEFAULT_MAX_ROWS): PlacementExplanation {
  const ledger = cloneLedger(record.ledger);
  const upTo = Math.min(index, record.choices.length);
  for (let k = 0; k < upTo; k++) commitPlacement(ledger, record.choices[k]!, false);
  return buildExplanation(ledger, {
    placementId: record.placementId,
    time: record.time,
    index,
    count: record.count,
    ...(index < record.choices.length ? { chosen: record.choices[index]! } : {}),
    whatIf: false,
  }, maxRows);
}

/** What placing one task would do now, without placing it. */
export function explainWhatIf(ledger: Ledger, time: number, count: number, maxRows = DEFAULT_MAX_ROWS): PlacementExplanation {
  return buildExplanation(ledger, { time, index: 0, count, whatIf: true }, maxRows);
}

/** The chain's narrowing, stage by stage, as the pipeline runs it (pipeline.ts choose). */
interface Stage {
  scorer: Scorer;
  best: number;
  kept: number[];
}

function buildExplanation(ledger: Ledger, meta: Meta, maxRows: number): PlacementExplanation {
  const request = ledger.request;
  const rules = bindingRules(request);
  const chain = scorers(ledger);
  // firstRefusal[i]: index + 1 of the first rule refusing instance i (0 = eligible), computed once.
  // Rule by rule, so each inner loop calls one rule (a call V8 can inline).
  const firstRefusal = new Int32Array(ledger.n);
  for (let r = 0; r < rules.length; r++) {
    const passes = rules[r]!.passes;
    for (let i = 0; i < ledger.n; i++) if (firstRefusal[i] === 0 && !passes(ledger, i)) firstRefusal[i] = r + 1;
  }
  const eligibleList: number[] = [];
  for (let i = 0; i < ledger.n; i++) if (firstRefusal[i] === 0) eligibleList.push(i);
  const stages = narrow(eligibleList, chain);
  const lastKept = stages.length > 0 ? stages[stages.length - 1]!.kept : eligibleList;
  const randomPending = meta.whatIf && lastKept.length > 1 && chain.some((s) => s.isRandom);
  const chosen = meta.chosen ?? (eligibleList.length === 0 || randomPending ? undefined : Math.min(...lastKept));
  const ranking = rankEligible(ledger.n, eligibleList, chain, maxRows);
  // The chosen instance always has the best key (random only breaks ties among the best), even
  // when more than maxRows instances share it and it was not among the ones ranked for display.
  if (chosen !== undefined && firstRefusal[chosen] === 0 && ranking.rank[chosen] === 0) ranking.rank[chosen] = 1;
  const outcome = eligibleList.length > 0 ? 'placed' : 'unplaced';
  const instance = chosen === undefined ? undefined : ledger.instances[chosen]!;
  return {
    ...(meta.placementId === undefined ? {} : { placementId: meta.placementId }),
    time: meta.time,
    clusterName: request.clusterName,
    taskDefinitionArn: request.taskDefinitionArn,
    label: request.label,
    group: request.group,
    index: meta.index,
    count: meta.count,
    strategies: request.strategies.map((s) => s.source),
    constraints: request.constraints.map((c) => c.source),
    outcome,
    ...(instance === undefined ? {} : { chosen: { containerInstanceArn: instance.containerInstanceArn, ec2InstanceId: instance.ec2InstanceId } }),
    summary: outcome === 'unplaced' ? `${failureSummary(ledger, rules)}.` : placedSummary(ledger, meta, chosen, eligibleList.length, stages, randomPending),
    rules: columns(rules, chain),
    rows: pickRows(ledger, rules, firstRefusal, ranking, chosen, maxRows).map((i) => row(ledger, rules, chain, i, firstRefusal[i] === 0, ranking.rank[i] || undefined, i === chosen)),
    instanceCount: ledger.n,
    eligibleCount: eligibleList.length,
    suggestions: outcome === 'unplaced' ? suggestPlacementChanges(ledger, rules) : [],
  };
}

function narrow(eligibleList: readonly number[], chain: readonly Scorer[]): Stage[] {
  const stages: Stage[] = [];
  let ties: number[] = [...eligibleList];
  for (const scorer of chain) {
    if (ties.length <= 1) break;
    if (scorer.isRandom) {
      stages.push({ scorer, best: 0, kept: [...ties] });
      break;
    }
    let best = Infinity;
    for (const i of ties) best = Math.min(best, scorer.score(i));
    ties = ties.filter((i) => scorer.score(i) === best);
    stages.push({ scorer, best, kept: ties });
  }
  return stages;
}

/** The shown eligible instances best first, and their ranks (1 = best, dense; 0 = not ranked). */
interface Ranking {
  rank: Int32Array;
  order: number[];
}

/**
 * The best `limit` eligible instances in rank order (dense ranks by the strategy scores in chain
 * order, random scores all equal, ties by registration order) and their ranks. Only the rows the
 * answer shows are ranked: a bounded heap keeps the best `limit`, so the cost is O(m log limit)
 * rather than a sort of every instance, and every key better than a kept one is itself kept, so
 * the dense ranks among them are exact.
 */
function rankEligible(n: number, eligibleList: readonly number[], chain: readonly Scorer[], limit: number): Ranking {
  const ranked = chain.filter((s) => !s.isRandom);
  const first = ranked[0]?.score;
  const second = ranked[1]?.score;
  const rest = ranked.slice(2).map((s) => s.score);
  const compare = (a: number, b: number): number => {
    if (first !== undefined) {
      const d = first(a) - first(b);
      if (d !== 0) return d;
    }
    if (second !== undefined) {
      const d = second(a) - second(b);
      if (d !== 0) return d;
    }
    for (const score of rest) {
      const d = score(a) - score(b);
      if (d !== 0) return d;
    }
    return 0;
  };
  const byRankThenIndex = (a: number, b: number): number => compare(a, b) || a - b;
  // A max-heap (worst at the root) of the best `limit` seen so far.
  const heap: number[] = [];
  const worse = (a: number, b: number) => byRankThenIndex(a, b) > 0;
  for (const i of eligibleList) {
    if (heap.length < limit) {
      heap.push(i);
      siftUp(heap, heap.length - 1, worse);
    } else if (limit > 0 && worse(heap[0]!, i)) {
      heap[0] = i;
      siftDown(heap, 0, worse);
    }
  }
  const order = heap.sort(byRankThenIndex);
  const rank = new Int32Array(n);
  let current = 0;
  for (let k = 0; k < order.length; k++) {
    if (k === 0 || compare(order[k - 1]!, order[k]!) !== 0) current += 1;
    rank[order[k]!] = current;
  }
  return { rank, order };
}

function siftUp(heap: number[], at: number, worse: (a: number, b: number) => boolean): void {
  while (at > 0) {
    const parent = (at - 1) >> 1;
    if (!worse(heap[at]!, heap[parent]!)) return;
    [heap[at], heap[parent]] = [heap[parent]!, heap[at]!];
    at = parent;
  }
}

function siftDown(heap: number[], at: number, worse: (a: number, b: number) => boolean): void {
  for (;;) {
    const left = 2 * at + 1;
    const right = left + 1;
    let top = at;
    if (left < heap.length && worse(heap[left]!, heap[top]!)) top = left;
    if (right < heap.length && worse(heap[right]!, heap[top]!)) top = right;
    if (top === at) return;
    [heap[at], heap[top]] = [heap[top]!, heap[at]!];
    at = top;
  }
}

function columns(rules: readonly BindingRule[], chain: readonly Scorer[]): ExplainRule[] {
  return [
    ...rules.map((rule) => ({ id: rule.id, kind: rule.kind, title: rule.title, detail: rule.detail })),
    ...chain.map((scorer) => ({ id: scorer.id, kind: 'strategy' as const, title: scorer.title, detail: scorer.detail })),
  ];
}

/** The chosen row, then eligible rows by rank, then refused ones taking turns by first refusing rule. */
function pickRows(
  ledger: Ledger,
  rules: readonly BindingRule[],
  firstRefusal: Int32Array,
  ranking: Ranking,
  chosen: number | undefined,
  maxRows: number,
): number[] {
  const rows: number[] = [];
  if (chosen !== undefined) rows.push(chosen);
  for (const i of ranking.order) {
    if (rows.length >= maxRows) return rows;
    if (i !== chosen) rows.push(i);
  }
  const queues = new Map<string, number[]>();
  for (let i = 0; i < ledger.n && queues.size < maxRows; i++) {
    const r = firstRefusal[i]!;
    if (r === 0) continue;
    const first = rules[r - 1]!;
    const key = `${first.id}:${first.failureKey(ledger, i)}`;
    const queue = queues.get(key);
    if (queue === undefined) queues.set(key, [i]);
    else if (queue.length < maxRows) queue.push(i);
  }
  const lists = [...queues.values()];
  for (let k = 0; rows.length < maxRows; k++) {
    let added = false;
    for (const list of lists) {
      if (k < list.length && rows.length < maxRows) {
        rows.push(list[k]!);
        added = true;
      }
    }
    if (!added) break;
  }
  return rows;
}

function row(ledger: Ledger, rules: readonly BindingRule[], chain: readonly Scorer[], i: number, isEligible: boolean, rank: number | undefined, chosen: boolean): ExplainRow {
  const instance = ledger.instances[i]!;
  const cells: ExplainCell[] = rules.map((rule) => rule.cell(ledger, i));
  for (const scorer of chain) cells.push(isEligible ? { verdict: 'score', text: scorer.scoreText(i) } : { verdict: 'skipped', text: 'not eligible' });
  return {
    containerInstanceArn: instance.containerInstanceArn,
    ec2InstanceId: instance.ec2InstanceId,
    instanceType: instance.instanceType.name,
    availabilityZone: instance.availabilityZone,
    cells,
    eligible: isEligible,
    ...(rank === undefined ? {} : { rank }),
    chosen,
  };
}

function placedSummary(ledger: Ledger, meta: Meta, chosen: number | undefined, eligibleCount: number, stages: readonly Stage[], randomPending: boolean): string {
  const label = ledger.request.label;
  const could = `${eligibleCount}/${ledger.n} instance${ledger.n === 1 ? '' : 's'} could run it`;
  const steps = stages.map((stage) => `${stage.scorer.title}: ${stage.scorer.keptText(stage.best, stage.kept)}`);
  if (chosen === undefined) {
    return `${label} would be placed on one of ${stages[stages.length - 1]?.kept.length ?? eligibleCount} instances, drawn at random: ${could}${steps.length > 0 ? `; ${steps.join('; ')}` : ''}.`;
  }
  const instance = ledger.instances[chosen]!;
  const where = `${instance.ec2InstanceId} (${instance.instanceType.name}, ${instance.availabilityZone})`;
  const verb = meta.whatIf ? 'would be placed' : 'was placed';
  const tie = !randomPending && stages.length > 0 && stages[stages.length - 1]!.kept.length > 1 && !stages[stages.length - 1]!.scorer.isRandom
    ? '; still tied, so the earliest-registered instance'
    : '';
  return `${label} ${verb} on ${where}: ${could}${steps.length > 0 ? `; ${steps.join('; ')}` : ''}${tie}.`;
}
