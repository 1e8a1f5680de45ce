// Hints in order and keyed to the active step's objectives, the reference solution, and the
// refusal sentences a learner reads when asking for what is not there.
import { describe, expect, it } from 'vitest';
import { start, WEB } from './helpers.ts';

const TEXT = `steps:
  - id: register
    title: Register web
    instructions: Register web.
    objectives:
      - id: web-registered
        title: web is registered
        check: {exists: {of: taskDefinitions, where: {family: web}}}
        hints:
          - Use ecs:RegisterTaskDefinition.
          - {en: Call the family web., fr: Appelez la famille web.}
      - id: no-hints
        title: The cluster exists
        check: {exists: {of: clusters, where: {clusterName: demo}}}
  - id: run
    title: Run web
    instructions: Run a task.
    objectives:
      - id: running
        title: A task runs
        check: {exists: {of: tasks, where: {lastStatus: RUNNING}}}
        hints: [Run it with ecs:RunTask.]
`;

describe('LessonRun hints', () => {
  it('reveals the hints of an active objective in order, then says there are no more', () => {
    const { lesson } = start(TEXT);
    expect(lesson.revealHint('web-registered')).toEqual({ ok: true, hint: { en: 'Use ecs:RegisterTaskDefinition.' } });
    expect(lesson.revealHint('web-registered')).toEqual({ ok: true, hint: { en: 'Call the family web.', fr: 'Appelez la famille web.' } });
    expect(lesson.revealHint('web-registered')).toEqual({ ok: false, message: 'All 2 hints of "web is registered" are already shown.' });
    const state = lesson.state();
    expect(state.hintsShown).toBe(2);
    expect(state.steps[0]!.objectives[0]!.hints).toEqual([{ en: 'Use ecs:RegisterTaskDefinition.' }, { en: 'Call the family web.', fr: 'Appelez la famille web.' }]);
    expect(state.steps[0]!.objectives[0]!.hintCount).toBe(2);
  });

  it('refuses hints of unknown objectives, of objectives without hints, and outside the active step', () => {
    const session = start(TEXT);
    expect(session.lesson.revealHint('nope')).toEqual({ ok: false, message: 'There is no objective "nope" in this scenario.' });
    expect(session.lesson.revealHint('no-hints')).toEqual({ ok: false, message: '"The cluster exists" has no hints.' });
    expect(session.lesson.revealHint('running')).toEqual({ ok: false, message: '"A task runs" belongs to a later step; finish the current step first.' });
    session.lesson.revealHint('web-registered');
    session.run(WEB);
    expect(session.lesson.revealHint('web-registered')).toEqual({ ok: false, message: '"web is registered" belongs to a step you have already completed.' });
    // Hints seen stay on the done step.
    expect(session.lesson.state().steps[0]!.objectives[0]!.hints).toHaveLength(1);
    expect(session.lesson.revealHint('running')).toEqual({ ok: true, hint: { en: 'Run it with ecs:RunTask.' } });
    expect(session.lesson.state().hintsShown).toBe(2);
  });
});

describe('LessonRun solution', () => {
  it('refuses when the scenario has none', () => {
    const { lesson } = start(TEXT);
    expect(lesson.revealSolution()).toEqual({ ok: false, message: 'This scenario has no reference solution.' });
    expect(lesson.state().solutionRevealed).toBe(false);
  });

  it('gives the solution steps and records that it was revealed', () => {
    const { lesson } = start(`${TEXT}solution:
  - ecs:RegisterTaskDefinition: {family: web, containerDefinitions: [{name: web, image: nginx, memory: 256}]}
  - ecs:RunTask: {cluster: demo, taskDefinition: web}
`);
    const revealed = lesson.revealSolution();
    expect(revealed.ok).toBe(true);
    if (revealed.ok) expect(revealed.steps.map((step) => Object.keys(step)[0])).toEqual(['ecs:RegisterTaskDefinition', 'ecs:RunTask']);
    expect(lesson.state().solutionRevealed).toBe(true);
  });
});
