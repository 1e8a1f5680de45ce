// Rewinding the lesson with the timeline: steps completed after the point reopen, the active step
// restarts there, hints seen are kept.
import { describe, expect, it } from 'vitest';
import { runWeb, start, WEB } from './helpers.ts';

const TEXT = `steps:
  - id: register
    title: Register web
    instructions: Register web.
    objectives:
      - id: web-registered
        title: web is registered
        check: {exists: {of: taskDefinitions, where: {family: web}}}
        hints: [Use ecs:RegisterTaskDefinition.]
  - id: run
    title: Run two tasks
    instructions: Run two tasks.
    objectives:
      - id: two-running
        title: Two tasks run
        check: {holdsFor: {duration: 30s, objective: {count: {of: tasks, where: {lastStatus: RUNNING}, atLeast: 2}}}}
`;

describe('LessonRun rewind', () => {
  it('reopens the steps completed after the point, keeps those before, and keeps hints seen', () => {
    const session = start(TEXT);
    const atStart = session.engine.snapshot();
    session.lesson.revealHint('web-registered');
    session.wait('10s');
    session.run(WEB);
    const afterRegister = session.engine.snapshot();
    session.run(runWeb(2));
    session.wait('2m');
    expect(session.lesson.state().completed).toBe(true);

    session.lesson.rewind(afterRegister);
    let state = session.lesson.state();
    expect(state.completed).toBe(false);
    expect(state.completedAtMs).toBeUndefined();
    expect(state.activeStep).toBe(1);
    expect(state.steps.map((step) => step.state)).toEqual(['done', 'active']);
    expect(state.steps[1]!.completedAtMs).toBeUndefined();
    // Judged on the rewound snapshot: no task yet.
    expect(state.steps[1]!.objectives[0]).toMatchObject({ passed: false });

    session.lesson.rewind(atStart);
    state = session.lesson.state();
    expect(state.activeStep).toBe(0);
    expect(state.steps.map((step) => step.state)).toEqual(['active', 'locked']);
    expect(state.steps[0]!.objectives[0]!.hints).toEqual([{ en: 'Use ecs:RegisterTaskDefinition.' }]);
    expect(state.hintsShown).toBe(1);
  });

  it('restarts the active step\'s trackers at the point: a holdsFor counts again from there', () => {
    const session = start(TEXT.replace('duration: 30s', 'duration: 3m'));
    session.run(WEB);
    session.run(runWeb(2));
    session.wait('1m');
    const running = session.engine.snapshot();
    session.wait('4m');
    expect(session.lesson.state().completed).toBe(true);
    session.lesson.rewind(running);
    const objective = session.lesson.state().steps[1]!.objectives[0]!;
    // Two tasks run at the point, but held only since the restart there.
    expect(objective).toMatchObject({ passed: false, pending: true });
  });
});
