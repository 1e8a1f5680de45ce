// Proves that the definitions learners actually write are accepted — the minimal EC2 one, the
// default nginx one, a Fargate one, unit-suffixed sizes, and DescribeTaskDefinition output with its
// read-only fields — and that toRegisterInput returns the Register input behind each form.
import { describe, expect, it } from 'vitest';
import { buildTaskDefinition, toRegisterInput, validateTaskDefinition } from '../../../workers/engine/taskdef/index.ts';
import { edited, fargateApi, META, minimalEc2, nginxWeb, type Doc } from './fixtures.ts';

const ok = { valid: true, errors: [] };

describe('valid task definitions', () => {
  it.each<[string, Doc]>([
    ['minimal EC2 (family, one container with image and memory)', minimalEc2()],
    ['default nginx (web, nginx:1.27, cpu 256, memory 512, dynamic port 80)', nginxWeb()],
    ['nginx from public ECR', edited(nginxWeb(), (d) => (d.containerDefinitions[0].image = 'public.ecr.aws/nginx/nginx:latest'))],
    ['Fargate 0.5 vCPU / 1 GiB with an ECR image and an execution role', fargateApi()],
    ['Fargate size written with units ("0.5 vCPU", "1 GB")', edited(fargateApi(), (d) => Object.assign(d, { cpu: '0.5 vCPU', memory: '1 GB' }))],
    ['EC2 + FARGATE compatibilities', edited(fargateApi(), (d) => (d.requiresCompatibilities = ['EC2', 'FARGATE']))],
    ['EC2 with task-level memory only (containers need no memory of their own)', { family: 'f', memory: '512', containerDefinitions: [{ name: 'a', image: 'x' }] }],
    ['memoryReservation alone', { family: 'f', containerDefinitions: [{ name: 'a', image: 'x', memoryReservation: 64 }] }],
    ['memoryReservation equal to memory', { family: 'f', containerDefinitions: [{ name: 'a', image: 'x', memory: 64, memoryReservation: 64 }] }],
    ['host mode with hostPort equal to containerPort', edited(nginxWeb(), (d) => Object.assign(d, { networkMode: 'host', containerDefinitions: [{ name: 'web', image: 'nginx', memory: 64, portMappings: [{ containerPort: 80, hostPort: 80 }] }] }))],
    ['bridge mode: two containers on dynamic host ports for the same container port', {
      family: 'f',
      containerDefinitions: [
        { name: 'a', image: 'x', memory: 64, portMappings: [{ containerPort: 80 }] },
        { name: 'b', image: 'x', memory: 64, portMappings: [{ containerPort: 80, hostPort: 0 }] },
      ],
    }],
    ['same port number on tcp and udp', { family: 'f', containerDefinitions: [{ name: 'dns', image: 'coredns', memory: 64, portMappings: [{ containerPort: 53, hostPort: 53 }, { containerPort: 53, hostPort: 53, protocol: 'udp' }] }] }],
    ['a non-essential sidecar next to an essential container', edited(nginxWeb(), (d) => d.containerDefinitions.push({ name: 'log', image: 'fluent-bit', memory: 64, essential: false }))],
    ['dependsOn with HEALTHY on a container with a health check', {
      family: 'f',
      containerDefinitions: [
        { name: 'app', image: 'x', memory: 64, dependsOn: [{ containerName: 'db', condition: 'HEALTHY' }] },
        { name: 'db', image: 'postgres', memory: 256, healthCheck: { command: ['CMD-SHELL', 'pg_isready'], interval: 10 } },
      ],
    }],
    ['a mount point on a declared volume', { family: 'f', volumes: [{ name: 'data', host: { sourcePath: '/srv' } }], containerDefinitions: [{ name: 'a', image: 'x', memory: 64, mountPoints: [{ sourceVolume: 'data', containerPath: '/data' }] }] }],
    ['links and volumesFrom between containers (bridge)', {
      family: 'f',
      containerDefinitions: [
        { name: 'app', image: 'x', memory: 64, links: ['db:database'], volumesFrom: [{ sourceContainer: 'db', readOnly: true }] },
        { name: 'db', image: 'postgres', memory: 256 },
      ],
    }],
    ['a port range in bridge mode', { family: 'f', containerDefinitions: [{ name: 'a', image: 'x', memory: 64, portMappings: [{ containerPortRange: '8000-8100' }] }] }],
    ['secrets and env files with an execution role', edited(nginxWeb(), (d) => {
      d.executionRoleArn = 'ecsTaskExecutionRole';
      d.containerDefinitions[0].secrets = [{ name: 'DB_PASSWORD', valueFrom: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:db' }];
      d.containerDefinitions[0].environmentFiles = [{ value: 'arn:aws:s3:::config-bucket/web.env', type: 's3' }];
    })],
    ['an EFS volume through an access point over TLS', {
      family: 'f',
      volumes: [{ name: 'shared', efsVolumeConfiguration: { fileSystemId: 'fs-1', transitEncryption: 'ENABLED', authorizationConfig: { accessPointId: 'fsap-1', iam: 'ENABLED' } } }],
      containerDefinitions: [{ name: 'a', image: 'x', memory: 64, mountPoints: [{ sourceVolume: 'shared', containerPath: '/mnt' }] }],
    }],
    ['Fargate with SYS_PTRACE and initProcessEnabled', edited(fargateApi(), (d) => (d.containerDefinitions[0].linuxParameters = { capabilities: { add: ['SYS_PTRACE'] }, initProcessEnabled: true }))],
    ['a memberOf placement constraint on EC2', edited(nginxWeb(), (d) => (d.placementConstraints = [{ type: 'memberOf', expression: 'attribute:ecs.instance-type =~ t3.*' }]))],
    ['a role given by name (the sandbox resolves it)', edited(nginxWeb(), (d) => (d.taskRoleArn = 'webTaskRole'))],
  ])('%s', (_name, doc) => {
    expect(validateTaskDefinition(doc)).toEqual(ok);
  });
});

describe('DescribeTaskDefinition output', () => {
  const described = (): Doc => ({
    taskDefinition: {
      ...buildTaskDefinition(nginxWeb(), META),
      deregisteredAt: '2026-01-02T00:00:00.000Z',
    },
    tags: [{ key: 'team', value: 'web' }],
  });

  it('is accepted with taskDefinitionArn, revision, status, registeredAt/By, compatibilities, requiresAttributes', () => {
    expect(validateTaskDefinition(described())).toEqual(ok);
  });

  it('toRegisterInput drops the wrapper and the read-only fields and moves tags inside', () => {
    const input = toRegisterInput(described());
    for (const field of ['taskDefinitionArn', 'revision', 'status', 'registeredAt', 'registeredBy', 'deregisteredAt', 'compatibilities', 'requiresAttributes']) {
      expect(input).not.toHaveProperty(field);
    }
    expect(input.family).toBe('web');
    expect(input.tags).toEqual([{ key: 'team', value: 'web' }]);
    expect(validateTaskDefinition(input)).toEqual(ok);
  });

  it('a registered definition round-trips: describe → register input → build gives the same definition', () => {
    // The first registration omits networkMode; its Describe output states "bridge", and a stated
    // networkMode requires docker-remote-api 1.18. From then on the round trip is exact.
    const first = buildTaskDefinition(toRegisterInput({ taskDefinition: buildTaskDefinition(nginxWeb(), META) }), META);
    const again = buildTaskDefinition(toRegisterInput({ taskDefinition: first }), META);
    expect(again).toEqual(first);
  });

  it('toRegisterInput returns a copy, never the caller object', () => {
    const doc = nginxWeb();
    const input = toRegisterInput(doc);
    expect(input).toEqual(doc);
    expect(input).not.toBe(doc);
    (input.containerDefinitions as Doc[])[0]!.name = 'changed';
    expect(doc.containerDefinitions[0].name).toBe('web');
  });

  it.each([[null], ['text'], [[1, 2]], [{ taskDefinition: 'x' }]])('toRegisterInput(%j) does not throw', (input) => {
    expect(() => toRegisterInput(input)).not.toThrow();
  });
});
