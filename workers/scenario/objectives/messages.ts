/**
 * Every word the objective language says, to authors (check issues) and to learners (results), in
 * one place, so that issue 8's locale maps can replace this module's English later.
 */
import type { Bounds, Condition, Scalar } from './types.ts';

/** Singular and plural nouns of the collections. */
const NOUNS: Record<string, [string, string]> = {
  tasks: ['task', 'tasks'],
  services: ['service', 'services'],
  containerInstances: ['container instance', 'container instances'],
  clusters: ['cluster', 'clusters'],
  taskDefinitions: ['task definition', 'task definitions'],
  targetGroups: ['target group', 'target groups'],
  loadBalancers: ['load balancer', 'load balancers'],
  alarms: ['alarm', 'alarms'],
  scalableTargets: ['scalable target', 'scalable targets'],
  serviceScalingActivities: ['scaling activity', 'scaling activities'],
  eventRules: ['rule', 'rules'],
  queues: ['queue', 'queues'],
  buckets: ['bucket', 'buckets'],
  repositories: ['repository', 'repositories'],
  roles: ['role', 'roles'],
  events: ['event', 'events'],
  capacityProviders: ['capacity provider', 'capacity providers'],
  autoScalingGroups: ['Auto Scaling group', 'Auto Scaling groups'],
  ec2Instances: ['EC2 instance', 'EC2 instances'],
  faults: ['fault', 'faults'],
};

export function noun(collection: string, count: number): string {
  const [one, many] = NOUNS[collection] ?? [collection, collection];
  return count === 1 ? one : many;
}

/** Readable names of a few fields ("desired count"); any other field is shown as written. */
const FIELD_LABELS: Record<string, string> = {
  desiredCount: 'desired count',
  runningCount: 'running count',
  pendingCount: 'pending count',
  healthyTargets: 'number of healthy targets',
  unhealthyTargets: 'number of unhealthy targets',
  containerCount: 'number of containers',
  StateValue: 'state',
  availabilityZone: 'Availability Zone',
  instanceId: 'instance',
  MinCapacity: 'minimum capacity',
  MaxCapacity: 'maximum capacity',
  DesiredCapacity: 'desired capacity',
  rolloutState: 'rollout state',
  exitCode: 'exit code',
  taskDefinition: 'task definition',
  lastStatus: 'status',
  messages: 'number of messages',
};

export function fieldLabel(path: readonly string[]): string {
  const last = path.at(-1) ?? '';
  return FIELD_LABELS[last] ?? path.join('.');
}

/** Fields whose value reads best before the noun: "RUNNING tasks", "ALARM alarms", "FARGATE tasks". */
const ADJECTIVE_FIELDS = new Set(['lastStatus', 'status', 'state', 'StateValue', 'State', 'launchType']);

/** Fields with their own phrase after the noun. */
const PHRASES: Record<string, (value: string) => string> = {
  service: (value) => `of service ${value}`,
  family: (value) => `of family ${value}`,
  taskDefinition: (value) => `with task definition ${value}`,
  instanceId: (value) => `on instance ${value}`,
  containerInstanceArn: (value) => `on container instance ${value}`,
  availabilityZone: (value) => `in ${value}`,
  name: (value) => `named ${value}`,
  rule: (value) => `started by rule ${value}`,
  startedBy: (value) => `started by ${value}`,
  cluster: (value) => `in cluster ${value}`,
  group: (value) => `in group ${value}`,
  kind: (value) => `of kind ${value}`,
};

export function formatScalar(value: unknown): string {
  if (value === undefined || value === null) return 'nothing';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

const SYMBOLS: Record<string, string> = { '==': '=', '!=': '≠', '>': '>', '>=': '≥', '<': '<', '<=': '≤' };

export function conditionText(condition: Condition): string {
  switch (condition.op) {
    case 'eq':
      return formatScalar(condition.value);
    case 'oneOf':
      return `one of ${condition.values.map(formatScalar).join(', ')}`;
    case 'startsWith':
      return `starting with ${condition.value}`;
    case 'contains':
      return `containing ${condition.value}`;
    case 'exists':
      return condition.value ? 'set' : 'not set';
    default:
      return `${SYMBOLS[condition.op]} ${formatScalar(condition.value)}`;
  }
}

/** "RUNNING tasks of service web", "a task started by rule hourly-batch with exit code 0". */
export function describeSet(collection: string, where: readonly { field: string[]; condition: Condition }[], count: number | 'a' | 'every' | 'the' | 'no'): string {
  const adjectives: string[] = [];
  const after: string[] = [];
  for (const clause of where) {
    const field = clause.field.join('.');
    if (clause.condition.op === 'eq' && typeof clause.condition.value === 'string' && ADJECTIVE_FIELDS.has(field)) {
      adjectives.push(clause.condition.value);
    } else if (clause.condition.op === 'eq' && PHRASES[field]) {
      after.push(PHRASES[field](formatScalar(clause.condition.value)));
    } else {
      after.push(`with ${fieldLabel(clause.field)} ${conditionText(clause.condition)}`);
    }
  }
  const plural = typeof count === 'number' ? count !== 1 : count === 'the';
  const head = typeof count === 'number' ? `${count} ` : count === 'a' ? (startsWithVowel(adjectives[0] ?? noun(collection, 1)) ? 'an ' : 'a ') : `${count} `;
  return `${head}${[...adjectives, noun(collection, plural ? 2 : 1), ...after].join(' ')}`;
}

function startsWithVowel(word: string): boolean {
  return /^[aeiou]/i.test(word);
}

export function boundsText(bounds: Bounds): string {
  if (bounds.is !== undefined) return String(bounds.is);
  if (bounds.atLeast !== undefined && bounds.atMost !== undefined) return `between ${bounds.atLeast} and ${bounds.atMost}`;
  if (bounds.atLeast !== undefined) return `at least ${bounds.atLeast}`;
  return `at most ${bounds.atMost}`;
}

/** Short form for the `expected` column: "10", "≥ 2", "2–4". */
export function boundsShort(bounds: Bounds): string {
  if (bounds.is !== undefined) return String(bounds.is);
  if (bounds.atLeast !== undefined && bounds.atMost !== undefined) return `${bounds.atLeast}–${bounds.atMost}`;
  if (bounds.atLeast !== undefined) return `≥ ${bounds.atLeast}`;
  return `≤ ${bounds.atMost}`;
}

/** "3 are PENDING, 1 is STOPPED" for a status; "2 have exit code 1" for any other field. */
export function breakdownText(groups: readonly [string, number][], field: readonly string[]): string {
  const adjective = ADJECTIVE_FIELDS.has(field.join('.'));
  return groups
    .map(([value, count]) =>
      adjective ? `${count} ${count === 1 ? 'is' : 'are'} ${value}` : `${count} ${count === 1 ? 'has' : 'have'} ${fieldLabel(field)} ${value}`)
    .join(', ');
}

/** 3m, 1m 20s, 1h 5m, 250ms. */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < 1000) return `${ms}ms`;
  const parts: string[] = [];
  let seconds = Math.floor(ms / 1000);
  const hours = Math.floor(seconds / 3600);
  seconds -= hours * 3600;
  const minutes = Math.floor(seconds / 60);
  seconds -= minutes * 60;
  if (hours) parts.push(`${hours}h`);
  if (minutes) parts.push(`${minutes}m`);
  if (seconds) parts.push(`${seconds}s`);
  return parts.join(' ');
}

const q = (text: string): string => JSON.stringify(text.length > 60 ? text.slice(0, 60) + '…' : text);

/** What authors read when an objective is malformed (checkObjective). */
export const CHECK = {
  notMap: (found: string) =>
    `an objective must be a map with one operator (count, exists, none, every, distinct, compare, all, any, not, holdsFor, within, ever, predict), not ${found}`,
  noOperator: () => 'this objective has no operator: write one of count, exists, none, every, distinct, compare, all, any, not, holdsFor, within, ever, predict',
  manyOperators: (keys: readonly string[]) =>
    `an objective has exactly one operator; this one has ${keys.length}: ${keys.map(q).join(', ')} — combine them with "all: [...]"`,
  unknownOperator: (key: string, suggestion: string | undefined) =>
    `unknown objective operator ${q(key)}` +
    (suggestion ? ` — did you mean ${q(suggestion)}?` : '; the operators are count, exists, none, every, distinct, compare, all, any, not, holdsFor, within, ever, predict'),
  badId: (found: string) => `"id" must be a non-empty string without spaces, not ${found}`,
  operandNotMap: (operator: string, found: string) => `${q(operator)} takes a map (e.g. "${operator}: {of: tasks, …}"), not ${found}`,
  unknownKey: (key: string, operator: string, allowed: readonly string[], suggestion: string | undefined) =>
    `unknown key ${q(key)} in ${q(operator)}` + (suggestion ? ` — did you mean ${q(suggestion)}?` : `; allowed keys: ${allowed.join(', ')}`),
  missingKey: (key: string, operator: string, example: string) => `${q(operator)} needs ${q(key)} (e.g. ${example})`,
  unknownCollection: (name: string, suggestion: string | undefined, all: readonly string[]) =>
    `unknown collection ${q(name)}` + (suggestion ? ` — did you mean ${q(suggestion)}?` : `; the collections are ${all.join(', ')}`),
  noSuchField: (where: string, field: string, suggestion: string | undefined) =>
    `${where}.${field}: no such field` + (suggestion ? `; did you mean ${suggestion}?` : ''),
  notAnObject: (where: string, field: string) => `${where}.${field}: ${where} is a value, it has no fields`,
  listNeedsSelector: (where: string) =>
    `${where} is a list: pick one item with [name] or [field=value] or [0], or compare its length (${where}.length)`,
  selectorOnNonList: (where: string) => `${where} is not a list: it takes no [selector]`,
  badPath: (text: string, detail: string) => `path ${q(text)}: ${detail}`,
  notList: (operator: string, found: string) => `${q(operator)} takes a list of objectives, not ${found}`,
  emptyList: (operator: string) => `${q(operator)} needs at least one objective in its list`,
  badDuration: (operator: string, detail: string) => `${q(operator)}: ${detail}`,
  badNumber: (key: string, found: string) => `${q(key)} must be a whole number ≥ 0, not ${found}`,
  noBounds: (operator: string) => `${q(operator)} needs "is", or "atLeast" and/or "atMost" (e.g. "is: 10")`,
  isWithRange: () => '"is" cannot be combined with "atLeast" or "atMost": use one or the other',
  emptyRange: (atLeast: number, atMost: number) => `"atLeast" (${atLeast}) is larger than "atMost" (${atMost}): no count can satisfy both`,
  badOp: (found: string) => `"op" must be one of ==, !=, >, >=, <, <=, not ${found}`,
  badValue: (found: string) => `"value" must be a string, a number or true/false, not ${found}`,
  orderOnText: (op: string, type: string) => `"${op}" compares numbers, but this field is a ${type}: use == or !=`,
  whereNotMap: (found: string) => `"where" must be a map of field: condition (e.g. {lastStatus: RUNNING}), not ${found}`,
  badCondition: (found: string) =>
    `a condition is a value, a list (one of), or a map with one of ==, !=, >, >=, <, <=, startsWith, contains, exists; not ${found}`,
  unknownConditionOp: (key: string, suggestion: string | undefined) =>
    `unknown condition ${q(key)}` + (suggestion ? ` — did you mean ${q(suggestion)}?` : '; use one of ==, !=, >, >=, <, <=, startsWith, contains, exists'),
  predictOnlyTasks: (found: string) => `a placement prediction is about tasks ("of: tasks"), not ${found}`,
  predictBy: (found: string) => `"by" of a placement prediction is availabilityZone or instanceId, not ${found}`,
  predictKind: () => 'a prediction has either "of" and "next" (where the next tasks land) or "path" and "after" (what a value becomes)',
  badScore: (found: string) => `"passScore" must be a number from 0 to 1, not ${found}`,
  tooDeep: () => 'objectives are nested too deeply (more than 32 levels)',
} as const;

/** What learners read (evaluate). */
export const SAY = {
  countPassed: (set: string) => `Found ${set}, as expected.`,
  countFailed: (expected: string, found: number, breakdown: string) =>
    `Expected ${expected}; found ${found}${breakdown ? ` (${breakdown})` : ''}.`,
  existsPassed: (set: string, count: number) => `Found ${set}${count > 1 ? ` (${count} in all)` : ''}.`,
  existsFailed: (set: string, breakdown: string) => `Expected ${set}; found none${breakdown ? ` (${breakdown})` : ''}.`,
  nonePassed: (set: string) => `There is ${set}, as expected.`,
  noneFailed: (set: string, count: number, example: string) => `Expected ${set}; found ${count}${example ? ` (${example})` : ''}.`,
  everyPassed: (count: number, set: string, match: string) => `All ${count} ${set} ${match}.`,
  everyEmpty: (set: string) => `Expected ${set}, but there are none.`,
  everyFailed: (set: string, match: string, bad: number, total: number, breakdown: string) =>
    `Expected every ${set} to ${match}; ${bad} of ${total} do not${breakdown ? ` (${breakdown})` : ''}.`,
  distinctPassed: (count: number, set: string, label: string) => `The ${count} ${set} are each in a different ${label}.`,
  distinctEmpty: (set: string) => `Expected ${set} to compare, but there are none.`,
  distinctFailed: (set: string, label: string, shared: number, value: string) =>
    `Expected the ${set} to be each in a different ${label}; ${shared} share ${value}.`,
  spanPassed: (set: string, count: number, label: string, values: string) => `The ${set} span ${count} ${label}s (${values}).`,
  spanFailed: (set: string, expected: string, label: string, count: number, values: string) =>
    `Expected the ${set} to span ${expected} ${label}s; they span ${count}${values ? ` (${values})` : ''}.`,
  comparePassed: (label: string, owner: string, actual: string) => `The ${label}${owner} is ${actual}, as expected.`,
  compareFailed: (label: string, owner: string, expected: string, actual: string) =>
    `Expected the ${label}${owner} to be ${expected}; it is ${actual}.`,
  compareMissing: (label: string, owner: string, expected: string, missing: string) =>
    `Expected the ${label}${owner} to be ${expected}, but ${missing}.`,
  noItem: (what: string) => `there is no ${what}`,
  ambiguous: (count: number, what: string) => `${count} items match ${what}: name it more precisely (e.g. [name=…,cluster=…])`,
  allPassed: (count: number) => `All ${count} conditions hold.`,
  anyFailed: (count: number, first: string) => `None of the ${count} alternatives holds. The first: ${first}`,
  notPassed: (inner: string) => `As required, this does not hold: ${inner}`,
  notFailed: (inner: string) => `Expected this not to hold, but it does: ${inner}`,
  heldPassed: (duration: string, inner: string) => `Held for ${duration}: ${inner}`,
  holdingSoFar: (sofar: string, duration: string, inner: string) => `Holding for ${sofar} of ${duration} so far: ${inner}`,
  notHolding: (duration: string, inner: string) => `Needs to hold for ${duration}: ${inner}`,
  reachedWithin: (after: string, limit: string, inner: string) => `Reached after ${after} (limit ${limit}): ${inner}`,
  notReachedYet: (left: string, inner: string) => `Not yet — ${left} left: ${inner}`,
  missedDeadline: (limit: string, inner: string) => `Not reached within ${limit}: ${inner}`,
  reachedTooLate: (limit: string, inner: string) => `It holds now, but only came after the ${limit} limit: ${inner}`,
  happened: (at: string, inner: string) => `Happened ${at} into the step: ${inner}`,
  notHappened: (inner: string) => `Has not happened yet: ${inner}`,
  notRevealed: (seen: number, next: number) => `Not revealed yet: ${seen} of the next ${next} tasks have landed.`,
  valueNotRevealed: (left: string) => `Not revealed yet: ${left} to go.`,
  noAnswer: () => 'No prediction was made before the reveal.',
  placementScored: (predicted: string, actual: string, right: number, of: number) =>
    `You predicted ${predicted}; they landed in ${actual}: ${right} of ${of} right.`,
  valueScored: (label: string, predicted: string, actual: string, right: boolean) =>
    `You predicted a ${label} of ${predicted}; it became ${actual}${right ? ' — right.' : '.'}`,
} as const;

/** Short texts for the expected / actual columns. */
export const COLUMNS = {
  allExpected: (count: number) => `all ${count} hold`,
  holdCount: (held: number, count: number) => `${held} of ${count} hold`,
  anyExpected: (count: number) => `one of ${count} holds`,
  notExpected: (inner: string) => `not ${inner}`,
  everyExpected: () => 'all',
  everyActual: (good: number, total: number) => `${good} of ${total}`,
  allDifferent: () => 'all different',
  sharing: (count: number, value: string) => `${count} share ${value}`,
  heldFor: (duration: string) => `held ${duration}`,
  within: (duration: string) => `within ${duration}`,
  tooLate: (duration: string) => `after ${duration}`,
  ever: () => 'at some point',
  never: () => 'not yet',
  none: () => 'none',
  score: (score: number) => `${Math.round(score * 100)}% right`,
  notRevealed: () => 'not revealed',
} as const;

/** How a comparison reads in a sentence: "at least 5", "ALARM", "not OK". */
export function comparisonText(op: string, value: unknown): string {
  const shown = formatScalar(value);
  switch (op) {
    case '==':
      return shown;
    case '!=':
      return `not ${shown}`;
    case '>':
      return `more than ${shown}`;
    case '>=':
      return `at least ${shown}`;
    case '<':
      return `less than ${shown}`;
    default:
      return `at most ${shown}`;
  }
}

/** "us-east-1a ×2, us-east-1b". */
export function multisetText(values: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].map(([value, count]) => (count > 1 ? `${value} ×${count}` : value)).join(', ') || 'nothing';
}

/** "have task definition web:2 and status RUNNING" (the `match` of `every`). */
export function matchText(clauses: readonly { field: string[]; condition: Condition }[]): string {
  return 'have ' + clauses.map((clause) => `${fieldLabel(clause.field)} ${conditionText(clause.condition)}`).join(' and ');
}
