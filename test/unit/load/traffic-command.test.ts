// sim:SetTraffic end to end: the minute's requests routed by the ALB model over healthy targets,
// per-task CPU and memory from them (added to SetServiceLoad), the ALB metrics, 503s with no
// target, scaling out lowering utilization, the snapshot, the event log, and refusals.
import { describe, expect, it } from 'vitest';
import { groupEngine, run as runAsg } from '../autoscaling/helpers.ts';
import { IDLE } from '../../../workers/engine/load/model.ts';
import { latest, refusal, run, runningCount, series, serviceDims, webEngine, type Engine } from './helpers.ts';

const tgDim = (tgArn: string): string => tgArn.slice(tgArn.lastIndexOf(':') + 1);
const lbDim = (lbArn: string): string => lbArn.slice(lbArn.indexOf(':loadbalancer/') + ':loadbalancer/'.length);

/** Everything but the clock and the event log: what a refused command must leave unchanged. */
function stateOf(engine: Engine): string {
  const { time: _time, events: _events, ...rest } = engine.snapshot() as unknown as Record<string, unknown>;
  return JSON.stringify(rest);
}

describe('sim:SetTraffic', () => {
  it('spreads 200 req/s over two healthy 256-unit tasks: 78.1 % each; 39.1 % after scaling out to 4', () => {
    const { engine, tgArn, lbArn } = webEngine({ desired: 2 });
    expect(runningCount(engine)).toBe(2);
    run(engine, { 'sim:SetTraffic': { cluster: 'demo', service: 'web', requestsPerSecond: 200 } });
    engine.advance(2 * 60_000);
    expect(latest(engine, 'AWS/ECS', 'CPUUtilization', serviceDims)).toBeCloseTo(78.13, 2);
    // 10 % of 512 MiB idle + 0.5 MiB per req/s × 100 req/s.
    expect(latest(engine, 'AWS/ECS', 'MemoryUtilization', serviceDims)).toBeCloseTo(((51.2 + 50) / 512) * 100, 1);
    const both = { TargetGroup: tgDim(tgArn!), LoadBalancer: lbDim(lbArn!) };
    expect(latest(engine, 'AWS/ApplicationELB', 'RequestCount', both)).toBe(12_000);
    expect(latest(engine, 'AWS/ApplicationELB', 'RequestCount', { LoadBalancer: lbDim(lbArn!) })).toBe(12_000);
    expect(latest(engine, 'AWS/ApplicationELB', 'RequestCountPerTarget', { TargetGroup: tgDim(tgArn!) })).toBe(6_000);
    expect(latest(engine, 'AWS/ApplicationELB', 'HealthyHostCount', both)).toBe(2);
    expect(latest(engine, 'AWS/ApplicationELB', 'UnHealthyHostCount', both)).toBe(0);
    expect(series(engine, 'AWS/ApplicationELB', 'HTTPCode_ELB_5XX_Count', { LoadBalancer: lbDim(lbArn!) })).toBeUndefined();
    // The load balancer's own counters show the split.
    const counts = Object.values(engine.snapshot().targetGroups!.find((tg) => tg.TargetGroupArn === tgArn)!.requestCounts ?? {});
    expect(counts).toHaveLength(2);
    expect(counts[0]).toBe(counts[1]);
    expect(counts[0]).toBeGreaterThanOrEqual(6_000);

    run(engine, { 'ecs:UpdateService': { cluster: 'demo', service: 'web', desiredCount: 4 } });
    engine.advance(6 * 60_000);
    expect(runningCount(engine)).toBe(4);
    expect(latest(engine, 'AWS/ApplicationELB', 'HealthyHostCount', both)).toBe(4);
    expect(latest(engine, 'AWS/ECS', 'CPUUtilization', serviceDims)).toBeCloseTo(39.06, 2);
    expect(latest(engine, 'AWS/ApplicationELB', 'RequestCountPerTarget', { TargetGroup: tgDim(tgArn!) })).toBe(3_000);
  });

  it('adds up with sim:SetServiceLoad on the same service', () => {
    const { engine } = webEngine({ desired: 2 });
    run(engine, { 'sim:SetServiceLoad': { cluster: 'demo', service: 'web', cpuUnits: 100 } });
    run(engine, { 'sim:SetTraffic': { cluster: 'demo', service: 'web', requestsPerSecond: 100 } });
    engine.advance(2 * 60_000);
    // Per task: 50 units of load + 50 req/s × 2 units = 150 of 256.
    expect(latest(engine, 'AWS/ECS', 'CPUUtilization', serviceDims)).toBeCloseTo((150 / 256) * 100, 1);
  });

  it('counts the exact integral of a daily wave each minute', () => {
    const { engine, tgArn, lbArn } = webEngine({ desired: 2 });
    run(engine, { 'sim:SetTraffic': { cluster: 'demo', service: 'web', pattern: { type: 'dailyWave', low: 20, high: 300, peakHour: 0 } } });
    engine.advance(2 * 60_000);
    const count = latest(engine, 'AWS/ApplicationELB', 'RequestCount', { TargetGroup: tgDim(tgArn!), LoadBalancer: lbDim(lbArn!) })!;
    // Near midnight UTC (the peak) the wave is close to 300 req/s: about 18 000 a minute.
    expect(count).toBeGreaterThan(17_900);
    expect(count).toBeLessThanOrEqual(18_000);
    expect(engine.snapshot().traffic![0]).toMatchObject({ serviceName: 'web', clusterName: 'demo', pattern: { type: 'dailyWave', low: 20, high: 300, peakHour: 0 } });
    expect(engine.snapshot().traffic![0]!.requestsPerSecond).toBeGreaterThan(299);
  });

  it('answers 503 for every request when no target can take them', () => {
    const { engine, lbArn } = webEngine({ desired: 0 });
    run(engine, { 'sim:SetTraffic': { cluster: 'demo', service: 'web', requestsPerSecond: 10 } });
    engine.advance(2 * 60_000);
    expect(latest(engine, 'AWS/ApplicationELB', 'HTTPCode_ELB_5XX_Count', { LoadBalancer: lbDim(lbArn!) })).toBe(600);
    expect(latest(engine, 'AWS/ApplicationELB', 'RequestCount', { LoadBalancer: lbDim(lbArn!) })).toBe(600);
    expect(series(engine, 'AWS/ECS', 'CPUUtilization', serviceDims)).toBeUndefined();
  });

  it('fails open when no target is healthy: the tasks still get the requests, RequestCountPerTarget is the whole count', () => {
    const { engine, tgArn, lbArn } = webEngine({ desired: 2 });
    run(engine, { 'sim:SetTraffic': { cluster: 'demo', service: 'web', requestsPerSecond: 100 } });
    run(engine, { 'sim:SetImageBehavior': { image: 'nginx', behavior: 'unhealthy' } });
    const both = { TargetGroup: tgDim(tgArn!), LoadBalancer: lbDim(lbArn!) };
    let minutes = 0;
    while (latest(engine, 'AWS/ApplicationELB', 'HealthyHostCount', both) !== 0 && minutes++ < 10) engine.advance(60_000);
    expect(latest(engine, 'AWS/ApplicationELB', 'HealthyHostCount', both)).toBe(0);
    expect(latest(engine, 'AWS/ApplicationELB', 'UnHealthyHostCount', both)).toBeGreaterThan(0);
    expect(latest(engine, 'AWS/ApplicationELB', 'RequestCountPerTarget', { TargetGroup: tgDim(tgArn!) })).toBe(6000);
    expect(series(engine, 'AWS/ApplicationELB', 'HTTPCode_ELB_5XX_Count', { LoadBalancer: lbDim(lbArn!) })).toBeUndefined();
    expect(latest(engine, 'AWS/ECS', 'CPUUtilization', serviceDims)!).toBeGreaterThan(IDLE.taskCpuPercent);
  });

  it('counts the whole minute across a change of traffic: the requests before the change are not lost', () => {
    const { engine, tgArn, lbArn } = webEngine({ desired: 2 });
    const both = () => ({ TargetGroup: tgDim(tgArn!), LoadBalancer: lbDim(lbArn!) });
    run(engine, { 'sim:SetTraffic': { cluster: 'demo', service: 'web', requestsPerSecond: 100 } });
    engine.advance(2 * 60_000);
    expect(latest(engine, 'AWS/ApplicationELB', 'RequestCount', both())).toBe(6_000);
    // Half-way through the next minute the traffic rises: that minute served 30 s at 100 and 30 s at 400.
    const toNextMinute = 60_000 - (engine.snapshot().time % 60_000);
    engine.advance(toNextMinute + 30_000);
    run(engine, { 'sim:SetTraffic': { cluster: 'demo', service: 'web', requestsPerSecond: 400 } });
    engine.advance(30_000);
    expect(latest(engine, 'AWS/ApplicationELB', 'RequestCount', both())).toBe(100 * 30 + 400 * 30);
    engine.advance(60_000);
    expect(latest(engine, 'AWS/ApplicationELB', 'RequestCount', both())).toBe(400 * 60);
  });

  it('stops with requestsPerSecond 0 or pattern none; CPU falls back to idle', () => {
    const { engine } = webEngine({ desired: 2 });
    run(engine, { 'sim:SetTraffic': { cluster: 'demo', service: 'web', requestsPerSecond: 200 } });
    engine.advance(2 * 60_000);
    run(engine, { 'sim:SetTraffic': { cluster: 'demo', service: 'web', requestsPerSecond: 0 } });
    engine.advance(60_000);
    expect(latest(engine, 'AWS/ECS', 'CPUUtilization', serviceDims)).toBe(IDLE.taskCpuPercent);
    expect(engine.snapshot().traffic ?? []).toEqual([]);
    run(engine, { 'sim:SetTraffic': { cluster: 'demo', service: 'web', pattern: { type: 'spike', base: 10, height: 100, durationSeconds: 60 } } });
    expect(engine.snapshot().traffic).toHaveLength(1);
    run(engine, { 'sim:SetTraffic': { cluster: 'demo', service: 'web', pattern: 'none' } });
    expect(engine.snapshot().traffic ?? []).toEqual([]);
  });

  it('forgets the traffic of a deleted service', () => {
    const { engine } = webEngine({ desired: 1 });
    run(engine, { 'sim:SetTraffic': { cluster: 'demo', service: 'web', requestsPerSecond: 20 } });
    expect(engine.snapshot().traffic).toHaveLength(1);
    run(engine, { 'ecs:DeleteService': { cluster: 'demo', service: 'web', force: true } });
    engine.advance(2 * 60_000);
    expect(engine.snapshot().traffic ?? []).toEqual([]);
    expect(engine.snapshot().serviceCounts ?? []).toEqual([]);
  });

  it('writes the numbers to the event log', () => {
    const { engine } = webEngine({ desired: 2 });
    run(engine, { 'sim:SetTraffic': { cluster: 'demo', service: 'web', requestsPerSecond: 200 } });
    const line = engine.snapshot().events.filter((e) => e.kind === 'load.traffic').at(-1)!;
    expect(line.message).toContain('200 requests/s');
    expect(line.message).toContain('12000');
    expect(line.message).toContain('web-tg');
    expect(line.message).toContain('128 requests/s');
  });

  it('refuses an unknown service, a service with no load balancer and a bad pattern, changing nothing', () => {
    const { engine } = webEngine({ desired: 1 });
    const before = stateOf(engine);
    expect(refusal(engine, { 'sim:SetTraffic': { cluster: 'demo', service: 'nope', requestsPerSecond: 5 } }).code).toBe('ServiceNotFoundException');
    expect(refusal(engine, { 'sim:SetTraffic': { cluster: 'nope', service: 'web', requestsPerSecond: 5 } }).code).toBe('ClusterNotFoundException');
    const bad = refusal(engine, { 'sim:SetTraffic': { cluster: 'demo', service: 'web', pattern: { type: 'sawtooth' } } });
    expect(bad.code).toBe('InvalidParameterException');
    expect(bad.message).toContain('sawtooth');
    expect(refusal(engine, { 'sim:SetTraffic': { cluster: 'demo', service: 'web', pattern: { type: 'dailyWave', low: 50, high: 10, peakHour: 3 } } }).message).toContain('"low" (50)');
    expect(refusal(engine, { 'sim:SetTraffic': { cluster: 'demo', service: 'web', requestsPerSecond: -1 } }).message).toContain('-1');
    expect(refusal(engine, { 'sim:SetTraffic': { cluster: 'demo', service: 'web', requestsPerSecond: '5' } }).code).toBe('ParamValidationError');
    expect(refusal(engine, { 'sim:SetTraffic': { cluster: 'demo', service: 'web' } }).code).toBe('InvalidParameterException');
    expect(stateOf(engine)).toBe(before);

    const plain = webEngine({ desired: 1, alb: false }).engine;
    const plainBefore = stateOf(plain);
    const noLb = refusal(plain, { 'sim:SetTraffic': { cluster: 'demo', service: 'web', requestsPerSecond: 5 } });
    expect(noLb.code).toBe('InvalidParameterException');
    expect(noLb.message).toContain('sim:SetServiceLoad');
    expect(stateOf(plain)).toBe(plainBefore);
  });

  it("raises the EC2 instance's CPUUtilization with the requests its tasks serve", () => {
    const engine = groupEngine({ desired: 1, zones: ['us-east-1a'] });
    runAsg(engine, { 'ecs:RegisterTaskDefinition': { family: 'web', cpu: '512', memory: '512', containerDefinitions: [{ name: 'web', image: 'nginx', memory: 512, portMappings: [{ containerPort: 80, hostPort: 0 }] }] } });
    const lbArn = (runAsg(engine, { 'elbv2:CreateLoadBalancer': { Name: 'web-alb', Subnets: ['subnet-us-east-1a', 'subnet-us-east-1b'] } }) as any).LoadBalancers[0].LoadBalancerArn;
    const tgArn = (runAsg(engine, { 'elbv2:CreateTargetGroup': { Name: 'web-tg', Protocol: 'HTTP', Port: 80, VpcId: 'vpc-default' } }) as any).TargetGroups[0].TargetGroupArn;
    runAsg(engine, { 'elbv2:CreateListener': { LoadBalancerArn: lbArn, Protocol: 'HTTP', Port: 80, DefaultActions: [{ Type: 'forward', TargetGroupArn: tgArn }] } });
    engine.advance(90_000);
    runAsg(engine, { 'ecs:CreateService': { cluster: 'demo', serviceName: 'web', taskDefinition: 'web', desiredCount: 2, launchType: 'EC2', loadBalancers: [{ targetGroupArn: tgArn, containerName: 'web', containerPort: 80 }] } });
    engine.advance(5 * 60_000);
    const instanceCpu = () => engine.snapshot().metrics!.find((m) => m.Namespace === 'AWS/EC2' && m.MetricName === 'CPUUtilization' && m.Dimensions[0]!.Name === 'InstanceId')!.points.at(-1)!.v;
    const idle = instanceCpu();
    runAsg(engine, { 'sim:SetTraffic': { cluster: 'demo', service: 'web', requestsPerSecond: 200 } });
    engine.advance(2 * 60_000);
    // 2 tasks × 100 req/s × 2 units = 400 units of an m5.large's 2048, plus the instance baseline.
    expect(latest(engine, 'AWS/ECS', 'CPUUtilization', serviceDims)).toBeCloseTo((200 / 512) * 100, 1);
    expect(instanceCpu()).toBeCloseTo((400 / 2048) * 100 + IDLE.instanceCpuPercent, 1);
    expect(instanceCpu()).toBeGreaterThan(idle);
    expect(latest(engine, 'AWS/ECS', 'CPUUtilization', { ClusterName: 'demo' })).toBeCloseTo((400 / 2048) * 100, 1);
    expect(latest(engine, 'AWS/ECS', 'CPUReservation', { ClusterName: 'demo' })).toBeCloseTo((1024 / 2048) * 100, 1);
  });
});

describe('traffic with target tracking (Application Auto Scaling)', () => {
  it('scales out on ALBRequestCountPerTarget and each task then serves fewer requests at lower CPU', () => {
    const { engine, tgArn, lbArn } = webEngine({ desired: 2 });
    const target = { ServiceNamespace: 'ecs', ScalableDimension: 'ecs:service:DesiredCount', ResourceId: 'service/demo/web' };
    run(engine, { 'application-autoscaling:RegisterScalableTarget': { ...target, MinCapacity: 1, MaxCapacity: 10 } });
    run(engine, {
      'application-autoscaling:PutScalingPolicy': {
        ...target,
        PolicyName: 'per-target',
        PolicyType: 'TargetTrackingScaling',
        TargetTrackingScalingPolicyConfiguration: {
          TargetValue: 3000,
          PredefinedMetricSpecification: { PredefinedMetricType: 'ALBRequestCountPerTarget', ResourceLabel: `${lbDim(lbArn!)}/${tgDim(tgArn!)}` },
        },
      },
    });
    run(engine, { 'sim:SetTraffic': { cluster: 'demo', service: 'web', requestsPerSecond: 200 } });
    engine.advance(2 * 60_000);
    const before = latest(engine, 'AWS/ECS', 'CPUUtilization', serviceDims)!;
    expect(latest(engine, 'AWS/ApplicationELB', 'RequestCountPerTarget', { TargetGroup: tgDim(tgArn!) })).toBe(6000);
    engine.advance(15 * 60_000);
    // 12,000 requests a minute at 3,000 per target: 4 tasks.
    expect(runningCount(engine)).toBe(4);
    expect(latest(engine, 'AWS/ApplicationELB', 'RequestCountPerTarget', { TargetGroup: tgDim(tgArn!) })).toBe(3000);
    expect(latest(engine, 'AWS/ECS', 'CPUUtilization', serviceDims)!).toBeLessThan(before);
  });
});
