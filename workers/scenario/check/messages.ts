/**
 * Every sentence `check` says about a scenario or the course, in one place. Problems name what
 * failed (the step and its action, the objective by id, the anti-solution by name) and why.
 */
export const CHECK_SAY = {
  stepRefused: (where: string, number: number, action: string, code: string, message: string) => `${where} step ${number} (${action}) was refused: ${code}: ${message}`,
  setupFailed: (number: number, action: string, code: string, message: string) => `setup step ${number} (${action}) failed: ${code}: ${message}`,
  eventFailed: (sentence: string) => sentence,
  notMet: (id: string, stepId: string, sentence: string, expected: string, actual: string) =>
    `objective ${id} (step ${stepId}) is not met at the end of the solution: ${sentence}${expected || actual ? ` (expected ${expected || '—'}, actual ${actual || '—'})` : ''}`,
  neverReached: (id: string, stepId: string, activeStepId: string) => `objective ${id} (step ${stepId}) was never judged: the lesson stopped at step ${activeStepId}`,
  mustFailPassed: (name: string, id: string) => `anti-solution '${name}': objective ${id} passed but must fail`,
  noSolution: () => 'the scenario has objectives but no solution: add a reference "solution" that meets every objective (check replays it)',
  // The course file.
  unknownScenario: (id: string, suggestion: string | undefined) =>
    `sequence lists "${id}", which is no scenario's id${suggestion ? ` — did you mean "${suggestion}"?` : ''}`,
  listedTwice: (id: string, first: string) => `scenario "${id}" is listed again (first in sequence ${first}); each scenario belongs to one place in the course`,
  inNoSequence: (id: string, file: string) => `scenario "${id}" (${file}) is in no sequence of the course`,
  topicUncovered: (topic: string, title: string) => `no scenario of the course covers the topic ${topic} (${title})`,
} as const;
