// The figure: from 0 instances, a service of 200 tasks on a capacity provider reaches steady
// state. Prints the virtual minutes, the scale-out steps and the wall time.
import { describe, expect, it } from 'vitest';
import { scalingCluster } from './scaling-helpers.ts';

function runTo200(seed: number) {
  const t = scalingCluster({ seed });
  const started = performance.now();
  t.run({ 'ecs:CreateService': { cluster: 'demo', serviceName: 'app', taskDefinition: 'app', desiredCount: 200 } });
  t.engine.advance(60 * 60_000);
  const wallMs = performance.now() - started;
  const snapshot = t.engine.snapshot();
  const running = snapshot.tasks.filter((task) => task.lastStatus === 'RUNNING');
  // Steady: the minute by which the last of the 200 tasks was RUNNING.
  const lastStart = Math.max(...running.map((task) => Date.parse(task.startedAt!) - Date.parse('2026-01-01T00:00:00.000Z')));
  const steadyAt = running.length === 200 ? Math.ceil(lastStart / 60_000) : undefined;
  const provider = snapshot.capacityProviders!.find((p) => p.name === 'cp')!;
  const scaleOuts = t.ctx.state.capacity!.scaling!.get('cp')!.scaleOuts;
  return { t, steadyAt, wallMs, snapshot, provider, scaleOuts };
}

describe('200 tasks from 0 instances', () => {
  it('reaches 200 RUNNING tasks with the reservation back at 100%', () => {
    const { steadyAt, wallMs, snapshot, provider, scaleOuts, t } = runTo200(42);
    const instances = snapshot.containerInstances.length;
    console.log(`[capacity figure] 200 tasks (256 CPU / 512 MiB) on m5.large from 0 instances: steady after ${steadyAt} virtual minutes, ${scaleOuts} scale-out step(s), ${instances} instances, reservation ${provider.reservation?.value}%; one virtual hour took ${wallMs.toFixed(0)} ms wall`);
    expect(steadyAt).toBeDefined();
    expect(steadyAt!).toBeLessThanOrEqual(10);
    // m5.large registers 2048 CPU units: 8 tasks of 256 each per instance → 25 instances.
    expect(instances).toBe(25);
    expect(t.group.desiredCapacity).toBe(25);
    expect(provider.reservation?.value).toBe(100);
    expect(scaleOuts).toBeGreaterThanOrEqual(1);
    const metric = snapshot.metrics!.find((m) => m.MetricName === 'CapacityProviderReservation')!;
    expect(metric.Namespace).toBe('AWS/ECS/ManagedScaling');
    expect(metric.Dimensions).toEqual([{ Name: 'CapacityProviderName', Value: 'cp' }, { Name: 'ClusterName', Value: 'demo' }]);
    expect(metric.points[0]!.v).toBe(200);
  });

  it('is deterministic: the same seed gives the same run', () => {
    const a = runTo200(7);
    const b = runTo200(7);
    expect(JSON.stringify(a.snapshot)).toBe(JSON.stringify(b.snapshot));
  });
});
