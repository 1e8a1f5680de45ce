// The scenario picker's groups: by the course's sequences (with the rest after them) and by topic,
// each entry with its facts and the learner's progress; course.yaml and scenario files of any shape.
import { describe, expect, it } from 'vitest';
import { groupBySequence, groupByTopic, parseCourse, scenarioMeta } from '../../../../src/lib/view-model/lesson/picker.ts';
import type { LessonSummary } from '../../../../src/lib/progress/progress.ts';

const metas = [
  scenarioMeta('launch-types', { title: { en: 'EC2 or Fargate', fr: 'EC2 ou Fargate' }, level: 'beginner', estimatedMinutes: 15, topics: ['launch-types'], steps: [{}] }, 'en'),
  scenarioMeta('placement', { title: 'Placement', topics: ['placement', 'launch-types'], steps: [{}] }, 'en'),
  scenarioMeta('sandbox', { title: 'Sandbox', setup: [] }, 'en'),
];
const done: LessonSummary = { stepsDone: 3, stepsTotal: 3, completed: true, hintsShown: 0, solutionRevealed: false, attempts: 4 };
const half: LessonSummary = { ...done, stepsDone: 1, completed: false };

describe('scenario facts', () => {
  it('reads what is there and nothing else', () => {
    expect(metas[0]).toEqual({ id: 'launch-types', title: 'EC2 or Fargate', summary: '', level: 'beginner', estimatedMinutes: 15, topics: ['launch-types'], lesson: true });
    expect(scenarioMeta('x', 'not a map', 'en')).toMatchObject({ id: 'x', title: 'x', level: null, estimatedMinutes: null, topics: [], lesson: false });
    expect(scenarioMeta('x', { title: 'T', estimatedMinutes: -3, topics: [1, 'a'] }, 'en')).toMatchObject({ estimatedMinutes: null, topics: ['a'] });
    expect(scenarioMeta('launch-types', { title: { en: 'A', fr: 'B' } }, 'fr').title).toBe('B');
  });
});

describe('parseCourse', () => {
  it('reads sequences and drops empty or malformed ones', () => {
    const course = parseCourse({ sequences: [{ id: 'basics', title: 'Basics', scenarios: ['launch-types', 3] }, { id: 'empty', scenarios: [] }, 'x', { scenarios: ['placement'] }] }, 'en');
    expect(course).toEqual([
      { id: 'basics', title: 'Basics', scenarioIds: ['launch-types'] },
      { id: 'sequence-4', title: 'sequence-4', scenarioIds: ['placement'] },
    ]);
    expect(parseCourse(null, 'en')).toEqual([]);
  });
});

describe('groups', () => {
  it('by sequence, in course order, with what no sequence names after them', () => {
    const groups = groupBySequence([{ id: 'basics', title: 'Basics', scenarioIds: ['placement', 'missing', 'launch-types'] }], metas, new Map([['launch-types', done], ['placement', half]]), 'placement');
    expect(groups.map((g) => [g.title, g.entries.map((e) => e.id)])).toEqual([['Basics', ['placement', 'launch-types']], ['More scenarios', ['sandbox']]]);
    const [placement, launch] = groups[0]!.entries;
    expect([placement!.progressLabel, placement!.current]).toEqual(['1 of 3 steps done', true]);
    expect([launch!.progressLabel, launch!.completed, launch!.facts]).toEqual(['✓ Completed', true, 'beginner · 15 min']);
  });

  it('by topic: a scenario appears under each of its topics', () => {
    const topics = [{ id: 'launch-types', title: 'Launch types' }, { id: 'placement', title: 'Placement' }, { id: 'ecr', title: 'ECR' }];
    const groups = groupByTopic(topics, metas, new Map(), null);
    expect(groups.map((g) => [g.id, g.entries.map((e) => e.id)])).toEqual([['launch-types', ['launch-types', 'placement']], ['placement', ['placement']], ['untagged', ['sandbox']]]);
  });
});
