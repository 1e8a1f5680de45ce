// Property test (fast-check): after any sequence of Fargate RunTask, StopTask and waits, through
// the public facade, (1) no step fails with an internal error, (2) no two tasks holding an ENI share
// a private IP, (3) each subnet's AvailableIpAddressCount is its size minus the tasks holding an
// address there, (4) each RunTask put every task in an AZ that had the fewest live tasks of its
// group among the request's AZs (the balance rule of run-task-fargate.ts), and (5) once every task
// is stopped and time has passed, every address is free again.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SandboxEngine, Task } from '../../../workers/protocol.ts';
import { createEngine } from '../../../workers/engine/index.ts';
import { eniDetail, fargateSteps, SUBNETS } from './helpers.ts';

const FULL = 4091; // a /20 has 4096 addresses; AWS keeps the first four and the last

type Op =
  | { kind: 'run'; count: number; subnets: string[]; group: string }
  | { kind: 'stop'; pick: number }
  | { kind: 'wait'; ms: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('run' as const),
    count: fc.integer({ min: 1, max: 10 }),
    subnets: fc.subarray(SUBNETS, { minLength: 1 }),
    group: fc.constantFrom('family:web', 'batch'),
  }),
  fc.record({ kind: fc.constant('stop' as const), pick: fc.nat(1000) }),
  fc.record({ kind: fc.constant('wait' as const), ms: fc.integer({ min: 0, max: 40_000 }) }),
);

const holdsEni = (task: Task) => task.lastStatus !== 'STOPPED';
const live = (task: Task) => task.desiredStatus === 'RUNNING' && task.lastStatus !== 'STOPPED';

function availableIps(engine: SandboxEngine): Map<string, number> {
  const result = engine.dispatch({ 'ec2:DescribeSubnets': { SubnetIds: SUBNETS } });
  if ('error' in result) throw new Error(result.error.message);
  const subnets = (result.response as { Subnets: { SubnetId: string; AvailableIpAddressCount: number }[] }).Subnets;
  return new Map(subnets.map((s) => [s.SubnetId, s.AvailableIpAddressCount]));
}

function checkAddresses(engine: SandboxEngine): void {
  const holding = engine.snapshot().tasks.filter(holdsEni);
  const ips = holding.map((task) => eniDetail(task, 'privateIPv4Address') ?? `pending:${task.taskArn}`);
  expect(new Set(ips).size).toBe(ips.length);
  const available = availableIps(engine);
  for (const subnet of SUBNETS) {
    const used = holding.filter((task) => eniDetail(task, 'subnetId') === subnet).length;
    expect(available.get(subnet)).toBe(FULL - used);
  }
}

describe('Fargate properties', () => {
  it('keeps addresses unique and accounted, balances each group, and frees everything in the end', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.array(op, { maxLength: 25 }), (seed, ops) => {
        const engine = createEngine({ seed });
        for (const step of fargateSteps()) engine.dispatch(step);
        for (const o of ops) {
          if (o.kind === 'wait') engine.advance(o.ms);
          else if (o.kind === 'stop') {
            const tasks = engine.snapshot().tasks.filter(live);
            if (tasks.length > 0) engine.dispatch({ 'ecs:StopTask': { cluster: 'demo', task: tasks[o.pick % tasks.length]!.taskArn } });
          } else {
            const zones = o.subnets.map((s) => s.replace('subnet-', ''));
            const counts = new Map(zones.map((zone) => [zone, 0]));
            for (const task of engine.snapshot().tasks.filter(live)) {
              if (task.group === o.group && counts.has(task.availabilityZone)) counts.set(task.availabilityZone, counts.get(task.availabilityZone)! + 1);
            }
            const result = engine.dispatch({
              'ecs:RunTask': { cluster: 'demo', taskDefinition: 'web', launchType: 'FARGATE', count: o.count, group: o.group, networkConfiguration: { awsvpcConfiguration: { subnets: o.subnets } } },
            });
            if ('error' in result) throw new Error(`${result.error.code}: ${result.error.message}`);
            for (const task of (result.response as { tasks: Task[] }).tasks) {
              const fewest = Math.min(...counts.values());
              expect(counts.get(task.availabilityZone)).toBe(fewest);
              counts.set(task.availabilityZone, fewest + 1);
            }
          }
          checkAddresses(engine);
        }
        for (const task of engine.snapshot().tasks.filter(live)) engine.dispatch({ 'ecs:StopTask': { cluster: 'demo', task: task.taskArn } });
        engine.advance(600_000);
        expect(engine.snapshot().tasks.every((task) => task.lastStatus === 'STOPPED')).toBe(true);
        expect([...availableIps(engine).values()]).toEqual([FULL, FULL, FULL]);
      }),
      { numRuns: 60 },
    );
  });
});
