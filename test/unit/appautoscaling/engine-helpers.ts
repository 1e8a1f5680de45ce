// An engine for the Application Auto Scaling action tests: cluster demo (3 t3.medium), task
// definition web (256 CPU, 512 MiB), service web with `desired` tasks — and a handle on the engine's
// context (captured by a wrapping command table) so a test can put CloudWatch datapoints itself and
// advance minute by minute.
import { COMMANDS } from '../../../workers/engine/commands/index.ts';
import type { EngineContext } from '../../../workers/engine/context.ts';
import { createEngineWith } from '../../../workers/engine/engine.ts';
import { putDatapoint, type MetricId } from '../../../workers/engine/metrics/store.ts';
import type { SandboxEngine, Step, StepResult } from '../../../workers/protocol.ts';

export const MIN = 60_000;

export interface AasWorld {
  engine: SandboxEngine;
  ctx: () => EngineContext;
  /** Dispatch a step that must succeed; its response. */
  run: (step: Step) => Record<string, any>;
  refused: (step: Step) => { code: string; message: string };
  now: () => number;
  /** Put `value` for the next minute boundary of `metric` (a metric nothing else publishes) and advance to it (the minute tick publishes, evaluates, acts there). */
  minute: (value: number | undefined, metric?: MetricId) => void;
  /** Advance to the next minute boundary `n` times. */
  tick: (n?: number) => void;
  /** sim:SetServiceLoad on demo/web (`cpuUnits` shared by its RUNNING tasks of 256 units each). */
  load: (cpuUnits: number, service?: string) => void;
  desired: (name?: string) => number;
  running: (name?: string) => number;
}

/** A metric only the test publishes (the load model publishes AWS/ECS CPUUtilization itself each minute). */
export const customMetric: MetricId = { namespace: 'Sandbox/Test', metricName: 'QueueDepth', dimensions: [{ Name: 'Queue', Value: 'jobs' }] };

export const TARGET = { ServiceNamespace: 'ecs', ScalableDimension: 'ecs:service:DesiredCount', ResourceId: 'service/demo/web' } as const;

export function aasWorld(options: { seed?: number; desired?: number; instances?: number } = {}): AasWorld {
  let captured: EngineContext | undefined;
  const engine = createEngineWith(
    (action) => {
      const handler = COMMANDS[action];
      return (ctx, request) => {
        captured = ctx;
        return handler(ctx, request);
      };
    },
    { seed: options.seed ?? 21 },
  );
  const run = (step: Step): Record<string, any> => {
    const result = engine.dispatch(step) as StepResult;
    if ('error' in result) throw new Error(`${result.action}: ${result.error.code}: ${result.error.message}`);
    return result.response as Record<string, any>;
  };
  const refused = (step: Step) => {
    const result = engine.dispatch(step) as StepResult;
    if (!('error' in result)) throw new Error(`expected ${Object.keys(step)[0]} to be refused`);
    return result.error;
  };
  run({ 'ecs:CreateCluster': { clusterName: 'demo' } });
  run({ 'sim:AddContainerInstances': { cluster: 'demo', instanceType: 't3.medium', count: options.instances ?? 3 } });
  run({
    'ecs:RegisterTaskDefinition': {
      family: 'web',
      containerDefinitions: [{ name: 'web', image: 'public.ecr.aws/nginx/nginx:1.27', cpu: 256, memory: 512, portMappings: [{ containerPort: 80, hostPort: 0 }] }],
    },
  });
  run({ 'ecs:CreateService': { cluster: 'demo', serviceName: 'web', taskDefinition: 'web', desiredCount: options.desired ?? 2, launchType: 'EC2' } });
  const ctx = () => captured!;
  const now = () => ctx().clock.now;
  const service = (name: string) => engine.snapshot().services.find((s) => s.serviceName === name)!;
  return {
    engine,
    ctx,
    run,
    refused,
    now,
    minute(value, metric = customMetric) {
      const next = Math.floor(now() / MIN) * MIN + MIN;
      if (value !== undefined) putDatapoint(ctx().state, metric, 'Percent', next, value);
      engine.advance(next - now());
    },
    tick(n = 1) {
      for (let i = 0; i < n; i++) engine.advance(Math.floor(now() / MIN) * MIN + MIN - now());
    },
    load: (cpuUnits, name = 'web') => void run({ 'sim:SetServiceLoad': { cluster: 'demo', service: name, cpuUnits } }),
    desired: (name = 'web') => service(name).desiredCount,
    running: (name = 'web') => service(name).runningCount,
  };
}

export const register = (w: AasWorld, min = 1, max = 10, extra: Record<string, unknown> = {}) =>
  w.run({ 'application-autoscaling:RegisterScalableTarget': { ...TARGET, MinCapacity: min, MaxCapacity: max, ...extra } });

export const cpuPolicy = (name = 'cpu70', target = 70, extra: Record<string, unknown> = {}): Step => ({
  'application-autoscaling:PutScalingPolicy': {
    ...TARGET,
    PolicyName: name,
    PolicyType: 'TargetTrackingScaling',
    TargetTrackingScalingPolicyConfiguration: { TargetValue: target, PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' }, ...extra },
  },
});

export const activities = (w: AasWorld) => w.run({ 'application-autoscaling:DescribeScalingActivities': { ServiceNamespace: 'ecs' } }).ScalingActivities as Record<string, any>[];

export const eventsOf = (w: AasWorld, kind: string) => w.engine.snapshot().events.filter((e) => e.kind === kind).map((e) => e.message);
