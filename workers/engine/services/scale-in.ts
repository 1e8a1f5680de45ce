/**
 * Which tasks the service scheduler stops when a service scales in (ecs-reference §1, §5),
 * one at a time, each choice seeing the ones before it:
 *   - binpack (cpu | memory): the task on the instance that would have the MOST of that resource
 *     available after the task is gone;
 *   - spread (an attribute, e.g. the Availability Zone, or instanceId): a task from the value with
 *     the MOST tasks of the service, so the values stay balanced;
 *   - random: any;
 *   - no strategy: the Availability Zone with the most tasks of the service, then the instance
 *     with the most (the service scheduler's documented default).
 * Strategies chain as in placement: each keeps the tasks it likes best among those the previous
 * one kept. Ties left at the end are broken at random with the engine's seeded PRNG (AWS: "within
 * an Availability Zone, a task is picked at random").
 */
import type { Strategy } from '../placement/request.ts';

/** A running task of the service, with what the strategies read about its instance. */
export interface StoppableTask {
  taskArn: string;
  /** The instance's id (Fargate tasks: a value of their own, e.g. the task ARN). */
  instanceId: string;
  /** Attribute values of the task's instance (or, on Fargate, its zone as ecs.availability-zone). */
  attributes: Readonly<Record<string, string | undefined>>;
  /** The instance's free CPU units and memory MiB now, and what this task holds. */
  freeCpu: number;
  freeMemory: number;
  cpuUnits: number;
  memoryMiB: number;
}

const AZ = 'ecs.availability-zone';

/** The default when the service names no strategy. */
const DEFAULT_CHAIN: readonly Strategy[] = [
  { type: 'spread', by: 'attribute', attribute: AZ, source: { type: 'spread', field: `attribute:${AZ}`, origin: 'default' } },
  { type: 'spread', by: 'instanceId', source: { type: 'spread', field: 'instanceId', origin: 'default' } },
];

export function tasksToStop(tasks: readonly StoppableTask[], count: number, strategies: readonly Strategy[], draw: (n: number) => number): StoppableTask[] {
  const chain = strategies.length === 0 ? DEFAULT_CHAIN : strategies;
  // Working copies (free resources change as tasks go), each with its original's index.
  const left = tasks.map((task, index) => ({ ...task, index }));
  const byInstance = new Map<string, (typeof left)[number][]>();
  for (const task of left) {
    const list = byInstance.get(task.instanceId);
    if (list === undefined) byInstance.set(task.instanceId, [task]);
    else list.push(task);
  }
  // Spread counts per strategy, kept up to date as tasks are chosen (so each choice costs O(remaining)).
  const spreads = chain.map((strategy) => (strategy.type === 'spread' ? spreadCounter(strategy, left) : undefined));
  const stopped: StoppableTask[] = [];
  for (let k = 0; k < count && left.length > 0; k++) {
    let ties = left;
    for (let s = 0; s < chain.length; s++) {
      const strategy = chain[s]!;
      if (ties.length <= 1 || strategy.type === 'random') break;
      const spread = spreads[s];
      const score = spread !== undefined
        ? (task: StoppableTask) => spread.counts.get(spread.valueOf(task))!
        : strategy.type === 'binpack' && strategy.resource === 'cpu'
          ? (task: StoppableTask) => task.freeCpu + task.cpuUnits
          : (task: StoppableTask) => task.freeMemory + task.memoryMiB;
      let best = -Infinity;
      for (const task of ties) best = Math.max(best, score(task));
      ties = ties.filter((task) => score(task) === best);
    }
    const chosen = ties.length === 1 ? ties[0]! : ties[Math.min(ties.length - 1, Math.max(0, draw(ties.length)))]!;
    stopped.push(tasks[chosen.index]!);
    left.splice(left.indexOf(chosen), 1);
    for (const spread of spreads) {
      if (spread === undefined) continue;
      const value = spread.valueOf(chosen);
      spread.counts.set(value, spread.counts.get(value)! - 1);
    }
    // The resources come back to the instance: later choices see them.
    for (const task of byInstance.get(chosen.instanceId)!) {
      if (task === chosen) continue;
      task.freeCpu += chosen.cpuUnits;
      task.freeMemory += chosen.memoryMiB;
    }
  }
  return stopped;
}

/** A spread strategy's value of each task and the number of remaining tasks per value. */
function spreadCounter(strategy: Extract<Strategy, { type: 'spread' }>, tasks: readonly StoppableTask[]): { valueOf: (task: StoppableTask) => string; counts: Map<string, number> } {
  const valueOf = strategy.by === 'instanceId' ? (task: StoppableTask) => task.instanceId : (task: StoppableTask) => task.attributes[strategy.attribute] ?? '(none)';
  const counts = new Map<string, number>();
  for (const task of tasks) counts.set(valueOf(task), (counts.get(valueOf(task)) ?? 0) + 1);
  return { valueOf, counts };
}
