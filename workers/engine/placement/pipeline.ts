/**
 * The placement pipeline (ecs-reference §1, ECSDG:task-placement): for each task of a request,
 *   1. filters    — status, CPU, memory, host ports, ENIs, attributes (filters/),
 *   2. constraints — distinctInstance, memberOf (constraints/),
 *   3. strategies — binpack, spread, random, chained in the order given (strategies/),
 *   4. choice     — the instance the chain ends on; ties left after the last strategy go to the
 *                   earliest-registered instance (AWS documents no order; this keeps runs stable).
 * Each task sees the placements before it (the ledger is committed after each choice).
 *
 * The hot path does only integer comparisons on the ledger's typed arrays: instances are checked
 * once per request, then only the chosen instance is checked again after each placement (no other
 * instance's verdict can change: its resources, ports, group tasks and query subjects are
 * untouched), and the strategies scan the eligible instances. So one placement costs O(eligible),
 * linear in the cluster's size, with no allocation; verdict texts are made only when explained.
 */
import { attributesFilter, needsAttributeFilter } from './filters/attributes.ts';
import { cpuFilter } from './filters/cpu.ts';
import { eniFilter } from './filters/eni.ts';
import { memoryFilter } from './filters/memory.ts';
import { portsFilter } from './filters/ports.ts';
import { statusFilter } from './filters/status.ts';
import { distinctInstanceConstraint } from './constraints/distinct-instance.ts';
import { memberOfConstraint } from './constraints/member-of.ts';
import { commitPlacement, type Ledger, type PortFit } from './ledger.ts';
import type { PlacementRequest } from './request.ts';
import type { BindingRule } from './rule.ts';
import { scorerFor, type Scorer } from './strategies/strategy.ts';

/** The filters and constraints that apply to a request, in pipeline order. */
export function bindingRules(request: PlacementRequest): BindingRule[] {
  const rules: BindingRule[] = [statusFilter, cpuFilter(request.cpuUnits), memoryFilter(request.memoryMiB)];
  if (request.ports.length > 0) rules.push(portsFilter(request));
  if (request.needsEni) rules.push(eniFilter);
  if (needsAttributeFilter(request)) rules.push(attributesFilter(request));
  request.constraints.forEach((constraint, index) => {
    rules.push(constraint.type === 'distinctInstance' ? distinctInstanceConstraint(index, request.group) : memberOfConstraint(index, constraint.query));
  });
  return rules;
}

export function scorers(ledger: Ledger): Scorer[] {
  return ledger.request.strategies.map((strategy, index) => scorerFor(ledger, strategy, index));
}

export function eligible(ledger: Ledger, rules: readonly BindingRule[], i: number): boolean {
  for (const rule of rules) if (!rule.passes(ledger, i)) return false;
  return true;
}

/** Draws an index in [0, n). */
export type Draw = (n: number) => number;

export interface PlannedTask {
  instanceIndex: number;
  fit: PortFit;
}

export interface Plan {
  placed: PlannedTask[];
  /** Tasks of the request that could not be placed (the first unplaceable one stops the request: the rest would meet the same verdicts). */
  unplaced: number;
}

/**
 * Place `count` tasks on the ledger (mutating it). `assignPorts` false replays without choosing
 * dynamic ports (for the explainer).
 */
export function planPlacements(ledger: Ledger, count: number, draw: Draw, assignPorts = true): Plan {
  const rules = bindingRules(ledger.request);
  const chain = scorers(ledger);
  const pool = new CandidatePool(ledger, rules, chain);
  const placed: PlannedTask[] = [];
  for (let k = 0; k < count; k++) {
    if (pool.size === 0) return { placed, unplaced: count - k };
    const chosen = pool.choose(draw);
    placed.push({ instanceIndex: chosen, fit: commitPlacement(ledger, chosen, assignPorts) });
    if (!eligible(ledger, rules, chosen)) pool.remove(chosen);
  }
  return { placed, unplaced: 0 };
}

/**
 * The eligible instances, kept in dense lists for O(1) removal. When the first strategy spreads
 * over an attribute (the usual [spread AZ, …]), the lists are kept per value of that attribute, so
 * the first stage compares a handful of per-value counts instead of every instance, and the rest
 * of the chain scans only the instances of the winning value(s).
 */
class CandidatePool {
  size = 0;
  private readonly lists: Int32Array[];
  private readonly lengths: Int32Array;
  private readonly bucketOf: Int32Array | undefined;
  private readonly bucketCount: Int32Array | undefined;
  private readonly position: Int32Array;
  private readonly firstStageDone: boolean;
  /** The strategies still to run after the pool's own first stage. */
  private readonly chain: readonly Scorer[];
  // Work buffers for the chain (no allocation per placement).
  private readonly bufferA: Int32Array;
  private readonly bufferB: Int32Array;
  private readonly ties: Int32Array;

  constructor(ledger: Ledger, rules: readonly BindingRule[], chain: readonly Scorer[]) {
    const first = ledger.request.strategies[0];
    const buckets = first?.type === 'spread' && first.by === 'attribute' ? ledger.spread[0] : undefined;
    this.firstStageDone = buckets !== undefined;
    this.chain = this.firstStageDone ? chain.slice(1) : chain;
    this.bufferA = new Int32Array(ledger.n);
    this.bufferB = new Int32Array(ledger.n);
    this.ties = new Int32Array(ledger.n);
    this.bucketOf = buckets?.bucketOf;
    this.bucketCount = buckets?.count;
    const bucketTotal = buckets?.names.length ?? 1;
    const sizes = new Int32Array(bucketTotal);
    for (let i = 0; i < ledger.n; i++) sizes[buckets === undefined ? 0 : buckets.bucketOf[i]!]! += 1;
    this.lists = Array.from(sizes, (size) => new Int32Array(size));
    this.lengths = new Int32Array(bucketTotal);
    this.position = new Int32Array(ledger.n).fill(-1);
    for (let i = 0; i < ledger.n; i++) {
      if (!eligible(ledger, rules, i)) continue;
      const b = this.bucketOf === undefined ? 0 : this.bucketOf[i]!;
      this.position[i] = this.lengths[b]!;
      this.lists[b]![this.lengths[b]!++] = i;
      this.size += 1;
    }
  }

  remove(i: number): void {
    const b = this.bucketOf === undefined ? 0 : this.bucketOf[i]!;
    const list = this.lists[b]!;
    const at = this.position[i]!;
    const last = list[--this.lengths[b]!]!;
    list[at] = last;
    this.position[last] = at;
    this.position[i] = -1;
    this.size -= 1;
  }

  choose(draw: Draw): number {
    if (!this.firstStageDone) return choose(this.lists[0]!, this.lengths[0]!, this.chain, draw, this.bufferA, this.bufferB);
    // Stage 1, spread over an attribute: the values with the fewest tasks of the group.
    const counts = this.bucketCount!;
    let best = Infinity;
    let winners = 0;
    let winner = 0;
    for (let b = 0; b < this.lists.length; b++) {
      if (this.lengths[b] === 0) continue;
      const c = counts[b]!;
      if (c < best) {
        best = c;
        winners = 0;
      }
      if (c === best) {
        winners += 1;
        winner = b;
      }
    }
    if (winners === 1) return choose(this.lists[winner]!, this.lengths[winner]!, this.chain, draw, this.bufferA, this.bufferB);
    let m = 0;
    for (let b = 0; b < this.lists.length; b++) {
      if (this.lengths[b] === 0 || counts[b] !== best) continue;
      const list = this.lists[b]!;
      for (let k = 0; k < this.lengths[b]!; k++) this.ties[m++] = list[k]!;
    }
    return choose(this.ties, m, this.chain, draw, this.bufferA, this.bufferB);
  }
}

/** Run the strategy chain over the candidates; returns the chosen instance index. */
export function choose(candidates: Int32Array, m: number, chain: readonly Scorer[], draw: Draw, bufferA: Int32Array, bufferB: Int32Array): number {
  let ties = candidates;
  let count = m;
  let out = bufferA;
  for (const scorer of chain) {
    if (count === 1) break;
    if (scorer.isRandom) return ties[Math.min(count - 1, Math.max(0, draw(count)))]!;
    const score = scorer.score;
    let best = Infinity;
    let kept = 0;
    for (let k = 0; k < count; k++) {
      const i = ties[k]!;
      const s = score(i);
      if (s < best) {
        best = s;
        kept = 0;
      }
      if (s === best) out[kept++] = i;
    }
    ties = out;
    count = kept;
    out = out === bufferA ? bufferB : bufferA;
  }
  let first = ties[0]!;
  for (let k = 1; k < count; k++) if (ties[k]! < first) first = ties[k]!;
  return first;
}
