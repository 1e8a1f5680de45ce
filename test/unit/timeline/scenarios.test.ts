// Replay equals the run in the other busy scenarios too — Application Auto Scaling with alarms and
// scheduled actions, an SQS worker scaled on its backlog (queues caught up by event-log
// listeners), EventBridge rules starting tasks on uploads — at several points, jumped to out of
// order, with commands during the run.
import { describe, it } from 'vitest';
import type { Step } from '../../../workers/protocol.ts';
import { Prng } from '../../../workers/engine/prng.ts';
import { loadScenario, MINUTE, plainEngine, sameJson, timeline } from './helpers.ts';

const CASES: { name: string; minutes: number; commands: Record<number, Step> }[] = [
  {
    name: 'service-autoscaling',
    minutes: 40,
    commands: {
      5: { 'sim:SetServiceLoad': { cluster: 'demo', service: 'web', cpuUnits: 900 } },
      17: { 'sim:SetServiceLoad': { cluster: 'demo', service: 'worker', cpuUnits: 100 } },
      26: { 'ecs:UpdateService': { cluster: 'demo', service: 'web', desiredCount: 2 } },
    },
  },
  {
    name: 'sqs-worker',
    minutes: 40,
    commands: {
      4: { 'sim:SendMessages': { queue: 'jobs', count: 500 } },
      19: { 'sim:SendMessages': { queue: 'jobs', count: 2000 } },
    },
  },
  {
    name: 'event-driven',
    minutes: 30,
    commands: {
      3: { 'sim:PutObject': { bucket: 'photo-uploads', key: 'photos/dog.jpg', sizeBytes: 1024 } },
      14: { 'sim:PutObject': { bucket: 'photo-uploads', key: 'photos/bird.jpg', sizeBytes: 2048 } },
    },
  },
];

describe.each(CASES)('replay equals the run: $name', ({ name, minutes, commands }) => {
  it(`at every 5th virtual minute of ${minutes}, jumped to in a shuffled order`, () => {
    const scenario = loadScenario(name);
    const engine = plainEngine(scenario);
    const run = timeline(scenario);
    const seen = new Map<number, string>();
    for (let m = 0; m < minutes; m++) {
      const step = commands[m];
      if (step !== undefined) {
        const plain = engine.dispatch(step);
        const logged = run.dispatch(step);
        if ('error' in plain || 'error' in logged) throw new Error(`${name} minute ${m}: ${JSON.stringify(plain)}`);
      }
      engine.advance(MINUTE / 2);
      // The timeline gets the same time in other slices.
      run.advance(MINUTE / 6);
      run.advance(MINUTE / 3);
      if (m % 5 === 2) {
        const json = JSON.stringify(engine.snapshot());
        seen.set(run.now, json);
        sameJson(JSON.stringify(run.snapshot()), json, `${name} live at minute ${m}`);
      }
      engine.advance(MINUTE / 2);
      run.advance(MINUTE / 2);
      run.maintain(() => false);
    }
    const times = [...seen.keys()];
    const prng = new Prng(minutes);
    for (let i = times.length - 1; i > 0; i--) {
      const j = prng.int(0, i + 1);
      [times[i], times[j]] = [times[j]!, times[i]!];
    }
    for (const time of times) {
      run.jumpTo(time);
      sameJson(JSON.stringify(run.snapshot()), seen.get(time)!, `${name} jump to ${time}`);
    }
    run.jumpTo(run.endMs);
    sameJson(JSON.stringify(run.snapshot()), JSON.stringify(engine.snapshot()), `${name} back at the end`);
  });
});
