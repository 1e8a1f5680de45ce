// Session tests: small scenarios in YAML (a cluster of three instances, a lesson of two steps) and
// sessions started as the worker starts them, with the real lesson runtime.
import { readFileSync } from 'node:fs';
import { createEngine } from '../../../workers/engine/index.ts';
import * as lessonRuntime from '../../../workers/lesson/index.ts';
import type { Scenario, Step } from '../../../workers/protocol.ts';
import { parseScenarioText } from '../../../workers/scenario/index.ts';
import { Session } from '../../../workers/session/index.ts';

export const MINUTE = 60_000;

export const SETUP = `title: Session test
seed: 3
setup:
  - ecs:CreateCluster: {clusterName: demo}
  - sim:AddContainerInstances: {cluster: demo, instanceType: m5.large, count: 3, availabilityZones: [us-east-1a, us-east-1b, us-east-1c]}
  - ecs:RegisterTaskDefinition: {family: web, containerDefinitions: [{name: web, image: nginx, memory: 256, cpu: 256}]}
  - wait: 30s
`;

export const LESSON = `steps:
  - id: run
    title: Run two tasks
    instructions: Run two tasks of web.
    objectives:
      - id: two-running
        title: Two tasks of web run
        check: {count: {of: tasks, where: {family: web, lastStatus: RUNNING}, atLeast: 2}}
        hints: [Use ecs:RunTask with count 2., The cluster is demo.]
  - id: service
    title: A service keeps them
    instructions: Create a service **web** with three tasks.
    objectives:
      - id: service-steady
        title: web runs three tasks
        check: {count: {of: tasks, where: {group: "service:web", lastStatus: RUNNING}, atLeast: 3}}
solution:
  - ecs:RunTask: {cluster: demo, taskDefinition: web, count: 2}
  - wait: 2m
  - ecs:CreateService: {cluster: demo, serviceName: web, taskDefinition: web, desiredCount: 3}
  - wait: 3m
`;

export const runWeb = (count: number): Step => ({ 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'web', count } });

export function scenario(id: string, rest = ''): Scenario {
  const parsed = parseScenarioText(`id: ${id}\n${SETUP}${rest}`, { fileName: `${id}.yaml` });
  if (!parsed.ok) throw new Error(parsed.issues.map((issue) => `${issue.line}:${issue.column} ${issue.message}`).join('\n'));
  return parsed.scenario;
}

export function capacityScenario(): Scenario {
  const parsed = parseScenarioText(readFileSync(new URL('../../../scenarios/capacity.yaml', import.meta.url), 'utf8'), { fileName: 'capacity.yaml' });
  if (!parsed.ok) throw new Error('scenarios/capacity.yaml does not parse');
  return parsed.scenario;
}

export function start(loaded: Scenario, seed?: number): Session {
  return Session.start(loaded, { createEngine: () => createEngine(), lesson: lessonRuntime, ...(seed === undefined ? {} : { seed }) });
}

/** The tasks as a learner sees them (the comparison undo must pass). */
export const tasksOf = (session: Session): string => JSON.stringify(session.snapshot().tasks);
