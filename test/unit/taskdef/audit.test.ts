// Proves issue 3 item 2 ("registration rules") point by point, with valid AND invalid cases side by
// side: what AWS accepts is accepted, what it refuses is refused with AWS's error code, wording and
// the JSON pointer of the field. The Fargate size table is written out here from ecs-reference §3
// (not read from limits.ts), so a wrong table in the code cannot make its own test pass.
// rules.test.ts has one failing row per rule; this file adds the boundaries and the valid side.
import { describe, expect, it } from 'vitest';
import { validateTaskDefinition } from '../../../workers/engine/taskdef/index.ts';
import { edited, fargateApi, minimalEc2, richEc2, type Doc } from './fixtures.ts';

const TASK_SIZE = "Invalid 'cpu' setting for task. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.";
const box = (fields: Doc = {}): Doc => ({ name: 'a', image: 'x', memory: 64, ...fields });
const bridge = (...containers: Doc[]): Doc => ({ family: 'f', containerDefinitions: containers });
const fargate = (fields: Doc): Doc => ({ ...fargateApi(), ...fields });

/** The errors as [path, code, message] (quick fixes are proved in fixes.test.ts). */
const errorsOf = (doc: unknown) => validateTaskDefinition(doc).errors.map((e) => [e.path, e.code, e.message]);
const expectValid = (doc: unknown) => expect(validateTaskDefinition(doc)).toEqual({ valid: true, errors: [] });
const client = (path: string, message: string) => [path, 'ClientException', message];

describe('required fields', () => {
  it.each<[string, Doc, string[][]]>([
    ['family', { containerDefinitions: [box()] }, [['/family', 'ParamValidationError', 'Missing required parameter in input: "family"']]],
    ['containerDefinitions', { family: 'f' }, [['/containerDefinitions', 'ParamValidationError', 'Missing required parameter in input: "containerDefinitions"']]],
    ['container name', bridge({ image: 'x', memory: 64 }), [client('/containerDefinitions/0/name', 'Container.name should not be null or empty.')]],
    ['container image', bridge({ name: 'a', memory: 64 }), [client('/containerDefinitions/0/image', 'Container.image should not be null or empty.')]],
    ['EFS fileSystemId', { ...bridge(box()), volumes: [{ name: 'v', efsVolumeConfiguration: {} }] }, [['/volumes/0/efsVolumeConfiguration/fileSystemId', 'ParamValidationError', 'Missing required parameter in volumes[0].efsVolumeConfiguration: "fileSystemId"']]],
  ])('missing %s is refused', (_name, doc, errors) => expect(errorsOf(doc)).toEqual(errors));

  it('family plus one container with a name, an image and memory is enough', () => expectValid(minimalEc2()));
});

describe('family', () => {
  it.each(['a', 'web-app_2', 'A'.repeat(255)])('%s is a family name', (family) => expectValid({ ...minimalEc2(), family }));
  it.each<[string, string]>([
    ['', 'Family can not be blank.'],
    ['   ', 'Family can not be blank.'],
    ['web app', 'Family contains invalid characters.'],
    ['web:1', 'Family contains invalid characters.'],
    ['café', 'Family contains invalid characters.'],
    ['a'.repeat(256), 'Family contains invalid characters.'],
  ])('%j is refused', (family, message) => expect(errorsOf({ ...minimalEc2(), family })).toEqual([client('/family', message)]));
});

describe('containers: count, names, essential', () => {
  const many = (n: number) => bridge(...Array.from({ length: n }, (_, i) => box({ name: `c${i}` })));
  it('10 containers are accepted', () => expectValid(many(10)));
  it('11 are refused', () => expect(errorsOf(many(11))).toEqual([client('/containerDefinitions', 'Too many containers.')]));
  it('names differing only in case are distinct', () => expectValid(bridge(box({ name: 'web' }), box({ name: 'Web' }))));
  it('the third container repeating the first name is refused at its name', () =>
    expect(errorsOf(bridge(box({ name: 'a' }), box({ name: 'b' }), box({ name: 'a' })))).toEqual([
      client('/containerDefinitions/2/name', 'Container names must be unique within a Task Definition.'),
    ]));
  it('essential defaults to true, so one container without the field is essential', () => expectValid(bridge(box(), box({ name: 'b', essential: false }))));
  it('one explicitly essential container among non-essential ones is enough', () =>
    expectValid(bridge(box({ essential: false }), box({ name: 'b', essential: true }))));
});

/** ecs-reference §3, written out: cpu units → every valid memory (MiB), and whether Windows may use it. */
const FARGATE_TABLE: [cpu: number, memory: number[], windows: boolean][] = [
  [256, [512, 1024, 2048], false],
  [512, [1024, 2048, 3072, 4096], false],
  [1024, [2048, 3072, 4096, 5120, 6144, 7168, 8192], true],
  [2048, Array.from({ length: 13 }, (_, i) => 4096 + i * 1024), true],
  [4096, Array.from({ length: 23 }, (_, i) => 8192 + i * 1024), true],
  [8192, Array.from({ length: 12 }, (_, i) => 16384 + i * 4096), false],
  [16384, Array.from({ length: 12 }, (_, i) => 32768 + i * 8192), false],
];

describe('Fargate task size: the whole table', () => {
  const valid = FARGATE_TABLE.flatMap(([cpu, memories]) => memories.map((memory) => [cpu, memory] as const));
  it(`has ${valid.length} valid combinations`, () => expect(valid).toHaveLength(3 + 4 + 7 + 13 + 23 + 12 + 12));

  it.each(valid)('cpu %i with memory %i is valid', (cpu, memory) => expectValid(fargate({ cpu: String(cpu), memory: String(memory) })));

  // Just below, just above and between the steps of each row.
  const invalid = FARGATE_TABLE.flatMap(([cpu, memories]) => {
    const step = memories[1]! - memories[0]!;
    return [memories[0]! - step, memories[memories.length - 1]! + step, memories[0]! + step / 2].map((memory) => [cpu, memory] as const);
  });
  it.each(invalid)('cpu %i with memory %i is refused at /memory, naming the valid memories', (cpu, memory) => {
    const [error] = errorsOf(fargate({ cpu: String(cpu), memory: String(memory) }));
    expect(error?.[0]).toBe('/memory');
    expect(error?.[2]).toMatch(new RegExp(`^${TASK_SIZE.replace(/[.()]/g, '\\$&')} With ${cpu} CPU units Fargate takes a task memory of .+ MiB; got ${memory}\\.$`));
  });

  it.each([128, 768, 3072, 32768])('cpu %i is not a Fargate size', (cpu) =>
    expect(errorsOf(fargate({ cpu: String(cpu), memory: '2048' }))).toEqual([
      client('/cpu', `${TASK_SIZE} Fargate takes a task cpu of 256, 512, 1024, 2048, 4096, 8192, 16384 CPU units; got ${cpu}.`),
    ]));

  const windows = { runtimePlatform: { operatingSystemFamily: 'WINDOWS_SERVER_2022_CORE', cpuArchitecture: 'X86_64' } };
  it.each(FARGATE_TABLE.filter(([, , w]) => w).map(([cpu, memories]) => [cpu, memories[0]!] as const))('Windows: cpu %i with memory %i is valid', (cpu, memory) =>
    expectValid(fargate({ ...windows, cpu: String(cpu), memory: String(memory) })));
  it.each([256, 512, 8192, 16384])('Windows: cpu %i is refused', (cpu) => {
    const [, memories] = FARGATE_TABLE.find(([c]) => c === cpu)!;
    expect(errorsOf(fargate({ ...windows, cpu: String(cpu), memory: String(memories[0]) }))).toEqual([
      client('/cpu', `${TASK_SIZE} Fargate (Windows) takes a task cpu of 1024, 2048, 4096 CPU units; got ${cpu}.`),
    ]);
  });
});

describe('task cpu and memory as strings with units', () => {
  it.each<[string, string]>([
    ['1 vCPU', '2 GB'],
    ['1 vcpu', '2GB'],
    ['0.25 vCPU', '0.5 GB'],
    ['0.5 vCPU', '1 GB'],
    ['16 vCPU', '120 GB'],
    ['1024', '2048'],
  ])('Fargate cpu %j with memory %j is valid', (cpu, memory) => expectValid(fargate({ cpu, memory })));

  it.each<[string, string, string]>([
    // AWS takes memory as MiB without a unit, or in GB: "512 MiB" is neither.
    ['cpu 256, memory "512 MiB"', '256', '512 MiB'],
    ['memory "1.3 GB" (not a whole number of MiB)', '256', '1.3 GB'],
    ['memory "2 TB"', '256', '2 TB'],
  ])('%s is refused at /memory', (_name, cpu, memory) =>
    expect(errorsOf(fargate({ cpu, memory }))).toContainEqual(client('/memory', TASK_SIZE)));

  it('cpu "1.5 vCPU" (1536 units) is not a Fargate size', () =>
    expect(errorsOf(fargate({ cpu: '1.5 vCPU', memory: '4 GB' }))[0]?.[0]).toBe('/cpu'));

  it.each(['128', '10240', '10 vCPU', '0.125 vCPU'])('EC2 task cpu %j is within 128–10240 units', (cpu) => expectValid({ ...minimalEc2(), cpu }));
  it.each(['127', '10241', '0 vCPU', '-1'])('EC2 task cpu %j is refused', (cpu) => expect(errorsOf({ ...minimalEc2(), cpu })).toEqual([client('/cpu', TASK_SIZE)]));
});

describe('memory, memoryReservation and the sums within the task', () => {
  it('memoryReservation equal to memory is accepted', () => expectValid(bridge(box({ memory: 256, memoryReservation: 256 }))));
  it('memoryReservation one above memory is refused', () =>
    expect(errorsOf(bridge(box({ memory: 256, memoryReservation: 257 })))).toEqual([
      client('/containerDefinitions/0/memoryReservation', "Invalid 'memoryReservation' setting for container 'a'. 'memoryReservation' (257 MiB) must not be greater than 'memory' (256 MiB)."),
    ]));
  it('6 MiB is the smallest container memory', () => expectValid(bridge(box({ memory: 6 }))));
  it('container cpu summing exactly to the task cpu is accepted', () =>
    expectValid({ family: 'f', cpu: '512', containerDefinitions: [box({ cpu: 256 }), box({ name: 'b', cpu: 256 })] }));
  it('reservations summing exactly to the task memory are accepted', () =>
    expectValid({ family: 'f', memory: '512', containerDefinitions: [box({ memory: undefined, memoryReservation: 256 }), box({ name: 'b', memory: undefined, memoryReservation: 256 })] }));
  it('on Fargate containers need no memory of their own', () =>
    expectValid(edited(fargateApi(), (d) => expect(d.containerDefinitions[0].memory).toBeUndefined())));
  it('on Fargate container cpu above the task cpu is refused', () =>
    expect(errorsOf(edited(fargateApi(), (d) => (d.containerDefinitions[0].cpu = 1024)))).toEqual([
      client('/cpu', "The sum of all container 'cpu' values cannot be greater than the value of the task 'cpu'."),
    ]));
});

describe('networkMode per launch type (requiresCompatibilities)', () => {
  it.each(['bridge', 'host', 'awsvpc', 'none'])('EC2 accepts %s', (networkMode) => expectValid({ ...minimalEc2(), networkMode, requiresCompatibilities: ['EC2'] }));
  it.each(['bridge', 'host', 'none'])('EXTERNAL accepts %s', (networkMode) => expectValid({ ...minimalEc2(), networkMode, requiresCompatibilities: ['EXTERNAL'] }));
  it.each(['bridge', 'host', 'none'])('Fargate refuses %s', (networkMode) => {
    const doc = edited(fargateApi(), (d) => {
      d.networkMode = networkMode;
      if (networkMode === 'none') delete d.containerDefinitions[0].portMappings;
    });
    expect(errorsOf(doc)).toEqual([client('/networkMode', 'Fargate only supports network mode ‘awsvpc’.')]);
  });
  it('EC2 + FARGATE is checked against both: bridge is refused for Fargate', () =>
    expect(errorsOf(fargate({ requiresCompatibilities: ['EC2', 'FARGATE'], networkMode: 'bridge' }))).toEqual([
      client('/networkMode', 'Fargate only supports network mode ‘awsvpc’.'),
    ]));
  it('Windows network mode "default" is not in the API enum for Linux definitions', () =>
    expect(errorsOf({ ...minimalEc2(), networkMode: 'default' })[0]?.[0]).toBe('/networkMode'));
  it.each([['EC2'], ['FARGATE'], ['EXTERNAL'], ['EC2', 'FARGATE'], ['EC2', 'EXTERNAL']])('requiresCompatibilities %j is accepted', (...compat) => {
    const doc = compat.includes('FARGATE') ? fargate({ requiresCompatibilities: compat }) : { ...minimalEc2(), requiresCompatibilities: compat };
    expectValid(doc);
  });
  it('requiresCompatibilities LAMBDA is refused with the enum', () =>
    expect(errorsOf({ ...minimalEc2(), requiresCompatibilities: ['LAMBDA'] })).toEqual([
      client('/requiresCompatibilities/0', "1 validation error detected: Value 'LAMBDA' at 'requiresCompatibilities[0]' failed to satisfy constraint: Member must satisfy enum value set: [EC2, FARGATE, EXTERNAL]"),
    ]));
});

describe('port mappings per network mode, and protocols', () => {
  const withPorts = (networkMode: string, portMappings: Doc[]) => ({ family: 'f', networkMode, containerDefinitions: [box({ portMappings })] });
  it.each<[string, Doc[]]>([
    ['awsvpc', [{ containerPort: 80 }]],
    ['awsvpc', [{ containerPort: 80, hostPort: 80 }]],
    ['host', [{ containerPort: 80 }]],
    ['host', [{ containerPort: 80, hostPort: 80 }]],
    ['bridge', [{ containerPort: 80, hostPort: 8080 }]],
    ['bridge', [{ containerPort: 80, hostPort: 0 }]],
    ['bridge', [{ containerPort: 80 }, { containerPort: 81 }]],
    ['bridge', [{ containerPort: 53, hostPort: 53, protocol: 'udp' }, { containerPort: 53, hostPort: 53, protocol: 'tcp' }]],
    ['none', []],
  ])('%s with %j is valid', (mode, mappings) => expectValid(withPorts(mode, mappings)));

  it('awsvpc hostPort ≠ containerPort is refused', () =>
    expect(errorsOf(withPorts('awsvpc', [{ containerPort: 80, hostPort: 8080 }]))).toEqual([
      client('/containerDefinitions/0/portMappings/0/hostPort', 'When networkMode=awsvpc, the host ports and container ports in port mappings must match.'),
    ]));
  it('bridge: the same static host port in two containers is refused, on the second', () =>
    expect(errorsOf(bridge(box({ portMappings: [{ containerPort: 80, hostPort: 8080 }] }), box({ name: 'b', portMappings: [{ containerPort: 81, hostPort: 8080 }] })))).toEqual([
      client('/containerDefinitions/1/portMappings/0/hostPort', "TCP host port '8080' is mapped multiple times in task."),
    ]));
  it('protocol sctp is refused with the enum', () =>
    expect(errorsOf(withPorts('bridge', [{ containerPort: 80, protocol: 'sctp' }]))).toEqual([
      client('/containerDefinitions/0/portMappings/0/protocol', "1 validation error detected: Value 'sctp' at 'containerDefinitions[0].portMappings[0].protocol' failed to satisfy constraint: Member must satisfy enum value set: [tcp, udp]"),
    ]));
  it('hostPort 65535 is the highest port', () => expectValid(withPorts('bridge', [{ containerPort: 65535, hostPort: 65535 }])));
});

describe('parameters Fargate does not support', () => {
  it.each<[string, unknown]>([
    ['links', ['db']],
    ['privileged', true],
    ['disableNetworking', true],
    ['dnsServers', ['10.0.0.2']],
    ['dnsSearchDomains', ['example.com']],
    ['dockerSecurityOptions', ['no-new-privileges']],
    ['extraHosts', [{ hostname: 'db', ipAddress: '10.0.0.5' }]],
  ])('container %s', (param, value) => {
    const doc = edited(fargateApi(), (d) => {
      d.containerDefinitions[0][param] = value;
      if (param === 'links') d.containerDefinitions.push({ name: 'db', image: 'postgres' });
    });
    expect(errorsOf(doc)).toEqual([client(`/containerDefinitions/0/${param}`, `Tasks using the Fargate launch type do not support ${param}.`)]);
  });
  it('privileged false and empty lists are not uses', () =>
    expectValid(edited(fargateApi(), (d) => Object.assign(d.containerDefinitions[0], { privileged: false, dnsServers: [], links: [] }))));
  it.each<[string, unknown]>([
    ['sharedMemorySize', 64],
    ['tmpfs', [{ containerPath: '/tmp', size: 64 }]],
    ['maxSwap', 1024],
    ['swappiness', 10],
  ])('linuxParameters.%s', (param, value) =>
    expect(errorsOf(edited(fargateApi(), (d) => (d.containerDefinitions[0].linuxParameters = { [param]: value })))).toEqual([
      client(`/containerDefinitions/0/linuxParameters/${param}`, `Tasks using the Fargate launch type do not support linuxParameters.${param}.`),
    ]));
  it('systemControls are accepted (Fargate supports them on Linux PV 1.4.0+, API docs SystemControl)', () =>
    expectValid(edited(fargateApi(), (d) => (d.containerDefinitions[0].systemControls = [{ namespace: 'net.ipv4.tcp_keepalive_time', value: '500' }]))));
  it('the same parameters are fine on EC2', () =>
    expectValid(bridge(box({ privileged: true, dnsServers: ['10.0.0.2'], linuxParameters: { sharedMemorySize: 64, maxSwap: 1024, swappiness: 10 } }))));
});

describe('ephemeral storage', () => {
  it.each([21, 100, 200])('%i GiB on Fargate is valid', (sizeInGiB) => expectValid(fargate({ ephemeralStorage: { sizeInGiB } })));
  it.each([0, 20, 201])('%i GiB is refused', (sizeInGiB) =>
    expect(errorsOf(fargate({ ephemeralStorage: { sizeInGiB } }))).toEqual([
      client('/ephemeralStorage/sizeInGiB', `Invalid 'ephemeralStorage.sizeInGiB' setting for task. It must be between 21 and 200 GiB; got ${sizeInGiB}.`),
    ]));
  // Decision: AWS documents ephemeralStorage as Fargate-only but no source shows RegisterTaskDefinition
  // refusing it on EC2 (aws/amazon-ecs-agent#4520: registered, then ignored), so EC2 accepts and ignores it.
  it('on an EC2 definition it is accepted (and ignored)', () => expectValid({ ...minimalEc2(), ephemeralStorage: { sizeInGiB: 50 } }));
});

describe('health checks', () => {
  const hc = (fields: Doc) => bridge(box({ healthCheck: { command: ['CMD-SHELL', 'curl -f localhost || exit 1'], ...fields } }));
  it.each<[string, number, number]>([
    ['interval', 5, 300],
    ['timeout', 2, 60],
    ['retries', 1, 10],
    ['startPeriod', 0, 300],
  ])('%s accepts %i and %i and refuses one beyond either', (field, min, max) => {
    expectValid(hc({ [field]: min }));
    expectValid(hc({ [field]: max }));
    for (const got of [min - 1, max + 1]) {
      expect(errorsOf(hc({ [field]: got }))).toEqual([
        client(`/containerDefinitions/0/healthCheck/${field}`, `Invalid 'healthCheck.${field}' setting for container 'a'. It must be between ${min} and ${max}; got ${got}.`),
      ]);
    }
  });
  it('CMD with arguments is a command', () => expectValid(bridge(box({ healthCheck: { command: ['CMD', 'curl', '-f', 'http://localhost'] } }))));
  it('CMD alone is not', () => expect(errorsOf(bridge(box({ healthCheck: { command: ['CMD'] } })))[0]?.[0]).toBe('/containerDefinitions/0/healthCheck/command'));
});

describe('dependsOn', () => {
  const pair = (condition: string, depFields: Doc = {}) =>
    bridge(box({ dependsOn: [{ containerName: 'b', condition }] }), box({ name: 'b', ...depFields }));
  it('START on an essential container is valid', () => expectValid(pair('START')));
  it('COMPLETE and SUCCESS on a non-essential container are valid', () => {
    expectValid(pair('COMPLETE', { essential: false }));
    expectValid(pair('SUCCESS', { essential: false }));
  });
  it('HEALTHY on a container with a health check is valid', () => expectValid(pair('HEALTHY', { healthCheck: { command: ['CMD', 'true'] } })));
  it.each(['COMPLETE', 'SUCCESS'])('%s on an essential container is refused', (condition) =>
    expect(errorsOf(pair(condition))).toEqual([client('/containerDefinitions/0/dependsOn/0/condition', 'A dependency container with SUCCESS or COMPLETE condition cannot be an essential container')]));
  it('RUNNING is not a condition', () => expect(errorsOf(pair('RUNNING'))[0]?.[0]).toBe('/containerDefinitions/0/dependsOn/0/condition'));
  it('a two-container cycle is refused once', () =>
    expect(errorsOf(bridge(box({ dependsOn: [{ containerName: 'b', condition: 'START' }] }), box({ name: 'b', dependsOn: [{ containerName: 'a', condition: 'START' }] })))).toEqual([
      client('/containerDefinitions/0/dependsOn', "Invalid 'dependsOn' setting: the container dependencies form a cycle (a → b → a)."),
    ]));
  it('a diamond (a→b, a→c, b→d, c→d) is not a cycle', () =>
    expectValid(bridge(
      box({ dependsOn: [{ containerName: 'b', condition: 'START' }, { containerName: 'c', condition: 'START' }] }),
      box({ name: 'b', dependsOn: [{ containerName: 'd', condition: 'START' }] }),
      box({ name: 'c', dependsOn: [{ containerName: 'd', condition: 'START' }] }),
      box({ name: 'd' }),
    )));
});

describe('volumes and mount points', () => {
  it('a bind mount with host.sourcePath on EC2', () => expectValid({ ...bridge(box({ mountPoints: [{ sourceVolume: 'd', containerPath: '/d' }] })), volumes: [{ name: 'd', host: { sourcePath: '/srv/d' } }] }));
  it('a task-scoped (host-less) volume on Fargate', () =>
    expectValid(edited(fargateApi(), (d) => {
      d.volumes = [{ name: 'scratch' }];
      d.containerDefinitions[0].mountPoints = [{ sourceVolume: 'scratch', containerPath: '/scratch' }];
    })));
  it('EFS on Fargate', () =>
    expectValid(fargate({ volumes: [{ name: 'efs', efsVolumeConfiguration: { fileSystemId: 'fs-12345678', transitEncryption: 'ENABLED' } }] })));
  it('every sourceVolume must be defined: the second mount point of the second container is not', () =>
    expect(errorsOf({ ...bridge(box(), box({ name: 'b', mountPoints: [{ sourceVolume: 'd', containerPath: '/d' }, { sourceVolume: 'e', containerPath: '/e' }] })), volumes: [{ name: 'd' }] })).toEqual([
      client('/containerDefinitions/1/mountPoints/1/sourceVolume', "Invalid 'mountPoints' setting for container 'b'. Volume 'e' is not defined in the task definition's volumes."),
    ]));
});

describe('environment, environmentFiles and secrets', () => {
  const withSecret = (valueFrom: string) => edited(richEc2(), (d) => (d.containerDefinitions[1].secrets = [{ name: 'S', valueFrom }]));
  it.each([
    'arn:aws:ssm:us-east-1:123456789012:parameter/db-password',
    'arn:aws:ssm:eu-west-1:123456789012:parameter/prod/db/password',
    'arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf',
    'arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf:password::',
    'arn:aws-cn:ssm:cn-north-1:123456789012:parameter/x',
    'db-password',
    '/prod/db/password',
  ])('valueFrom %s is accepted', (valueFrom) => expectValid(withSecret(valueFrom)));
  it.each([
    'arn:aws:s3:::bucket/secret',
    'arn:aws:ssm:us-east-1:1234:parameter/x',
    'arn:aws:secretsmanager:us-east-1:123456789012:parameter/x',
    'my secret',
    '',
  ])('valueFrom %j is refused', (valueFrom) => expect(errorsOf(withSecret(valueFrom))[0]?.[0]).toBe('/containerDefinitions/1/secrets/0/valueFrom'));
  it('the same name twice among secrets is refused', () =>
    expect(errorsOf(edited(richEc2(), (d) => d.containerDefinitions[1].secrets.push({ name: 'DB_PASSWORD', valueFrom: 'other' })))).toEqual([
      client('/containerDefinitions/1/secrets/1/name', "The secret name must be unique and not shared with any new or existing environment variables set on the container, such as 'DB_PASSWORD'."),
    ]));
  it('environment variables and files, with no execution role, are fine', () =>
    expectValid(bridge(box({ environment: [{ name: 'A', value: '1' }, { name: 'B' }], environmentFiles: [{ value: 'arn:aws:s3:::cfg/app.env', type: 's3' }] }))));
  it('environmentFiles of type other than s3 are refused with the enum', () =>
    expect(errorsOf(bridge(box({ environmentFiles: [{ value: 'arn:aws:s3:::cfg/app.env', type: 'file' }] })))[0]?.[0]).toBe('/containerDefinitions/0/environmentFiles/0/type'));
});

describe('log drivers per launch type', () => {
  const withDriver = (doc: Doc, logDriver: string) =>
    edited(doc, (d) => {
      d.containerDefinitions[0].logConfiguration = logDriver === 'awslogs' ? { logDriver, options: { 'awslogs-group': 'g', 'awslogs-region': 'us-east-1' } } : { logDriver };
      // FireLens needs its log router container beside the containers that use it.
      if (logDriver === 'awsfirelens') d.containerDefinitions.push({ name: 'log_router', image: 'amazon/aws-for-fluent-bit:stable', memory: 64, firelensConfiguration: { type: 'fluentbit' } });
    });
  it.each(['json-file', 'syslog', 'journald', 'gelf', 'fluentd', 'awslogs', 'splunk', 'awsfirelens'])('EC2 accepts %s', (driver) => expectValid(withDriver(minimalEc2(), driver)));
  it.each(['awslogs', 'splunk', 'awsfirelens'])('Fargate accepts %s', (driver) => expectValid(withDriver(fargateApi(), driver)));
  it.each(['json-file', 'syslog', 'journald', 'gelf', 'fluentd'])('Fargate refuses %s', (driver) =>
    expect(errorsOf(withDriver(fargateApi(), driver))).toEqual([
      client('/containerDefinitions/0/logConfiguration/logDriver', `Tasks using the Fargate launch type do not support the '${driver}' log driver. The supported log drivers are awslogs, splunk and awsfirelens.`),
    ]));
  it('a FireLens router with one sender is valid; the router alone is refused', () => {
    const router = { name: 'log_router', image: 'amazon/aws-for-fluent-bit:stable', memory: 64, firelensConfiguration: { type: 'fluentbit' } };
    expectValid(bridge(box({ logConfiguration: { logDriver: 'awsfirelens', options: { Name: 'cloudwatch' } } }), router));
    expect(errorsOf(bridge(box(), router))[0]?.[0]).toBe('/containerDefinitions/1/firelensConfiguration');
  });
  it('a driver outside the API enum is refused everywhere', () => expect(errorsOf(withDriver(minimalEc2(), 'logentries'))[0]?.[0]).toBe('/containerDefinitions/0/logConfiguration/logDriver'));
});

describe('placement constraints in a task definition', () => {
  const withConstraint = (constraint: Doc) => ({ ...minimalEc2(), placementConstraints: [constraint] });
  it.each([
    'attribute:ecs.instance-type == t2.small',
    'attribute:ecs.availability-zone in [us-east-1a, us-east-1b]',
    'attribute:ecs.instance-type =~ g2.* and attribute:ecs.availability-zone != us-east-1d',
    'runningTasksCount == 1',
    'agentVersion < 1.14.5',
    'registeredAt < 2018-02-13',
    "ec2InstanceId in ['i-abcd1234', 'i-wxyx7890']",
    'not(task:group == database)',
    '(attribute:a == b or attribute:c == d) && attribute:e exists',
    'attribute:stack !exists',
  ])('memberOf %s (the documented examples) is accepted', (expression) => expectValid(withConstraint({ type: 'memberOf', expression })));
  it('distinctInstance belongs to RunTask and services, not task definitions', () =>
    expect(errorsOf(withConstraint({ type: 'distinctInstance' }))).toEqual([
      client('/placementConstraints/0/type', "1 validation error detected: Value 'distinctInstance' at 'placementConstraints[0].type' failed to satisfy constraint: Member must satisfy enum value set: [memberOf]"),
    ]));
  it.each<[string, string]>([
    ['attribute:a == b)', "has a ')' at position 17 that closes nothing"],
    ['attribute:a in [x, y', "has a '[' at position 16 that is never closed"],
    ['attribute:a == b and', 'has nothing on one side of an and/or'],
    ['attribute:a exists b', "gives 'attribute:a exists' an argument it does not take"],
  ])('memberOf %j is refused', (expression, problem) =>
    expect(errorsOf(withConstraint({ type: 'memberOf', expression }))).toEqual([
      client('/placementConstraints/0/expression', `Invalid 'placementConstraints' setting: the memberOf expression '${expression}' ${problem}.`),
    ]));
});

describe('role ARNs', () => {
  it.each([
    'arn:aws:iam::123456789012:role/ecsTaskExecutionRole',
    'arn:aws:iam::123456789012:role/service-role/my-role',
    'arn:aws-us-gov:iam::123456789012:role/r',
    'ecsTaskExecutionRole',
  ])('%s is accepted', (arn) => expectValid({ ...minimalEc2(), taskRoleArn: arn, executionRoleArn: arn }));
  it.each(['arn:aws:iam::1234:role/r', 'arn:aws:iam::123456789012:user/bob', 'arn:aws:iam::123456789012:role/', 'my role'])('%j is refused', (arn) =>
    expect(errorsOf({ ...minimalEc2(), executionRoleArn: arn })).toEqual([
      client('/executionRoleArn', `Role is not valid: '${arn}' in executionRoleArn is neither an IAM role ARN (arn:aws:iam::123456789012:role/name) nor a role name.`),
    ]));
});

describe('tags', () => {
  it('50 tags with 128-character keys and 256-character values are accepted', () =>
    expectValid({ ...minimalEc2(), tags: Array.from({ length: 50 }, (_, i) => ({ key: `${i}`.padEnd(128, 'k'), value: 'v'.repeat(256) })) }));
  it('an empty value is a value', () => expectValid({ ...minimalEc2(), tags: [{ key: 'team', value: '' }] }));
  it('tags beside a Describe output are checked where they are', () =>
    expect(errorsOf({ taskDefinition: minimalEc2(), tags: [{ key: 'aws:x', value: 'v' }] })).toEqual([
      ['/tags/0/key', 'InvalidParameterException', 'Tag key must not start with aws:'],
    ]));
});

describe('the 64 KiB limit', () => {
  /** A definition whose compact JSON is exactly `bytes` long. */
  const sized = (bytes: number) => {
    const doc = bridge(box({ environment: [{ name: 'PAD', value: '' }] }));
    doc.containerDefinitions[0].environment[0].value = 'x'.repeat(bytes - JSON.stringify(doc).length);
    expect(JSON.stringify(doc).length).toBe(bytes);
    return doc;
  };
  it('65536 bytes are accepted', () => expectValid(sized(65536)));
  it("65537 bytes are refused with AWS's words and the exact length", () =>
    expect(errorsOf(sized(65537))).toEqual([['', 'ClientException', "Actual length: '65537'. Max allowed length is '65536' bytes."]]));
  it('multi-byte characters count as their UTF-8 bytes', () => {
    const doc = bridge(box({ environment: [{ name: 'PAD', value: 'é'.repeat(33_000) }] }));
    expect(errorsOf(doc)[0]?.[2]).toBe(`Actual length: '${new TextEncoder().encode(JSON.stringify(doc)).length}'. Max allowed length is '65536' bytes.`);
  });
  it('a 10 MB definition is refused quickly', () => {
    const doc = bridge(box({ environment: [{ name: 'PAD', value: 'x'.repeat(10_000_000) }] }));
    const started = performance.now();
    expect(validateTaskDefinition(doc).errors[0]?.code).toBe('ClientException');
    expect(performance.now() - started).toBeLessThan(50);
  });
});

describe('unknown fields (AWS: the CLI refuses every member the API model does not have)', () => {
  it('an unknown top-level member is refused by the CLI check, listing the valid ones', () =>
    expect(errorsOf({ ...minimalEc2(), revisionNote: 'x' })[0]?.slice(0, 2)).toEqual(['/revisionNote', 'ParamValidationError']));
  it('an unknown container member likewise', () =>
    expect(errorsOf(bridge(box({ imagee: 'nginx' })))[0]?.slice(0, 2)).toEqual(['/containerDefinitions/0/imagee', 'ParamValidationError']));
  it('read-only members of a Describe output are ignored, not refused', () =>
    expectValid({ taskDefinition: { ...minimalEc2(), taskDefinitionArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/tiny:1', revision: 1, status: 'ACTIVE', compatibilities: ['EC2'], requiresAttributes: [], registeredAt: '2026-01-01T00:00:00Z', registeredBy: 'me' } }));
  it('but the same members in a Register input are unknown parameters', () =>
    expect(errorsOf({ ...minimalEc2(), revision: 1 })[0]?.slice(0, 2)).toEqual(['/revision', 'ParamValidationError']));
});
