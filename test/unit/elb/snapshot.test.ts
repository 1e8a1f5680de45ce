// Proves the snapshot carries what the load-balancer picture needs beyond load balancers and target
// groups: elbv2 listeners as DescribeListeners returns them, and Classic Load Balancers with the
// health of their instances as DescribeInstanceHealth returns it — and neither before the elb APIs are used.
import { describe, expect, it } from 'vitest';
import { call, createAlb, createTg, elbEngine, listen } from './helpers.ts';

describe('snapshot: listeners and Classic Load Balancers', () => {
  it('lists elbv2 listeners as DescribeListeners does', () => {
    const engine = elbEngine(2);
    expect(engine.snapshot().listeners).toBeUndefined();
    const lb = createAlb(engine);
    const tg = createTg(engine);
    const arn = listen(engine, lb, tg);
    const described = call(engine, 'elbv2:DescribeListeners', { LoadBalancerArn: lb }).Listeners;
    expect(engine.snapshot().listeners).toEqual(described);
    expect(engine.snapshot().listeners![0]!.ListenerArn).toBe(arn);
    expect(engine.snapshot().classicLoadBalancers).toBeUndefined();
  });

  it('lists Classic Load Balancers with their listeners, health check and instances', () => {
    const engine = elbEngine(3);
    call(engine, 'elb:CreateLoadBalancer', {
      LoadBalancerName: 'classic',
      Listeners: [{ Protocol: 'HTTP', LoadBalancerPort: 80, InstanceProtocol: 'HTTP', InstancePort: 8080 }],
      AvailabilityZones: ['us-east-1a', 'us-east-1b'],
    });
    const [clb] = engine.snapshot().classicLoadBalancers!;
    const described = call(engine, 'elb:DescribeLoadBalancers', { LoadBalancerNames: ['classic'] }).LoadBalancerDescriptions[0];
    expect(clb).toMatchObject({ LoadBalancerName: 'classic', DNSName: described.DNSName, Instances: [], instanceHealth: [] });
    expect(clb!.ListenerDescriptions[0]!.Listener).toEqual({ Protocol: 'HTTP', LoadBalancerPort: 80, InstanceProtocol: 'HTTP', InstancePort: 8080 });
    expect(clb!.HealthCheck.Target).toBe(described.HealthCheck.Target);
  });
});
