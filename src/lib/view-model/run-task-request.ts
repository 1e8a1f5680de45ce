/**
 * The Run task form as data: its state, and the exact AWS RunTask request it stands for. The
 * form shows this request ("Request JSON") and sends it unchanged, so what a learner reads is
 * what the engine receives. The form checks only what it can explain better than AWS (count,
 * the number of strategies and constraints, an empty memberOf expression); everything else is
 * left to the engine, which answers with AWS's own errors.
 */
import type { Snapshot, Step } from '../../../workers/protocol.ts';
import { attributeValue, clusterNameOfInstance } from './cluster.ts';
import {
  MAX_CONSTRAINTS,
  MAX_STRATEGIES,
  templateRows,
  type ConstraintRow,
  type PlacementTemplateId,
  type StrategyRow,
} from './placement-options.ts';
import { MAX_RUN_COUNT, MIN_RUN_COUNT, type Option } from './run-task.ts';

export type LaunchType = 'EC2' | 'FARGATE';

export interface RunTaskFormState {
  cluster: string;
  /** `family:revision` */
  taskDefinition: string;
  /** As typed (the number input may hold anything while being edited). */
  count: number | string | null;
  launchType: LaunchType;
  /** Checked subnet ids, e.g. `subnet-us-east-1a`. */
  subnets: string[];
  /** Security group ids separated by commas or spaces; empty → the VPC's default group. */
  securityGroups: string;
  assignPublicIp: boolean;
  template: PlacementTemplateId;
  /** The BinPack template's resource. */
  binpackField: 'cpu' | 'memory';
  /** The custom editor's rows (used when template is `custom`). */
  strategies: StrategyRow[];
  constraints: ConstraintRow[];
}

/** What the form knows about the chosen task definition. */
export interface TaskDefinitionFacts {
  networkMode: string;
  compatibilities: string[];
  /** The task definition's own memberOf constraints: they count toward the 10. */
  placementConstraintCount: number;
}

export interface FormIssue {
  /** `count`, `strategies`, `constraints`, `constraint-<i>` */
  field: string;
  message: string;
}

export interface BuiltRequest {
  request: Record<string, unknown>;
  issues: FormIssue[];
  /** Whether the form asks for subnets and security groups (awsvpc or Fargate). */
  needsNetwork: boolean;
  /** Whether placement applies (EC2 only: Fargate has no strategies or constraints). */
  placementApplies: boolean;
}

export const DEFAULT_SECURITY_GROUP = 'sg-default';

export function initialFormState(): RunTaskFormState {
  return {
    cluster: '',
    taskDefinition: '',
    count: 1,
    launchType: 'EC2',
    subnets: [],
    securityGroups: DEFAULT_SECURITY_GROUP,
    assignPublicIp: false,
    template: 'random',
    binpackField: 'memory',
    strategies: [],
    constraints: [],
  };
}

/** The chosen definition's network mode and compatibilities, or null when it is not in the snapshot. */
export function taskDefinitionFacts(snapshot: Snapshot | null, ref: string): TaskDefinitionFacts | null {
  const td = (snapshot?.taskDefinitions ?? []).find((d) => `${d.family}:${d.revision}` === ref);
  if (!td) return null;
  return {
    networkMode: td.networkMode ?? 'bridge',
    compatibilities: td.compatibilities ?? [],
    placementConstraintCount: Array.isArray(td.placementConstraints) ? td.placementConstraints.length : 0,
  };
}

const DEFAULT_ZONES = ['us-east-1a', 'us-east-1b', 'us-east-1c'];

/**
 * The default VPC's subnets (one per AZ, `subnet-<az>`) in the AZs of the cluster's instances;
 * a cluster without instances (Fargate only) gets the three default zones.
 */
export function subnetOptions(snapshot: Snapshot | null, clusterName: string): Option[] {
  const zones = new Set<string>();
  for (const instance of snapshot?.containerInstances ?? []) {
    if (clusterNameOfInstance(instance.containerInstanceArn) !== clusterName) continue;
    const zone = attributeValue(instance, 'ecs.availability-zone');
    if (zone) zones.add(zone);
  }
  const list = zones.size > 0 ? [...zones].sort() : DEFAULT_ZONES;
  return list.map((zone) => ({ value: `subnet-${zone}`, label: zone }));
}

/** The count as a whole number, or null when it is not one. */
export function parseCount(value: unknown): number | null {
  if (value === null || value === '' || value === undefined) return null;
  const n = Number(value);
  return Number.isInteger(n) ? n : null;
}

export function securityGroupList(text: string): string[] {
  return String(text ?? '')
    .split(/[\s,]+/)
    .filter((s) => s.length > 0);
}

/** The strategies and constraints the form's placement choice stands for. */
export function placementRows(form: Pick<RunTaskFormState, 'template' | 'binpackField' | 'strategies' | 'constraints'>): { strategies: StrategyRow[]; constraints: ConstraintRow[] } {
  return form.template === 'custom' ? { strategies: form.strategies, constraints: form.constraints } : templateRows(form.template, form.binpackField);
}

function strategyJson(row: StrategyRow): Record<string, string> {
  return row.type === 'random' || row.field.trim() === '' ? { type: row.type } : { type: row.type, field: row.field.trim() };
}

function constraintJson(row: ConstraintRow): Record<string, string> {
  return row.type === 'distinctInstance' ? { type: row.type } : { type: row.type, expression: row.expression.trim() };
}

function countIssues(count: unknown): FormIssue[] {
  const n = parseCount(count);
  if (n !== null && n >= MIN_RUN_COUNT && n <= MAX_RUN_COUNT) return [];
  const shown = count === null || count === '' ? 'empty' : String(count);
  return [{ field: 'count', message: `Count must be a whole number from ${MIN_RUN_COUNT} to ${MAX_RUN_COUNT} (RunTask starts at most ${MAX_RUN_COUNT} tasks per call); it is ${shown}.` }];
}

function placementIssues(strategies: StrategyRow[], constraints: ConstraintRow[], fromDefinition: number): FormIssue[] {
  const issues: FormIssue[] = [];
  if (strategies.length > MAX_STRATEGIES) {
    issues.push({ field: 'strategies', message: `At most ${MAX_STRATEGIES} placement strategies are allowed; there are ${strategies.length}.` });
  }
  const total = constraints.length + fromDefinition;
  if (total > MAX_CONSTRAINTS) {
    const note = fromDefinition > 0 ? ` (${constraints.length} here + ${fromDefinition} in the task definition)` : '';
    issues.push({ field: 'constraints', message: `At most ${MAX_CONSTRAINTS} placement constraints are allowed; there are ${total}${note}.` });
  }
  constraints.forEach((row, i) => {
    if (row.type === 'memberOf' && row.expression.trim() === '') {
      issues.push({ field: `constraint-${i}`, message: `Constraint ${i + 1}: memberOf needs an expression, e.g. attribute:ecs.availability-zone in [us-east-1a, us-east-1b].` });
    }
  });
  return issues;
}

/**
 * The RunTask request for the form, with the form's own objections. The request is built even
 * when there are issues, so the JSON view always shows what the form holds.
 */
export function buildRunTaskRequest(form: RunTaskFormState, facts: TaskDefinitionFacts | null): BuiltRequest {
  const fargate = form.launchType === 'FARGATE';
  const needsNetwork = fargate || facts?.networkMode === 'awsvpc';
  const placementApplies = !fargate;
  const count = parseCount(form.count);
  const request: Record<string, unknown> = {
    cluster: form.cluster,
    taskDefinition: form.taskDefinition,
    count: count ?? form.count,
    launchType: form.launchType,
  };
  if (needsNetwork) {
    const securityGroups = securityGroupList(form.securityGroups);
    request.networkConfiguration = {
      awsvpcConfiguration: {
        subnets: [...form.subnets],
        ...(securityGroups.length > 0 ? { securityGroups } : {}),
        assignPublicIp: form.assignPublicIp ? 'ENABLED' : 'DISABLED',
      },
    };
  }
  const issues = countIssues(form.count);
  if (placementApplies) {
    const { strategies, constraints } = placementRows(form);
    if (constraints.length > 0) request.placementConstraints = constraints.map(constraintJson);
    if (strategies.length > 0) request.placementStrategy = strategies.map(strategyJson);
    issues.push(...placementIssues(strategies, constraints, facts?.placementConstraintCount ?? 0));
  }
  return { request, issues, needsNetwork, placementApplies };
}

export function runTaskRequestStep(request: Record<string, unknown>): Step {
  return { 'ecs:RunTask': request };
}

/** The request as the JSON view shows it (and as `aws ecs run-task --cli-input-json` takes it). */
export function requestJson(request: Record<string, unknown>): string {
  return JSON.stringify(request, null, 2);
}
