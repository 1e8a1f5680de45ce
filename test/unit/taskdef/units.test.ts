// Proves task-level sizes are read as ECS reads them — CPU units or vCPUs, MiB or GB — and that
// anything that is not a whole number of units/MiB is refused (null) rather than rounded.
import { describe, expect, it } from 'vitest';
import { parseTaskCpu, parseTaskMemory } from '../../../workers/engine/taskdef/units.ts';
import { isDescribeTaskDefinitionOutput } from '../../../workers/engine/taskdef/index.ts';

describe('parseTaskCpu', () => {
  it.each<[string, number | null]>([
    ['256', 256],
    [' 1024 ', 1024],
    ['1 vCPU', 1024],
    ['1vcpu', 1024],
    ['0.25 vCPU', 256], // 0.25 × 1024
    ['0.125 vcpu', 128], // 0.125 × 1024: the EC2 minimum
    ['16 VCPU', 16384],
    ['0.1 vCPU', null], // 102.4 units: not whole
    ['1.5', null],
    ['-256', null],
    ['', null],
    ['1 CPU', null],
    ['1 GB', null],
  ])('%j → %s', (text, units) => {
    expect(parseTaskCpu(text)).toBe(units);
  });
});

describe('parseTaskMemory', () => {
  it.each<[string, number | null]>([
    ['512', 512],
    ['2 GB', 2048],
    ['2GB', 2048],
    ['0.5 gb', 512], // 0.5 × 1024
    ['1.5 GB', 1536], // 1.5 × 1024
    ['0.3 GB', null], // 307.2 MiB: not whole
    ['512 MiB', null],
    ['1 TB', null],
    ['', null],
  ])('%j → %s', (text, mib) => {
    expect(parseTaskMemory(text)).toBe(mib);
  });
});

describe('isDescribeTaskDefinitionOutput', () => {
  it.each<[unknown, boolean]>([
    [{ taskDefinition: {} }, true],
    [{ taskDefinition: {}, tags: [] }, true],
    [{ taskDefinition: 'web:1', family: 'web' }, false],
    [{ family: 'web', containerDefinitions: [] }, false],
    [null, false],
    [[{ taskDefinition: {} }], false],
  ])('%j → %s', (input, expected) => {
    expect(isDescribeTaskDefinitionOutput(input)).toBe(expected);
  });
});
