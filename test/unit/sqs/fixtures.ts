// Shared by the SQS tests: an EC2 cluster with room, a worker task definition that names the queue
// URL in its environment, a task role that may (or may not) receive and delete, and readers.
import { expect } from 'vitest';
import type { SandboxEngine, Snapshot, Step } from '../../../workers/protocol.ts';
import { createEngine } from '../../../workers/engine/index.ts';
import { responseOf } from '../engine/helpers.ts';
import { ECS_TASKS_TRUST } from '../engine/iam-fixtures.ts';

export const URL = 'https://sqs.us-east-1.amazonaws.com/123456789012/jobs';
export const ARN = 'arn:aws:sqs:us-east-1:123456789012:jobs';
export const MIN = 60_000;

export const workerPolicy = (actions: string[] = ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'], resource = ARN) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: actions, Resource: resource }],
});

export function workerTaskDefinition(env: Record<string, string> = { QUEUE_URL: URL }, family = 'worker', taskRole = 'worker-role') {
  return {
    family,
    taskRoleArn: `arn:aws:iam::123456789012:role/${taskRole}`,
    containerDefinitions: [
      {
        name: 'worker',
        image: 'public.ecr.aws/docker/library/python:3.12',
        cpu: 256,
        memory: 256,
        environment: Object.entries(env).map(([name, value]) => ({ name, value })),
      },
    ],
  };
}

/** A cluster `demo` with 4 t3.large, the worker role (allowed unless `policy` says otherwise), queue `jobs` and the worker task definition. */
export function workerSetup(options: { policy?: object | null; env?: Record<string, string>; queueAttributes?: Record<string, string> } = {}): Step[] {
  const steps: Step[] = [
    { 'ecs:CreateCluster': { clusterName: 'demo' } },
    { 'sim:AddContainerInstances': { cluster: 'demo', instanceType: 't3.large', count: 4 } },
    { 'iam:CreateRole': { RoleName: 'worker-role', AssumeRolePolicyDocument: ECS_TASKS_TRUST } },
  ];
  if (options.policy !== null) steps.push({ 'iam:PutRolePolicy': { RoleName: 'worker-role', PolicyName: 'queue', PolicyDocument: options.policy ?? workerPolicy() } });
  steps.push(
    { 'sqs:CreateQueue': { QueueName: 'jobs', ...(options.queueAttributes === undefined ? {} : { Attributes: options.queueAttributes }) } },
    { 'ecs:RegisterTaskDefinition': workerTaskDefinition(options.env) },
  );
  return steps;
}

export function engineWith(steps: Step[], seed = 7): SandboxEngine {
  const engine = createEngine({ seed });
  const loaded = engine.load({ id: 'sqs-test', title: 'sqs test', seed, setup: steps });
  expect(loaded.results.filter((r) => 'error' in r)).toEqual([]);
  return engine;
}

export function startWorkers(engine: SandboxEngine, desiredCount: number, serviceName = 'worker'): void {
  responseOf(engine.dispatch({ 'ecs:CreateService': { cluster: 'demo', serviceName, taskDefinition: 'worker', desiredCount, launchType: 'EC2' } }));
}

export const queueOf = (s: Snapshot, name = 'jobs') => s.queues!.find((q) => q.QueueName === name)!;
export const attr = (s: Snapshot, key: string, name = 'jobs'): number => Number(queueOf(s, name).Attributes[key]);
export const visible = (engine: SandboxEngine): number => attr(engine.snapshot(), 'ApproximateNumberOfMessages');
export const sqsPoints = (s: Snapshot, metricName: string, name = 'jobs') =>
  s.metrics!.find((m) => m.Namespace === 'AWS/SQS' && m.MetricName === metricName && m.Dimensions[0]!.Value === name)?.points ?? [];
export const runningTasks = (s: Snapshot, service = 'worker') => s.tasks.filter((t) => t.group === `service:${service}` && t.lastStatus === 'RUNNING').length;
