// Predict-then-reveal in the panel: asked (placement slots or a number), locked in, revealed with
// the score; and the form's answers checked before they are sent.
import { describe, expect, it } from 'vitest';
import { formatAnswer, placementAnswer, predictionView, valueAnswer } from '../../../../src/lib/view-model/lesson/prediction.ts';

const ZONES = ['us-east-1a', 'us-east-1b', 'us-east-1c'];

describe('predictionView', () => {
  it('asks where the next N tasks land, with the choices', () => {
    const view = predictionView({ about: 'placement', next: 3, by: 'availabilityZone', choices: ZONES }, { sentence: '' });
    expect(view).toEqual({ phase: 'ask', about: 'placement', slots: 3, choices: ZONES, byLabel: 'Availability Zone', question: 'Which Availability Zone will the next 3 tasks land in?' });
  });

  it('asks for a value after a delay', () => {
    const view = predictionView({ about: 'value', path: 'services[web].desiredCount', afterMs: 300_000 }, { sentence: '' });
    expect(view).toMatchObject({ phase: 'ask', about: 'value', question: 'What will services[web].desiredCount be in 5 min?' });
  });

  it('is locked once answered and revealed once scored', () => {
    expect(predictionView({ about: 'placement', next: 2, answer: ['us-east-1a', 'us-east-1a'] }, { sentence: '' })).toEqual({ phase: 'locked', answer: 'us-east-1a ×2' });
    const revealed = predictionView({ about: 'value', answer: 5 }, { score: 0.667, actual: '6', sentence: 'You predicted a desired count of 5; it became 6.' });
    expect(revealed).toEqual({ phase: 'revealed', answer: '5', actual: '6', scorePercent: 67, sentence: 'You predicted a desired count of 5; it became 6.' });
  });
});

describe('answers', () => {
  it('a placement needs every slot picked from the choices', () => {
    expect(placementAnswer(['us-east-1a', ''], 2, ZONES)).toEqual({ ok: false, message: 'Pick a place for one more task.' });
    expect(placementAnswer(['', '', ''], 3, ZONES)).toEqual({ ok: false, message: 'Pick a place for 3 more tasks.' });
    expect(placementAnswer(['us-east-1a', 'us-west-2a'], 2, ZONES)).toMatchObject({ ok: false });
    expect(placementAnswer(['us-east-1b', 'us-east-1b'], 2, ZONES)).toEqual({ ok: true, answer: ['us-east-1b', 'us-east-1b'] });
  });

  it('a value must be a finite number', () => {
    expect(valueAnswer(' 6 ')).toEqual({ ok: true, answer: 6 });
    expect(valueAnswer('')).toMatchObject({ ok: false });
    expect(valueAnswer('six')).toMatchObject({ ok: false });
    expect(valueAnswer('Infinity')).toMatchObject({ ok: false });
  });

  it('formats a placement answer as a multiset', () => {
    expect(formatAnswer(['b', 'a', 'b'])).toBe('b ×2, a');
    expect(formatAnswer(4)).toBe('4');
  });
});
