/**
 * ObjectiveTracker: what the temporal objectives (holdsFor, within, ever) and predictions need to
 * remember across snapshots. Feed it every snapshot of the step in virtual-time order — right when
 * the step starts (the baseline a prediction compares with), then after each command and each
 * timer that fired (the engine only changes state at those instants; between two observations the
 * state is taken as unchanged). Each observation costs one evaluation of each temporal node's
 * inner objective: O(size of the snapshot × size of the objective).
 */
import type { Snapshot } from '../../protocol.ts';
import { formatScalar } from './messages.ts';
import { readPath } from './paths.ts';
import { fieldValues, select } from './sets.ts';
import { evaluateNode, type EvaluationContext } from './evaluate.ts';
import type { Objective } from './types.ts';

export type TrackedState =
  | { kind: 'holdsFor'; trueSince: number | null; heldAt: number | null; sentence?: string }
  | { kind: 'within'; reachedAt: number | null; sentence?: string }
  | { kind: 'ever'; firstAt: number | null; sentence?: string }
  | { kind: 'placement'; known: Set<string> | null; landed: string[] }
  | { kind: 'value'; revealed?: { value: unknown; at: number } };

export class ObjectiveTracker {
  private readonly states = new Map<string, TrackedState>();
  private lastTime = -Infinity;

  /** `startMs`: the virtual time the step started (within's deadline and "ever" count from it). */
  constructor(readonly objective: Objective, readonly startMs: number) {}

  stateOf(pointer: string): TrackedState | undefined {
    return this.states.get(pointer);
  }

  /** Records one snapshot. Snapshots older than the last one observed are ignored (time only moves forward). */
  observe(snapshot: Snapshot): void {
    if (!(snapshot.time >= this.lastTime)) return;
    this.lastTime = snapshot.time;
    this.visit(this.objective, { snapshot, tracker: this });
  }

  /** Children first, so that a temporal node reads its temporal children's updated state. */
  private visit(node: Objective, context: EvaluationContext): void {
    if (node.kind === 'all' || node.kind === 'any') for (const child of node.of) this.visit(child, context);
    if (node.kind === 'not' || node.kind === 'holdsFor' || node.kind === 'within' || node.kind === 'ever') this.visit(node.of, context);
    const now = context.snapshot.time;
    switch (node.kind) {
      case 'holdsFor': {
        const state = this.get(node.pointer, () => ({ kind: 'holdsFor', trueSince: null, heldAt: null }));
        if (state.kind !== 'holdsFor' || state.heldAt !== null) return;
        // The state held unchanged from the last observation to this one.
        if (state.trueSince !== null && now - state.trueSince >= node.ms) {
          state.heldAt = state.trueSince + node.ms;
          return;
        }
        const inner = evaluateNode(node.of, context);
        const holds = inner.passed;
        // The sentence of the moment it held is the one to show once it is latched.
        if (holds) state.sentence = inner.sentence;
        if (!holds) state.trueSince = null;
        else if (state.trueSince === null) state.trueSince = now;
        if (state.trueSince !== null && now - state.trueSince >= node.ms) state.heldAt = now;
        return;
      }
      case 'within': {
        const state = this.get(node.pointer, () => ({ kind: 'within', reachedAt: null }));
        if (state.kind !== 'within' || state.reachedAt !== null || now > this.startMs + node.ms) return;
        const inner = evaluateNode(node.of, context);
        if (inner.passed) {
          state.reachedAt = now;
          state.sentence = inner.sentence;
        }
        return;
      }
      case 'ever': {
        const state = this.get(node.pointer, () => ({ kind: 'ever', firstAt: null }));
        if (state.kind !== 'ever' || state.firstAt !== null) return;
        const inner = evaluateNode(node.of, context);
        if (inner.passed) {
          state.firstAt = now;
          state.sentence = inner.sentence;
        }
        return;
      }
      case 'predict':
        this.observePrediction(node, context.snapshot);
    }
  }

  private observePrediction(node: Extract<Objective, { kind: 'predict' }>, snapshot: Snapshot): void {
    const spec = node.prediction;
    if (spec.about === 'value') {
      const state = this.get(node.pointer, () => ({ kind: 'value' }));
      if (state.kind !== 'value' || state.revealed || snapshot.time < this.startMs + spec.afterMs) return;
      const read = readPath(snapshot, spec.path);
      state.revealed = { value: read.ok ? read.value : undefined, at: snapshot.time };
      return;
    }
    const state = this.get(node.pointer, () => ({ kind: 'placement', known: null, landed: [] }));
    if (state.kind !== 'placement' || state.landed.length >= spec.next) return;
    const selected = select(snapshot, spec.set);
    if (state.known === null) {
      // The baseline: tasks that exist when the step starts are not "the next" ones.
      state.known = new Set(selected.all.map((task) => String(task.taskArn)));
      return;
    }
    const fresh = selected.matched
      .filter((task) => !state.known!.has(String(task.taskArn)))
      .sort((a, b) => String(a.createdAt).localeCompare(String(b.createdAt)) || String(a.taskArn).localeCompare(String(b.taskArn)));
    for (const task of fresh) {
      if (state.landed.length >= spec.next) break;
      const value = fieldValues(selected.collection, task, [spec.by], selected.lookups)[0];
      // Wait until the task has its place (an EC2 task is placed at once; keep the rule general).
      if (value === undefined && spec.by === 'availabilityZone') continue;
      state.known.add(String(task.taskArn));
      state.landed.push(value === undefined ? 'FARGATE' : formatScalar(value));
    }
  }

  private get(pointer: string, create: () => TrackedState): TrackedState {
    let state = this.states.get(pointer);
    if (!state) {
      state = create();
      this.states.set(pointer, state);
    }
    return state;
  }
}
