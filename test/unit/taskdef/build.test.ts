// Proves that buildTaskDefinition returns what DescribeTaskDefinition would: AWS's defaults filled
// (bridge, essential, tcp, cpu 0, empty lists), hostPort filled only where ECS fills it, computed
// compatibilities and requiresAttributes, sizes in units/MiB, and keys in the CLI's order.
import { describe, expect, it } from 'vitest';
import { buildTaskDefinition } from '../../../workers/engine/taskdef/index.ts';
import { edited, fargateApi, META, minimalEc2, nginxWeb, type Doc } from './fixtures.ts';

const containerOf = (doc: Doc) => buildTaskDefinition(doc, META).containerDefinitions[0] as Doc;

describe('buildTaskDefinition', () => {
  it('the default nginx definition as Describe shows it', () => {
    expect(buildTaskDefinition(nginxWeb(), META)).toEqual({
      taskDefinitionArn: META.taskDefinitionArn,
      containerDefinitions: [
        {
          name: 'web',
          image: 'nginx:1.27',
          cpu: 256,
          memory: 512,
          portMappings: [{ containerPort: 80, hostPort: 0, protocol: 'tcp' }],
          essential: true,
          environment: [],
          mountPoints: [],
          volumesFrom: [],
          systemControls: [],
        },
      ],
      family: 'web',
      networkMode: 'bridge',
      revision: 1,
      volumes: [],
      status: 'ACTIVE',
      requiresAttributes: [],
      placementConstraints: [],
      compatibilities: ['EXTERNAL', 'EC2'],
      registeredAt: META.registeredAt,
      registeredBy: META.registeredBy,
    });
  });

  it('keys come in the order the AWS CLI prints them', () => {
    expect(Object.keys(buildTaskDefinition(fargateApi(), META))).toEqual([
      'taskDefinitionArn', 'containerDefinitions', 'family', 'executionRoleArn', 'networkMode', 'revision', 'volumes', 'status',
      'requiresAttributes', 'placementConstraints', 'compatibilities', 'requiresCompatibilities', 'cpu', 'memory', 'registeredAt', 'registeredBy',
    ]);
  });

  it('cpu 0 and essential true when omitted; explicit essential false kept', () => {
    expect(containerOf(minimalEc2())).toMatchObject({ cpu: 0, essential: true, portMappings: [] });
    expect(containerOf(edited(minimalEc2(), (d) => (d.containerDefinitions[0].essential = false))).essential).toBe(false);
  });

  it.each<[string, Doc, Doc]>([
    ['bridge, hostPort omitted: stays omitted (dynamic)', { containerPort: 80 }, { containerPort: 80, protocol: 'tcp' }],
    ['bridge, hostPort 0 kept', { containerPort: 80, hostPort: 0 }, { containerPort: 80, hostPort: 0, protocol: 'tcp' }],
    ['bridge, static hostPort kept', { containerPort: 80, hostPort: 8080, protocol: 'udp' }, { containerPort: 80, hostPort: 8080, protocol: 'udp' }],
  ])('port mapping in %s', (_name, mapping, expected) => {
    const doc = edited(minimalEc2(), (d) => (d.containerDefinitions[0].portMappings = [mapping]));
    expect(containerOf(doc).portMappings).toEqual([expected]);
  });

  it.each(['host', 'awsvpc'])('%s mode: an omitted hostPort becomes the containerPort', (networkMode) => {
    const doc = edited(minimalEc2(), (d) => {
      d.networkMode = networkMode;
      d.containerDefinitions[0].portMappings = [{ containerPort: 8080 }];
    });
    expect(containerOf(doc).portMappings).toEqual([{ containerPort: 8080, hostPort: 8080, protocol: 'tcp' }]);
  });

  it('health check defaults: interval 30, timeout 5, retries 3', () => {
    const doc = edited(minimalEc2(), (d) => (d.containerDefinitions[0].healthCheck = { command: ['CMD', 'true'] }));
    expect(containerOf(doc).healthCheck).toEqual({ command: ['CMD', 'true'], interval: 30, timeout: 5, retries: 3 });
  });

  it('task size with units is stored as units and MiB ("0.5 vCPU" → "512", "1 GB" → "1024")', () => {
    const td = buildTaskDefinition(edited(fargateApi(), (d) => Object.assign(d, { cpu: '0.5 vCPU', memory: '1 GB' })), META);
    expect([td.cpu, td.memory]).toEqual(['512', '1024']);
  });

  it('tags are not part of the task definition (Describe returns them beside it)', () => {
    expect(buildTaskDefinition(edited(nginxWeb(), (d) => (d.tags = [{ key: 'a', value: 'b' }])), META)).not.toHaveProperty('tags');
  });

  it.each<[string, Doc, string[]]>([
    ['bridge (default)', nginxWeb(), ['EXTERNAL', 'EC2']],
    ['host', edited(nginxWeb(), (d) => (d.networkMode = 'host')), ['EXTERNAL', 'EC2']],
    ['awsvpc without a task size', edited(nginxWeb(), (d) => (d.networkMode = 'awsvpc')), ['EC2']],
    ['awsvpc with a Fargate size, not asking for Fargate', edited(nginxWeb(), (d) => Object.assign(d, { networkMode: 'awsvpc', cpu: '256', memory: '512' })), ['EC2', 'FARGATE']],
    ['Fargate definition', fargateApi(), ['EC2', 'FARGATE']],
    ['awsvpc with a Fargate size but a json-file log driver', edited(nginxWeb(), (d) => Object.assign(d, { networkMode: 'awsvpc', cpu: '256', memory: '512', containerDefinitions: [{ ...d.containerDefinitions[0], logConfiguration: { logDriver: 'json-file' } }] })), ['EC2']],
    ['awsvpc with a Fargate size but a privileged container', edited(nginxWeb(), (d) => Object.assign(d, { networkMode: 'awsvpc', cpu: '256', memory: '512', containerDefinitions: [{ ...d.containerDefinitions[0], privileged: true }] })), ['EC2']],
  ])('compatibilities of %s', (_name, doc, expected) => {
    expect(buildTaskDefinition(doc, META).compatibilities).toEqual(expected);
  });

  it('requiresAttributes follow the features used', () => {
    const names = buildTaskDefinition(fargateApi(), META).requiresAttributes.map((a) => a.name);
    expect(names).toEqual([
      'com.amazonaws.ecs.capability.docker-remote-api.1.18',
      'ecs.capability.task-eni',
      'com.amazonaws.ecs.capability.docker-remote-api.1.19',
      'com.amazonaws.ecs.capability.logging-driver.awslogs',
      'ecs.capability.execution-role-awslogs',
      'com.amazonaws.ecs.capability.ecr-auth',
      'ecs.capability.execution-role-ecr-pull',
    ]);
  });

  it('does not alias the input', () => {
    const doc = nginxWeb();
    const td = buildTaskDefinition(doc, META);
    (td.containerDefinitions[0] as Doc).name = 'changed';
    expect(doc.containerDefinitions[0].name).toBe('web');
  });
});
