// Proves bad input never breaks a service command: arbitrary requests, and plausible ones with
// arbitrary member values (nested deployment configurations, load balancers, placement, network
// configurations), get an answer or an AWS-style error — never an InternalError, which the engine
// returns when a command throws — and a refused request leaves the snapshot byte-identical.
// Replay with SEED=…; FUZZ_RUNS=… for more cases.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AWSVPC, createOk, world } from './helpers.ts';

const ACTIONS = ['ecs:CreateService', 'ecs:UpdateService', 'ecs:DeleteService', 'ecs:DescribeServices', 'ecs:ListServices'] as const;

describe('service API fuzz', () => {
  const w = world(9);
  createOk(w.engine, { loadBalancers: [{ targetGroupArn: w.instanceTg, containerName: 'web', containerPort: 80 }] });
  createOk(w.engine, { serviceName: 'api', taskDefinition: 'api', launchType: 'FARGATE', networkConfiguration: AWSVPC });
  w.engine.advance(60_000);

  const small = fc.oneof(fc.anything(), fc.integer({ min: -5, max: 300 }), fc.boolean(), fc.constantFrom('web', 'api', 'demo', 'web:1', 'FARGATE', 'EC2', 'DAEMON', 'REPLICA', 'LATEST', 'TAGS', 'binpack', 'memberOf'));
  const lb = fc.record(
    { targetGroupArn: fc.constantFrom(w.instanceTg, w.ipTg, w.looseTg, 'x'), loadBalancerName: fc.constantFrom('clb', ''), containerName: fc.constantFrom('web', 'api', ''), containerPort: fc.oneof(fc.constantFrom(80, 8080), small) },
    { requiredKeys: [] },
  );
  const deployment = fc.record(
    { maximumPercent: fc.oneof(fc.integer({ min: -10, max: 300 }), small), minimumHealthyPercent: fc.oneof(fc.integer({ min: -10, max: 150 }), small), deploymentCircuitBreaker: fc.oneof(small, fc.record({ enable: fc.oneof(fc.boolean(), small), rollback: fc.oneof(fc.boolean(), small) }, { requiredKeys: [] })) },
    { requiredKeys: [] },
  );
  const network = fc.oneof(small, fc.record({ awsvpcConfiguration: fc.oneof(small, fc.record({ subnets: fc.oneof(small, fc.array(fc.constantFrom('subnet-us-east-1a', 'subnet-x', 3))), assignPublicIp: fc.oneof(fc.constantFrom('ENABLED', 'DISABLED'), small) }, { requiredKeys: [] })) }, { requiredKeys: [] }));
  const placement = fc.array(fc.record({ type: fc.constantFrom('binpack', 'spread', 'random', 'distinctInstance', 'memberOf', 'x'), field: fc.constantFrom('memory', 'cpu', 'instanceId', 'attribute:ecs.availability-zone', 'x'), expression: fc.constantFrom('attribute:ecs.instance-type =~ t3.*', '==', '') }, { requiredKeys: [] }), { maxLength: 6 });
  const body = fc.record(
    {
      cluster: fc.oneof(fc.constant('demo'), small),
      serviceName: fc.oneof(fc.constantFrom('web', 'api', 'new', 'a b'), small),
      service: fc.oneof(fc.constantFrom('web', 'api', 'nope'), small),
      services: fc.oneof(fc.array(fc.oneof(fc.constantFrom('web', 'api', 'nope'), small), { maxLength: 12 }), small),
      taskDefinition: fc.oneof(fc.constantFrom('web', 'api', 'static', 'web:9'), small),
      desiredCount: fc.oneof(fc.integer({ min: -2, max: 6000 }), small),
      launchType: fc.oneof(fc.constantFrom('EC2', 'FARGATE', 'EXTERNAL'), small),
      schedulingStrategy: fc.oneof(fc.constantFrom('REPLICA', 'DAEMON'), small),
      deploymentConfiguration: fc.oneof(deployment, small),
      loadBalancers: fc.oneof(fc.array(fc.oneof(lb, small), { maxLength: 7 }), small),
      networkConfiguration: network,
      placementStrategy: fc.oneof(placement, small),
      placementConstraints: fc.oneof(placement, small),
      healthCheckGracePeriodSeconds: fc.oneof(fc.integer({ min: -5, max: 400 }), small),
      platformVersion: fc.oneof(fc.constantFrom('LATEST', '1.4.0', '1.3.0', '9'), small),
      forceNewDeployment: fc.oneof(fc.boolean(), small),
      force: fc.oneof(fc.boolean(), small),
      role: fc.oneof(fc.constantFrom('ecsServiceRole'), small),
      include: fc.oneof(fc.constant(['TAGS']), small),
      maxResults: fc.oneof(fc.integer({ min: -1, max: 101 }), small),
      nextToken: small,
      tags: fc.oneof(fc.array(fc.record({ key: fc.string(), value: fc.string() })), small),
    },
    { requiredKeys: [] },
  );

  // Each action's own members (so that most requests get past botocore's unknown-parameter check).
  const KEYS: Record<(typeof ACTIONS)[number], string[]> = {
    'ecs:CreateService': ['cluster', 'serviceName', 'taskDefinition', 'desiredCount', 'launchType', 'schedulingStrategy', 'deploymentConfiguration', 'loadBalancers', 'networkConfiguration', 'placementStrategy', 'placementConstraints', 'healthCheckGracePeriodSeconds', 'platformVersion', 'role', 'tags'],
    'ecs:UpdateService': ['cluster', 'service', 'taskDefinition', 'desiredCount', 'deploymentConfiguration', 'loadBalancers', 'networkConfiguration', 'placementStrategy', 'placementConstraints', 'healthCheckGracePeriodSeconds', 'platformVersion', 'forceNewDeployment'],
    'ecs:DeleteService': ['cluster', 'service', 'force'],
    'ecs:DescribeServices': ['cluster', 'services', 'include'],
    'ecs:ListServices': ['cluster', 'launchType', 'schedulingStrategy', 'maxResults', 'nextToken'],
  };
  const pick = (action: (typeof ACTIONS)[number], request: Record<string, unknown>): Record<string, unknown> =>
    Object.fromEntries(Object.entries(request).filter(([key]) => KEYS[action].includes(key)));

  it('never answers InternalError, and refusals change nothing', () => {
    let succeeded = 0;
    fc.assert(
      fc.property(fc.constantFrom(...ACTIONS), fc.oneof({ weight: 1, arbitrary: fc.anything() }, { weight: 6, arbitrary: body }), fc.boolean(), (action, raw, keepAll) => {
        const request = keepAll || typeof raw !== 'object' || raw === null || Array.isArray(raw) ? raw : pick(action, raw as Record<string, unknown>);
        const before = JSON.stringify(w.engine.snapshot());
        const result = w.engine.dispatch({ [action]: request });
        if ('error' in result) {
          expect(result.error.code, result.error.message).not.toBe('InternalError');
          expect(JSON.stringify(w.engine.snapshot())).toBe(before);
        } else succeeded += 1;
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 400), seed: Number(process.env.SEED ?? 42) },
    );
    expect(succeeded).toBeGreaterThan(0);
  });
});
