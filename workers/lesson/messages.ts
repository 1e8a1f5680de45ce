/**
 * Every sentence the lesson runtime says to a learner (refusals), in one place for locale maps later.
 */
export const LESSON_SAY = {
  unknownObjective: (id: string) => `There is no objective "${id}" in this scenario.`,
  notActive: (title: string, state: 'done' | 'locked') =>
    state === 'done' ? `"${title}" belongs to a step you have already completed.` : `"${title}" belongs to a later step; finish the current step first.`,
  noHints: (title: string) => `"${title}" has no hints.`,
  noMoreHints: (title: string, count: number) => `All ${count} hint${count === 1 ? '' : 's'} of "${title}" are already shown.`,
  notPrediction: (title: string) => `"${title}" is not a prediction.`,
  alreadyAnswered: (title: string) => `You already answered "${title}"; answers are final.`,
  alreadyRevealed: (title: string) => `"${title}" has already been revealed; predictions are made before the run shows the answer.`,
  placementAnswer: (next: number) => `Answer with ${next} place${next === 1 ? '' : 's'} (Availability Zones or instance ids), one per task.`,
  valueAnswer: () => 'Answer with a number.',
  noSolution: () => 'This scenario has no reference solution.',
  lessonDone: () => 'Every step of this lesson is done.',
  notStarted: () => 'Not started yet: complete the steps before this one.',
} as const;
