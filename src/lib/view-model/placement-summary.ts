/**
 * The placement explainer's words above and below the table: the headline ("Placed on …",
 * "Would not place …"), the facts line (task i of n, group, cluster, time), the request's
 * strategies and constraints as chips (defaults marked), and the suggestions with the command
 * each one would run. Pure, like every view model.
 */
import type { PlacementExplanation, PlacementRuleSource, PlacementSuggestion, Step } from '../../../workers/protocol.ts';
import { formatVirtualTime } from './time.ts';

export interface RuleChip {
  key: string;
  text: string;
  /** "default", "task definition", or null for what the request said. */
  originLabel: string | null;
  tooltip: string;
}

export interface SuggestionView {
  key: string;
  kind: PlacementSuggestion['kind'];
  text: string;
  /** The step "Apply" dispatches, as the command box would show it; null when there is none. */
  stepText: string | null;
  step: Step | null;
}

export interface ExplainerHeader {
  /** Whether this explains a decision ECS made, or what RunTask would do now. */
  mode: 'decision' | 'what-if';
  outcome: PlacementExplanation['outcome'];
  headline: string;
  summary: string;
  /** "Task 2 of 3 · group family:web · cluster demo · decided at +00:01:30". */
  facts: string;
  strategies: RuleChip[];
  constraints: RuleChip[];
  /** Said when a list is empty: RunTask places anywhere that passes the filters. */
  noConstraintsText: string;
}

const ORIGIN_LABELS: Record<PlacementRuleSource['origin'], string | null> = {
  request: null,
  taskDefinition: 'task definition',
  default: 'default',
};

const ORIGIN_HINTS: Record<PlacementRuleSource['origin'], string> = {
  request: 'Given in the request.',
  taskDefinition: "From the task definition's placementConstraints.",
  default: 'Not in the request: the scheduler supplied it (RunTask places at random by default).',
};

export function strategyText(s: Pick<PlacementRuleSource, 'type' | 'field'>): string {
  return s.field ? `${s.type}(${s.field})` : s.type;
}

export function constraintText(c: Pick<PlacementRuleSource, 'type' | 'expression'>): string {
  return c.expression ? `${c.type}: ${c.expression}` : c.type;
}

function chips(list: readonly PlacementRuleSource[] | undefined, text: (s: PlacementRuleSource) => string, numbered: boolean): RuleChip[] {
  return (list ?? []).map((source, i) => ({
    key: `${i}:${source.type}`,
    text: `${numbered ? `${i + 1}. ` : ''}${text(source)}`,
    originLabel: ORIGIN_LABELS[source.origin] ?? null,
    tooltip: ORIGIN_HINTS[source.origin] ?? '',
  }));
}

/** The chosen instance as the table names it: "i-0a1 (m5.large, us-east-1b)". */
function chosenLabel(explanation: PlacementExplanation): string | null {
  const arn = explanation.chosen?.containerInstanceArn;
  const row = explanation.rows?.find((r) => r.chosen || (arn !== undefined && r.containerInstanceArn === arn));
  if (row) return `${row.ec2InstanceId} (${row.instanceType}, ${row.availabilityZone})`;
  return explanation.chosen?.ec2InstanceId ?? null;
}

/** A what-if asks what RunTask would do now; a decision (or a Fargate task, placed by AWS) is history. */
function isWhatIf(explanation: PlacementExplanation): boolean {
  return explanation.placementId === undefined && explanation.launchType !== 'FARGATE';
}

export function headline(explanation: PlacementExplanation): string {
  const whatIf = isWhatIf(explanation);
  if (explanation.launchType === 'FARGATE') return `Placed ${explanation.label} on Fargate`;
  const where = chosenLabel(explanation);
  if (explanation.outcome === 'placed') {
    const verb = whatIf ? 'Would place' : 'Placed';
    if (where) return `${verb} ${explanation.label} on ${where}`;
    // A what-if with a random strategy names no instance: any of the eligible ones may be drawn.
    const n = explanation.eligibleCount;
    return n > 0 ? `${verb} ${explanation.label} on one of ${n} eligible instance${n === 1 ? '' : 's'}` : `${verb} ${explanation.label}`;
  }
  return whatIf ? `${explanation.label} would not place now` : `Could not place ${explanation.label}`;
}

export function factsLine(explanation: PlacementExplanation): string {
  const parts: string[] = [];
  if (explanation.count > 1) parts.push(`task ${explanation.index + 1} of ${explanation.count}`);
  if (explanation.group) parts.push(`group ${explanation.group}`);
  if (explanation.clusterName) parts.push(`cluster ${explanation.clusterName}`);
  if (explanation.launchType !== 'FARGATE') {
    parts.push(`${explanation.eligibleCount} of ${explanation.instanceCount} instance${explanation.instanceCount === 1 ? '' : 's'} eligible`);
  }
  parts.push(isWhatIf(explanation) ? `what-if at ${formatVirtualTime(explanation.time)}` : `decided at ${formatVirtualTime(explanation.time)}`);
  const text = parts.join(' · ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function explainerHeader(explanation: PlacementExplanation): ExplainerHeader {
  return {
    mode: isWhatIf(explanation) ? 'what-if' : 'decision',
    outcome: explanation.outcome,
    headline: headline(explanation),
    summary: explanation.summary,
    facts: factsLine(explanation),
    strategies: chips(explanation.strategies, strategyText, true),
    constraints: chips(explanation.constraints, constraintText, false),
    noConstraintsText: explanation.launchType === 'FARGATE' ? 'none: Fargate takes no placement constraints' : 'none: any instance that passes the filters may run it',
  };
}

export function suggestionViews(suggestions: readonly PlacementSuggestion[] | undefined): SuggestionView[] {
  return (suggestions ?? []).map((s, i) => ({
    key: `${i}:${s.kind}`,
    kind: s.kind,
    text: s.text,
    stepText: s.step ? JSON.stringify(s.step) : null,
    step: s.step ?? null,
  }));
}
