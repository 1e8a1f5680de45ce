/**
 * The autoscaling swarm (issue 7): one seed's world (autoscaling-world.ts) built through the public
 * engine API — cluster with Container Insights, Fargate or an Auto Scaling group capacity provider,
 * an ALB, services with scalable targets, target tracking (CPU, memory, ALBRequestCountPerTarget,
 * SQS backlog per task as metric math), step policies on learner alarms, scheduled actions, an SQS
 * queue with a worker service — then a random walk: traffic patterns (sim:SetTraffic), service load
 * (sim:SetServiceLoad), message bursts (sim:SendMessages), purges, new revisions (deployments),
 * desired count changes, new bounds and suspend flags (RegisterScalableTarget), policies deleted
 * and put back, bad images (sim:SetImageBehavior unhealthy / crashAfter). The shared invariants
 * (invariants.ts) and the autoscaling ones (autoscaling-invariants.ts) are checked after every step
 * and every 30 virtual seconds; then the load is held steady and every service must settle
 * (autoscalingSteadyProblems). `SEED=<n>` replays a run exactly (autoscaling.swarm.test.ts).
 */
import type { Snapshot } from '../../workers/protocol.ts';
import { AutoscalingTracker, MINUTE_MS, type SqsLedger } from './autoscaling-invariants.ts';
import { ASG_NAME, drawAutoscalingWorld, INSTANCE_TYPE, PROVIDER, QUEUE, QUEUE_ARN, QUEUE_URL, WORKER_ROLE, type AutoscalingWorld, type ScaledService, type TrackedMetric } from './autoscaling-world.ts';
import { SnapshotIndex, steadyStateProblems, type Violation } from './invariants.ts';
import { fmt, runPhases, SwarmBase, type SwarmFailureInfo } from './swarm-base.ts';
import { ALB_NAME, CLUSTER, createServiceRequest, image, taskDefinitionRequest } from './world.ts';

export interface AutoscalingSwarmOptions {
  seed: number;
  chaosMs?: number;
  convergeMs?: number;
  checkEveryMs?: number;
  /** Keep the final snapshot's JSON in the outcome (the determinism check). */
  keepFinalJson?: boolean;
  /** Check A8 (largest capacity wins at one instant; autoscaling-invariants.ts). Default true. */
  checkA8?: boolean;
}

export interface AutoscalingSwarmOutcome {
  seed: number;
  chaosMs: number;
  checkEveryMs: number;
  ok: boolean;
  failure?: SwarmFailureInfo;
  log: string[];
  world: AutoscalingWorld;
  stats: { steps: number; checks: number; virtualMs: number; faults: number; activities: number; messages: number; convergedAfterMs?: number };
  finalJson?: string;
}

/** Convergence: each service's desired count unchanged for this long (more than the 15 minutes a target tracking AlarmLow needs, plus its 5-minute cooldown). */
export const STABLE_MS = 21 * MINUTE_MS;
/**
 * Tolerance of the CPU check, in percentage points. Target tracking scales out after 3 datapoints
 * above the target and proposes ceil(n × metric / target) tasks, so at rest the metric is ≤ the
 * target; the load model's figures are exact (constant traffic, the load shared equally), so the
 * only slack needed is the published datapoint's rounding: 0.5 points.
 */
export const CPU_TOLERANCE = 0.5;
const EPOCH_S = Date.parse('2026-01-01T00:00:00Z') / 1000;

export function runAutoscalingSwarm(options: AutoscalingSwarmOptions): AutoscalingSwarmOutcome {
  const run = new AutoscalingSwarmRun(options);
  return runPhases(run, [() => run.setup(), () => run.chaos(), () => run.converge(), () => run.finish()]);
}

const TARGET = (name: string) => ({ ServiceNamespace: 'ecs', ScalableDimension: 'ecs:service:DesiredCount', ResourceId: `service/${CLUSTER}/${name}` });

class AutoscalingSwarmRun extends SwarmBase {
  readonly world: AutoscalingWorld;
  private readonly ledger: SqsLedger = { sent: 0, purged: 0, bursts: [] };
  private readonly tracker7: AutoscalingTracker;
  private readonly keepFinalJson: boolean;
  private finalJson?: string;
  private lbLabel = '';
  private readonly tgLabels = new Map<string, string>();
  /** Live policies by service and metric (step: 'step'), with their ARNs. */
  private readonly policies = new Map<string, Map<TrackedMetric | 'step', string>>();
  /** Images made to misbehave, to heal when the faults stop. */
  private readonly badImages = new Set<string>();
  private lastPurgeMs = -Infinity;
  private activityIds = new Set<string>();
  /** Per service with a CPU target tracking policy: the count its steady load settles at (converge). */
  private readonly steadyCount = new Map<string, number>();

  constructor(options: AutoscalingSwarmOptions) {
    super(options.seed, options.checkEveryMs ?? 30_000, options.chaosMs ?? 40 * MINUTE_MS, options.convergeMs ?? 2 * 3_600_000);
    this.world = drawAutoscalingWorld(this.prng, this.chaosMs);
    this.tracker7 = new AutoscalingTracker(CLUSTER, this.ledger, 10, options.checkA8 ?? true);
    this.keepFinalJson = options.keepFinalJson ?? false;
  }

  protected override extraChecks(index: SnapshotIndex): Violation[] {
    for (const a of index.snap.serviceScalingActivities ?? []) this.activityIds.add(a.ActivityId);
    return this.tracker7.observe(index);
  }

  /** Waits cut at the clock's half minutes, so that checks fall on minute starts (A6 needs them). */
  protected override wait(ms: number): void {
    this.stepNo++;
    this.log.push(`#${this.stepNo} t=${fmt(this.nowMs)} wait ${fmt(ms)}`);
    const end = this.nowMs + ms;
    while (this.nowMs < end) {
      const next = Math.min(end, (Math.floor(this.nowMs / this.checkEveryMs) + 1) * this.checkEveryMs);
      this.engine.advance(next - this.nowMs);
      this.nowMs = next;
      this.check();
    }
  }

  protected dump(index: SnapshotIndex): string[] {
    const snap = index.snap;
    const lines: string[] = [];
    const targets = new Map((snap.scalableTargets ?? []).map((t) => [t.ResourceId, t]));
    for (const service of snap.services) {
      const t = targets.get(`service/${CLUSTER}/${service.serviceName}`);
      const flags = t === undefined ? '' : Object.entries(t.SuspendedState).filter(([, on]) => on).map(([f]) => f).join(',');
      lines.push(
        `${service.serviceName} ${service.status} desired=${service.desiredCount} running=${service.runningCount} pending=${service.pendingCount} target=${t === undefined ? 'none' : `[${t.MinCapacity}, ${t.MaxCapacity}]${flags === '' ? '' : ` suspended ${flags}`}`} [${service.deployments.map((d) => `${d.status} ${d.rolloutState} r=${d.runningCount} p=${d.pendingCount}`).join(' | ')}]`,
      );
      const cpu = snap.metrics?.find((m) => m.Namespace === 'AWS/ECS' && m.MetricName === 'CPUUtilization' && m.Dimensions.some((d) => d.Value === service.serviceName));
      if (cpu !== undefined) lines.push(`    CPUUtilization last 5: ${cpu.points.slice(-5).map((p) => p.v).join(', ')}`);
    }
    for (const p of snap.serviceScalingPolicies ?? []) lines.push(`policy ${p.PolicyName} ${p.PolicyType} ${p.ResourceId} alarms ${p.Alarms.map((a) => a.AlarmName).join(', ')}`);
    for (const a of snap.alarms ?? []) lines.push(`alarm ${a.AlarmName} ${a.StateValue} threshold ${a.Threshold}`);
    for (const q of snap.queues ?? []) lines.push(`queue ${q.QueueName} visible=${q.Attributes.ApproximateNumberOfMessages} inFlight=${q.Attributes.ApproximateNumberOfMessagesNotVisible} delayed=${q.Attributes.ApproximateNumberOfMessagesDelayed} sent(swarm)=${this.ledger.sent} purged(swarm)=${this.ledger.purged}`);
    for (const a of (snap.serviceScalingActivities ?? []).slice(0, 8)) lines.push(`activity ${a.StartTime} ${a.ResourceId} ${a.StatusCode} ${a.Description} — ${a.Cause}`);
    return lines;
  }

  outcome(): AutoscalingSwarmOutcome {
    return {
      ...this.commonOutcome(),
      world: this.world,
      stats: { ...this.commonStats(), activities: this.activityIds.size, messages: this.ledger.sent },
      // On a failure, the snapshot at the failing step (for digging).
      ...(this.keepFinalJson ? { finalJson: this.finalJson ?? JSON.stringify(this.engine.snapshot()) } : {}),
    };
  }

  // -------------------------------------------------------------------------------------------
  // Setup
  // -------------------------------------------------------------------------------------------

  setup(): void {
    const { world } = this;
    this.call('ecs:CreateCluster', { clusterName: CLUSTER, settings: [{ name: 'containerInsights', value: 'enabled' }] });
    if (world.capacity === 'EC2') this.buildGroup();
    if (world.services.some((s) => s.spec.withLb)) {
      const lbArn: string = this.call('elbv2:CreateLoadBalancer', { Name: ALB_NAME, Subnets: world.zones.map((z) => `subnet-${z}`), Type: 'application' }).LoadBalancers[0].LoadBalancerArn;
      this.lbLabel = lbArn.slice(lbArn.indexOf(':loadbalancer/') + ':loadbalancer/'.length);
      this.lbArn = lbArn;
    }
    this.call('sqs:CreateQueue', { QueueName: QUEUE, Attributes: { VisibilityTimeout: String(world.visibilityTimeoutSeconds) } });
    this.call('iam:CreateRole', {
      RoleName: WORKER_ROLE,
      AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
    });
    this.call('iam:PutRolePolicy', {
      RoleName: WORKER_ROLE,
      PolicyName: 'work-off-jobs',
      PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'], Resource: QUEUE_ARN }] },
    });
    for (const service of world.services) this.buildService(service);
  }

  private lbArn = '';

  private buildGroup(): void {
    this.call('ec2:CreateLaunchTemplate', {
      LaunchTemplateName: 'auto-template',
      LaunchTemplateData: { InstanceType: INSTANCE_TYPE, UserData: `#!/bin/bash\necho ECS_CLUSTER=${CLUSTER} >> /etc/ecs/ecs.config` },
    });
    this.call('autoscaling:CreateAutoScalingGroup', {
      AutoScalingGroupName: ASG_NAME,
      LaunchTemplate: { LaunchTemplateName: 'auto-template', Version: '$Latest' },
      MinSize: 0,
      MaxSize: this.world.maxSize,
      DesiredCapacity: 0,
      VPCZoneIdentifier: this.world.zones.map((z) => `subnet-${z}`).join(','),
      NewInstancesProtectedFromScaleIn: true,
    });
    this.call('ecs:CreateCapacityProvider', {
      name: PROVIDER,
      autoScalingGroupProvider: {
        autoScalingGroupArn: `\${autoScalingGroup:${ASG_NAME}}`,
        managedScaling: { status: 'ENABLED', targetCapacity: 100 },
        managedTerminationProtection: 'ENABLED',
      },
    });
    this.call('ecs:PutClusterCapacityProviders', { cluster: CLUSTER, capacityProviders: [PROVIDER], defaultCapacityProviderStrategy: [{ capacityProvider: PROVIDER, weight: 1 }] });
  }

  private taskDefinition(service: ScaledService): Record<string, unknown> {
    const request = taskDefinitionRequest(service.spec);
    if (!service.worker) return request;
    const container = (request.containerDefinitions as Record<string, unknown>[])[0]!;
    container.environment = [
      { name: 'REVISION', value: String(service.spec.tag) },
      { name: 'QUEUE_URL', value: QUEUE_URL },
      { name: 'MESSAGE_PROCESSING_SECONDS', value: String(service.processingSeconds) },
    ];
    return { ...request, taskRoleArn: `arn:aws:iam::123456789012:role/${WORKER_ROLE}` };
  }

  private buildService(service: ScaledService): void {
    const { spec } = service;
    this.call('ecs:RegisterTaskDefinition', this.taskDefinition(service));
    if (spec.withLb) {
      const tg = this.call('elbv2:CreateTargetGroup', {
        Name: `${spec.name}-tg`,
        Protocol: 'HTTP',
        Port: spec.containerPort,
        VpcId: 'vpc-default',
        TargetType: spec.shape === 'fargate' ? 'ip' : 'instance',
        HealthCheckIntervalSeconds: 10,
        HealthyThresholdCount: 2,
      }).TargetGroups[0].TargetGroupArn as string;
      spec.targetGroupArn = tg;
      this.tgLabels.set(spec.name, `${this.lbLabel}/${tg.slice(tg.lastIndexOf(':') + 1)}`);
      this.call('elbv2:ModifyTargetGroupAttributes', { TargetGroupArn: tg, Attributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: '30' }] });
      this.call('elbv2:CreateListener', { LoadBalancerArn: this.lbArn, Protocol: 'HTTP', Port: spec.listenerPort, DefaultActions: [{ Type: 'forward', TargetGroupArn: tg }] });
    }
    spec.desired = this.prng.int(service.min, service.max + 1);
    const request = createServiceRequest(spec, this.world.zones);
    if (this.world.capacity === 'EC2') delete request.launchType;
    this.call('ecs:CreateService', request);
    this.call('application-autoscaling:RegisterScalableTarget', { ...TARGET(spec.name), MinCapacity: service.min, MaxCapacity: service.max });
    for (const metric of service.tracking.keys()) this.putTracking(service, metric);
    if (service.step !== undefined) this.putStep(service);
    for (const s of service.scheduled) {
      this.call('application-autoscaling:PutScheduledAction', {
        ...TARGET(spec.name),
        ScheduledActionName: s.name,
        Schedule: s.schedule,
        // Recurring actions stop with the chaos phase: the converge phase must see no bounds move.
        ...(s.schedule.startsWith('at(') ? {} : { EndTime: EPOCH_S + this.chaosMs / 1000 }),
        ScalableTargetAction: { ...(s.min === undefined ? {} : { MinCapacity: s.min }), ...(s.max === undefined ? {} : { MaxCapacity: s.max }) },
      });
    }
    if (!service.worker) this.call('sim:SetServiceLoad', { cluster: CLUSTER, service: spec.name, cpuUnits: this.prng.int(0, 256 * service.max), memoryMiB: this.prng.int(0, 256 * service.max) });
  }

  private policiesOf(name: string): Map<TrackedMetric | 'step', string> {
    let map = this.policies.get(name);
    if (map === undefined) this.policies.set(name, (map = new Map()));
    return map;
  }

  private trackingConfig(service: ScaledService, metric: TrackedMetric): Record<string, unknown> {
    const TargetValue = service.tracking.get(metric)!;
    const cooldowns = this.prng.int(0, 2) === 0 ? {} : { ScaleOutCooldown: this.prng.pick([0, 60, 300]), ScaleInCooldown: this.prng.pick([0, 120, 300]) };
    switch (metric) {
      case 'cpu':
        return { TargetValue, PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' }, ...cooldowns };
      case 'memory':
        return { TargetValue, PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageMemoryUtilization' }, ...cooldowns };
      case 'alb':
        return { TargetValue, PredefinedMetricSpecification: { PredefinedMetricType: 'ALBRequestCountPerTarget', ResourceLabel: this.tgLabels.get(service.spec.name) }, ...cooldowns };
      case 'backlog':
        return {
          TargetValue,
          ...cooldowns,
          CustomizedMetricSpecification: {
            Metrics: [
              { Id: 'm1', MetricStat: { Metric: { Namespace: 'AWS/SQS', MetricName: 'ApproximateNumberOfMessagesVisible', Dimensions: [{ Name: 'QueueName', Value: QUEUE }] }, Stat: 'Sum' }, ReturnData: false },
              {
                Id: 'm2',
                MetricStat: { Metric: { Namespace: 'ECS/ContainerInsights', MetricName: 'RunningTaskCount', Dimensions: [{ Name: 'ClusterName', Value: CLUSTER }, { Name: 'ServiceName', Value: service.spec.name }] }, Stat: 'Average' },
                ReturnData: false,
              },
              { Id: 'e1', Expression: 'm1 / m2', Label: 'backlog per task', ReturnData: true },
            ],
          },
        };
    }
  }

  private putTracking(service: ScaledService, metric: TrackedMetric): void {
    const response = this.call('application-autoscaling:PutScalingPolicy', {
      ...TARGET(service.spec.name),
      PolicyName: `${service.spec.name}-${metric}`,
      PolicyType: 'TargetTrackingScaling',
      TargetTrackingScalingPolicyConfiguration: this.trackingConfig(service, metric),
    });
    this.policiesOf(service.spec.name).set(metric, response.PolicyARN);
  }

  private putStep(service: ScaledService): void {
    const step = service.step!;
    const name = service.spec.name;
    const response = this.call('application-autoscaling:PutScalingPolicy', {
      ...TARGET(name),
      PolicyName: `${name}-step-out`,
      PolicyType: 'StepScaling',
      StepScalingPolicyConfiguration: { AdjustmentType: 'ChangeInCapacity', StepAdjustments: [{ MetricIntervalLowerBound: 0, ScalingAdjustment: step.adjustment }], Cooldown: this.prng.pick([60, 120, 300]) },
    });
    this.policiesOf(name).set('step', response.PolicyARN);
    this.call('cloudwatch:PutMetricAlarm', {
      AlarmName: `${name}-cpu-high`,
      Namespace: 'AWS/ECS',
      MetricName: 'CPUUtilization',
      Dimensions: [{ Name: 'ClusterName', Value: CLUSTER }, { Name: 'ServiceName', Value: name }],
      Statistic: 'Average',
      Period: 60,
      EvaluationPeriods: 2,
      Threshold: step.threshold,
      ComparisonOperator: 'GreaterThanThreshold',
      AlarmActions: [response.PolicyARN],
    });
  }

  // -------------------------------------------------------------------------------------------
  // Chaos
  // -------------------------------------------------------------------------------------------

  chaos(): void {
    const end = this.nowMs + this.chaosMs;
    while (this.nowMs < end) this.randomOperation();
  }

  private randomOperation(): void {
    const roll = this.prng.int(0, 100);
    if (roll < 35) return this.wait(this.prng.int(1, 121) * 1000);
    const service = this.prng.pick(this.world.services);
    if (roll < 45) return this.traffic();
    if (roll < 57) return this.serviceLoad(service);
    if (roll < 65) return this.sendMessages();
    if (roll < 67) return this.purge();
    if (roll < 72) return this.newRevision(service);
    if (roll < 76) return this.setDesired(service);
    if (roll < 82) return this.newBounds(service);
    if (roll < 86) return this.toggleSuspension(service);
    if (roll < 92) return this.deleteOrPutPolicy(service);
    if (roll < 97) return this.imageFault(service);
    return this.wait(this.prng.int(2, 7) * MINUTE_MS);
  }

  private randomPattern(): Record<string, unknown> {
    const rate = () => this.prng.int(0, 401);
    switch (this.prng.int(0, 4)) {
      case 0:
        return { type: 'constant', requestsPerSecond: rate() };
      case 1:
        return { type: 'ramp', from: rate(), to: rate(), durationSeconds: this.prng.int(60, 1201) };
      case 2:
        return { type: 'spike', base: rate(), height: rate(), durationSeconds: this.prng.int(60, 601), startSeconds: this.prng.int(0, 301) };
      default: {
        const low = rate();
        return { type: 'dailyWave', low, high: low + rate(), peakHour: this.prng.int(0, 24) };
      }
    }
  }

  private traffic(): void {
    const behind = this.world.services.filter((s) => s.spec.withLb);
    if (behind.length === 0) return this.wait(5_000);
    this.call('sim:SetTraffic', { cluster: CLUSTER, service: this.prng.pick(behind).spec.name, pattern: this.randomPattern() });
  }

  private serviceLoad(service: ScaledService): void {
    this.call('sim:SetServiceLoad', { cluster: CLUSTER, service: service.spec.name, cpuUnits: this.prng.int(0, Math.round(256 * service.max * 1.3)), memoryMiB: this.prng.int(0, 400 * service.max) });
  }

  private sendMessages(): void {
    const count = this.prng.pick([1, 10, 100, 500, 2000]) + this.prng.int(0, 100);
    this.ledger.sent += count;
    this.ledger.bursts.push({ t: this.nowMs, n: count });
    this.call('sim:SendMessages', { queue: QUEUE, count });
  }

  private purge(): void {
    if (this.nowMs - this.lastPurgeMs < MINUTE_MS) return this.wait(5_000);
    const queue = this.last.snap.queues?.find((q) => q.QueueName === QUEUE);
    if (queue === undefined) return this.wait(5_000);
    const n = ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed'].reduce((sum, k) => sum + Number(queue.Attributes[k]), 0);
    this.ledger.purged += n;
    this.lastPurgeMs = this.nowMs;
    this.faults++;
    this.call('sqs:PurgeQueue', { QueueUrl: QUEUE_URL });
  }

  private newRevision(service: ScaledService): void {
    service.spec.tag += 1;
    this.call('ecs:RegisterTaskDefinition', this.taskDefinition(service));
    this.call('ecs:UpdateService', { cluster: CLUSTER, service: service.spec.name, taskDefinition: `${service.spec.family}:${service.spec.tag}` });
  }

  private setDesired(service: ScaledService): void {
    this.call('ecs:UpdateService', { cluster: CLUSTER, service: service.spec.name, desiredCount: this.prng.int(0, service.max + 3) });
  }

  private currentTarget(service: ScaledService) {
    return this.last.snap.scalableTargets?.find((t) => t.ResourceId === `service/${CLUSTER}/${service.spec.name}`);
  }

  private newBounds(service: ScaledService): void {
    // Never above the world's MaxCapacity (the EC2 group is sized for it); the worker keeps ≥ 1 task (backlog per task divides by it).
    const min = this.prng.int(service.worker ? 1 : 0, service.max + 1);
    const max = this.prng.int(Math.max(min, 1), service.max + 1);
    const suspended = this.currentTarget(service)?.SuspendedState;
    this.call('application-autoscaling:RegisterScalableTarget', { ...TARGET(service.spec.name), MinCapacity: min, MaxCapacity: max, ...(suspended === undefined ? {} : { SuspendedState: suspended }) });
  }

  private toggleSuspension(service: ScaledService): void {
    const target = this.currentTarget(service);
    if (target === undefined) return this.wait(5_000);
    const flags = { ...target.SuspendedState };
    const flag = this.prng.pick(['DynamicScalingInSuspended', 'DynamicScalingOutSuspended', 'ScheduledScalingSuspended'] as const);
    flags[flag] = !flags[flag];
    this.call('application-autoscaling:RegisterScalableTarget', { ...TARGET(service.spec.name), MinCapacity: target.MinCapacity, MaxCapacity: target.MaxCapacity, SuspendedState: flags });
  }

  private deleteOrPutPolicy(service: ScaledService): void {
    const live = this.policiesOf(service.spec.name);
    const kinds: (TrackedMetric | 'step')[] = [...service.tracking.keys(), ...(service.step === undefined ? [] : (['step'] as const))];
    if (kinds.length === 0) return this.wait(5_000);
    const kind = this.prng.pick(kinds);
    if (!live.has(kind)) {
      if (kind === 'step') this.putStep(service);
      else this.putTracking(service, kind);
      return;
    }
    const name = kind === 'step' ? `${service.spec.name}-step-out` : `${service.spec.name}-${kind}`;
    this.call('application-autoscaling:DeleteScalingPolicy', { ...TARGET(service.spec.name), PolicyName: name });
    live.delete(kind);
  }

  private imageFault(service: ScaledService): void {
    const img = image(service.spec);
    const behavior = this.prng.pick(['unhealthy', 'crashAfter', 'healthy'] as const);
    if (behavior !== 'healthy') {
      this.badImages.add(img);
      this.faults++;
    }
    this.call('sim:SetImageBehavior', { image: img, behavior, ...(behavior === 'crashAfter' ? { afterSeconds: this.prng.int(30, 601) } : {}) });
  }

  // -------------------------------------------------------------------------------------------
  // Converge
  // -------------------------------------------------------------------------------------------

  /**
   * The faults stop: images heal, each service gets its world's bounds back with no suspend flag and
   * every policy of its world in place, and a steady load. A service with a CPU target tracking
   * policy gets the load that k tasks carry just under the target — demand = target % × 256 ×
   * (k − ½), k drawn strictly between MinCapacity and MaxCapacity — so at rest k tasks run at
   * target × (k − ½) / k and k − 1 would run above it: target tracking must settle at k (exactly k
   * when no other policy governs, since ⌈n × metric / target⌉ = ⌈k − ½⌉ = k from any n, and a count
   * above k sits below 90 % of the target for k < 14, so AlarmLow brings it down).
   */
  converge(): void {
    for (const img of this.badImages) this.call('sim:SetImageBehavior', { image: img, behavior: 'healthy' });
    for (const service of this.world.services) {
      const name = service.spec.name;
      this.call('application-autoscaling:RegisterScalableTarget', {
        ...TARGET(name),
        MinCapacity: service.min,
        MaxCapacity: service.max,
        SuspendedState: { DynamicScalingInSuspended: false, DynamicScalingOutSuspended: false, ScheduledScalingSuspended: false },
      });
      const live = this.policiesOf(name);
      for (const metric of service.tracking.keys()) if (!live.has(metric)) this.putTracking(service, metric);
      const loneStep = service.step !== undefined && !service.tracking.has('cpu');
      if (loneStep && live.has('step')) {
        this.call('application-autoscaling:DeleteScalingPolicy', { ...TARGET(name), PolicyName: `${name}-step-out` });
        live.delete('step');
      }
      if (service.step !== undefined && !loneStep && !live.has('step')) this.putStep(service);
      const cpuTarget = service.tracking.get('cpu');
      if (cpuTarget === undefined) {
        if (service.spec.withLb) this.call('sim:SetTraffic', { cluster: CLUSTER, service: name, pattern: { type: 'constant', requestsPerSecond: this.prng.int(0, 301) } });
        if (!service.worker) this.serviceLoad(service);
        continue;
      }
      // A service at 0 tasks publishes no CPUUtilization, so its alarms stay without data and target
      // tracking never scales it out (no scaling on INSUFFICIENT_DATA, ecs-reference §8; seed 39): start one.
      if (this.last.snap.services.find((s) => s.serviceName === name)?.desiredCount === 0) this.call('ecs:UpdateService', { cluster: CLUSTER, service: name, desiredCount: 1 });
      const k = this.prng.int(service.min + 1, service.max);
      const demand = Math.floor((cpuTarget * 256 * (k - 0.5)) / 100);
      // Traffic costs 2 CPU units per request per second (load/traffic-utilization.ts TRAFFIC_COST): part of the demand may come as requests.
      const rps = service.spec.withLb ? this.prng.int(0, Math.floor(demand / 2) + 1) : 0;
      if (service.spec.withLb) this.call('sim:SetTraffic', { cluster: CLUSTER, service: name, pattern: { type: 'constant', requestsPerSecond: rps } });
      this.call('sim:SetServiceLoad', { cluster: CLUSTER, service: name, cpuUnits: demand - 2 * rps, memoryMiB: 0 });
      this.steadyCount.set(name, k);
    }
    const start = this.nowMs;
    const since = new Map<string, { desired: number; sinceMs: number }>();
    let problems: string[] = [];
    while (this.nowMs - start <= this.convergeMs) {
      this.wait(MINUTE_MS);
      for (const s of this.last.snap.services) {
        const was = since.get(s.serviceName);
        if (was === undefined || was.desired !== s.desiredCount) since.set(s.serviceName, { desired: s.desiredCount, sinceMs: this.nowMs });
      }
      problems = [...steadyStateProblems(this.last), ...this.settleProblems(since)];
      if (problems.length === 0) {
        this.convergedAfterMs = this.nowMs - start;
        return;
      }
    }
    this.fail(problems.map((p) => `not steady ${fmt(this.convergeMs)} after the faults stopped: ${p}`));
  }

  /** Desired counts stable for STABLE_MS; where a CPU target tracking policy governs and the target is not at a bound, CPU ≤ target. */
  private settleProblems(since: Map<string, { desired: number; sinceMs: number }>): string[] {
    const snap = this.last.snap;
    const problems: string[] = [];
    for (const [name, s] of since) {
      if (this.nowMs - s.sinceMs < STABLE_MS) problems.push(`${name}: desired count ${s.desired} only since ${fmt(s.sinceMs)} (stable for ${fmt(STABLE_MS)} wanted)`);
    }
    for (const service of this.world.services) {
      const name = service.spec.name;
      const k = this.steadyCount.get(name);
      const target = snap.scalableTargets?.find((t) => t.ResourceId === `service/${CLUSTER}/${name}`);
      const live = snap.services.find((s) => s.serviceName === name);
      if (k === undefined || target === undefined || live === undefined) continue;
      const goal = service.tracking.get('cpu')!;
      const cpu = lastPoint(snap, 'AWS/ECS', 'CPUUtilization', name);
      const inside = live.desiredCount > target.MinCapacity && live.desiredCount < target.MaxCapacity;
      if (inside && cpu !== undefined && cpu > goal + CPU_TOLERANCE) problems.push(`${name}: CPUUtilization ${cpu} > target ${goal} (+${CPU_TOLERANCE}) at desired ${live.desiredCount} within [${target.MinCapacity}, ${target.MaxCapacity}]`);
      // Only the CPU policy governs: exactly k (see converge). Other policies may only ask for more.
      const onlyCpu = service.tracking.size === 1 && !this.policiesOf(name).has('step');
      if (onlyCpu ? live.desiredCount !== k : live.desiredCount < k) problems.push(`${name}: desired count ${live.desiredCount}, the steady CPU load settles at ${onlyCpu ? '' : 'at least '}${k} (target ${goal} %, CPUUtilization ${cpu})`);
    }
    return problems;
  }

  finish(): void {
    const snap = this.engine.snapshot();
    const violations = this.tracker7.observe(new SnapshotIndex(snap), true);
    if (violations.length > 0) this.fail(violations);
    if (this.keepFinalJson) this.finalJson = JSON.stringify(snap);
  }
}

function lastPoint(snap: Snapshot, namespace: string, metricName: string, service: string): number | undefined {
  const series = snap.metrics?.find((m) => m.Namespace === namespace && m.MetricName === metricName && m.Dimensions.some((d) => d.Name === 'ServiceName' && d.Value === service));
  return series?.points.at(-1)?.v;
}

/** A failure report: the seed, how to replay it, the violations, the state and the last steps. */
export function describeAutoscalingFailure(outcome: AutoscalingSwarmOutcome, lastSteps = 30): string {
  const f = outcome.failure!;
  const { services, ...rest } = outcome.world;
  return [
    `autoscaling swarm seed ${outcome.seed} failed at step ${f.step}, t=${fmt(f.timeMs)} — replay: SEED=${outcome.seed} npx vitest run --project swarm test/swarm/autoscaling.swarm.test.ts`,
    ...f.violations.map((v) => (typeof v === 'string' ? `  ${v}` : `  [${v.invariant}] ${v.message}`)),
    'state at that step:',
    ...(f.services ?? []).map((line) => `  ${line}`),
    `world: ${JSON.stringify({
      ...rest,
      services: services.map(
        (s) =>
          `${s.spec.name} [${s.min}, ${s.max}] ${s.spec.minPct}/${s.spec.maxPct}${s.spec.withLb ? ' alb' : ''} tracking ${JSON.stringify([...s.tracking])}${s.step === undefined ? '' : ` step ${JSON.stringify(s.step)}`} ${s.scheduled.map((x) => `${x.schedule}→${x.min ?? '-'}/${x.max ?? '-'}`).join(' ')}`,
      ),
    })}`,
    `last ${Math.min(lastSteps, outcome.log.length)} steps:`,
    ...outcome.log.slice(-lastSteps).map((line) => `  ${line}`),
  ].join('\n');
}
