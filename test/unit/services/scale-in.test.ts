// Proves how the service scheduler picks tasks to stop on scale-in, per strategy, with the
// arithmetic in the comments: binpack frees the instance that ends up emptiest, spread keeps zones
// balanced, the default takes from the fullest zone then the fullest instance, ties at random.
import { describe, expect, it } from 'vitest';
import type { Strategy } from '../../../workers/engine/placement/request.ts';
import { tasksToStop, type StoppableTask } from '../../../workers/engine/services/scale-in.ts';

const task = (id: string, instanceId: string, zone: string, freeMemory = 1000, memoryMiB = 512): StoppableTask => ({
  taskArn: id, instanceId, attributes: { 'ecs.availability-zone': zone }, freeCpu: 1024, freeMemory, cpuUnits: 256, memoryMiB,
});
const first = () => 0;
const spreadAz: Strategy = { type: 'spread', by: 'attribute', attribute: 'ecs.availability-zone', source: { type: 'spread', origin: 'request' } };
const binpackMemory: Strategy = { type: 'binpack', resource: 'memory', source: { type: 'binpack', origin: 'request' } };

describe('tasksToStop', () => {
  it('default: the zone with the most tasks, then the instance with the most', () => {
    // 1a: a (2 tasks), b (1); 1b: c (1) → 1a has 3 → instance a (2) → t1; then 1a 2 vs 1b 1 → 1a: a 1, b 1 → tie → first
    const tasks = [task('t1', 'a', '1a'), task('t2', 'a', '1a'), task('t3', 'b', '1a'), task('t4', 'c', '1b')];
    expect(tasksToStop(tasks, 2, [], first).map((t) => t.taskArn)).toEqual(['t1', 't2']);
  });

  it('spread on the zone keeps zones balanced', () => {
    // 1a: 3 tasks, 1b: 1 → stop from 1a twice, then 1a 1 vs 1b 1 → tie → first
    const tasks = [task('t1', 'a', '1a'), task('t2', 'b', '1a'), task('t3', 'c', '1a'), task('t4', 'd', '1b')];
    const stopped = tasksToStop(tasks, 3, [spreadAz], first).map((t) => t.taskArn);
    expect(stopped.slice(0, 2).every((arn) => ['t1', 't2', 't3'].includes(arn))).toBe(true);
  });

  it('binpack (memory) stops the task whose instance would have the most memory free after', () => {
    // a: 100 free + 512 = 612 after; b: 3000 + 512 = 3512 → b first
    const tasks = [task('t1', 'a', '1a', 100), task('t2', 'b', '1a', 3000)];
    expect(tasksToStop(tasks, 1, [binpackMemory], first).map((t) => t.taskArn)).toEqual(['t2']);
  });

  it('each choice sees the ones before it (resources come back to the instance)', () => {
    // a holds t1, t2 with 100 free; b holds t3 with 700 free. 1st: a → 612, b → 1212 → t3.
    // 2nd: a → 612 each, b empty → t1; 3rd: a → 100+512+512 = 1124 → t2
    const tasks = [task('t1', 'a', '1a', 100), task('t2', 'a', '1a', 100), task('t3', 'b', '1a', 700)];
    expect(tasksToStop(tasks, 3, [binpackMemory], first).map((t) => t.taskArn)).toEqual(['t3', 't1', 't2']);
  });

  it('breaks ties with the draw, and stops no more than there are', () => {
    const tasks = [task('t1', 'a', '1a'), task('t2', 'b', '1b')];
    expect(tasksToStop(tasks, 5, [spreadAz], (n) => n - 1).map((t) => t.taskArn)).toEqual(['t2', 't1']);
  });
});
