// The learning session as the worker drives it: the exercise's action rules, undo, jumps and
// branches, reset, saved runs, and the lesson following commands and time.
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../workers/engine/index.ts';
import { ACTION_NOT_ALLOWED, Session } from '../../../workers/session/index.ts';
import { LESSON, MINUTE, runWeb, scenario, start, tasksOf } from './helpers.ts';

describe('the exercise offers only its actions', () => {
  it('refuses an action outside allowedActions without running it, says what to use, logs nothing, counts the attempt', () => {
    const session = start(scenario('allowed', `${LESSON}allowedActions: [ecs:RunTask, ecs:CreateService]\n`));
    const before = tasksOf(session);
    const result = session.runLearnerStep({ 'ecs:RegisterTaskDefinition': { family: 'db', containerDefinitions: [{ name: 'db', image: 'postgres', memory: 256 }] } }, 1);
    expect(result).toEqual({
      step: 1,
      action: 'ecs:RegisterTaskDefinition',
      error: { code: ACTION_NOT_ALLOWED, message: 'This exercise does not offer ecs:RegisterTaskDefinition: it asks you to use ecs:RunTask, ecs:CreateService or wait.' },
    });
    expect(tasksOf(session)).toBe(before);
    expect(session.snapshot().taskDefinitions.map((definition) => definition.family)).toEqual(['web']);
    expect(session.state().timeline).toMatchObject({ commands: 0, canUndo: false });
    expect(session.state().lesson!.attempts).toBe(1);
    expect(session.state().allowedActions).toEqual(['ecs:RunTask', 'ecs:CreateService']);
    // What is offered runs, and so does wait.
    expect('error' in session.runLearnerStep(runWeb(1))).toBe(false);
    expect('error' in session.runLearnerStep({ wait: '30s' })).toBe(false);
    expect(session.state().timeline.commands).toBe(1);
  });

  it('names what disabledActions takes away', () => {
    const session = start(scenario('disabled', 'disabledActions: [ecs:RunTask, ecs:StopTask]\n'));
    const result = session.runLearnerStep(runWeb(1), 3);
    expect(result).toMatchObject({ step: 3, error: { code: ACTION_NOT_ALLOWED } });
    expect('error' in result && result.error.message).toBe('This exercise does not offer ecs:RunTask: it asks you to do without ecs:RunTask and ecs:StopTask and use the other actions.');
    expect(session.snapshot().tasks).toEqual([]);
    expect(session.state().disabledActions).toEqual(['ecs:RunTask', 'ecs:StopTask']);
  });

  it('leaves unknown actions and malformed steps to the engine, and never restricts the setup', () => {
    // The setup registers web and adds instances though neither action is offered to the learner.
    const session = start(scenario('setup-free', 'allowedActions: [ecs:RunTask]\n'));
    expect(session.snapshot().containerInstances.length).toBe(3);
    const unknown = session.runLearnerStep({ 'ecs:RunTasks': {} });
    expect('error' in unknown && unknown.error.code).not.toBe(ACTION_NOT_ALLOWED);
    const malformed = session.runLearnerStep({ 'ecs:RunTask': {}, wait: '1s' } as never);
    expect('error' in malformed && malformed.error.code).not.toBe(ACTION_NOT_ALLOWED);
  });
});

describe('undo, jumps and branches', () => {
  it('undo returns to the state just before the command; redo returns to where the run was', () => {
    const session = start(scenario('undo'));
    session.advance(2 * MINUTE);
    session.runLearnerStep(runWeb(2));
    session.advance(MINUTE);
    const before = tasksOf(session);
    const beforeTime = session.snapshot().time;
    const stepAt = session.snapshot().time;
    session.runLearnerStep(runWeb(3));
    session.advance(2 * MINUTE);
    const after = tasksOf(session);
    expect(JSON.parse(after)).toHaveLength(5);

    const undone = session.undo();
    expect(undone).toEqual({ ok: true, undone: runWeb(3) });
    expect(session.snapshot().time).toBe(beforeTime);
    expect(tasksOf(session)).toBe(before);
    expect(session.state().timeline).toMatchObject({ nowMs: stepAt, endMs: stepAt, commands: 1, canRedo: true });

    expect(session.redo()).toEqual({ ok: true });
    expect(tasksOf(session)).toBe(after);
    session.undo();
    session.undo();
    expect(session.snapshot().tasks).toEqual([]);
    expect(session.undo()).toMatchObject({ ok: false, message: expect.stringMatching(/nothing to undo/) });
  });

  it('a jump back keeps the future until a command branches from there', () => {
    const session = start(scenario('branch'));
    session.runLearnerStep(runWeb(1));
    session.advance(5 * MINUTE);
    const midway = session.snapshot().time;
    const atMidway = tasksOf(session);
    session.advance(MINUTE);
    session.runLearnerStep(runWeb(2));
    session.advance(5 * MINUTE);
    const end = session.snapshot().time;

    session.jumpTo(midway);
    expect(tasksOf(session)).toBe(atMidway);
    expect(session.state().timeline).toMatchObject({ inPast: true, endMs: end, commands: 2 });

    session.runLearnerStep(runWeb(4));
    const timeline = session.state().timeline;
    expect(timeline).toMatchObject({ inPast: false, endMs: midway, commands: 2 });
    expect(timeline.commandTimes.at(-1)).toBe(midway);
    session.advance(MINUTE);
    // The branch has 1 + 4 tasks, not the recorded 1 + 2.
    expect(session.snapshot().tasks.filter((task) => task.lastStatus !== 'STOPPED')).toHaveLength(5);
  });

  it('reset starts the scenario again: setup re-run, log cleared', () => {
    const loaded = scenario('reset');
    const fresh = start(loaded);
    const session = start(loaded);
    session.runLearnerStep(runWeb(2));
    session.advance(3 * MINUTE);
    const load = session.reset();
    expect(load.results.every((result) => !('error' in result))).toBe(true);
    expect(session.snapshot()).toEqual(fresh.snapshot());
    expect(session.state().timeline).toMatchObject({ commands: 0, canUndo: false, canRedo: false, inPast: false });
  });
});

describe('saved runs', () => {
  it('a run exported and restored is the same run', () => {
    const session = start(scenario('saved'));
    session.runLearnerStep(runWeb(2));
    session.advance(4 * MINUTE);
    session.runLearnerStep(runWeb(1));
    session.advance(MINUTE);
    const restored = start(scenario('saved')).restore(session.exportRun());
    expect(restored.ok).toBe(true);
    if (!restored.ok) return;
    expect(restored.session.snapshot()).toEqual(session.snapshot());
    expect(restored.session.state().timeline).toEqual(session.state().timeline);
  });

  it('refuses a run of another scenario and leaves the current run untouched', () => {
    const other = start(scenario('other'));
    other.runLearnerStep(runWeb(1));
    const session = start(scenario('mine'));
    session.runLearnerStep(runWeb(2));
    const before = session.exportRun();
    const restored = session.restore(other.exportRun());
    expect(restored).toEqual({ ok: false, message: 'The saved run is of scenario "other", not of "mine" loaded now: open that scenario first.' });
    expect(session.exportRun()).toBe(before);
    expect(session.restore('{not json')).toMatchObject({ ok: false, message: expect.stringMatching(/not JSON/) });
  });

  it('refuses a run whose replay diverges (a command the engine refuses), with the command named', () => {
    const session = start(scenario('diverge'));
    const forged = JSON.stringify({ v: 1, scenario: 'diverge', seed: 3, end: 60_000, steps: [[40_000, { 'ecs:RunTask': { cluster: 'nowhere', taskDefinition: 'web' } }]] });
    const restored = session.restore(forged);
    expect(restored).toMatchObject({ ok: false, message: expect.stringMatching(/command 1 .*ecs:RunTask was refused/) });
    // With a lesson the replay is watched, and refused the same way.
    const lesson = start(scenario('diverge', LESSON));
    expect(lesson.restore(forged)).toMatchObject({ ok: false, message: expect.stringMatching(/command 1 .*ecs:RunTask was refused/) });
  });
});

describe('the lesson follows the run', () => {
  it('progresses through commands and time, and rewinds with undo', () => {
    const session = start(scenario('lesson', LESSON));
    expect(session.state().lesson).toMatchObject({ activeStep: 0, completed: false });
    session.runLearnerStep(runWeb(2));
    expect(session.state().lesson!.activeStep).toBe(0);
    session.advance(2 * MINUTE); // the tasks start; an observation on the 10 s grid completes the step
    expect(session.state().lesson!.activeStep).toBe(1);
    session.runLearnerStep({ 'ecs:CreateService': { cluster: 'demo', serviceName: 'web', taskDefinition: 'web', desiredCount: 3 } });
    session.runLearnerStep({ wait: '3m' }); // a wait is watched like playing
    expect(session.state().lesson).toMatchObject({ completed: true, attempts: 3 });

    session.undo(); // back before CreateService: the second step is open again
    const lesson = session.state().lesson!;
    expect(lesson.completed).toBe(false);
    expect(lesson.activeStep).toBe(1);
    expect(lesson.steps[0]!.state).toBe('done');
  });

  it('looking at the past leaves the lesson as the run left it; a branch from the past rewinds it there', () => {
    const session = start(scenario('lesson-jump', LESSON));
    const startMs = session.state().timeline.startMs;
    session.runLearnerStep(runWeb(2));
    session.advance(3 * MINUTE);
    const done = session.state().lesson!;
    expect(done.activeStep).toBe(1);
    const end = session.state().timeline.endMs;

    session.jumpTo(startMs + 5_000);
    expect(session.state().timeline.inPast).toBe(true);
    expect(session.state().lesson).toEqual(done);
    session.runLearnerStep({ 'ecs:DescribeTasks': { cluster: 'demo', tasks: [] } }); // a read: no branch
    expect(session.state().lesson).toEqual({ ...done, attempts: done.attempts + 1 });
    session.advance(MINUTE); // the recording again: nothing new for the lesson
    expect(session.state().lesson!.activeStep).toBe(1);
    session.jumpTo(end);
    expect(session.state().lesson!.activeStep).toBe(1);

    session.jumpTo(startMs); // the first RunTask's instant: its tasks are not running yet
    session.runLearnerStep(runWeb(1)); // a branch before the step was done: it is open again
    expect(session.state().timeline.inPast).toBe(false);
    expect(session.state().lesson).toMatchObject({ activeStep: 0, completed: false });
    expect(session.state().lesson!.steps[0]!.state).toBe('active');
    session.advance(2 * MINUTE); // one task of the first run and this one: two run again
    expect(session.state().lesson!.activeStep).toBe(1);
  });

  it('undo then redo: the lesson watches the redone stretch and is done again', () => {
    const session = start(scenario('lesson-redo', LESSON));
    session.runLearnerStep(runWeb(2));
    session.advance(2 * MINUTE);
    expect(session.state().lesson!.activeStep).toBe(1);
    session.undo();
    expect(session.state().lesson!.activeStep).toBe(0);
    expect(session.redo()).toEqual({ ok: true });
    expect(session.state().lesson!.activeStep).toBe(1);
    expect(session.state().timeline).toMatchObject({ inPast: false, commands: 1 });
  });

  it('time past the end of a recording watched again is observed', () => {
    const session = start(scenario('lesson-past-end', LESSON));
    session.advance(MINUTE);
    session.runLearnerStep(runWeb(2));
    const end = session.state().timeline.endMs;
    session.jumpTo(end - 30_000);
    session.advance(3 * MINUTE); // 30 s of recording, then new time in which the tasks start
    expect(session.state().timeline.inPast).toBe(false);
    expect(session.state().lesson!.activeStep).toBe(1);
  });

  it('hints, predictions and the solution answer as values, also without a lesson', () => {
    const session = start(scenario('hints', LESSON));
    expect(session.revealHint('two-running')).toEqual({ ok: true, hint: { en: 'Use ecs:RunTask with count 2.' } });
    expect(session.revealHint('nope')).toMatchObject({ ok: false });
    expect(session.revealSolution()).toMatchObject({ ok: true });
    expect(session.state().lesson).toMatchObject({ hintsShown: 1, solutionRevealed: true });
    // Reset keeps the hints seen (the learner's history) and reopens the steps.
    session.reset();
    expect(session.state().lesson!.hintsShown).toBe(1);
    const plain = start(scenario('plain'));
    expect(plain.revealHint('x')).toMatchObject({ ok: false, message: expect.stringMatching(/no lesson/) });
    expect(plain.state().lesson).toBeNull();
  });

  it('stops the clock once when a step asking for a prediction begins, not again once answered', () => {
    const predictLesson = `steps:
  - id: run
    title: Run two tasks
    instructions: Run two tasks of web.
    objectives:
      - id: two-running
        title: Two tasks of web run
        check: {count: {of: tasks, where: {family: web, lastStatus: RUNNING}, atLeast: 2}}
  - id: guess
    title: Where will the next two land?
    instructions: Predict, then run two more.
    objectives:
      - id: next-two
        title: Your prediction
        check: {predict: {of: tasks, where: {family: web}, next: 2, by: availabilityZone}}
solution:
  - ecs:RunTask: {cluster: demo, taskDefinition: web, count: 2}
  - wait: 1m
  - ecs:RunTask: {cluster: demo, taskDefinition: web, count: 2}
  - wait: 1m
`;
    const session = start(scenario('predict-pause', predictLesson));
    expect(session.takePredictionPause()).toBe(false);
    session.runLearnerStep(runWeb(2));
    session.advance(2 * MINUTE);
    expect(session.state().lesson!.activeStep).toBe(1);
    expect(session.takePredictionPause()).toBe(true);
    expect(session.takePredictionPause()).toBe(false);
    expect(session.answerPrediction('next-two', ['us-east-1a', 'us-east-1b'])).toEqual({ ok: true });
    session.advance(MINUTE);
    expect(session.takePredictionPause()).toBe(false);
  });

  it('restores a lesson run with its progress', () => {
    const session = start(scenario('lesson-saved', LESSON));
    session.runLearnerStep(runWeb(2));
    session.advance(2 * MINUTE);
    expect(session.state().lesson!.activeStep).toBe(1);
    const restored = start(scenario('lesson-saved', LESSON)).restore(session.exportRun());
    expect(restored.ok && restored.session.state().lesson!.activeStep).toBe(1);
  });
});

describe('without a lesson runtime', () => {
  it('plays a scenario with steps as a plain run', () => {
    const session = Session.start(scenario('no-runtime', LESSON), { createEngine: () => createEngine(), lesson: null });
    expect(session.state().lesson).toBeNull();
    session.runLearnerStep(runWeb(1));
    expect(session.state().timeline.commands).toBe(1);
  });
});
