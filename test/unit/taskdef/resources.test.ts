// Proves what a task reserves on an EC2 container instance (task-level size if given, else the
// sum over containers of cpu and of memoryReservation-or-memory) and which host ports it binds in
// each network mode (bridge static/dynamic, host = containerPort, awsvpc/none = none).
import { describe, expect, it } from 'vitest';
import { buildTaskDefinition, portRequirements, taskReservation } from '../../../workers/engine/taskdef/index.ts';
import { META, nginxWeb, type Doc } from './fixtures.ts';

const built = (doc: Doc) => buildTaskDefinition(doc, META);
const td = (containers: Doc[], extra: Doc = {}) => built({ family: 'f', containerDefinitions: containers, ...extra });

describe('taskReservation', () => {
  it.each<[string, ReturnType<typeof td>, { cpuUnits: number; memoryMiB: number }]>([
    // web: cpu 256, memory 512 → 256 units, 512 MiB
    ['default nginx', built(nginxWeb()), { cpuUnits: 256, memoryMiB: 512 }],
    // 128 + 0 (cpu omitted) = 128; 256 (memory) + 64 (memoryReservation wins over memory 512) = 320
    ['sum over containers, reservation wins over memory', td([{ name: 'a', image: 'x', cpu: 128, memory: 256 }, { name: 'b', image: 'x', memory: 512, memoryReservation: 64 }]), { cpuUnits: 128, memoryMiB: 320 }],
    // task-level 1024 units / 2048 MiB win over containers' 128 / 256
    ['task-level size wins', td([{ name: 'a', image: 'x', cpu: 128, memory: 256 }], { cpu: '1024', memory: '2048' }), { cpuUnits: 1024, memoryMiB: 2048 }],
    // task cpu "1 vCPU" = 1024 units; no task memory → containers: 300 MiB
    ['task cpu in vCPUs, container memory summed', td([{ name: 'a', image: 'x', memory: 300 }], { cpu: '1 vCPU' }), { cpuUnits: 1024, memoryMiB: 300 }],
    // no cpu anywhere → 0 units; task memory "1 GB" = 1024 MiB
    ['no cpu at all', td([{ name: 'a', image: 'x' }], { memory: '1 GB' }), { cpuUnits: 0, memoryMiB: 1024 }],
  ])('%s', (_name, definition, expected) => {
    expect(taskReservation(definition)).toEqual(expected);
  });
});

describe('portRequirements', () => {
  const web = (portMappings: Doc[]) => ({ name: 'web', image: 'nginx', memory: 64, portMappings });

  it.each<[string, ReturnType<typeof td>, ReturnType<typeof portRequirements>]>([
    ['bridge, hostPort 0 → dynamic', built(nginxWeb()), [{ containerName: 'web', containerPort: 80, hostPort: 0, protocol: 'tcp' }]],
    ['bridge, hostPort omitted → dynamic', td([web([{ containerPort: 80 }])]), [{ containerName: 'web', containerPort: 80, hostPort: 0, protocol: 'tcp' }]],
    ['bridge, static 8080 → 80', td([web([{ containerPort: 80, hostPort: 8080 }])]), [{ containerName: 'web', containerPort: 80, hostPort: 8080, protocol: 'tcp' }]],
    ['host, hostPort = containerPort', td([web([{ containerPort: 53, protocol: 'udp' }])], { networkMode: 'host' }), [{ containerName: 'web', containerPort: 53, hostPort: 53, protocol: 'udp' }]],
    ['awsvpc: the task ENI holds the ports, none on the instance', td([web([{ containerPort: 80 }])], { networkMode: 'awsvpc' }), []],
    ['none: no networking', td([{ name: 'job', image: 'x', memory: 64 }], { networkMode: 'none' }), []],
    ['two containers, in order', td([web([{ containerPort: 80, hostPort: 80 }]), { name: 'admin', image: 'x', memory: 64, portMappings: [{ containerPort: 9000 }] }]), [
      { containerName: 'web', containerPort: 80, hostPort: 80, protocol: 'tcp' },
      { containerName: 'admin', containerPort: 9000, hostPort: 0, protocol: 'tcp' },
    ]],
  ])('%s', (_name, definition, expected) => {
    expect(portRequirements(definition)).toEqual(expected);
  });
});
