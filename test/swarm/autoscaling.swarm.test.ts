// The autoscaling swarm test (issue 7): seeded random worlds of service auto scaling — target
// tracking (CPU, memory, ALBRequestCountPerTarget, SQS backlog per task), step policies on learner
// alarms, scheduled actions, an SQS worker service — with traffic, load, message bursts,
// deployments, new bounds, suspend flags, policy churn and bad images; the shared and autoscaling
// invariants checked after every step, convergence required once the faults stop, and the same
// seed giving the same final snapshot. Replay a seed: SEED=<n> npx vitest run --project swarm
// test/swarm/autoscaling.swarm.test.ts. More: AUTOSCALING_SWARM_SEEDS=<n> (default 20, about half a
// minute here), SWARM_FROM=<n>, AUTOSCALING_SWARM_CHAOS_MIN=<n> (default 40).
import { describe, expect, it } from 'vitest';
import { describeAutoscalingFailure, runAutoscalingSwarm } from './autoscaling-swarm.ts';
import { seedSuite } from './seed-suite.ts';

const BATCH = 3;
/** Virtual minutes of chaos per seed (default 40; at() actions fall within the first hour). */
const chaosMs = process.env.AUTOSCALING_SWARM_CHAOS_MIN === undefined ? undefined : Number(process.env.AUTOSCALING_SWARM_CHAOS_MIN) * 60_000;
/** A8 (the largest capacity wins at one instant) is checked unless AUTOSCALING_SWARM_A8=0. */
const checkA8 = process.env.AUTOSCALING_SWARM_A8 !== '0';
const options = (seed: number) => ({ seed, checkA8, ...(chaosMs === undefined ? {} : { chaosMs }) });

describe('autoscaling swarm', () => {
  const from = seedSuite({ seedsVar: 'AUTOSCALING_SWARM_SEEDS', defaultSeeds: 20, batch: BATCH, run: (seed) => runAutoscalingSwarm(options(seed)), describeFailure: describeAutoscalingFailure });
  if (from === undefined) return;

  it('is deterministic: the same seed gives the same final snapshot', () => {
    for (const seed of [from, from + 1]) {
      const a = runAutoscalingSwarm({ seed, keepFinalJson: true });
      const b = runAutoscalingSwarm({ seed, keepFinalJson: true });
      expect(a.finalJson, `seed ${seed}: no final snapshot (${a.ok ? 'ok' : describeAutoscalingFailure(a)})`).toBeDefined();
      expect(b.finalJson === a.finalJson, `seed ${seed}: two runs ended in different snapshots`).toBe(true);
      expect(b.log).toEqual(a.log);
    }
  });
});
