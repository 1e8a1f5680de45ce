// Predict-then-reveal in the lesson: the prompt (choices from the cluster when the file gives
// none), one answer before the reveal, the reveal and the score, and the step going on afterwards.
import { describe, expect, it } from 'vitest';
import { runWeb, start, WEB } from './helpers.ts';

const PLACEMENT = `steps:
  - id: predict
    title: Where will they land?
    instructions: Predict the zones of the next three tasks of web, then run them.
    objectives:
      - id: next-three
        title: Predict the zones of the next three tasks
        check: {predict: {of: tasks, where: {family: web}, next: 3, by: availabilityZone}}
`;

const VALUE = `steps:
  - id: predict
    title: How many?
    instructions: Predict how many tasks run in the cluster a minute from now.
    objectives:
      - id: count
        title: Predict the running count
        check: {predict: {path: "clusters[demo].runningTasksCount", after: 1m}}
`;

describe('LessonRun predictions', () => {
  it('asks with the cluster\'s zones as choices, and stores the answer once', () => {
    const { lesson } = start(PLACEMENT);
    const prompt = lesson.state().steps[0]!.objectives[0]!.prediction;
    expect(prompt).toEqual({ about: 'placement', next: 3, by: 'availabilityZone', choices: ['us-east-1a', 'us-east-1b', 'us-east-1c'] });
    expect(lesson.answerPrediction('next-three', ['us-east-1a'])).toEqual({ ok: false, message: 'Answer with 3 places (Availability Zones or instance ids), one per task.' });
    expect(lesson.answerPrediction('next-three', ['us-east-1a', 'us-east-1b', 'us-east-1c'])).toEqual({ ok: true });
    expect(lesson.answerPrediction('next-three', ['us-east-1a', 'us-east-1a', 'us-east-1a'])).toEqual({
      ok: false,
      message: 'You already answered "Predict the zones of the next three tasks"; answers are final.',
    });
    expect(lesson.state().steps[0]!.objectives[0]!.prediction!.answer).toEqual(['us-east-1a', 'us-east-1b', 'us-east-1c']);
  });

  it('reveals where the tasks landed and scores the answer; the step completes', () => {
    const session = start(PLACEMENT);
    session.lesson.answerPrediction('next-three', ['us-east-1a', 'us-east-1a', 'us-east-1a']);
    session.run(WEB);
    expect(session.lesson.state().steps[0]!.objectives[0]).toMatchObject({ passed: false, pending: true });
    session.run(runWeb(3));
    const zones = session.engine.snapshot().tasks.map((task) => task.availabilityZone);
    const right = Math.min(3, zones.filter((zone) => zone === 'us-east-1a').length);
    const state = session.lesson.state();
    const objective = state.steps[0]!.objectives[0]!;
    expect(objective.pending).toBe(false);
    expect(objective.score).toBeCloseTo(right / 3);
    expect(objective.passed).toBe(right === 3);
    expect(objective.sentence).toMatch(/^You predicted us-east-1a ×3/);
    expect(state.completed).toBe(true);
  });

  it('scores a value prediction at its delay and refuses a late answer', () => {
    const right = start(VALUE);
    expect(right.lesson.state().steps[0]!.objectives[0]!.prediction).toEqual({ about: 'value', path: 'clusters[demo].runningTasksCount', afterMs: 60_000 });
    expect(right.lesson.answerPrediction('count', 'two' as unknown as number)).toEqual({ ok: false, message: 'Answer with a number.' });
    expect(right.lesson.answerPrediction('count', 2)).toEqual({ ok: true });
    right.run(WEB);
    right.run(runWeb(2));
    right.wait('30s');
    expect(right.lesson.state().steps[0]!.objectives[0]).toMatchObject({ passed: false, pending: true });
    right.wait('40s');
    expect(right.lesson.state().steps[0]!.objectives[0]).toMatchObject({ passed: true, pending: false, score: 1 });
    expect(right.lesson.state().completed).toBe(true);

    const late = start(VALUE);
    late.wait('2m');
    const objective = late.lesson.state().steps[0]!.objectives[0]!;
    expect(objective).toMatchObject({ passed: false, pending: false, score: 0 });
    // A revealed prediction is settled, right or wrong: the lesson goes on.
    expect(late.lesson.state().completed).toBe(true);
    expect(late.lesson.answerPrediction('count', 0)).toMatchObject({ ok: false });
  });

  it('refuses an answer once the run has revealed it, even if the step is still open', () => {
    const session = start(`${VALUE}      - id: later
        title: A task runs
        check: {exists: {of: tasks, where: {lastStatus: RUNNING}}}
`);
    session.wait('1m10s');
    expect(session.lesson.state().completed).toBe(false);
    expect(session.lesson.answerPrediction('count', 0)).toEqual({
      ok: false,
      message: '"Predict the running count" has already been revealed; predictions are made before the run shows the answer.',
    });
  });

  it('refuses an answer to an objective that is not a prediction', () => {
    const { lesson } = start(`steps:
  - id: s
    title: S
    instructions: S
    objectives:
      - {id: plain, title: Plain, check: {exists: {of: tasks}}}
`);
    expect(lesson.answerPrediction('plain', 1)).toEqual({ ok: false, message: '"Plain" is not a prediction.' });
  });

  it('a perfect predictor (check) answers with the truth once revealed', () => {
    const session = start(PLACEMENT, { perfectPredictor: true });
    session.run(WEB);
    session.run(runWeb(3));
    const objective = session.lesson.state().steps[0]!.objectives[0]!;
    expect(objective).toMatchObject({ passed: true, score: 1 });
  });
});
