/**
 * `check` (issue 8): a scenario file's solution and anti-solutions replayed against its objectives,
 * and the course file against the scenarios. Used by `ecs-sandbox check`, `npm test` and the
 * authoring mode (the worker passes its own engine factory).
 */
export { checkScenarioText, type CheckOptions } from './check-scenario.ts';
export { checkCourse, checkCourseText, courseScenarioOf, parseCourseText, type Course, type CourseParseResult, type CourseScenario, type CourseSequence } from './course.ts';
export { CHECK_SAY } from './messages.ts';
