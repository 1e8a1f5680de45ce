/**
 * `ecs-sandbox check [files…] [--json]`: each scenario file parsed (problems with file:line:col,
 * nothing replayed), its solution replayed (every objective must be met) and each anti-solution
 * (its mustFail objectives must stay unmet), in fresh engines; a course file (course.yaml) checked
 * against the scenarios next to it. Without files: every scenarios/*.yaml here, and
 * scenarios/course.yaml. Exit 0 all passed, 1 any failed, 2 usage error or an unreadable file.
 */
import { readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { createEngine } from '../workers/engine/index.ts';
import type { AttemptReport, CheckReport } from '../workers/protocol.ts';
import { checkCourseText, checkScenarioText, courseScenarioOf, type CourseScenario } from '../workers/scenario/check/index.ts';
import { formatIssue } from '../workers/scenario/index.ts';
import { parseArgs, UsageError } from './args.ts';
import { describeReadError, stripByteOrderMark, type CliIo } from './io.ts';
import { EXIT } from './run-command.ts';

const FLAGS = [
  { name: '--json', takesValue: false },
  { name: '--help', aliases: ['-h'], takesValue: false },
] as const;

export const COURSE_FILE_NAME = 'course.yaml';
const DEFAULT_DIR = 'scenarios';

/** Real time for durations (the CLI may read it; the engine never does). */
const now = (): number => performance.now();

export function checkCommand(argv: readonly string[], io: CliIo, help: string): number {
  const { flags, positionals } = parseArgs(argv, FLAGS, 'check');
  if (flags.has('--help')) {
    io.out(help);
    return EXIT.ok;
  }
  const started = now();
  const files = positionals.length > 0 ? positionals : defaultFiles();
  const reports: CheckReport[] = [];
  let unreadable = false;
  const read = (file: string): string | undefined => {
    try {
      return stripByteOrderMark(io.readFile(file));
    } catch (error) {
      io.err(`ecs-sandbox check: cannot read ${file}: ${describeReadError(error)}\n`);
      unreadable = true;
      return undefined;
    }
  };
  const courses: string[] = [];
  for (const file of files) {
    if (basename(file) === COURSE_FILE_NAME) {
      courses.push(file);
      continue;
    }
    const text = read(file);
    if (text !== undefined) reports.push(checkScenarioText(text, file, { createEngine: () => createEngine(), now }));
  }
  for (const file of courses) {
    const text = read(file);
    if (text !== undefined) reports.push(checkCourseText(text, file, scenariosBeside(file, io), now));
  }
  const durationMs = now() - started;
  const scenarioReports = reports.filter((report) => basename(report.file) !== COURSE_FILE_NAME);
  const passed = scenarioReports.filter((report) => report.ok).length;
  const ok = !unreadable && reports.every((report) => report.ok);
  if (flags.has('--json')) {
    io.out(JSON.stringify({ ok, passed, failed: scenarioReports.length - passed, durationMs, reports }, null, 2) + '\n');
  } else {
    for (const report of reports) io.out(formatReport(report));
    io.out(closingLine(scenarioReports.length, passed, reports.filter((report) => basename(report.file) === COURSE_FILE_NAME), durationMs));
  }
  if (unreadable) return EXIT.usage;
  return ok ? EXIT.ok : EXIT.failed;
}

/** Every scenarios/*.yaml of the working directory (sorted), then its course file if there is one. */
function defaultFiles(): string[] {
  let names: string[];
  try {
    names = readdirSync(DEFAULT_DIR);
  } catch {
    throw new UsageError(`no files given and no ${DEFAULT_DIR}/ directory here: name the scenario files, e.g. "ecs-sandbox check my-scenario.yaml"`, 'check');
  }
  const yaml = names.filter((name) => name.endsWith('.yaml')).sort();
  const scenarios = yaml.filter((name) => name !== COURSE_FILE_NAME).map((name) => join(DEFAULT_DIR, name));
  return yaml.includes(COURSE_FILE_NAME) ? [...scenarios, join(DEFAULT_DIR, COURSE_FILE_NAME)] : scenarios;
}

/** The scenarios a course file can name: the scenario files in its directory (with an id, even if they have problems). */
function scenariosBeside(courseFile: string, io: CliIo): CourseScenario[] {
  const dir = dirname(courseFile);
  let names: string[] = [];
  try {
    names = readdirSync(dir).filter((name) => /\.ya?ml$|\.json$/i.test(name) && name !== COURSE_FILE_NAME).sort();
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const file = join(dir, name);
    try {
      return courseScenarioOf(stripByteOrderMark(io.readFile(file)), file) ?? [];
    } catch {
      return [];
    }
  });
}

const mark = (ok: boolean): string => (ok ? '✓' : '✗');
const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

function virtual(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  const rest = Math.round((ms % 60_000) / 1000);
  return minutes === 0 ? `${rest}s` : rest === 0 ? `${minutes}m` : `${minutes}m${rest}s`;
}

export function formatReport(report: CheckReport): string {
  const lines = [`${mark(report.ok)} ${report.file}${report.scenarioId ? ` (${report.scenarioId})` : ''}`];
  for (const issue of report.issues) lines.push(`    ${formatIssue(issue, report.file)}`);
  for (const attempt of [report.solution, ...report.antiSolutions]) if (attempt) lines.push(...formatAttempt(attempt));
  return lines.join('\n') + '\n';
}

function formatAttempt(attempt: AttemptReport): string[] {
  const name = attempt.kind === 'solution' ? 'solution' : `anti-solution '${attempt.name}'`;
  const objectives = attempt.objectives.map((objective) => `${mark(objective.passed)} ${objective.id}`).join('  ');
  return [`  ${mark(attempt.ok)} ${name} (${virtual(attempt.virtualMs)} virtual): ${objectives || 'no objectives'}`, ...attempt.problems.map((problem) => `    ${problem}`)];
}

function closingLine(count: number, passed: number, courses: readonly CheckReport[], durationMs: number): string {
  const course = courses.map((report) => `; ${report.file} ${report.ok ? 'passed' : `failed (${report.issues.length} problem${report.issues.length === 1 ? '' : 's'})`}`).join('');
  return `${count} scenario${count === 1 ? '' : 's'} checked: ${passed} passed, ${count - passed} failed${course} (${seconds(durationMs)})\n`;
}
