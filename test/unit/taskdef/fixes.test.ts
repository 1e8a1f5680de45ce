// Proves the quick fixes: each error with an obvious fix carries exactly that fix (title and JSON
// Patch), and applying its patches to the document removes the error — here the patched document
// is valid outright, since each case has only the one problem. Also proves applyQuickFix itself.
import { describe, expect, it } from 'vitest';
import { applyQuickFix, validateTaskDefinition } from '../../../workers/engine/taskdef/index.ts';
import type { QuickFix } from '../../../workers/protocol.ts';
import { edited, fargateApi, minimalEc2, nginxWeb, type Doc } from './fixtures.ts';

const ROLE = 'arn:aws:iam::123456789012:role/ecsTaskExecutionRole';
const box = (fields: Doc = {}): Doc => ({ name: 'a', image: 'x', memory: 64, ...fields });
const bridge = (...containers: Doc[]): Doc => ({ family: 'f', containerDefinitions: containers });

type Row = [name: string, doc: Doc, at: string, fix: QuickFix];

const rows: Row[] = [
  ['awsvpc hostPort 8081 ≠ containerPort 8080 → hostPort 8080',
    edited(fargateApi(), (d) => (d.containerDefinitions[0].portMappings[0].hostPort = 8081)),
    '/containerDefinitions/0/portMappings/0/hostPort',
    { title: 'Set hostPort to 8080 (the containerPort)', patches: [{ op: 'add', path: '/containerDefinitions/0/portMappings/0/hostPort', value: 8080 }] }],
  ['awsvpc hostPort 0 → hostPort = containerPort',
    edited(fargateApi(), (d) => (d.containerDefinitions[0].portMappings[0].hostPort = 0)),
    '/containerDefinitions/0/portMappings/0/hostPort',
    { title: 'Set hostPort to 8080 (the containerPort)', patches: [{ op: 'add', path: '/containerDefinitions/0/portMappings/0/hostPort', value: 8080 }] }],
  ['host mode hostPort 8080 ≠ containerPort 80 → hostPort 80',
    { family: 'f', networkMode: 'host', containerDefinitions: [box({ portMappings: [{ containerPort: 80, hostPort: 8080 }] })] },
    '/containerDefinitions/0/portMappings/0/hostPort',
    { title: 'Set hostPort to 80 (the containerPort)', patches: [{ op: 'add', path: '/containerDefinitions/0/portMappings/0/hostPort', value: 80 }] }],
  ['bridge: static host port 80 twice → the second becomes dynamic',
    bridge(box({ portMappings: [{ containerPort: 80, hostPort: 80 }] }), box({ name: 'b', portMappings: [{ containerPort: 8080, hostPort: 80 }] })),
    '/containerDefinitions/1/portMappings/0/hostPort',
    { title: 'Set hostPort to 0 (dynamic host port)', patches: [{ op: 'add', path: '/containerDefinitions/1/portMappings/0/hostPort', value: 0 }] }],
  ['Fargate ECR image without an execution role → add ecsTaskExecutionRole',
    edited(fargateApi(), (d) => {
      delete d.executionRoleArn;
      delete d.containerDefinitions[0].logConfiguration;
    }),
    '/containerDefinitions/0/image',
    { title: 'Add executionRoleArn (ecsTaskExecutionRole)', patches: [{ op: 'add', path: '/executionRoleArn', value: ROLE }] }],
  ['Fargate awslogs without an execution role → add ecsTaskExecutionRole',
    edited(fargateApi(), (d) => {
      delete d.executionRoleArn;
      d.containerDefinitions[0].image = 'nginx:1.27';
    }),
    '/containerDefinitions/0/logConfiguration/logDriver',
    { title: 'Add executionRoleArn (ecsTaskExecutionRole)', patches: [{ op: 'add', path: '/executionRoleArn', value: ROLE }] }],
  ['secrets without an execution role → add ecsTaskExecutionRole',
    bridge(box({ secrets: [{ name: 'DB_PASSWORD', valueFrom: 'arn:aws:ssm:us-east-1:123456789012:parameter/db' }] })),
    '/containerDefinitions/0/secrets',
    { title: 'Add executionRoleArn (ecsTaskExecutionRole)', patches: [{ op: 'add', path: '/executionRoleArn', value: ROLE }] }],
  ['Fargate 256 cpu with 4096 MiB → 2048, the nearest memory 256 takes',
    edited(fargateApi(), (d) => Object.assign(d, { cpu: '256', memory: '4096' })),
    '/memory',
    { title: 'Set memory to 2048 MiB', patches: [{ op: 'add', path: '/memory', value: '2048' }] }],
  ['Fargate 1 vCPU with 1 GB → 2048',
    edited(fargateApi(), (d) => Object.assign(d, { cpu: '1 vCPU', memory: '1 GB' })),
    '/memory',
    { title: 'Set memory to 2048 MiB', patches: [{ op: 'add', path: '/memory', value: '2048' }] }],
  ['Fargate 8 vCPU with 18 GB → 16384 (a tie between 16384 and 20480 picks the smaller)',
    edited(fargateApi(), (d) => Object.assign(d, { cpu: '8 vCPU', memory: '18 GB' })),
    '/memory',
    { title: 'Set memory to 16384 MiB', patches: [{ op: 'add', path: '/memory', value: '16384' }] }],
  ['EC2 container without memory → add memory 512',
    bridge({ name: 'a', image: 'x' }),
    '/containerDefinitions/0',
    { title: 'Add memory: 512', patches: [{ op: 'add', path: '/containerDefinitions/0/memory', value: 512 }] }],
  ['no essential container → the first becomes essential',
    bridge(box({ essential: false }), box({ name: 'b', essential: false })),
    '/containerDefinitions',
    { title: 'Make the first container essential', patches: [{ op: 'add', path: '/containerDefinitions/0/essential', value: true }] }],
  ['Fargate with bridge networking → awsvpc',
    edited(fargateApi(), (d) => (d.networkMode = 'bridge')),
    '/networkMode',
    { title: 'Set networkMode to awsvpc', patches: [{ op: 'add', path: '/networkMode', value: 'awsvpc' }] }],
  ['Fargate without a networkMode → awsvpc',
    edited(fargateApi(), (d) => delete d.networkMode),
    '/networkMode',
    { title: 'Set networkMode to awsvpc', patches: [{ op: 'add', path: '/networkMode', value: 'awsvpc' }] }],
  ['memoryReservation 1024 above memory 512 → 512',
    bridge(box({ memory: 512, memoryReservation: 1024 })),
    '/containerDefinitions/0/memoryReservation',
    { title: 'Set memoryReservation to 512 (the memory limit)', patches: [{ op: 'add', path: '/containerDefinitions/0/memoryReservation', value: 512 }] }],
  ['Fargate privileged container → remove privileged',
    edited(fargateApi(), (d) => (d.containerDefinitions[0].privileged = true)),
    '/containerDefinitions/0/privileged',
    { title: 'Remove privileged', patches: [{ op: 'remove', path: '/containerDefinitions/0/privileged' }] }],
  ['Fargate linuxParameters.sharedMemorySize → remove it',
    edited(fargateApi(), (d) => (d.containerDefinitions[0].linuxParameters = { sharedMemorySize: 64, initProcessEnabled: true })),
    '/containerDefinitions/0/linuxParameters/sharedMemorySize',
    { title: 'Remove linuxParameters.sharedMemorySize', patches: [{ op: 'remove', path: '/containerDefinitions/0/linuxParameters/sharedMemorySize' }] }],
  ['Fargate ipcMode → remove ipcMode',
    edited(fargateApi(), (d) => (d.ipcMode = 'host')),
    '/ipcMode',
    { title: 'Remove ipcMode', patches: [{ op: 'remove', path: '/ipcMode' }] }],
  ['Fargate pidMode host → remove pidMode',
    edited(fargateApi(), (d) => (d.pidMode = 'host')),
    '/pidMode',
    { title: 'Remove pidMode', patches: [{ op: 'remove', path: '/pidMode' }] }],
  ['Fargate placementConstraints → remove them',
    edited(fargateApi(), (d) => (d.placementConstraints = [{ type: 'memberOf', expression: 'attribute:a == b' }])),
    '/placementConstraints',
    { title: 'Remove placementConstraints', patches: [{ op: 'remove', path: '/placementConstraints' }] }],
  ['awsvpc container with a hostname → remove hostname',
    edited(fargateApi(), (d) => (d.containerDefinitions[0].hostname = 'api')),
    '/containerDefinitions/0/hostname',
    { title: 'Remove hostname', patches: [{ op: 'remove', path: '/containerDefinitions/0/hostname' }] }],
  ['Fargate memory 2048 without cpu → cpu 256, the smallest that takes 2048',
    edited(fargateApi(), (d) => Object.assign(d, { cpu: undefined, memory: '2048' })),
    '/cpu',
    { title: 'Set cpu to 256 (the smallest Fargate cpu for this memory)', patches: [{ op: 'add', path: '/cpu', value: '256' }] }],
  ['Fargate Windows memory 2048 without cpu → cpu 1024 (Windows starts at 1 vCPU)',
    edited(fargateApi(), (d) => Object.assign(d, { cpu: undefined, memory: '2048', runtimePlatform: { operatingSystemFamily: 'WINDOWS_SERVER_2022_CORE' } })),
    '/cpu',
    { title: 'Set cpu to 1024 (the smallest Fargate cpu for this memory)', patches: [{ op: 'add', path: '/cpu', value: '1024' }] }],
  ['Fargate cpu "1 vCPU" without memory → 2048',
    edited(fargateApi(), (d) => Object.assign(d, { cpu: '1 vCPU', memory: undefined })),
    '/memory',
    { title: 'Set memory to 2048 MiB (the smallest for this cpu)', patches: [{ op: 'add', path: '/memory', value: '2048' }] }],
  ['health check interval 1 → 5, the lower bound',
    bridge(box({ healthCheck: { command: ['CMD', 'true'], interval: 1 } })),
    '/containerDefinitions/0/healthCheck/interval',
    { title: 'Set healthCheck.interval to 5', patches: [{ op: 'add', path: '/containerDefinitions/0/healthCheck/interval', value: 5 }] }],
  ['health check retries 11 → 10, the upper bound',
    bridge(box({ healthCheck: { command: ['CMD', 'true'], retries: 11 } })),
    '/containerDefinitions/0/healthCheck/retries',
    { title: 'Set healthCheck.retries to 10', patches: [{ op: 'add', path: '/containerDefinitions/0/healthCheck/retries', value: 10 }] }],
  ['ephemeral storage 500 GiB → 200',
    edited(fargateApi(), (d) => (d.ephemeralStorage = { sizeInGiB: 500 })),
    '/ephemeralStorage/sizeInGiB',
    { title: 'Set ephemeralStorage.sizeInGiB to 200', patches: [{ op: 'add', path: '/ephemeralStorage/sizeInGiB', value: 200 }] }],
  ['dependsOn SUCCESS of an essential container → make it non-essential',
    bridge(box({ dependsOn: [{ containerName: 'init', condition: 'SUCCESS' }] }), box({ name: 'init' })),
    '/containerDefinitions/0/dependsOn/0/condition',
    { title: "Make 'init' non-essential", patches: [{ op: 'add', path: '/containerDefinitions/1/essential', value: false }] }],
  ['mount point on an undeclared volume, no volumes at all → declare it',
    bridge(box({ mountPoints: [{ sourceVolume: 'data', containerPath: '/data' }] })),
    '/containerDefinitions/0/mountPoints/0/sourceVolume',
    { title: "Add volume 'data'", patches: [{ op: 'add', path: '/volumes', value: [{ name: 'data' }] }] }],
  ['mount point on an undeclared volume beside others → append it',
    { ...bridge(box({ mountPoints: [{ sourceVolume: 'data', containerPath: '/data' }] })), volumes: [{ name: 'logs' }] },
    '/containerDefinitions/0/mountPoints/0/sourceVolume',
    { title: "Add volume 'data'", patches: [{ op: 'add', path: '/volumes/-', value: { name: 'data' } }] }],
  ['awslogs with neither region nor group → add both',
    bridge(box({ logConfiguration: { logDriver: 'awslogs' } })),
    '/containerDefinitions/0/logConfiguration/options',
    { title: 'Add awslogs-region us-east-1 and awslogs-group /ecs/f', patches: [{ op: 'add', path: '/containerDefinitions/0/logConfiguration/options', value: { 'awslogs-region': 'us-east-1', 'awslogs-group': '/ecs/f' } }] }],
  ['awslogs without a group → add it beside the other options',
    bridge(box({ logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-region': 'eu-west-1', 'awslogs-stream-prefix': 'a' } } })),
    '/containerDefinitions/0/logConfiguration/options',
    { title: 'Add awslogs-group /ecs/f', patches: [{ op: 'add', path: '/containerDefinitions/0/logConfiguration/options/awslogs-group', value: '/ecs/f' }] }],
];

describe('quick fixes', () => {
  it.each(rows)('%s', (_name, doc, at, fix) => {
    const before = validateTaskDefinition(doc);
    const issue = before.errors.find((e) => e.path === at && e.fix);
    expect(issue?.fix).toEqual(fix);
    const patched = applyQuickFix(doc, fix);
    expect(patched.ok).toBe(true);
    if (!patched.ok) return;
    expect(validateTaskDefinition(patched.document)).toEqual({ valid: true, errors: [] });
  });

  it('points into the Describe form: the fix patches /taskDefinition/…', () => {
    const inner = edited(fargateApi(), (d) => Object.assign(d, { cpu: '256', memory: '4096' }));
    const doc = { taskDefinition: { ...inner, revision: 3, status: 'ACTIVE' } };
    const [issue] = validateTaskDefinition(doc).errors;
    expect(issue?.fix?.patches).toEqual([{ op: 'add', path: '/taskDefinition/memory', value: '2048' }]);
    const patched = applyQuickFix(doc, issue!.fix!);
    expect(patched.ok && validateTaskDefinition(patched.document).valid).toBe(true);
  });

  it('host mode has no dynamic ports, so a host port used twice gets no fix', () => {
    const doc = { family: 'f', networkMode: 'host', containerDefinitions: [box({ portMappings: [{ containerPort: 53, protocol: 'udp' }, { containerPort: 53, protocol: 'udp' }] })] };
    const [issue] = validateTaskDefinition(doc).errors;
    expect(issue?.message).toBe("UDP host port '53' is mapped multiple times in task.");
    expect(issue?.fix).toBeUndefined();
  });

  it('errors without an obvious fix carry none', () => {
    const doc = edited(minimalEc2(), (d) => (d.family = 'web.v2'));
    expect(validateTaskDefinition(doc).errors[0]).not.toHaveProperty('fix');
  });
});

describe('applyQuickFix', () => {
  it('adds, replaces and removes members and array elements, unescaping ~0 and ~1', () => {
    const doc = { a: { 'x/y': 1, 'm~n': 2 }, list: [1, 2, 3] };
    const result = applyQuickFix(doc, {
      patches: [
        { op: 'replace', path: '/a/x~1y', value: 10 },
        { op: 'remove', path: '/a/m~0n' },
        { op: 'add', path: '/list/1', value: 9 },
        { op: 'add', path: '/list/-', value: 4 },
        { op: 'remove', path: '/list/0' },
        { op: 'add', path: '/b', value: { c: true } },
      ],
    });
    expect(result).toEqual({ ok: true, document: { a: { 'x/y': 10 }, list: [9, 2, 3, 4], b: { c: true } } });
    expect(doc).toEqual({ a: { 'x/y': 1, 'm~n': 2 }, list: [1, 2, 3] });
  });

  it.each([
    ['a missing parent', { op: 'add', path: '/nope/x', value: 1 }],
    ['replace of a missing member', { op: 'replace', path: '/nope', value: 1 }],
    ['an index past the end', { op: 'replace', path: '/list/5', value: 1 }],
    ['not a pointer', { op: 'add', path: 'list', value: 1 }],
  ] as const)('refuses %s without throwing', (_name, patch) => {
    const result = applyQuickFix({ list: [1] }, { patches: [patch] });
    expect(result.ok).toBe(false);
  });

  it('the nginx default needs no fix', () => {
    expect(validateTaskDefinition(nginxWeb()).errors).toEqual([]);
  });
});
