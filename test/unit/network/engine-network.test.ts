// Proves the network model through the engine facade: a Fargate RunTask takes one private IP per
// task from the named subnets (DescribeSubnets' AvailableIpAddressCount drops), the task's ENI
// attachment carries an address inside its subnet, an unknown subnet is refused with AWS's error
// and changes nothing, and one seed gives the same addresses every time.
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../workers/engine/index.ts';
import type { Step, StepResult } from '../../../workers/protocol.ts';

const API = {
  family: 'api',
  requiresCompatibilities: ['FARGATE'],
  networkMode: 'awsvpc',
  cpu: '256',
  memory: '512',
  containerDefinitions: [{ name: 'api', image: 'public.ecr.aws/nginx/nginx:1.27', essential: true }],
};

const runFargate = (subnets: string[], count = 1): Step => ({
  'ecs:RunTask': { cluster: 'f', taskDefinition: 'api', launchType: 'FARGATE', count, networkConfiguration: { awsvpcConfiguration: { subnets } } },
});

function response(result: StepResult): any {
  if ('error' in result) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.response;
}

function freeAddresses(engine: ReturnType<typeof createEngine>): number[] {
  return response(engine.dispatch({ 'ec2:DescribeSubnets': { SubnetIds: ['subnet-us-east-1a', 'subnet-us-east-1b'] } })).Subnets.map(
    (subnet: { AvailableIpAddressCount: number }) => subnet.AvailableIpAddressCount,
  );
}

function start(seed: number) {
  const engine = createEngine({ seed });
  response(engine.dispatch({ 'ecs:CreateCluster': { clusterName: 'f' } }));
  response(engine.dispatch({ 'ecs:RegisterTaskDefinition': API }));
  return engine;
}

function privateIps(engine: ReturnType<typeof createEngine>): string[] {
  const arns = response(engine.dispatch({ 'ecs:ListTasks': { cluster: 'f' } })).taskArns;
  const tasks = response(engine.dispatch({ 'ecs:DescribeTasks': { cluster: 'f', tasks: arns } })).tasks;
  return tasks.map((task: any) => task.attachments[0].details.find((d: { name: string }) => d.name === 'privateIPv4Address')?.value);
}

describe('network through the engine', () => {
  it('Fargate tasks hold one address each in the subnets they were given', () => {
    const engine = start(3);
    expect(freeAddresses(engine)).toEqual([4091, 4091]);
    response(engine.dispatch(runFargate(['subnet-us-east-1a', 'subnet-us-east-1b'], 3)));
    const [a, b] = freeAddresses(engine);
    expect(a! + b!).toBe(2 * 4091 - 3);
    engine.advance(60_000);
    for (const ip of privateIps(engine)) expect(ip).toMatch(/^172\.31\.([0-9]|[12][0-9]|3[01])\.\d{1,3}$/); // 172.31.0.0/20 or 172.31.16.0/20
  });

  it('an unknown subnet is AWS\'s error and takes no address', () => {
    const engine = start(3);
    const result = engine.dispatch(runFargate(['subnet-us-east-1z']));
    expect('error' in result && result.error.code).toBe('InvalidParameterException');
    expect('error' in result && result.error.message).toMatch(/^Error retrieving subnet information for \[subnet-us-east-1z\]: The subnet ID 'subnet-us-east-1z' does not exist \(ErrorCode: InvalidSubnetID\.NotFound\)/);
    expect(freeAddresses(engine)).toEqual([4091, 4091]);
  });

  it('one seed gives the same private IPs', () => {
    const ips = (seed: number) => {
      const engine = start(seed);
      response(engine.dispatch(runFargate(['subnet-us-east-1a'], 4)));
      engine.advance(60_000);
      return privateIps(engine);
    };
    expect(ips(8)).toEqual(ips(8));
    expect(new Set(ips(8)).size).toBe(4);
  });
});
