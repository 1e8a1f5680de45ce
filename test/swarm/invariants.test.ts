// Proves the swarm's checker (invariants.ts) can fail: a real steady snapshot (4 tasks of a service
// behind an ALB, dynamic ports, one instance) passes every check, and each invariant fires on a copy
// doctored to break exactly it — so a green swarm run means the invariants held, not that the
// checker was blind.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot, Task } from '../../workers/protocol.ts';
import { advanceUntil, call, clusterEngine, isSteady } from '../unit/services/acceptance/helpers.ts';
import { checkSnapshot, RolloutTracker, SnapshotIndex, steadyStateProblems } from './invariants.ts';

let base: Snapshot;

beforeAll(() => {
  const engine = clusterEngine(1);
  const lb = call(engine, 'elbv2:CreateLoadBalancer', { Name: 'alb', Subnets: ['subnet-us-east-1a', 'subnet-us-east-1b'] }).LoadBalancers[0].LoadBalancerArn;
  const tg = call(engine, 'elbv2:CreateTargetGroup', { Name: 'tg', Protocol: 'HTTP', Port: 80, VpcId: 'vpc-default' }).TargetGroups[0].TargetGroupArn;
  call(engine, 'elbv2:CreateListener', { LoadBalancerArn: lb, Protocol: 'HTTP', Port: 80, DefaultActions: [{ Type: 'forward', TargetGroupArn: tg }] });
  call(engine, 'ecs:CreateService', { cluster: 'demo', serviceName: 'web', taskDefinition: 'web:1', desiredCount: 4, loadBalancers: [{ targetGroupArn: tg, containerName: 'web', containerPort: 80 }] });
  base = advanceUntil(engine, (s) => isSteady(s) && steadyStateProblems(new SnapshotIndex(s)).length === 0, 20 * 60_000);
});

const doctored = (change: (snap: Snapshot) => void): Snapshot => {
  const copy = structuredClone(base);
  change(copy);
  return copy;
};
const live = (snap: Snapshot): Task[] => snap.tasks.filter((t) => t.lastStatus === 'RUNNING');
const kinds = (snap: Snapshot): string[] => checkSnapshot(new SnapshotIndex(snap)).map((v) => v.invariant);

describe('the swarm checker', () => {
  it('passes a steady snapshot', () => {
    expect(checkSnapshot(new SnapshotIndex(base))).toEqual([]);
    expect(steadyStateProblems(new SnapshotIndex(base))).toEqual([]);
    expect(new RolloutTracker().observe(new SnapshotIndex(base))).toEqual([]);
  });

  it('I1: over-committed CPU', () => {
    expect(kinds(doctored((s) => { s.containerInstances[0]!.registeredResources.find((r) => r.name === 'CPU')!.integerValue = 100; }))).toContain('I1');
  });

  it('I2: one host port bound twice on an instance', () => {
    expect(kinds(doctored((s) => { const [a, b] = live(s); b!.containers[0]!.networkBindings[0]!.hostPort = a!.containers[0]!.networkBindings[0]!.hostPort; }))).toContain('I2');
  });

  it('I3: a healthy target whose task is not RUNNING', () => {
    expect(kinds(doctored((s) => { live(s)[0]!.lastStatus = 'STOPPING'; }))).toContain('I3');
    expect(kinds(doctored((s) => { const t = live(s)[0]!; s.tasks.splice(s.tasks.indexOf(t), 1); }))).toContain('I3');
  });

  it('I4: runningCount that is not the number of RUNNING tasks', () => {
    expect(kinds(doctored((s) => { s.services[0]!.runningCount += 1; }))).toContain('I4');
  });

  it('I5: a start beyond maximumPercent', () => {
    const tracker = new RolloutTracker();
    tracker.observe(new SnapshotIndex(base));
    // desired 4 × 200 % = 8: five more wanted tasks make 9.
    const next = doctored((s) => { for (let i = 0; i < 5; i++) s.tasks.push({ ...structuredClone(live(s)[0]!), taskArn: `${live(s)[0]!.taskArn}x${i}`, lastStatus: 'PENDING' }); });
    expect(tracker.observe(new SnapshotIndex(next)).map((v) => v.invariant)).toEqual(['I5']);
  });

  it('I6: the scheduler stopping a healthy task below minimumHealthyPercent, but not a crash', () => {
    const stop = (code: Task['stopCode'], reason: string) => doctored((s) => { Object.assign(live(s)[0]!, { desiredStatus: 'STOPPED', lastStatus: 'DEACTIVATING', stopCode: code, stoppedReason: reason }); });
    let tracker = new RolloutTracker();
    tracker.observe(new SnapshotIndex(base));
    expect(tracker.observe(new SnapshotIndex(stop('ServiceSchedulerInitiated', 'Scaling activity initiated by (deployment ecs-svc/1)'))).map((v) => v.invariant)).toContain('I6');
    tracker = new RolloutTracker();
    tracker.observe(new SnapshotIndex(base));
    expect(tracker.observe(new SnapshotIndex(stop('EssentialContainerExited', 'Essential container in task exited')))).toEqual([]);
  });

  it('I7: a task placed on a DRAINING instance', () => {
    const draining = doctored((s) => { s.containerInstances[0]!.status = 'DRAINING'; });
    const tracker = new RolloutTracker();
    tracker.observe(new SnapshotIndex(draining));
    const next = structuredClone(draining);
    next.tasks.push({ ...structuredClone(live(next)[0]!), taskArn: 'arn:aws:ecs:us-east-1:123456789012:task/demo/new', lastStatus: 'PENDING', desiredStatus: 'RUNNING' });
    expect(tracker.observe(new SnapshotIndex(next)).map((v) => v.invariant)).toContain('I7');
  });

  it('steady state: two deployments, or a task short, are not steady', () => {
    expect(steadyStateProblems(new SnapshotIndex(doctored((s) => { s.services[0]!.deployments.push({ ...s.services[0]!.deployments[0]!, status: 'ACTIVE' }); })))).not.toEqual([]);
    expect(steadyStateProblems(new SnapshotIndex(doctored((s) => { live(s)[0]!.lastStatus = 'STOPPED'; })))).not.toEqual([]);
  });
});
