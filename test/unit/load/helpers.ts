// Shared set-up for the load tests: a Fargate service `web` (256 CPU units, 512 MiB tasks) behind an
// application load balancer in cluster `demo`, and readers of the metric store through the snapshot.
import { createEngine } from '../../../workers/engine/index.ts';
import type { MetricSeries } from '../../../workers/protocol.ts';

// The step runners are the Auto Scaling tests' (one copy): run throws on a refusal, refusal on a success.
export { refusal, run, type Engine } from '../autoscaling/helpers.ts';
import { run, type Engine } from '../autoscaling/helpers.ts';

export const SUBNETS = ['subnet-us-east-1a', 'subnet-us-east-1b'];

export interface WebOptions {
  desired?: number;
  insights?: 'enabled' | 'disabled';
  /** false: the service has no load balancer. */
  alb?: boolean;
  seed?: number;
}

/** Cluster demo, a Fargate service web of `desired` tasks behind web-alb / web-tg, advanced until they are healthy. */
export function webEngine(options: WebOptions = {}): { engine: Engine; tgArn?: string; lbArn?: string } {
  const engine = createEngine({ seed: options.seed ?? 3 });
  run(engine, { 'ecs:CreateCluster': { clusterName: 'demo', settings: [{ name: 'containerInsights', value: options.insights ?? 'disabled' }] } });
  run(engine, {
    'ecs:RegisterTaskDefinition': {
      family: 'web',
      networkMode: 'awsvpc',
      requiresCompatibilities: ['FARGATE'],
      cpu: '256',
      memory: '512',
      containerDefinitions: [{ name: 'web', image: 'nginx', portMappings: [{ containerPort: 80 }] }],
    },
  });
  let tgArn: string | undefined;
  let lbArn: string | undefined;
  if (options.alb !== false) {
    lbArn = run(engine, { 'elbv2:CreateLoadBalancer': { Name: 'web-alb', Subnets: SUBNETS } }).LoadBalancers[0].LoadBalancerArn;
    tgArn = run(engine, { 'elbv2:CreateTargetGroup': { Name: 'web-tg', Protocol: 'HTTP', Port: 80, VpcId: 'vpc-default', TargetType: 'ip' } }).TargetGroups[0].TargetGroupArn;
    run(engine, { 'elbv2:CreateListener': { LoadBalancerArn: lbArn, Protocol: 'HTTP', Port: 80, DefaultActions: [{ Type: 'forward', TargetGroupArn: tgArn }] } });
  }
  run(engine, {
    'ecs:CreateService': {
      cluster: 'demo',
      serviceName: 'web',
      taskDefinition: 'web',
      desiredCount: options.desired ?? 2,
      launchType: 'FARGATE',
      networkConfiguration: { awsvpcConfiguration: { subnets: SUBNETS } },
      ...(tgArn === undefined ? {} : { loadBalancers: [{ targetGroupArn: tgArn, containerName: 'web', containerPort: 80 }] }),
    },
  });
  engine.advance(5 * 60_000);
  return { engine, ...(tgArn === undefined ? {} : { tgArn }), ...(lbArn === undefined ? {} : { lbArn }) };
}

export function series(engine: Engine, namespace: string, metricName: string, dims: Record<string, string>): MetricSeries | undefined {
  return engine.snapshot().metrics?.find(
    (m) =>
      m.Namespace === namespace &&
      m.MetricName === metricName &&
      m.Dimensions.length === Object.keys(dims).length &&
      m.Dimensions.every((d) => dims[d.Name] === d.Value),
  );
}

export function latest(engine: Engine, namespace: string, metricName: string, dims: Record<string, string>): number | undefined {
  const points = series(engine, namespace, metricName, dims)?.points;
  return points === undefined || points.length === 0 ? undefined : points[points.length - 1]!.v;
}

export const serviceDims = { ClusterName: 'demo', ServiceName: 'web' };

export function runningCount(engine: Engine): number {
  return engine.snapshot().services.find((s) => s.serviceName === 'web' && s.status === 'ACTIVE')!.runningCount;
}
