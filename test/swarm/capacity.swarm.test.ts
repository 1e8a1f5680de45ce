// The capacity swarm test (issue 6 item 9): seeded random capacity worlds — an Auto Scaling group
// behind a capacity provider with managed scaling from 0 instances, FARGATE and FARGATE_SPOT — with
// scaling, deployments, instance failures, Spot interruptions and outages, disconnected agents and
// draining, the shared and capacity invariants checked after every step, and convergence required
// once the faults stop. Replay a seed: SEED=<n> npx vitest run --project swarm test/swarm/capacity.swarm.test.ts.
// More: CAPACITY_SWARM_SEEDS=<n> (default 40), SWARM_FROM=<n>.
import { describe } from 'vitest';
import { describeCapacityFailure, runCapacitySwarm } from './capacity-swarm.ts';
import { seedSuite } from './seed-suite.ts';

const BATCH = 5;

describe('capacity swarm', () => {
  seedSuite({ seedsVar: 'CAPACITY_SWARM_SEEDS', defaultSeeds: 40, batch: BATCH, run: (seed) => runCapacitySwarm({ seed }), describeFailure: describeCapacityFailure });
});
