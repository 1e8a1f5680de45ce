/**
 * The capacity swarm (issue 6): one seed's capacity world (capacity-world.ts) built from 0
 * instances through the public engine API — a launch template, an Auto Scaling group, a capacity
 * provider with managed scaling and managed termination protection, FARGATE and FARGATE_SPOT — then
 * a random walk of operations and faults: scaling services, new revisions, StopTask, instance
 * failures (sim:TerminateInstance), Fargate Spot interruptions and capacity outages, disconnected
 * agents, draining. The shared invariants (invariants.ts) and the capacity ones
 * (capacity-invariants.ts) are checked after every step; once the faults stop every service and the
 * group must settle. `SEED=<n>` replays a run exactly (capacity.swarm.test.ts).
 */
import { capacitySteadyProblems, CapacityTracker } from './capacity-invariants.ts';
import { ASG_NAME, capacityServiceRequest, drawCapacityWorld, PROVIDER, type CapacityWorld } from './capacity-world.ts';
import { SnapshotIndex, steadyStateProblems, type Violation } from './invariants.ts';
import { fmt, runPhases, SwarmBase, type SwarmFailureInfo } from './swarm-base.ts';
import { Budget, capacityOf, CLUSTER, taskDefinitionRequest, type ServiceSpec } from './world.ts';

export interface CapacitySwarmOptions {
  seed: number;
  chaosMs?: number;
  convergeMs?: number;
  checkEveryMs?: number;
}

export interface CapacitySwarmOutcome {
  seed: number;
  chaosMs: number;
  checkEveryMs: number;
  ok: boolean;
  failure?: SwarmFailureInfo;
  log: string[];
  world: CapacityWorld;
  stats: { steps: number; checks: number; virtualMs: number; faults: number; maxInstances: number; convergedAfterMs?: number };
}

export function runCapacitySwarm(options: CapacitySwarmOptions): CapacitySwarmOutcome {
  const run = new CapacitySwarmRun(options);
  return runPhases(run, [() => run.setup(), () => run.chaos(), () => run.converge()]);
}

class CapacitySwarmRun extends SwarmBase {
  readonly world: CapacityWorld;
  /** EC2 instances the swarm itself failed (their tasks may stop by termination). */
  private readonly killed = new Set<string>();
  private readonly capacityTracker = new CapacityTracker(this.killed);
  private budget!: Budget;
  private maxInstances = 0;

  constructor(options: CapacitySwarmOptions) {
    super(options.seed, options.checkEveryMs ?? 30_000, options.chaosMs ?? 20 * 60_000, options.convergeMs ?? 2 * 3_600_000);
    this.world = drawCapacityWorld(this.prng);
  }

  protected override extraChecks(index: SnapshotIndex): Violation[] {
    this.maxInstances = Math.max(this.maxInstances, index.snap.containerInstances.length);
    return this.capacityTracker.observe(index);
  }

  protected dump(index: SnapshotIndex): string[] {
    const snap = index.snap;
    const lines = (snap.autoScalingGroups ?? []).map((g) => `${g.AutoScalingGroupName} min=${g.MinSize} desired=${g.DesiredCapacity} max=${g.MaxSize} [${g.Instances.map((i) => `${i.InstanceId}:${i.LifecycleState}${i.ProtectedFromScaleIn ? '+p' : ''}`).join(' ')}]`);
    for (const cp of snap.capacityProviders ?? []) if (cp.reservation !== undefined) lines.push(`${cp.name} reservation=${cp.reservation.value} M=${cp.reservation.instancesNeeded} N=${cp.reservation.runningInstances} waiting=${cp.reservation.provisioningTasks}`);
    for (const service of snap.services) {
      lines.push(`${service.serviceName} ${service.status} desired=${service.desiredCount} running=${service.runningCount} pending=${service.pendingCount} [${service.deployments.map((d) => `${d.status} ${d.rolloutState} r=${d.runningCount} p=${d.pendingCount}`).join(' | ')}]`);
      for (const task of index.serviceTasks(service)) {
        if (task.lastStatus === 'STOPPED') continue;
        lines.push(`    ${task.taskArn.slice(-8)} ${task.lastStatus}/${task.desiredStatus} ${task.capacityProviderName ?? ''} ${task.containerInstanceArn?.slice(-8) ?? task.availabilityZone}`);
      }
    }
    return lines;
  }

  outcome(): CapacitySwarmOutcome {
    return { ...this.commonOutcome(), world: this.world, stats: { ...this.commonStats(), maxInstances: this.maxInstances } };
  }

  setup(): void {
    const { world } = this;
    this.call('ecs:CreateCluster', { clusterName: CLUSTER });
    this.call('ec2:CreateLaunchTemplate', {
      LaunchTemplateName: 'swarm-template',
      LaunchTemplateData: { InstanceType: world.instanceType, UserData: `#!/bin/bash\necho ECS_CLUSTER=${CLUSTER} >> /etc/ecs/ecs.config` },
    });
    this.call('autoscaling:CreateAutoScalingGroup', {
      AutoScalingGroupName: ASG_NAME,
      LaunchTemplate: { LaunchTemplateName: 'swarm-template', Version: '$Latest' },
      MinSize: 0,
      MaxSize: world.maxSize,
      DesiredCapacity: 0,
      VPCZoneIdentifier: world.zones.map((z) => `subnet-${z}`).join(','),
      NewInstancesProtectedFromScaleIn: true,
    });
    this.call('ecs:CreateCapacityProvider', {
      name: PROVIDER,
      autoScalingGroupProvider: {
        autoScalingGroupArn: `\${autoScalingGroup:${ASG_NAME}}`,
        managedScaling: { status: 'ENABLED', targetCapacity: world.targetCapacity },
        managedTerminationProtection: 'ENABLED',
        managedDraining: world.managedDraining,
      },
    });
    this.call('ecs:PutClusterCapacityProviders', {
      cluster: CLUSTER,
      capacityProviders: [PROVIDER, 'FARGATE', 'FARGATE_SPOT'],
      defaultCapacityProviderStrategy: [{ capacityProvider: PROVIDER, weight: 1 }],
    });
    this.budget = new Budget(capacityOf([{ instanceType: world.instanceType, count: world.maxSize, zones: world.zones }]));
    for (const service of world.services) this.budget.draw(this.prng, service, service.desired);
    for (const service of world.services) {
      this.call('ecs:RegisterTaskDefinition', taskDefinitionRequest(service));
      this.call('ecs:CreateService', capacityServiceRequest(world, service));
    }
  }

  chaos(): void {
    const end = this.nowMs + this.chaosMs;
    while (this.nowMs < end) this.randomOperation();
  }

  private randomOperation(): void {
    const roll = this.prng.int(0, 100);
    if (roll < 55) return this.wait(this.prng.int(1, 91) * 1000);
    const service = this.prng.pick(this.world.services);
    if (roll < 65) return this.scale(service);
    if (roll < 70) return this.newRevision(service);
    if (roll < 75) return this.stopTask(service);
    if (roll < 80) return this.terminateInstance();
    if (roll < 85) return this.interruptSpot();
    if (roll < 88) return this.toggleSpotCapacity();
    if (roll < 92) return this.disconnectAgent();
    if (roll < 95) return this.reconnectAgents();
    if (roll < 98) return this.drainInstance();
    return this.activateInstances();
  }

  private scale(service: ServiceSpec): void {
    this.budget.release(service);
    service.desired = this.budget.draw(this.prng, service, this.prng.int(0, 11));
    this.call('ecs:UpdateService', { cluster: CLUSTER, service: service.name, desiredCount: service.desired });
  }

  private newRevision(service: ServiceSpec): void {
    service.tag += 1;
    this.call('ecs:RegisterTaskDefinition', taskDefinitionRequest(service));
    this.call('ecs:UpdateService', { cluster: CLUSTER, service: service.name, taskDefinition: `${service.family}:${service.tag}` });
  }

  private stopTask(service: ServiceSpec): void {
    const running = this.last.snap.tasks.filter((t) => t.group === `service:${service.name}` && t.lastStatus === 'RUNNING' && t.desiredStatus === 'RUNNING');
    if (running.length === 0) return this.wait(5_000);
    this.faults++;
    this.call('ecs:StopTask', { cluster: CLUSTER, task: this.prng.pick(running).taskArn, reason: 'swarm fault: StopTask' });
  }

  private terminateInstance(): void {
    const running = (this.last.snap.ec2Instances ?? []).filter((i) => i.State.Name === 'running');
    if (running.length === 0) return this.wait(5_000);
    const target = this.prng.pick(running);
    this.faults++;
    this.killed.add(target.InstanceId);
    this.call('sim:TerminateInstance', { instanceId: target.InstanceId });
  }

  private interruptSpot(): void {
    const spot = this.last.snap.tasks.filter((t) => t.capacityProviderName === 'FARGATE_SPOT' && t.lastStatus === 'RUNNING' && t.desiredStatus === 'RUNNING');
    if (spot.length === 0) return this.wait(5_000);
    this.faults++;
    this.call('sim:InterruptSpot', { cluster: CLUSTER, tasks: [this.prng.pick(spot).taskArn] });
  }

  private toggleSpotCapacity(): void {
    this.faults++;
    this.call('sim:SetSpotMarket', { fargateSpotCapacityAvailable: this.prng.int(0, 2) === 0 });
  }

  private disconnectAgent(): void {
    const connected = this.last.snap.containerInstances.filter((ci) => ci.agentConnected && ci.status === 'ACTIVE');
    // Keep most of the capacity reachable: at most one agent in three disconnected.
    const disconnected = this.last.snap.containerInstances.length - connected.length;
    if (connected.length === 0 || (disconnected + 1) * 3 > this.last.snap.containerInstances.length) return this.wait(5_000);
    this.faults++;
    this.call('sim:DisconnectAgent', { cluster: CLUSTER, containerInstance: this.prng.pick(connected).containerInstanceArn });
  }

  private reconnectAgents(): void {
    // A DEREGISTERING instance has no agent either, but nothing to reconnect: its host is gone.
    const disconnected = this.last.snap.containerInstances.filter((ci) => !ci.agentConnected && ci.status !== 'DEREGISTERING');
    if (disconnected.length === 0) return this.wait(5_000);
    for (const ci of disconnected) this.call('sim:ReconnectAgent', { cluster: CLUSTER, containerInstance: ci.containerInstanceArn });
  }

  private drainInstance(): void {
    const snap = this.last.snap;
    const active = snap.containerInstances.filter((ci) => ci.status === 'ACTIVE');
    const draining = snap.containerInstances.length - active.length;
    if (active.length === 0 || (draining + 1) * 3 > snap.containerInstances.length) return this.wait(5_000);
    this.faults++;
    this.call('ecs:UpdateContainerInstancesState', { cluster: CLUSTER, containerInstances: [this.prng.pick(active).containerInstanceArn], status: 'DRAINING' });
  }

  private activateInstances(): void {
    const draining = this.last.snap.containerInstances.filter((ci) => ci.status === 'DRAINING');
    if (draining.length === 0) return this.wait(5_000);
    this.call('ecs:UpdateContainerInstancesState', { cluster: CLUSTER, containerInstances: draining.slice(0, 10).map((ci) => ci.containerInstanceArn), status: 'ACTIVE' });
  }

  converge(): void {
    this.call('sim:SetSpotMarket', { fargateSpotCapacityAvailable: true });
    this.reconnectAgents();
    this.activateInstances();
    const start = this.nowMs;
    let problems: string[] = [];
    while (this.nowMs - start <= this.convergeMs) {
      problems = [...steadyStateProblems(this.last), ...capacitySteadyProblems(this.last, this.world)];
      if (problems.length === 0) {
        this.convergedAfterMs ??= this.nowMs - start;
        this.wait(5 * 60_000);
        // Services must stay steady; the group may still move (managed scaling scales in what is
        // empty only after 15 low minutes), so its problems send the run back to waiting.
        const services = steadyStateProblems(this.last);
        if (services.length > 0) this.fail(services.map((p) => `after steady state was reached: ${p}`));
        if (capacitySteadyProblems(this.last, this.world).length === 0) return;
        continue;
      }
      this.wait(30_000);
    }
    this.fail(problems.map((p) => `not steady ${fmt(this.convergeMs)} after the faults stopped: ${p}`));
  }
}

/** A failure report: the seed, how to replay it, the violations and the last steps. */
export function describeCapacityFailure(outcome: CapacitySwarmOutcome, lastSteps = 25): string {
  const f = outcome.failure!;
  const { strategies, services, ...rest } = outcome.world;
  return [
    `capacity swarm seed ${outcome.seed} failed at step ${f.step}, t=${fmt(f.timeMs)} — replay: SEED=${outcome.seed} npx vitest run --project swarm test/swarm/capacity.swarm.test.ts`,
    ...f.violations.map((v) => (typeof v === 'string' ? `  ${v}` : `  [${v.invariant}] ${v.message}`)),
    'state at that step:',
    ...(f.services ?? []).map((line) => `  ${line}`),
    `world: ${JSON.stringify({ ...rest, services: services.map((s) => `${s.name} ${s.shape} desired=${s.desired} ${s.minPct}/${s.maxPct} cpu=${s.cpu} mem=${s.memory}${strategies.has(s.name) ? ` ${JSON.stringify(strategies.get(s.name))}` : ''}`) })}`,
    `last ${Math.min(lastSteps, outcome.log.length)} steps:`,
    ...outcome.log.slice(-lastSteps).map((line) => `  ${line}`),
  ].join('\n');
}
