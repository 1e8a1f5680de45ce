// The lesson's progression: steps in order, a step completing at the observation where every
// objective is met, the next one starting then and judged at once (several can complete in one
// observation), time-based objectives across observations, and the same instants whatever the
// slices time passes in.
import { describe, expect, it } from 'vitest';
import { OBSERVE_EVERY_MS } from '../../../workers/lesson/index.ts';
import { runWeb, start, WEB } from './helpers.ts';

const TWO_STEPS = `steps:
  - id: register
    title: Register web
    instructions: Register the task definition **web**.
    objectives:
      - id: web-registered
        title: web is registered
        check: {exists: {of: taskDefinitions, where: {family: web}}}
  - id: run
    title: Run two tasks
    instructions: Run two tasks of web.
    objectives:
      - id: two-running
        title: Two tasks of web run
        check: {count: {of: tasks, where: {family: web, lastStatus: RUNNING}, atLeast: 2}}
solution:
  - ecs:RegisterTaskDefinition: {family: web, containerDefinitions: [{name: web, image: nginx, memory: 256, cpu: 256}]}
  - ecs:RunTask: {cluster: demo, taskDefinition: web, count: 2}
`;

describe('LessonRun progression', () => {
  it('opens on the first step, with the later ones locked', () => {
    const { lesson } = start(TWO_STEPS);
    const state = lesson.state();
    expect(state.scenarioId).toBe('lesson-test');
    expect(state.activeStep).toBe(0);
    expect(state.completed).toBe(false);
    expect(state.steps.map((step) => step.state)).toEqual(['active', 'locked']);
    expect(state.steps[0]!.title).toEqual({ en: 'Register web' });
    expect(state.steps[0]!.instructions).toEqual({ en: 'Register the task definition **web**.' });
    const [objective] = state.steps[0]!.objectives;
    expect(objective).toMatchObject({ id: 'web-registered', passed: false, pending: false, expected: '≥ 1', actual: '0', hints: [], hintCount: 0 });
    expect(objective!.sentence).toMatch(/task definition/);
    expect(objective!.failing).toBeDefined();
    expect(state.steps[1]!.objectives[0]!.sentence).toBe('Not started yet: complete the steps before this one.');
  });

  it('completes each step at the observation where its objectives are met, then the next', () => {
    const session = start(TWO_STEPS);
    const startedAt = session.lesson.state().startedAtMs;
    session.wait('20s');
    session.run(WEB);
    const registeredAt = session.engine.snapshot().time;
    let state = session.lesson.state();
    expect(state.activeStep).toBe(1);
    expect(state.steps[0]).toMatchObject({ state: 'done', completedAtMs: registeredAt });
    expect(state.steps[0]!.objectives[0]!.passed).toBe(true);
    expect(state.steps[1]!.state).toBe('active');
    session.run(runWeb(2));
    expect(session.lesson.state().completed).toBe(false);
    session.wait('3m');
    state = session.lesson.state();
    expect(state.completed).toBe(true);
    expect(state.activeStep).toBe(2);
    expect(state.startedAtMs).toBe(startedAt);
    expect(state.completedAtMs).toBe(state.steps[1]!.completedAtMs);
    // Completed by a timed observation: on the grid of OBSERVE_EVERY_MS.
    expect(state.completedAtMs! % OBSERVE_EVERY_MS).toBe(0);
    expect(state.completedAtMs!).toBeGreaterThan(registeredAt);
    expect(state.steps[1]!.objectives[0]!.sentence).toMatch(/RUNNING/);
  });

  it('completes several steps in one observation when one command meets them all', () => {
    const session = start(`steps:
  - id: one
    title: One
    instructions: Register web.
    objectives:
      - {id: a, title: web exists, check: {exists: {of: taskDefinitions, where: {family: web}}}}
  - id: two
    title: Two
    instructions: Nothing more to do.
    objectives:
      - {id: b, title: a task definition exists, check: {count: {of: taskDefinitions, atLeast: 1}}}
  - id: three
    title: Three
    instructions: Run a task.
    objectives:
      - {id: c, title: a task runs, check: {exists: {of: tasks, where: {lastStatus: RUNNING}}}}
`);
    session.run(WEB);
    const now = session.engine.snapshot().time;
    const state = session.lesson.state();
    expect(state.steps.map((step) => step.state)).toEqual(['done', 'done', 'active']);
    expect(state.steps[0]!.completedAtMs).toBe(now);
    expect(state.steps[1]!.completedAtMs).toBe(now);
  });

  it('completes a step without objectives as soon as it starts', () => {
    const { lesson } = start(`steps:
  - id: read
    title: Read this
    instructions: Nothing to do.
`);
    expect(lesson.state()).toMatchObject({ completed: true, activeStep: 1 });
  });

  it('counts every command as an attempt, refused ones too', () => {
    const session = start(TWO_STEPS);
    session.run({ 'ecs:RunTask': { cluster: 'demo', taskDefinition: 'nope' } });
    session.run(WEB);
    expect(session.lesson.state().attempts).toBe(2);
  });

  it('judges holdsFor across observations: pending while it holds, met once held for the duration', () => {
    const session = start(`steps:
  - id: steady
    title: Keep two tasks running
    instructions: Run two tasks and keep them running for a minute.
    objectives:
      - id: steady
        title: Two tasks running for a minute
        check: {holdsFor: {duration: 1m, objective: {count: {of: tasks, where: {lastStatus: RUNNING}, atLeast: 2}}}}
`);
    session.run(WEB);
    session.run(runWeb(2));
    session.wait('40s');
    let objective = session.lesson.state().steps[0]!.objectives[0]!;
    expect(objective).toMatchObject({ passed: false, pending: true });
    expect(objective.sentence).toMatch(/so far/i);
    session.wait('1m');
    const state = session.lesson.state();
    objective = state.steps[0]!.objectives[0]!;
    expect(state.completed).toBe(true);
    expect(objective.passed).toBe(true);
    // Running from some observation t on, held at t + 1m: a completion on the grid.
    expect(state.completedAtMs! % OBSERVE_EVERY_MS).toBe(0);
  });

  it('judges within against its deadline: met in time, or failed for good once missed', () => {
    const text = `steps:
  - id: quick
    title: Quick
    instructions: Run two tasks within two minutes.
    objectives:
      - id: quick
        title: Two tasks running within 2m
        check: {within: {duration: 2m, objective: {count: {of: tasks, where: {lastStatus: RUNNING}, atLeast: 2}}}}
`;
    const fast = start(text);
    fast.run(WEB);
    fast.run(runWeb(2));
    fast.wait('1m30s');
    expect(fast.lesson.state().completed).toBe(true);

    const slow = start(text);
    slow.wait('1m');
    expect(slow.lesson.state().steps[0]!.objectives[0]).toMatchObject({ passed: false, pending: true });
    slow.wait('1m10s');
    expect(slow.lesson.state().steps[0]!.objectives[0]).toMatchObject({ passed: false, pending: false });
    slow.run(WEB);
    slow.run(runWeb(2));
    slow.wait('2m');
    const objective = slow.lesson.state().steps[0]!.objectives[0]!;
    expect(objective).toMatchObject({ passed: false, pending: false });
    expect(objective.sentence).toMatch(/^(Not reached within 2m|It holds now, but only came after the 2m limit)/);
    expect(slow.lesson.state().completed).toBe(false);
  });

  it('observes at the same instants whether time passes at once or in ragged slices', () => {
    const completion = (slices: number[]): number | undefined => {
      const session = start(TWO_STEPS);
      session.run(WEB);
      session.run(runWeb(2));
      for (const ms of slices) session.wait(ms);
      return session.lesson.state().completedAtMs;
    };
    const once = completion([180_000]);
    expect(once).toBeDefined();
    expect(completion([7_001, 13_333, 999, 60_000, 98_667])).toBe(once);
  });
});
