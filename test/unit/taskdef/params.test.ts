// Proves that shape problems are reported as the AWS CLI reports them before sending anything
// (botocore ParamValidation: unknown, missing, wrongly typed parameters, values printed the Python
// way), with JSON pointers into the document as written — also inside the Describe form.
import { describe, expect, it } from 'vitest';
import { validateTaskDefinition } from '../../../workers/engine/taskdef/index.ts';
import { edited, nginxWeb, type Doc } from './fixtures.ts';

const CONTAINER_MEMBERS =
  'name, image, repositoryCredentials, cpu, memory, memoryReservation, links, portMappings, essential, restartPolicy, entryPoint, command, environment, environmentFiles, mountPoints, volumesFrom, linuxParameters, secrets, dependsOn, startTimeout, stopTimeout, versionConsistency, hostname, user, workingDirectory, disableNetworking, privileged, readonlyRootFilesystem, dnsServers, dnsSearchDomains, extraHosts, dockerSecurityOptions, interactive, pseudoTerminal, dockerLabels, ulimits, logConfiguration, healthCheck, systemControls, resourceRequirements, firelensConfiguration, credentialSpecs';
const INPUT_MEMBERS =
  'family, taskRoleArn, executionRoleArn, networkMode, containerDefinitions, volumes, placementConstraints, requiresCompatibilities, cpu, memory, tags, pidMode, ipcMode, proxyConfiguration, inferenceAccelerators, ephemeralStorage, runtimePlatform, enableFaultInjection';

const P = 'ParamValidationError';

describe('AWS CLI parameter validation', () => {
  it.each<[string, Doc, { path: string; code: string; message: string }]>([
    [
      'unknown container field (typo)',
      edited(nginxWeb(), (d) => (d.containerDefinitions[0].imagee = 'nginx')),
      { path: '/containerDefinitions/0/imagee', code: P, message: `Unknown parameter in containerDefinitions[0]: "imagee", must be one of: ${CONTAINER_MEMBERS}` },
    ],
    [
      'read-only field in a Register input (pasted Describe output without its wrapper)',
      edited(nginxWeb(), (d) => (d.registeredAt = '2026-01-01T00:00:00Z')),
      { path: '/registeredAt', code: P, message: `Unknown parameter in input: "registeredAt", must be one of: ${INPUT_MEMBERS}` },
    ],
    [
      'container cpu as a string',
      edited(nginxWeb(), (d) => (d.containerDefinitions[0].cpu = '256')),
      { path: '/containerDefinitions/0/cpu', code: P, message: "Invalid type for parameter containerDefinitions[0].cpu, value: 256, type: <class 'str'>, valid types: <class 'int'>" },
    ],
    [
      'container memory as a fraction',
      edited(nginxWeb(), (d) => (d.containerDefinitions[0].memory = 512.5)),
      { path: '/containerDefinitions/0/memory', code: P, message: "Invalid type for parameter containerDefinitions[0].memory, value: 512.5, type: <class 'float'>, valid types: <class 'int'>" },
    ],
    [
      'task cpu as a number (the API takes a string)',
      edited(nginxWeb(), (d) => (d.cpu = 256)),
      { path: '/cpu', code: P, message: "Invalid type for parameter cpu, value: 256, type: <class 'int'>, valid types: <class 'str'>" },
    ],
    [
      'essential as a string',
      edited(nginxWeb(), (d) => (d.containerDefinitions[0].essential = 'yes')),
      { path: '/containerDefinitions/0/essential', code: P, message: "Invalid type for parameter containerDefinitions[0].essential, value: yes, type: <class 'str'>, valid types: <class 'bool'>" },
    ],
    [
      'command as a string instead of a list',
      edited(nginxWeb(), (d) => (d.containerDefinitions[0].command = 'nginx -g daemon off;')),
      { path: '/containerDefinitions/0/command', code: P, message: "Invalid type for parameter containerDefinitions[0].command, value: nginx -g daemon off;, type: <class 'str'>, valid types: <class 'list'>, <class 'tuple'>" },
    ],
    [
      'a port mapping given as a list (printed as a Python list)',
      edited(nginxWeb(), (d) => (d.containerDefinitions[0].portMappings[0] = [80, 'tcp', true, null])),
      { path: '/containerDefinitions/0/portMappings/0', code: P, message: "Invalid type for parameter containerDefinitions[0].portMappings[0], value: [80, 'tcp', True, None], type: <class 'list'>, valid types: <class 'dict'>" },
    ],
    [
      'dockerLabels value not a string (map keys join with a dot)',
      edited(nginxWeb(), (d) => (d.containerDefinitions[0].dockerLabels = { tier: 1 })),
      { path: '/containerDefinitions/0/dockerLabels/tier', code: P, message: "Invalid type for parameter containerDefinitions[0].dockerLabels.tier, value: 1, type: <class 'int'>, valid types: <class 'str'>" },
    ],
    [
      'memory beyond a 32-bit integer (2^31)',
      edited(nginxWeb(), (d) => (d.containerDefinitions[0].memory = 2 ** 31)),
      { path: '/containerDefinitions/0/memory', code: 'SerializationException', message: 'NUMBER_VALUE can not be converted to an Integer' },
    ],
    [
      'missing family',
      { containerDefinitions: [{ name: 'a', image: 'x', memory: 64 }] },
      { path: '/family', code: P, message: 'Missing required parameter in input: "family"' },
    ],
    [
      'missing containerDefinitions',
      { family: 'f' },
      { path: '/containerDefinitions', code: P, message: 'Missing required parameter in input: "containerDefinitions"' },
    ],
    [
      'health check without command',
      edited(nginxWeb(), (d) => (d.containerDefinitions[0].healthCheck = { interval: 10 })),
      { path: '/containerDefinitions/0/healthCheck/command', code: P, message: 'Missing required parameter in containerDefinitions[0].healthCheck: "command"' },
    ],
    [
      'JSON pointer escapes "/" and "~" in member names',
      edited(nginxWeb(), (d) => (d['a/b~c'] = 1)),
      { path: '/a~1b~0c', code: P, message: `Unknown parameter in input: "a/b~c", must be one of: ${INPUT_MEMBERS}` },
    ],
    [
      'networkMode not one of the enum values (checked by the service)',
      edited(nginxWeb(), (d) => (d.networkMode = 'nat')),
      { path: '/networkMode', code: 'ClientException', message: "1 validation error detected: Value 'nat' at 'networkMode' failed to satisfy constraint: Member must satisfy enum value set: [bridge, host, awsvpc, none]" },
    ],
    [
      'protocol not tcp/udp',
      edited(nginxWeb(), (d) => (d.containerDefinitions[0].portMappings[0].protocol = 'sctp')),
      { path: '/containerDefinitions/0/portMappings/0/protocol', code: 'ClientException', message: "1 validation error detected: Value 'sctp' at 'containerDefinitions[0].portMappings[0].protocol' failed to satisfy constraint: Member must satisfy enum value set: [tcp, udp]" },
    ],
    [
      'enum member given a number is a type error',
      edited(nginxWeb(), (d) => (d.requiresCompatibilities = [2])),
      { path: '/requiresCompatibilities/0', code: P, message: "Invalid type for parameter requiresCompatibilities[0], value: 2, type: <class 'int'>, valid types: <class 'str'>" },
    ],
  ])('%s', (_name, doc, issue) => {
    expect(validateTaskDefinition(doc)).toEqual({ valid: false, errors: [issue] });
  });

  it('lists problems in document order, missing members of an object first (as botocore does)', () => {
    const doc = { zzz: 1, containerDefinitions: [{ name: 1, extra: true, image: 2 }] };
    expect(validateTaskDefinition(doc).errors.map((e) => e.path)).toEqual([
      '/family',
      '/zzz',
      '/containerDefinitions/0/name',
      '/containerDefinitions/0/extra',
      '/containerDefinitions/0/image',
    ]);
  });

  it('reports every problem, one line each (as the CLI does)', () => {
    const doc = edited(nginxWeb(), (d) => {
      d.foo = 1;
      d.bar = 2;
      d.containerDefinitions[0].memory = '512';
    });
    const paths = validateTaskDefinition(doc).errors.map((e) => e.path);
    expect(paths).toEqual(['/containerDefinitions/0/memory', '/foo', '/bar']);
  });

  it.each<[string, unknown, string]>([
    ['null', null, "Invalid type for parameter input, value: None, type: <class 'NoneType'>, valid types: <class 'dict'>"],
    ['undefined (nothing at all)', undefined, "Invalid type for parameter input, value: None, type: <class 'NoneType'>, valid types: <class 'dict'>"],
    ['a list', [1], "Invalid type for parameter input, value: [1], type: <class 'list'>, valid types: <class 'dict'>"],
    ['a string', 'web', "Invalid type for parameter input, value: web, type: <class 'str'>, valid types: <class 'dict'>"],
    ['a boolean', true, "Invalid type for parameter input, value: True, type: <class 'bool'>, valid types: <class 'dict'>"],
  ])('a document that is %s is refused at the root', (_name, input, message) => {
    expect(validateTaskDefinition(input)).toEqual({ valid: false, errors: [{ path: '', code: P, message }] });
  });

  it('shape problems come alone: the CLI sends nothing, so no service rule runs', () => {
    const doc = { family: 'bad name!', containerDefinitions: [{ name: 'a', image: 'x', memory: '1' }] };
    expect(validateTaskDefinition(doc).errors.map((e) => e.code)).toEqual([P]);
  });
});

describe('the Describe form points into the original document', () => {
  it('an error inside taskDefinition is located under /taskDefinition', () => {
    const doc = { taskDefinition: edited(nginxWeb(), (d) => (d.containerDefinitions[0].memory = '512')) };
    expect(validateTaskDefinition(doc).errors).toEqual([
      {
        path: '/taskDefinition/containerDefinitions/0/memory',
        code: P,
        message: "Invalid type for parameter containerDefinitions[0].memory, value: 512, type: <class 'str'>, valid types: <class 'int'>",
      },
    ]);
  });

  it('a service rule error inside taskDefinition is located under /taskDefinition', () => {
    const doc = { taskDefinition: edited(nginxWeb(), (d) => delete d.containerDefinitions[0].memory) };
    expect(validateTaskDefinition(doc).errors).toEqual([
      {
        path: '/taskDefinition/containerDefinitions/0',
        code: 'ClientException',
        message: "Invalid setting for container 'web'. At least one of 'memory' or 'memoryReservation' must be specified.",
        // The quick fix points into the Describe form too.
        fix: { title: 'Add memory: 512', patches: [{ op: 'add', path: '/taskDefinition/containerDefinitions/0/memory', value: 512 }] },
      },
    ]);
  });

  it('tags beside taskDefinition are checked at /tags', () => {
    const doc = { taskDefinition: nginxWeb(), tags: [{ key: 'a', value: 1 }] };
    expect(validateTaskDefinition(doc).errors).toEqual([
      { path: '/tags/0/value', code: P, message: "Invalid type for parameter tags[0].value, value: 1, type: <class 'int'>, valid types: <class 'str'>" },
    ]);
  });

  it('an unknown member beside taskDefinition is refused', () => {
    const doc = { taskDefinition: nginxWeb(), ResponseMetadata: {} };
    expect(validateTaskDefinition(doc).errors).toEqual([
      { path: '/ResponseMetadata', code: P, message: 'Unknown parameter in input: "ResponseMetadata", must be one of: taskDefinition, tags' },
    ]);
  });

  it('a "__proto__" member (as JSON.parse makes it) is an unknown parameter in both forms', () => {
    const register = JSON.parse('{"family":"f","containerDefinitions":[{"name":"a","image":"x","memory":64}],"__proto__":{"x":1}}');
    const described = JSON.parse('{"taskDefinition":{"family":"f","containerDefinitions":[{"name":"a","image":"x","memory":64}],"__proto__":{"x":1}}}');
    expect(validateTaskDefinition(register).errors.map((e) => e.path)).toEqual(['/__proto__']);
    expect(validateTaskDefinition(described).errors.map((e) => e.path)).toEqual(['/taskDefinition/__proto__']);
  });

  it('taskDefinition that is not an object', () => {
    expect(validateTaskDefinition({ taskDefinition: 'web:1' }).errors).toEqual([
      { path: '/taskDefinition', code: P, message: "Invalid type for parameter taskDefinition, value: web:1, type: <class 'str'>, valid types: <class 'dict'>" },
    ]);
  });
});
