// Proves the issue-5 view models on hand-written snapshots: the services panel's cards (counts,
// deployments PRIMARY first with progress, events newest first in virtual time), each task's
// place in a rolling update (new / old / steady) as the cluster view draws it, the load-balancer
// layer's boxes and links (one link per dynamic port, ip targets to their task, health kept), and
// the service editor's templates and steps.
import { describe, expect, it } from 'vitest';
import { instance, snapshot, taskDefinition } from './fixtures.ts';
import { at, deployment, ipTask, loadBalancer, service, serviceTask, targetGroup } from './service-fixtures.ts';
import { serviceCard, servicesViewModel, serviceNameOfTask, taskServiceInfo, virtualMsOf } from '../../../src/lib/view-model/services.ts';
import { clusterViewModel } from '../../../src/lib/view-model/cluster.ts';
import { loadBalancerViewModel } from '../../../src/lib/view-model/load-balancers.ts';
import { createServiceTemplate, deleteServiceStep, readRequestText, serviceStep, updateServiceTemplate } from '../../../src/lib/view-model/service-request.ts';

const OLD = 'ecs-svc/1111111111111111111';
const NEW = 'ecs-svc/2222222222222222222';

function rollingSnapshot() {
  const svc = service(
    'web',
    [deployment(OLD, 'ACTIVE', 1, [4, 4, 0], 'COMPLETED', 0), deployment(NEW, 'PRIMARY', 2, [4, 1, 2], 'IN_PROGRESS', 120)],
    [
      { s: 10, message: '(service web) has started 4 tasks: (task a) (task b) (task c) (task d).' },
      { s: 125, message: '(service web) has started 3 tasks: (task e) (task f) (task g).' },
      { s: 60, message: '(service web) has reached a steady state.' },
    ],
  );
  return snapshot({
    time: 130_000,
    containerInstances: [instance('aaa', 'us-east-1a', [1024, 2048], [2048, 4096]), instance('bbb', 'us-east-1b', [512, 2048], [1024, 4096])],
    taskDefinitions: [taskDefinition('web', 1), taskDefinition('web', 2)],
    services: [svc],
    tasks: [
      serviceTask('a', 'aaa', 'web', OLD, 1, 32768),
      serviceTask('b', 'aaa', 'web', OLD, 1, 32769),
      serviceTask('c', 'bbb', 'web', OLD, 1, 32768),
      serviceTask('d', 'bbb', 'web', OLD, 1, 32769, 'DEACTIVATING'),
      serviceTask('e', 'aaa', 'web', NEW, 2, 32770, 'ACTIVATING'),
      serviceTask('f', 'aaa', 'web', NEW, 2, 32771, 'PENDING'),
      serviceTask('g', 'bbb', 'web', NEW, 2, 32770),
    ],
  });
}

describe('services panel view model', () => {
  it('lists deployments PRIMARY first with their progress, and marks the service as deploying', () => {
    const [card] = servicesViewModel(rollingSnapshot());
    expect(card!.serviceName).toBe('web');
    expect(card!.deploying).toBe(true);
    expect(card!.deployments.map((d) => [d.status, d.definition, d.progressText, d.rolloutState])).toEqual([
      ['PRIMARY', 'web:2', '1 of 4 running, 2 pending', 'IN_PROGRESS'],
      ['ACTIVE', 'web:1', '4 of 4 running', 'COMPLETED'],
    ]);
    expect(card!.deployments[0]!.fraction).toBe(0.25);
    expect(card!.ariaLabel).toContain('deployment in progress');
  });

  it('orders events newest first, stamped in virtual time', () => {
    const [card] = servicesViewModel(rollingSnapshot());
    expect(card!.events.map((e) => e.stamp)).toEqual(['+00:02:05', '+00:01:00', '+00:00:10']);
    expect(card!.events.find((e) => e.message.includes('steady state'))!.tone).toBe('good');
    expect(card!.steady).toBe(false); // the newest event is not the steady state one
  });

  it('reads steady when the newest event says so, and does not call one COMPLETED deployment a rollout', () => {
    const card = serviceCard(service('api', [deployment(NEW, 'PRIMARY', 2, [2, 2, 0], 'COMPLETED')], [{ s: 5, message: '(service api) has reached a steady state.' }]));
    expect(card.steady).toBe(true);
    expect(card.deploying).toBe(false);
  });

  it('survives a service with missing lists and a zero desired count', () => {
    const bare = { ...service('empty', [deployment(NEW, 'PRIMARY', 1, [0, 0, 0])]), events: undefined, loadBalancers: undefined } as never;
    const card = serviceCard(bare);
    expect(card.events).toEqual([]);
    expect(card.deployments[0]!.fraction).toBe(1);
    expect(virtualMsOf('not a date')).toBe(0);
    expect(virtualMsOf(at(90))).toBe(90_000);
  });

  it('names target groups and Classic load balancers a service registers with', () => {
    const card = serviceCard(
      service('web', [deployment(NEW, 'PRIMARY', 1, [1, 1, 0])], [], {
        loadBalancers: [
          { targetGroupArn: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web-tg/0123', containerName: 'web', containerPort: 80 },
          { loadBalancerName: 'old-clb', containerName: 'web', containerPort: 80 },
        ],
      }),
    );
    expect(card.loadBalancers).toEqual(['web-tg → web:80', 'old-clb (Classic) → web:80']);
  });
});

describe("a task's place in a rolling update", () => {
  it('tells new tasks (PRIMARY while an older deployment lives) from old ones', () => {
    const info = taskServiceInfo(rollingSnapshot());
    const role = (id: string) => [...info.entries()].find(([arn]) => arn.endsWith(`/${id}`))?.[1].role;
    expect(['a', 'b', 'c', 'd'].map(role)).toEqual(['old', 'old', 'old', 'old']);
    expect(['e', 'f', 'g'].map(role)).toEqual(['new', 'new', 'new']);
  });

  it('calls the tasks of a single deployment steady, and ignores tasks outside services', () => {
    const snap = snapshot({ services: [service('web', [deployment(NEW, 'PRIMARY', 2, [1, 1, 0], 'COMPLETED')])], tasks: [serviceTask('x', null, 'web', NEW, 2)] });
    expect([...taskServiceInfo(snap).values()].map((i) => i.role)).toEqual(['steady']);
    expect(serviceNameOfTask({ group: 'family:web' })).toBeNull();
    expect(serviceNameOfTask({ group: 'service:api' })).toBe('api');
  });

  it('puts the service and role on the cluster view tiles', () => {
    const vm = clusterViewModel(rollingSnapshot());
    const tiles = vm.zones.flatMap((z) => z.instances.flatMap((i) => i.tasks));
    expect(tiles.map((t) => `${t.shortId}:${t.definition}:${t.deployment}:${t.lastStatus}`).sort()).toEqual([
      'a:web:1:old:RUNNING',
      'b:web:1:old:RUNNING',
      'c:web:1:old:RUNNING',
      'd:web:1:old:DEACTIVATING',
      'e:web:2:new:ACTIVATING',
      'f:web:2:new:PENDING',
      'g:web:2:new:RUNNING',
    ]);
    expect(tiles.every((t) => t.service === 'web')).toBe(true);
    expect(vm.rollingUpdate).toBe(true); // the legend then explains the old/new badges
    expect(tiles.find((t) => t.shortId === 'a')!.ariaLabel).toContain('old deployment');
  });
});

describe('load balancer layer view model', () => {
  it('draws one link per dynamic port, each to its own task, with its health', () => {
    const base = rollingSnapshot();
    const alb = loadBalancer('web-alb');
    const tg = targetGroup('web-tg', [alb.LoadBalancerArn], 'instance', [
      ['i-aaa', 32768, 'healthy'],
      ['i-aaa', 32769, 'healthy'],
      ['i-aaa', 32770, 'initial'],
      ['i-bbb', 32769, 'draining'],
      ['i-bbb', 32770, 'unhealthy'],
    ]);
    const vm = loadBalancerViewModel({ ...base, loadBalancers: [alb], targetGroups: [tg] });
    expect(vm.balancers).toHaveLength(1);
    expect(vm.balancers[0]!.badge).toBe('ALB');
    expect(vm.balancers[0]!.targetGroups[0]!.countsText).toBe('1 initial, 2 healthy, 1 unhealthy, 1 draining');
    const ends = vm.links.map((l) => `${l.label}→${l.taskArn?.split('/').pop()}:${l.health}`);
    expect(ends).toEqual(['i-aaa:32768→a:healthy', 'i-aaa:32769→b:healthy', 'i-aaa:32770→e:initial', 'i-bbb:32769→d:draining', 'i-bbb:32770→g:unhealthy']);
    // Three tasks on one instance: three distinct links, ports and tiles.
    const onA = vm.links.filter((l) => l.targetId === 'i-aaa');
    expect(new Set(onA.map((l) => l.port)).size).toBe(3);
    expect(new Set(onA.map((l) => l.taskArn)).size).toBe(3);
    expect(vm.links.find((l) => l.health === 'unhealthy')!.title).toContain('Health checks failed with these codes: [502]');
    expect(vm.balancers[0]!.targetGroups[0]!.problem).toBe('Target.ResponseCodeMismatch: Health checks failed with these codes: [502]');
    expect(vm.legend.map((l) => l.state)).toEqual(['initial', 'healthy', 'unhealthy', 'draining']);
    // Each line knows its task's service, so picking the service in the panel picks its lines.
    expect(new Set(vm.links.map((l) => l.service))).toEqual(new Set(['web']));
  });

  it('links ip targets to the task with that ENI address, and NLBs get their badge', () => {
    const nlb = loadBalancer('web-nlb', 'network');
    const tg = targetGroup('ip-tg', [nlb.LoadBalancerArn], 'ip', [['10.0.1.7', 80, 'healthy'], ['10.0.1.99', 80, 'initial']]);
    const vm = loadBalancerViewModel(snapshot({ tasks: [ipTask('p', '10.0.1.7', 'api', NEW)], loadBalancers: [nlb], targetGroups: [tg] }));
    expect(vm.balancers[0]!.badge).toBe('NLB');
    expect(vm.links.map((l) => [l.label, l.taskArn?.split('/').pop() ?? null])).toEqual([
      ['10.0.1.7:80', 'p'],
      ['10.0.1.99:80', null],
    ]);
  });

  it('shows target groups no load balancer uses in a box of their own, and nothing at all without any', () => {
    const tg = targetGroup('lonely', [], 'instance', []);
    const vm = loadBalancerViewModel(snapshot({ targetGroups: [tg] }));
    expect(vm.balancers.map((b) => [b.badge, b.targetGroups[0]!.countsText])).toEqual([['TG', 'no targets']]);
    expect(loadBalancerViewModel(snapshot())).toEqual({ balancers: [], links: [], legend: [] });
    expect(loadBalancerViewModel(null).links).toEqual([]);
  });

  it('reads listeners and Classic load balancers when the snapshot carries them', () => {
    const alb = loadBalancer('web-alb');
    const tg = targetGroup('web-tg', [alb.LoadBalancerArn], 'instance', []);
    const listener = {
      ListenerArn: 'arn:l/1',
      LoadBalancerArn: alb.LoadBalancerArn,
      Port: 80,
      Protocol: 'HTTP' as const,
      DefaultActions: [{ Type: 'forward' as const, TargetGroupArn: tg.TargetGroupArn, ForwardConfig: { TargetGroups: [{ TargetGroupArn: tg.TargetGroupArn, Weight: 1 }] } }],
    };
    const clb = { LoadBalancerName: 'old-clb', ListenerDescriptions: [{ Listener: { Protocol: 'HTTP', LoadBalancerPort: 80, InstancePort: 8080 } }], Instances: [{ InstanceId: 'i-aaa' }], instanceHealth: [{ InstanceId: 'i-aaa', State: 'InService' as const }] };
    const vm = loadBalancerViewModel({ ...snapshot({ containerInstances: [instance('aaa', 'us-east-1a', [0, 2048], [0, 4096])], loadBalancers: [alb], targetGroups: [tg] }), listeners: [listener], classicLoadBalancers: [clb] } as never);
    expect(vm.balancers.map((b) => [b.badge, b.listeners.map((l) => l.text)])).toEqual([
      ['ALB', ['HTTP:80']],
      ['CLB', ['HTTP:80 → 8080']],
    ]);
    const classic = vm.links.find((l) => l.fromKey === 'classic:old-clb')!;
    expect([classic.health, classic.instanceArn?.split('/').pop(), classic.port]).toEqual(['InService', 'aaa', null]);
    expect(vm.legend.map((l) => l.state)).toContain('InService');
  });
});

describe('service editor requests', () => {
  it('fills a CreateService template from the cluster, the newest definition and a fitting target group', () => {
    const alb = loadBalancer('web-alb');
    const tg = targetGroup('web-tg', [alb.LoadBalancerArn], 'instance', []);
    const td = { ...taskDefinition('web', 3), containerDefinitions: [{ name: 'web', portMappings: [{ containerPort: 80, hostPort: 0 }] }] };
    const snap = snapshot({
      clusters: [{ clusterName: 'demo', status: 'ACTIVE' } as never],
      taskDefinitions: [taskDefinition('web', 1), td],
      targetGroups: [tg, targetGroup('ip-only', [], 'ip', [])],
      services: [service('web-service', [deployment(NEW, 'PRIMARY', 1, [1, 1, 0])])],
    });
    expect(createServiceTemplate(snap, 'web')).toEqual({
      cluster: 'demo',
      serviceName: 'web-service-2',
      taskDefinition: 'web:3',
      desiredCount: 2,
      launchType: 'EC2',
      deploymentConfiguration: { minimumHealthyPercent: 100, maximumPercent: 200, deploymentCircuitBreaker: { enable: false, rollback: false } },
      loadBalancers: [{ targetGroupArn: tg.TargetGroupArn, containerName: 'web', containerPort: 80 }],
      healthCheckGracePeriodSeconds: 30,
    });
  });

  it('gives awsvpc definitions a network configuration and an ip target group', () => {
    const td = { ...taskDefinition('api', 1), networkMode: 'awsvpc', requiresCompatibilities: ['FARGATE'], containerDefinitions: [{ name: 'api', portMappings: [{ containerPort: 8080 }] }] };
    const ipTg = targetGroup('api-tg', [], 'ip', []);
    const request = createServiceTemplate(snapshot({ containerInstances: [instance('aaa', 'us-east-1b', [0, 1], [0, 1])], taskDefinitions: [td], targetGroups: [targetGroup('inst', [], 'instance', []), ipTg] }));
    expect(request.launchType).toBe('FARGATE');
    expect(request.networkConfiguration).toEqual({ awsvpcConfiguration: { subnets: ['subnet-us-east-1b'], securityGroups: ['sg-default'], assignPublicIp: 'DISABLED' } });
    expect(request.loadBalancers).toEqual([{ targetGroupArn: ipTg.TargetGroupArn, containerName: 'api', containerPort: 8080 }]);
  });

  it('still gives a template on an empty sandbox', () => {
    expect(createServiceTemplate(null)).toMatchObject({ cluster: 'demo', taskDefinition: 'web', desiredCount: 2 });
  });

  it('updates a service to its family\'s newest revision and keeps its counts', () => {
    const svc = service('web', [deployment(NEW, 'PRIMARY', 1, [3, 3, 0], 'COMPLETED')]);
    const request = updateServiceTemplate(snapshot({ taskDefinitions: [taskDefinition('web', 1), taskDefinition('web', 2), taskDefinition('web', 4, 'INACTIVE')] }), svc);
    expect(request).toMatchObject({ cluster: 'demo', service: 'web', taskDefinition: 'web:2', desiredCount: 3, forceNewDeployment: false });
  });

  it('builds the steps and reads the text back', () => {
    expect(serviceStep('create', { a: 1 })).toEqual({ 'ecs:CreateService': { a: 1 } });
    expect(serviceStep('update', { a: 1 })).toEqual({ 'ecs:UpdateService': { a: 1 } });
    expect(deleteServiceStep(service('web', []), true)).toEqual({ 'ecs:DeleteService': { cluster: 'demo', service: 'web', force: true } });
    expect(deleteServiceStep(service('web', []), false)).toEqual({ 'ecs:DeleteService': { cluster: 'demo', service: 'web' } });
    expect(readRequestText('{"cluster": "demo"}')).toEqual({ ok: true, request: { cluster: 'demo' } });
    const broken = readRequestText('{"cluster": ');
    expect(broken.ok).toBe(false);
    expect(readRequestText('[1]')).toMatchObject({ ok: false, message: expect.stringContaining('JSON object') });
  });
});
