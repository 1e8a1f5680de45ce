// The services swarm test, shard 3 of 4 (issue 5 item 8, style guide §9): seeded random clusters and
// services (bridge with dynamic or static ports, host, awsvpc, Fargate; with and without an ALB),
// rolling deployments, scaling and faults over virtual time through the public engine API, with
// the invariants of invariants.ts checked after every step and convergence required once the
// faults stop. Replay a seed: SEED=<n> npx vitest run --project swarm. More: SWARM_SEEDS=5000 (shard.ts).
import { defineSwarmShard } from './shard.ts';

defineSwarmShard(3);
