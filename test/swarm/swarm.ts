/**
 * The swarm driver: builds one seed's world (world.ts) through the public engine API, then runs a
 * random walk of operations and faults over virtual time, checking the invariants (invariants.ts)
 * after every step; then stops the faults and requires every service to reach steady state within
 * a bound. Everything random comes from the seed (the engine's Prng), so `SEED=<n>` replays a run
 * exactly, step for step.
 *
 * Operations (weighted): wait (1–90 s, checked every `checkEveryMs`), new task definition revision
 * (UpdateService taskDefinition), forceNewDeployment, scale in/out (desiredCount), and faults:
 * drain an instance (UpdateContainerInstancesState DRAINING — the sandbox has no instance
 * termination or DeregisterContainerInstance yet), bring it back ACTIVE, StopTask of a service task,
 * and sim:SetImageBehavior on a running image (unhealthy, crashAfter, crashOnStart), later healed.
 *
 * After the chaos phase: images healthy, instances ACTIVE, and services whose deployment the
 * circuit breaker FAILED get a forceNewDeployment (ECS leaves a FAILED deployment alone until the
 * user acts); then every service must be steady within `convergeMs`.
 */
import { SnapshotIndex, steadyStateProblems } from './invariants.ts';
import { fmt, runPhases, SwarmBase, type SwarmFailureInfo } from './swarm-base.ts';
import { ALB_NAME, Budget, NLB_NAME, capacityOf, CLUSTER, createServiceRequest, DEPLOYMENT_CONFIGS, drawWorld, image, taskDefinitionRequest, usesIpTargets, type ServiceSpec, type WorldSpec } from './world.ts';

export interface SwarmOptions {
  seed: number;
  /** Virtual time of random operations and faults. */
  chaosMs?: number;
  /** Bound on the time every service takes to reach steady state once faults stop. */
  convergeMs?: number;
  /** Waits are cut into slices of at most this much, with the invariants checked after each. */
  checkEveryMs?: number;
}

export interface SwarmOutcome {
  seed: number;
  chaosMs: number;
  checkEveryMs: number;
  ok: boolean;
  /** The first violation (the run stops there), or the convergence failure. */
  failure?: SwarmFailureInfo;
  /** One line per step, for the replay. */
  log: string[];
  world: WorldSpec;
  stats: { steps: number; checks: number; virtualMs: number; deployments: number; faults: number; convergedAfterMs?: number };
}

export function runSwarm(options: SwarmOptions): SwarmOutcome {
  const run = new SwarmRun(options);
  return runPhases(run, [() => run.setup(), () => run.chaos(), () => run.converge()]);
}

class SwarmRun extends SwarmBase {
  readonly world: WorldSpec;
  private deployments = 0;
  private readonly badImages = new Set<string>();
  private budget!: Budget;

  constructor(options: SwarmOptions) {
    super(options.seed, options.checkEveryMs ?? 30_000, options.chaosMs ?? 15 * 60_000, options.convergeMs ?? 2 * 3_600_000);
    this.world = drawWorld(this.prng);
  }

  protected dump(index: SnapshotIndex): string[] {
    return dumpServices(index);
  }

  outcome(): SwarmOutcome {
    return { ...this.commonOutcome(), world: this.world, stats: { ...this.commonStats(), deployments: this.deployments } };
  }

  // -------------------------------------------------------------------------------------------
  // Phases
  // -------------------------------------------------------------------------------------------

  setup(): void {
    const { world } = this;
    this.call('ecs:CreateCluster', { clusterName: CLUSTER });
    for (const group of world.instanceGroups) {
      this.call('sim:AddContainerInstances', { cluster: CLUSTER, instanceType: group.instanceType, count: group.count, availabilityZones: group.zones });
    }
    this.budget = new Budget(capacityOf(world.instanceGroups));
    for (const service of world.services) this.budget.draw(this.prng, service, service.desired);
    const subnets = world.zones.map((z) => `subnet-${z}`);
    const lbArns = new Map<string, string>();
    for (const [type, name] of [['application', ALB_NAME], ['network', NLB_NAME]] as const) {
      if (!world.services.some((s) => s.withLb && s.lbType === type)) continue;
      lbArns.set(type, this.call('elbv2:CreateLoadBalancer', { Name: name, Subnets: subnets, Type: type }).LoadBalancers[0].LoadBalancerArn);
    }
    if (lbArns.has('network')) {
      // An NLB has no security group of its own: its checks come from its addresses in the VPC, which
      // sg-default (members only) keeps out until the VPC CIDR may reach the task ports.
      this.call('ec2:AuthorizeSecurityGroupIngress', { GroupId: 'sg-default', IpPermissions: [{ IpProtocol: 'tcp', FromPort: 1024, ToPort: 65535, IpRanges: [{ CidrIp: '172.31.0.0/16' }] }] });
    }
    for (const service of world.services) {
      this.call('ecs:RegisterTaskDefinition', taskDefinitionRequest(service));
      if (service.withLb) this.createTargetGroup(service, lbArns.get(service.lbType ?? 'application')!);
      this.call('ecs:CreateService', createServiceRequest(service, world.zones));
    }
  }

  private createTargetGroup(service: ServiceSpec, lbArn: string): void {
    const { health } = this.world;
    const tcp = service.lbType === 'network';
    const tg = this.call('elbv2:CreateTargetGroup', {
      Name: `${service.name}-tg`,
      Protocol: tcp ? 'TCP' : 'HTTP',
      Port: service.containerPort,
      VpcId: 'vpc-default',
      TargetType: usesIpTargets(service) ? 'ip' : 'instance',
      // NLB target groups keep elbv2's TCP defaults (30 s, 10 s timeout, 5 / 2).
      ...(tcp
        ? {}
        : {
            HealthCheckIntervalSeconds: health.intervalSeconds,
            HealthCheckTimeoutSeconds: Math.min(5, health.intervalSeconds - 1),
            HealthyThresholdCount: health.healthyThreshold,
            UnhealthyThresholdCount: health.unhealthyThreshold,
          }),
    }).TargetGroups[0];
    service.targetGroupArn = tg.TargetGroupArn;
    this.call('elbv2:ModifyTargetGroupAttributes', {
      TargetGroupArn: tg.TargetGroupArn,
      Attributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: String(health.deregistrationDelaySeconds) }],
    });
    this.call('elbv2:CreateListener', {
      LoadBalancerArn: lbArn,
      Protocol: tcp ? 'TCP' : 'HTTP',
      Port: service.listenerPort,
      DefaultActions: [{ Type: 'forward', TargetGroupArn: tg.TargetGroupArn }],
    });
  }

  chaos(): void {
    const end = this.nowMs + this.chaosMs;
    while (this.nowMs < end) this.randomOperation();
  }

  private randomOperation(): void {
    const roll = this.prng.int(0, 100);
    if (roll < 55) return this.wait(this.prng.int(1, 91) * 1000);
    const service = this.prng.pick(this.world.services);
    if (service.deleted === true) return roll < 60 ? this.recreateService(service) : this.wait(5_000);
    if (roll < 62) return this.newRevision(service);
    if (roll < 66) return this.forceNewDeployment(service);
    if (roll < 73) return this.scale(service);
    if (roll < 75) return this.changeDeploymentConfiguration(service);
    if (roll < 76) return this.deleteService(service);
    if (roll < 80) return this.drainInstance();
    if (roll < 85) return this.activateInstances();
    if (roll < 90) return this.stopTask(service);
    if (roll < 95) return this.breakImage(service);
    return this.healImages();
  }

  /** New minimumHealthyPercent / maximumPercent (and the count they leave room for), mid-flight. */
  private changeDeploymentConfiguration(service: ServiceSpec): void {
    if (service.daemon === true) return this.newRevision(service);
    this.budget.release(service);
    const wanted = service.desired;
    [service.minPct, service.maxPct] = this.prng.pick(DEPLOYMENT_CONFIGS);
    service.desired = this.budget.draw(this.prng, service, wanted);
    this.call('ecs:UpdateService', {
      cluster: CLUSTER,
      service: service.name,
      desiredCount: service.desired,
      deploymentConfiguration: { minimumHealthyPercent: service.minPct, maximumPercent: service.maxPct, ...(service.circuitBreaker === undefined ? {} : { deploymentCircuitBreaker: service.circuitBreaker }) },
    });
  }

  /** DeleteService with force: the service goes DRAINING, its tasks stop, then INACTIVE. */
  private deleteService(service: ServiceSpec): void {
    this.budget.release(service);
    service.desired = 0;
    service.deleted = true;
    this.call('ecs:DeleteService', { cluster: CLUSTER, service: service.name, force: true });
  }

  /** The deleted service comes back under a new name (its old name stays taken while it drains), same target group. */
  private recreateService(service: ServiceSpec): void {
    service.generation = (service.generation ?? 1) + 1;
    service.name = `${service.name.replace(/-\d+$/, '')}-${service.generation}`;
    service.deleted = false;
    service.desired = this.budget.draw(this.prng, service, this.prng.int(0, 9));
    this.call('ecs:CreateService', createServiceRequest(service, this.world.zones));
  }

  private newRevision(service: ServiceSpec): void {
    service.tag += 1;
    // Sometimes the new release is bad from the start.
    if (this.prng.int(0, 4) === 0) this.setBehavior(service, this.badBehavior());
    this.call('ecs:RegisterTaskDefinition', taskDefinitionRequest(service));
    this.call('ecs:UpdateService', { cluster: CLUSTER, service: service.name, taskDefinition: `${service.family}:${service.tag}` });
    this.deployments++;
  }

  private forceNewDeployment(service: ServiceSpec): void {
    this.call('ecs:UpdateService', { cluster: CLUSTER, service: service.name, forceNewDeployment: true });
    this.deployments++;
  }

  private scale(service: ServiceSpec): void {
    if (service.daemon === true) return this.forceNewDeployment(service); // DAEMON has no desiredCount
    this.budget.release(service);
    service.desired = this.budget.draw(this.prng, service, this.prng.int(0, 11));
    this.call('ecs:UpdateService', { cluster: CLUSTER, service: service.name, desiredCount: service.desired });
  }

  private drainInstance(): void {
    const snap = this.last.snap;
    const active = snap.containerInstances.filter((ci) => ci.status === 'ACTIVE');
    const draining = snap.containerInstances.length - active.length;
    // Keep most of the cluster: at most a third drained at once.
    if (active.length === 0 || (draining + 1) * 3 > snap.containerInstances.length) return this.wait(5_000);
    const target = this.prng.pick(active);
    this.faults++;
    this.call('ecs:UpdateContainerInstancesState', { cluster: CLUSTER, containerInstances: [target.containerInstanceArn], status: 'DRAINING' });
  }

  private activateInstances(): void {
    const draining = this.last.snap.containerInstances.filter((ci) => ci.status === 'DRAINING');
    if (draining.length === 0) return this.wait(5_000);
    this.call('ecs:UpdateContainerInstancesState', { cluster: CLUSTER, containerInstances: draining.slice(0, 10).map((ci) => ci.containerInstanceArn), status: 'ACTIVE' });
  }

  private stopTask(service: ServiceSpec): void {
    const running = this.last.snap.tasks.filter((t) => t.group === `service:${service.name}` && t.lastStatus === 'RUNNING' && t.desiredStatus === 'RUNNING');
    if (running.length === 0) return this.wait(5_000);
    this.faults++;
    this.call('ecs:StopTask', { cluster: CLUSTER, task: this.prng.pick(running).taskArn, reason: 'swarm fault: StopTask' });
  }

  private badBehavior(): { behavior: string; afterSeconds?: number } {
    const kind = this.prng.pick(['unhealthy', 'crashAfter', 'crashOnStart']);
    return kind === 'crashAfter' ? { behavior: kind, afterSeconds: this.prng.int(20, 601) } : { behavior: kind };
  }

  private breakImage(service: ServiceSpec): void {
    this.faults++;
    this.setBehavior(service, this.badBehavior());
  }

  private setBehavior(service: ServiceSpec, behavior: { behavior: string; afterSeconds?: number }): void {
    const ref = image(service);
    this.badImages.add(ref);
    this.call('sim:SetImageBehavior', { image: ref, ...behavior });
  }

  private healImages(): void {
    if (this.badImages.size === 0) return this.wait(5_000);
    for (const ref of this.badImages) this.call('sim:SetImageBehavior', { image: ref, behavior: 'healthy' });
    this.badImages.clear();
  }

  converge(): void {
    this.healImages();
    this.activateInstances();
    for (const service of this.last.snap.services) {
      if (service.status === 'ACTIVE' && service.deployments[0]?.rolloutState === 'FAILED') {
        this.call('ecs:UpdateService', { cluster: CLUSTER, service: service.serviceName, forceNewDeployment: true });
      }
    }
    const start = this.nowMs;
    let problems: string[] = [];
    while (this.nowMs - start <= this.convergeMs) {
      problems = steadyStateProblems(this.last);
      if (problems.length === 0) {
        this.convergedAfterMs = this.nowMs - start;
        // Steady must stay steady: one more health-check round and deregistration delay.
        this.wait(5 * 60_000);
        problems = steadyStateProblems(this.last);
        if (problems.length > 0) this.fail(problems.map((p) => `after steady state was reached: ${p}`));
        return;
      }
      this.wait(30_000);
    }
    this.fail(problems.map((p) => `not steady ${fmt(this.convergeMs)} after the faults stopped: ${p}`));
  }
}

/** Each service at the failing step: deployments, and its live tasks by deployment and status. */
function dumpServices(index: SnapshotIndex): string[] {
  const out: string[] = [];
  const tgName = new Map([...index.targetGroups.values()].map((tg) => [tg.TargetGroupArn, tg]));
  for (const service of index.snap.services) {
    const deployments = service.deployments.map((d) => `${d.status}:${d.id.slice(-4)} ${d.taskDefinition.slice(d.taskDefinition.lastIndexOf('/') + 1)} ${d.rolloutState} desired=${d.desiredCount} running=${d.runningCount} pending=${d.pendingCount} failed=${d.failedTasks}`);
    out.push(`${service.serviceName} ${service.status} desired=${service.desiredCount} running=${service.runningCount} pending=${service.pendingCount} ${service.deploymentConfiguration.minimumHealthyPercent}/${service.deploymentConfiguration.maximumPercent} [${deployments.join(' | ')}]`);
    for (const task of index.serviceTasks(service)) {
      if (task.lastStatus === 'STOPPED' && task.stoppedAt !== undefined && index.snap.time - (Date.parse(task.stoppedAt) - Date.parse('2026-01-01T00:00:00.000Z')) > 120_000) continue;
      const targets = service.loadBalancers.map((lb) => {
        const tg = lb.targetGroupArn === undefined ? undefined : tgName.get(lb.targetGroupArn);
        const target = tg === undefined ? undefined : index.targetOf(task, tg, lb.containerName, lb.containerPort);
        const state = target === undefined ? undefined : tg!.targets?.find((d) => d.Target.Id === target.Id && d.Target.Port === target.Port)?.TargetHealth.State;
        return target === undefined ? 'no target' : `${target.Id}:${target.Port} ${state ?? 'unregistered'}`;
      });
      out.push(`    task ${task.taskArn.slice(-8)} ${task.taskDefinitionArn.slice(task.taskDefinitionArn.lastIndexOf('/') + 1)} ${task.startedBy?.slice(-4) ?? ''} ${task.lastStatus}/${task.desiredStatus} health=${task.healthStatus}${task.stopCode ? ` ${task.stopCode}: ${task.stoppedReason}` : ''}${targets.length ? ` [${targets.join(', ')}]` : ''}`);
    }
  }
  return out;
}

export { fmt };

/** A failure report: the seed, how to replay it, the violations and the last steps. */
export function describeFailure(outcome: SwarmOutcome, lastSteps = 25): string {
  const f = outcome.failure!;
  const env = [`SEED=${outcome.seed}`];
  if (outcome.chaosMs !== 15 * 60_000) env.push(`SWARM_CHAOS_MIN=${outcome.chaosMs / 60_000}`);
  if (outcome.checkEveryMs !== 30_000) env.push(`SWARM_CHECK_S=${outcome.checkEveryMs / 1000}`);
  const lines = [
    `swarm seed ${outcome.seed} failed at step ${f.step}, t=${fmt(f.timeMs)} — replay: ${env.join(' ')} npx vitest run --project swarm`,
    ...f.violations.map((v) => (typeof v === 'string' ? `  ${v}` : `  [${v.invariant}] ${v.message}`)),
    'services at that step (tasks stopped over 2 min ago left out):',
    ...(f.services ?? []).map((line) => `  ${line}`),
    `world: ${JSON.stringify({ ...outcome.world, services: outcome.world.services.map((s) => `${s.name} ${s.shape}${s.withLb ? (s.lbType === 'network' ? '+nlb' : '+alb') : ''} desired=${s.desired} ${s.minPct}/${s.maxPct}${s.circuitBreaker ? ` cb${s.circuitBreaker.rollback ? '+rollback' : ''}` : ''}${s.healthCheck ? ' hc' : ''}${s.graceSeconds ? ` grace=${s.graceSeconds}` : ''}${s.daemon ? ' DAEMON' : ''}${s.placementStrategy ? ` ${s.placementStrategy.map((p) => `${p.type}(${p.field ?? ''})`).join(',')}` : ''}${s.distinctInstance ? ' distinctInstance' : ''}${s.deleted ? ' deleted' : ''}`) })}`,
    `last ${Math.min(lastSteps, outcome.log.length)} steps:`,
    ...outcome.log.slice(-lastSteps).map((line) => `  ${line}`),
  ];
  return lines.join('\n');
}
