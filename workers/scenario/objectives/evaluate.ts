/**
 * evaluate: one objective against the current snapshot (and, for the temporal kinds and
 * predictions, what an ObjectiveTracker has observed so far in virtual time). Deterministic, never
 * throws, O(size of the snapshot × size of the objective). The result says passed, expected,
 * actual, one sentence a learner understands, and — when it failed — the innermost failing part.
 */
import type { Snapshot } from '../../protocol.ts';
import { collectionNamed, type Collection } from './catalog.ts';
import {
  boundsShort, boundsText, comparisonText, COLUMNS, describeSet, fieldLabel, formatDuration, formatScalar, matchText, multisetText, noun, SAY,
} from './messages.ts';
import { readPath } from './paths.ts';
import { scorePlacement, scoreValue } from './prediction.ts';
import { compareNumbers, fieldValues, nearMisses, select } from './sets.ts';
import type { ObjectiveTracker } from './tracker.ts';
import type { Bounds, Objective, ObjectiveResult, PathStep, PredictionAnswer } from './types.ts';

export interface EvaluationContext {
  snapshot: Snapshot;
  /**
   * What happened so far in the step (holdsFor, within, ever, predict). Without one, the objective
   * is judged on this snapshot alone, as if the step had started now.
   */
  tracker?: ObjectiveTracker;
  /** The learner's predictions, by the predict node's id, or its JSON pointer when it has none (answerKey). */
  answers?: Readonly<Record<string, PredictionAnswer>>;
}

export function evaluate(objective: Objective, context: EvaluationContext): ObjectiveResult {
  try {
    return evaluateNode(objective, context);
  } catch (error) {
    // A bug must not take the lesson down: the objective fails, saying so.
    return leaf(objective, false, '', '', `This objective could not be evaluated (${String(error)}).`);
  }
}

function leaf(objective: Objective, passed: boolean, expected: string, actual: string, sentence: string, extra?: Partial<ObjectiveResult>): ObjectiveResult {
  const result: ObjectiveResult = { passed, expected, actual, sentence, pointer: objective.pointer, kind: objective.kind, ...extra };
  if (objective.id !== undefined) result.id = objective.id;
  if (!passed) result.failing = { pointer: objective.pointer, kind: objective.kind, expected, actual, sentence, ...(objective.id !== undefined ? { id: objective.id } : {}) };
  return result;
}

/** A composite's result whose failing part is a child's. */
function wrap(objective: Objective, passed: boolean, expected: string, actual: string, sentence: string, child: ObjectiveResult | undefined, pending?: boolean): ObjectiveResult {
  const result = leaf(objective, passed, expected, actual, sentence, pending ? { pending } : {});
  if (!passed && child?.failing) result.failing = child.failing;
  return result;
}

const within = (count: number, bounds: Bounds): boolean =>
  bounds.is !== undefined ? count === bounds.is : (bounds.atLeast === undefined || count >= bounds.atLeast) && (bounds.atMost === undefined || count <= bounds.atMost);

export function evaluateNode(objective: Objective, context: EvaluationContext): ObjectiveResult {
  const { snapshot } = context;
  switch (objective.kind) {
    case 'count': {
      const selected = select(snapshot, objective.set);
      const found = selected.matched.length;
      const passed = within(found, objective.bounds);
      const expected = boundsShort(objective.bounds);
      if (passed) return leaf(objective, true, expected, String(found), SAY.countPassed(describeSet(objective.set.collection, objective.set.where, found)));
      // "at least 1 PENDING task", "10 RUNNING tasks": the noun agrees with the bound's number.
      const { is, atLeast, atMost } = objective.bounds;
      const single = is === 1 || (atLeast === 1 && atMost === undefined) || (atMost === 1 && atLeast === undefined);
      const wanted = `${boundsText(objective.bounds)} ${describeSet(objective.set.collection, objective.set.where, single ? 1 : 'the').replace(/^\S+ /, '')}`;
      const tooFew = objective.bounds.is !== undefined ? found < objective.bounds.is : objective.bounds.atLeast !== undefined && found < objective.bounds.atLeast;
      return leaf(objective, false, expected, String(found), SAY.countFailed(wanted, found, tooFew ? nearMisses(selected, objective.set.where) : ''));
    }
    case 'exists': {
      const selected = select(snapshot, objective.set);
      const found = selected.matched.length;
      const set = describeSet(objective.set.collection, objective.set.where, 'a');
      if (found > 0) return leaf(objective, true, '≥ 1', String(found), SAY.existsPassed(set, found));
      return leaf(objective, false, '≥ 1', '0', SAY.existsFailed(set, nearMisses(selected, objective.set.where)));
    }
    case 'none': {
      const selected = select(snapshot, objective.set);
      const found = selected.matched.length;
      const set = describeSet(objective.set.collection, objective.set.where, 'no');
      if (found === 0) return leaf(objective, true, '0', '0', SAY.nonePassed(set));
      return leaf(objective, false, '0', String(found), SAY.noneFailed(set, found, exampleName(selected.collection, selected.matched[0]!)));
    }
    case 'every': {
      const selected = select(snapshot, objective.set);
      const total = selected.matched.length;
      const plural = describeSet(objective.set.collection, objective.set.where, 'the').replace(/^the /, '');
      const single = describeSet(objective.set.collection, objective.set.where, 'every').replace(/^every /, '');
      const match = matchText(objective.match);
      if (total === 0) return leaf(objective, false, COLUMNS.everyExpected(), COLUMNS.none(), SAY.everyEmpty(plural));
      const where = [...objective.set.where, ...objective.match];
      const inner = select(snapshot, { collection: objective.set.collection, where });
      const good = inner.matched.length;
      if (good === total) return leaf(objective, true, COLUMNS.everyExpected(), COLUMNS.everyActual(good, total), SAY.everyPassed(total, plural, match));
      return leaf(objective, false, COLUMNS.everyExpected(), COLUMNS.everyActual(good, total), SAY.everyFailed(single, match, total - good, total, nearMisses({ ...selected, all: selected.matched }, objective.match)));
    }
    case 'distinct':
      return evaluateDistinct(objective, snapshot);
    case 'compare':
      return evaluateCompare(objective, snapshot);
    case 'all': {
      const results = objective.of.map((child) => evaluateNode(child, context));
      const held = results.filter((result) => result.passed).length;
      const firstFailed = results.find((result) => !result.passed);
      if (!firstFailed) return leaf(objective, true, COLUMNS.allExpected(results.length), COLUMNS.holdCount(held, results.length), SAY.allPassed(results.length));
      return wrap(objective, false, COLUMNS.allExpected(results.length), COLUMNS.holdCount(held, results.length), firstFailed.sentence, firstFailed, results.some((result) => result.pending));
    }
    case 'any': {
      const results = objective.of.map((child) => evaluateNode(child, context));
      const passed = results.find((result) => result.passed);
      const held = results.filter((result) => result.passed).length;
      if (passed) return leaf(objective, true, COLUMNS.anyExpected(results.length), COLUMNS.holdCount(held, results.length), passed.sentence);
      return wrap(objective, false, COLUMNS.anyExpected(results.length), COLUMNS.holdCount(0, results.length), SAY.anyFailed(results.length, results[0]!.sentence), results[0], results.some((result) => result.pending));
    }
    case 'not': {
      const inner = evaluateNode(objective.of, context);
      const expected = COLUMNS.notExpected(inner.expected);
      // Failing a `not` is failing this node itself: its child passed.
      if (inner.passed) return leaf(objective, false, expected, inner.actual, SAY.notFailed(inner.sentence));
      return leaf(objective, true, expected, inner.actual, SAY.notPassed(inner.sentence), inner.pending ? { pending: true } : {});
    }
    case 'holdsFor':
    case 'within':
    case 'ever':
      return evaluateTemporal(objective, context);
    case 'predict':
      return evaluatePrediction(objective, context);
  }
}

function exampleName(collection: Collection, item: Record<string, unknown>): string {
  for (const field of ['taskArn', 'serviceName', 'name', 'AlarmName']) {
    const value = item[field] ?? collection.derived[field]?.get(item, { instanceByArn: new Map() });
    if (typeof value === 'string') return field === 'taskArn' ? `task ${value.slice(value.lastIndexOf('/') + 1, value.lastIndexOf('/') + 9)}` : value;
  }
  return '';
}

function evaluateDistinct(objective: Extract<Objective, { kind: 'distinct' }>, snapshot: Snapshot): ObjectiveResult {
  const selected = select(snapshot, objective.set);
  const label = fieldLabel(objective.by);
  const counts = new Map<string, number>();
  for (const item of selected.matched) {
    const value = fieldValues(selected.collection, item, objective.by, selected.lookups)[0];
    const shown = formatScalar(value);
    counts.set(shown, (counts.get(shown) ?? 0) + 1);
  }
  const set = describeSet(objective.set.collection, objective.set.where, 'the').replace(/^the /, '');
  const values = [...counts.keys()].sort();
  if (objective.bounds) {
    const passed = within(counts.size, objective.bounds);
    const expected = boundsShort(objective.bounds);
    if (passed) return leaf(objective, true, expected, String(counts.size), SAY.spanPassed(set, counts.size, label, values.join(', ')));
    return leaf(objective, false, expected, String(counts.size), SAY.spanFailed(set, boundsText(objective.bounds), label, counts.size, values.join(', ')));
  }
  if (selected.matched.length === 0) return leaf(objective, false, COLUMNS.allDifferent(), COLUMNS.none(), SAY.distinctEmpty(describeSet(objective.set.collection, objective.set.where, 'the')));
  const [sharedValue, shared] = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]!;
  if (shared === 1) return leaf(objective, true, COLUMNS.allDifferent(), COLUMNS.allDifferent(), SAY.distinctPassed(selected.matched.length, set, label));
  return leaf(objective, false, COLUMNS.allDifferent(), COLUMNS.sharing(shared, sharedValue), SAY.distinctFailed(set, label, shared, sharedValue));
}

/** " of service web": the item the path's first selector picks, in words. */
export function ownerText(path: readonly PathStep[]): string {
  const head = path[0]!;
  const selector = head.selectors[0];
  const one = noun(collectionNamed(head.field) ? canonical(head.field) : head.field, 1);
  if (!selector) return '';
  if ('index' in selector) return ` of ${one} #${selector.index + 1}`;
  if (selector.match.length === 1) return ` of ${one} ${selector.match[0]!.value}`;
  return ` of ${one} ${selector.match.map((pair) => `${pair.field}=${pair.value}`).join(', ')}`;
}

function canonical(name: string): string {
  const collection = collectionNamed(name)!;
  return collection.key as string;
}

function pathLabel(path: readonly PathStep[]): string {
  const fields = path.slice(1).map((step) => step.field);
  return fields.at(-1) === 'length' ? `number of ${fields.at(-2) ?? 'items'}` : fieldLabel(fields);
}

function evaluateCompare(objective: Extract<Objective, { kind: 'compare' }>, snapshot: Snapshot): ObjectiveResult {
  const label = pathLabel(objective.path);
  const owner = ownerText(objective.path);
  const expected = comparisonText(objective.op, objective.value);
  const read = readPath(snapshot, objective.path);
  if (!read.ok) {
    const missing = 'ambiguous' in read ? SAY.ambiguous(read.ambiguous, read.what) : SAY.noItem(missingText(objective.path, read.missing));
    return leaf(objective, false, expected, COLUMNS.none(), SAY.compareMissing(label, owner, expected, missing));
  }
  const actual = formatScalar(read.value);
  const passed = compareValues(objective.op, read.value, objective.value);
  return leaf(objective, passed, expected, actual, passed ? SAY.comparePassed(label, owner, actual) : SAY.compareFailed(label, owner, expected, actual));
}

function missingText(path: readonly PathStep[], what: string): string {
  const head = path[0]!;
  return what.startsWith(`${head.field}[`) && ownerText(path) !== '' ? ownerText(path).replace(/^ of /, '') : what;
}

export function compareValues(op: string, left: unknown, right: unknown): boolean {
  if (left === undefined || left === null) return op === '!=';
  if (op === '==') return String(left) === String(right);
  if (op === '!=') return String(left) !== String(right);
  return compareNumbers(op as '>' | '>=' | '<' | '<=', left, right);
}

function evaluateTemporal(objective: Extract<Objective, { kind: 'holdsFor' | 'within' | 'ever' }>, context: EvaluationContext): ObjectiveResult {
  const now = context.snapshot.time;
  const inner = evaluateNode(objective.of, context);
  const state = context.tracker?.stateOf(objective.pointer);
  const start = context.tracker?.startMs ?? now;
  if (objective.kind === 'holdsFor') {
    const limit = formatDuration(objective.ms);
    const expected = COLUMNS.heldFor(limit);
    const since = state?.kind === 'holdsFor' ? state.trueSince : inner.passed ? now : null;
    const heldAt = state?.kind === 'holdsFor' ? state.heldAt : null;
    const latched = state?.kind === 'holdsFor' && state.sentence !== undefined ? state.sentence : inner.sentence;
    if (heldAt !== null || (since !== null && now - since >= objective.ms)) return leaf(objective, true, expected, expected, SAY.heldPassed(limit, heldAt !== null ? latched : inner.sentence));
    if (since !== null && inner.passed) {
      const sofar = formatDuration(now - since);
      return leaf(objective, false, expected, COLUMNS.heldFor(sofar), SAY.holdingSoFar(sofar, limit, inner.sentence), { pending: true });
    }
    return wrap(objective, false, expected, COLUMNS.heldFor('0s'), SAY.notHolding(limit, inner.sentence), inner);
  }
  if (objective.kind === 'within') {
    const limit = formatDuration(objective.ms);
    const expected = COLUMNS.within(limit);
    const reachedAt = state?.kind === 'within' ? state.reachedAt : inner.passed && now <= start + objective.ms ? now : null;
    const latched = state?.kind === 'within' && state.sentence !== undefined ? state.sentence : inner.sentence;
    if (reachedAt !== null) return leaf(objective, true, expected, formatDuration(reachedAt - start), SAY.reachedWithin(formatDuration(reachedAt - start), limit, latched));
    if (now <= start + objective.ms) {
      return wrap(objective, false, expected, COLUMNS.never(), SAY.notReachedYet(formatDuration(start + objective.ms - now), inner.sentence), inner, true);
    }
    // Past the deadline the inner condition may hold now: say it came too late, not that it failed.
    const sentence = inner.passed ? SAY.reachedTooLate(limit, inner.sentence) : SAY.missedDeadline(limit, inner.sentence);
    return wrap(objective, false, expected, inner.passed ? COLUMNS.tooLate(limit) : COLUMNS.never(), sentence, inner);
  }
  const firstAt = state?.kind === 'ever' ? state.firstAt : inner.passed ? now : null;
  const latched = state?.kind === 'ever' && state.sentence !== undefined ? state.sentence : inner.sentence;
  if (firstAt !== null) return leaf(objective, true, COLUMNS.ever(), formatDuration(firstAt - start), SAY.happened(formatDuration(firstAt - start), latched));
  return wrap(objective, false, COLUMNS.ever(), COLUMNS.never(), SAY.notHappened(inner.sentence), inner, true);
}

function evaluatePrediction(objective: Extract<Objective, { kind: 'predict' }>, context: EvaluationContext): ObjectiveResult {
  const spec = objective.prediction;
  const state = context.tracker?.stateOf(objective.pointer);
  const answer = context.answers?.[answerKey(objective)];
  if (spec.about === 'placement') {
    const landed = state?.kind === 'placement' ? state.landed : [];
    if (landed.length < spec.next) return leaf(objective, false, COLUMNS.score(spec.passScore), COLUMNS.notRevealed(), SAY.notRevealed(landed.length, spec.next), { pending: true });
    const actual = landed.slice(0, spec.next);
    if (!Array.isArray(answer)) return leaf(objective, false, COLUMNS.score(spec.passScore), multisetText(actual), SAY.noAnswer(), { score: 0 });
    const scored = scorePlacement(answer.map(String), actual, spec.next);
    const passed = scored.score >= spec.passScore;
    return leaf(objective, passed, multisetText(answer.map(String)), multisetText(actual), SAY.placementScored(multisetText(answer.map(String)), multisetText(actual), scored.right, spec.next), { score: scored.score });
  }
  const label = pathLabel(spec.path);
  const revealed = state?.kind === 'value' ? state.revealed : undefined;
  if (!revealed) {
    const start = context.tracker?.startMs ?? context.snapshot.time;
    return leaf(objective, false, COLUMNS.score(spec.passScore), COLUMNS.notRevealed(), SAY.valueNotRevealed(formatDuration(Math.max(0, start + spec.afterMs - context.snapshot.time))), { pending: true });
  }
  const actual = formatScalar(revealed.value);
  if (typeof answer !== 'number') return leaf(objective, false, COLUMNS.score(spec.passScore), actual, SAY.noAnswer(), { score: 0 });
  const scored = scoreValue(answer, revealed.value, spec.tolerance);
  const passed = scored.withinTolerance || scored.score >= spec.passScore;
  return leaf(objective, passed, String(answer), actual, SAY.valueScored(label, String(answer), actual, scored.withinTolerance), { score: scored.score });
}

/** Where a prediction's answer is stored: the predict node's own id, else its JSON pointer. */
export function answerKey(objective: Objective): string {
  return objective.id ?? objective.pointer;
}
