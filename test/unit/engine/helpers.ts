// Shared helpers for the engine tests: a small cluster, a web task definition and result accessors.
import { expect } from 'vitest';
import type { SandboxEngine, Step, StepResult } from '../../../workers/protocol.ts';
import { createEngine } from '../../../workers/engine/index.ts';

export const WEB_TASK_DEFINITION = {
  family: 'web',
  containerDefinitions: [
    {
      name: 'web',
      image: 'public.ecr.aws/nginx/nginx:1.27',
      cpu: 256,
      memory: 512,
      portMappings: [{ containerPort: 80, hostPort: 0, protocol: 'tcp' }],
    },
  ],
};

/** A cluster `demo` with `count` instances of `instanceType` over three AZs, and web:1 registered. */
export function demoSteps(instanceType = 't3.medium', count = 3): Step[] {
  return [
    { 'ecs:CreateCluster': { clusterName: 'demo' } },
    { 'sim:AddContainerInstances': { cluster: 'demo', instanceType, count } },
    { 'ecs:RegisterTaskDefinition': WEB_TASK_DEFINITION },
  ];
}

export function demoEngine(seed = 1, instanceType = 't3.medium', count = 3): SandboxEngine {
  const engine = createEngine({ seed });
  engine.load({ id: 'test', title: 'test', seed, setup: demoSteps(instanceType, count) });
  return engine;
}

/** The response of a step that must have succeeded. */
export function responseOf<T = Record<string, any>>(result: StepResult): T {
  if ('error' in result) throw new Error(`step ${result.step} ${result.action} failed: ${result.error.code}: ${result.error.message}`);
  return result.response as T;
}

export function errorOf(result: StepResult): { code: string; message: string } {
  if (!('error' in result)) throw new Error(`step ${result.step} ${result.action} succeeded: ${JSON.stringify(result.response).slice(0, 200)}`);
  return result.error;
}

export function expectError(result: StepResult, code: string, message?: string | RegExp): void {
  const error = errorOf(result);
  expect(error.code).toBe(code);
  if (typeof message === 'string') expect(error.message).toBe(message);
  else if (message !== undefined) expect(error.message).toMatch(message);
}

export function run(engine: SandboxEngine, request: Record<string, unknown>): Record<string, any> {
  return responseOf(engine.dispatch({ 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'web', ...request } }));
}
