// Proves each filter of the placement pipeline on its own, table-driven, with the arithmetic in the
// comments: which instances pass, the verdict text with its numbers, AWS's failure reason, and the
// clause the one-sentence summary uses. Instances are registered through the engine's commands
// (real registered resources: t3.medium = 2048 units / 3992 MiB), then given exact free amounts.
import { describe, expect, it } from 'vitest';
import { bindingRules } from '../../../workers/engine/placement/pipeline.ts';
import { bench, ledgerFor, register, setFree, taskDef } from './fixture.ts';

const AZ3: [string, string][] = [['t3.medium', 'us-east-1a'], ['t3.medium', 'us-east-1b'], ['t3.medium', 'us-east-1c']];

function verdicts(ledger: ReturnType<typeof ledgerFor>, ruleId: string): boolean[] {
  const rule = bindingRules(ledger.request).find((r) => r.id === ruleId)!;
  return Array.from({ length: ledger.n }, (_, i) => rule.passes(ledger, i));
}

function rule(ledger: ReturnType<typeof ledgerFor>, ruleId: string) {
  return bindingRules(ledger.request).find((r) => r.id === ruleId)!;
}

describe('CPU filter', () => {
  it.each([
    // [free CPU units on a/b/c, task cpu, passes]
    [[2048, 2048, 2048], 256, [true, true, true]], // everything fits
    [[255, 256, 257], 256, [false, true, true]], // a: 255 < 256; b: exact fit 256 = 256
    [[0, 0, 128], 128, [false, false, true]], // only c has 128
  ])('free %j, task needs %i units → %j', (free, cpu, expected) => {
    const b = bench(AZ3);
    b.instances.forEach((instance, i) => setFree(instance, { cpu: free[i]! }));
    register(b, taskDef('web', { cpu }));
    const ledger = ledgerFor(b, { taskDefinition: 'web' });
    expect(verdicts(ledger, 'cpu')).toEqual(expected);
  });

  it('says the numbers and gives AWS reason RESOURCE:CPU', () => {
    const b = bench(AZ3);
    setFree(b.instances[0]!, { cpu: 100 });
    setFree(b.instances[1]!, { cpu: 200 });
    register(b, taskDef('web', { cpu: 512 }));
    const ledger = ledgerFor(b, { taskDefinition: 'web' });
    const cpu = rule(ledger, 'cpu');
    expect(cpu.reason).toBe('RESOURCE:CPU');
    expect(cpu.cell(ledger, 0)).toEqual({ verdict: 'fail', text: '100 of 2048 units free, needs 512' });
    expect(cpu.cell(ledger, 2)).toEqual({ verdict: 'pass', text: '2048 of 2048 units free' });
    // the most free among the refused: max(100, 200) = 200
    expect(cpu.failureClause(ledger, [0, 1])).toBe('insufficient CPU (needs 512 units, most free 200 units)');
  });
});

describe('memory filter', () => {
  it.each([
    // [free MiB on a/b/c, container memory / memoryReservation, passes]
    [[3992, 3992, 3992], { memory: 512 }, [true, true, true]],
    [[384, 511, 512], { memory: 512 }, [false, false, true]], // exact fit on c: 512 ≥ 512
    // memoryReservation (soft limit) is what is reserved: 256 ≤ 384, though the hard limit 1024 is not
    [[384, 100, 3992], { memoryReservation: 256, memory: 1024 }, [true, false, true]],
  ])('free %j, container %j → %j', (free, container, expected) => {
    const b = bench(AZ3);
    b.instances.forEach((instance, i) => setFree(instance, { memory: free[i]! }));
    register(b, { family: 'web', containerDefinitions: [{ name: 'web', image: 'nginx', ...container }] });
    const ledger = ledgerFor(b, { taskDefinition: 'web' });
    expect(verdicts(ledger, 'memory')).toEqual(expected);
  });

  it('uses task-level memory when given (the task size, not the containers)', () => {
    const b = bench(AZ3);
    b.instances.forEach((instance) => setFree(instance, { memory: 1000 }));
    register(b, { family: 'web', memory: '2048', containerDefinitions: [{ name: 'web', image: 'nginx', memoryReservation: 128 }] });
    // 2048 > 1000 on every instance, although the container reserves only 128
    expect(verdicts(ledgerFor(b, { taskDefinition: 'web' }), 'memory')).toEqual([false, false, false]);
  });

  it('summarises with the most free memory among the refused', () => {
    const b = bench(AZ3);
    [384, 200, 3992].forEach((free, i) => setFree(b.instances[i]!, { memory: free }));
    register(b, taskDef('web', { memory: 512 }));
    const ledger = ledgerFor(b, { taskDefinition: 'web' });
    expect(rule(ledger, 'memory').failureClause(ledger, [0, 1])).toBe('insufficient memory (needs 512 MiB, most free 384 MiB)');
    expect(rule(ledger, 'memory').reason).toBe('RESOURCE:MEMORY');
  });
});

describe('host ports filter', () => {
  it.each([
    // [static host ports already bound on a, the task's mapping, a passes?]
    [[], { containerPort: 80, hostPort: 80 }, true],
    [[80], { containerPort: 80, hostPort: 80 }, false], // 80 held by another task
    [[80], { containerPort: 80, hostPort: 0 }, true], // dynamic: any free port in 32768–60999
    [[80], { containerPort: 80 }, true], // hostPort omitted in bridge mode = dynamic
    [[], { containerPort: 22, hostPort: 22 }, false], // 22 is reserved by the ECS agent
    [[], { containerPort: 51678, hostPort: 51678 }, false], // agent port
    [[53], { containerPort: 53, hostPort: 53, protocol: 'udp' }, true], // 53/tcp bound, 53/udp free
  ])('bound %j, mapping %j → %s', (bound, mapping, expected) => {
    const b = bench(AZ3);
    for (const port of bound) b.instances[0]!.staticTcp.set(port, 'arn:aws:ecs:us-east-1:123456789012:task/demo/0123456789abcdef');
    register(b, taskDef('web', { ports: [mapping] }));
    expect(verdicts(ledgerFor(b, { taskDefinition: 'web' }), 'ports')[0]).toBe(expected);
  });

  it('names who holds the port', () => {
    const b = bench(AZ3);
    b.instances[0]!.staticTcp.set(80, 'arn:aws:ecs:us-east-1:123456789012:task/demo/0123456789abcdef');
    register(b, taskDef('web', { ports: [{ containerPort: 80, hostPort: 80 }, { containerPort: 22, hostPort: 22 }] }));
    const ledger = ledgerFor(b, { taskDefinition: 'web' });
    const ports = rule(ledger, 'ports');
    expect(ports.cell(ledger, 0)).toEqual({ verdict: 'fail', text: 'port 80 held by task 01234567…' });
    expect(ports.cell(ledger, 1)).toEqual({ verdict: 'fail', text: 'port 22 reserved by the ECS agent' });
    expect(ports.failureClause(ledger, [0])).toBe('host port 80 in use');
    expect(ports.reason).toBe('RESOURCE:PORTS');
  });

  it('refuses a 101st reserved port: 5 agent ports + 95 static = 100, one more is over ECS\'s limit', () => {
    const b = bench(AZ3);
    for (let port = 1000; port < 1095; port++) b.instances[0]!.staticTcp.set(port, 'arn:x/task/demo/t');
    register(b, taskDef('web', { ports: [{ containerPort: 80, hostPort: 80 }] }));
    const ledger = ledgerFor(b, { taskDefinition: 'web' });
    expect(verdicts(ledger, 'ports')).toEqual([false, true, true]);
    expect(rule(ledger, 'ports').cell(ledger, 0).text).toMatch(/100 ports reserved; 1 more would pass ECS's limit of 100/);
  });

  it('does not apply in awsvpc mode (the task binds on its own ENI)', () => {
    const b = bench(AZ3);
    register(b, taskDef('web', { networkMode: 'awsvpc', ports: [{ containerPort: 80 }] }));
    const ledger = ledgerFor(b, { taskDefinition: 'web', networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-us-east-1a'] } } });
    expect(bindingRules(ledger.request).map((r) => r.id)).not.toContain('ports');
  });
});

describe('ENI filter (awsvpc)', () => {
  it.each([
    // [type, ENIs already used by tasks, passes] — limit = maxENIs − 1 (primary ENI)
    ['t3.medium', 0, true], // 3 ENIs → 2 task ENIs, 0 used
    ['t3.medium', 1, true], // 1 of 2 used
    ['t3.medium', 2, false], // 2 of 2 used
    ['m5.4xlarge', 6, true], // 8 ENIs → 7 task ENIs
    ['m5.4xlarge', 7, false],
  ])('%s with %i task ENIs used → %s', (type, used, expected) => {
    const b = bench([[type, 'us-east-1a']]);
    b.instances[0]!.enisUsed = used;
    register(b, taskDef('web', { networkMode: 'awsvpc' }));
    const ledger = ledgerFor(b, { taskDefinition: 'web', networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-us-east-1a'] } } });
    expect(verdicts(ledger, 'eni')).toEqual([expected]);
  });

  it('uses the trunk limit on a trunked instance (m5.large: 10 instead of 2)', () => {
    const b = bench([['m5.large', 'us-east-1a']]);
    b.instances[0]!.trunkEnabled = true;
    b.instances[0]!.enisUsed = 9;
    register(b, taskDef('web', { networkMode: 'awsvpc' }));
    const ledger = ledgerFor(b, { taskDefinition: 'web', networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-us-east-1a'] } } });
    expect(verdicts(ledger, 'eni')).toEqual([true]);
    expect(rule(ledger, 'eni').cell(ledger, 0)).toEqual({ verdict: 'pass', text: '1 of 10 task ENI slots free' });
  });
});

describe('attributes filter', () => {
  it('needs the task definition\'s CPU architecture (runtimePlatform ARM64 → arm64 instances only)', () => {
    const b = bench([['m5.large', 'us-east-1a'], ['m6g.large', 'us-east-1b']]);
    register(b, taskDef('web', { runtimePlatform: { cpuArchitecture: 'ARM64', operatingSystemFamily: 'LINUX' } }));
    const ledger = ledgerFor(b, { taskDefinition: 'web' });
    expect(verdicts(ledger, 'attributes')).toEqual([false, true]);
    expect(rule(ledger, 'attributes').cell(ledger, 0)).toEqual({ verdict: 'fail', text: 'ecs.cpu-architecture is x86_64, needs arm64' });
    expect(rule(ledger, 'attributes').reason).toBe('ATTRIBUTE');
  });

  it('needs the agent capabilities in requiresAttributes (a logging driver the AMI does not list)', () => {
    const b = bench(AZ3);
    register(b, { family: 'web', containerDefinitions: [{ name: 'web', image: 'nginx', memory: 256, logConfiguration: { logDriver: 'splunk', options: { 'splunk-url': 'https://splunk:8088', 'splunk-token': 't' } } }] });
    const ledger = ledgerFor(b, { taskDefinition: 'web' });
    expect(verdicts(ledger, 'attributes')).toEqual([false, false, false]);
    expect(rule(ledger, 'attributes').cell(ledger, 0).text).toBe('missing com.amazonaws.ecs.capability.logging-driver.splunk');
  });

  it('keeps awsvpc tasks in the Availability Zones of their subnets', () => {
    const b = bench(AZ3);
    register(b, taskDef('web', { networkMode: 'awsvpc' }));
    const ledger = ledgerFor(b, { taskDefinition: 'web', networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-us-east-1a', 'subnet-us-east-1c'] } } });
    expect(verdicts(ledger, 'attributes')).toEqual([true, false, true]);
    expect(rule(ledger, 'attributes').cell(ledger, 1).text).toBe('in us-east-1b, where the task has no subnet');
  });
});

describe('status filter', () => {
  it('takes ACTIVE instances only; DRAINING ones are not reported as RunTask failures', () => {
    const b = bench(AZ3);
    b.instances[1]!.status = 'DRAINING';
    register(b, taskDef('web'));
    const ledger = ledgerFor(b, { taskDefinition: 'web' });
    expect(verdicts(ledger, 'status')).toEqual([true, false, true]);
    expect(rule(ledger, 'status').reason).toBeUndefined();
    expect(rule(ledger, 'status').cell(ledger, 1)).toEqual({ verdict: 'fail', text: 'DRAINING: takes no new tasks' });
  });
});
