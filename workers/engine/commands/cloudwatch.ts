/**
 * CloudWatch alarms (cloudwatch:PutMetricAlarm, DescribeAlarms, DeleteAlarms; the engine is
 * metrics/alarms.ts, generic so issue 7 reuses it for services) and the sandbox's load knob
 * sim:SetServiceLoad (load/model.ts).
 *
 * PutMetricAlarm rules (CloudWatch API reference): Period 10, 20, 30 or a multiple of 60 (the
 * sandbox keeps one-minute data, so it takes multiples of 60); DatapointsToAlarm defaults to
 * EvaluationPeriods and may not exceed it; Period × EvaluationPeriods at most one day (86,400 s);
 * a new alarm starts INSUFFICIENT_DATA. Error code ValidationError; texts UNCONFIRMED unless noted.
 */
import type { EngineContext } from '../context.ts';
import { fail, ok, type CommandResult } from '../errors.ts';
import { checkParams, invalidTypeProblem, PARAM_VALIDATION_ERROR, PARAM_VALIDATION_PREFIX } from './params.ts';
import { checkMetricMath, type CompiledMath } from '../metrics/metric-math.ts';
import { actionHandlerFor, deleteAlarm, putAlarm, renderAlarm, type ComparisonOperator, type Statistic } from '../metrics/alarms.ts';
import { ensureMinuteTicks } from '../metrics/minute-tick.ts';
import { findActiveService } from './traffic.ts';
import { setServiceLoad as storeServiceLoad } from '../load/model.ts';
import { paginate } from './paginate.ts';
import '../metrics/ec2-metrics.ts';
import { getMetricData as answerGetMetricData } from '../metrics/get-metric-data.ts';
import '../autoscaling/policies.ts';

const validation = (message: string): CommandResult => fail('ValidationError', message);

const STATISTICS: readonly Statistic[] = ['SampleCount', 'Average', 'Sum', 'Minimum', 'Maximum'];
const OPERATORS: readonly ComparisonOperator[] = ['GreaterThanOrEqualToThreshold', 'GreaterThanThreshold', 'LessThanThreshold', 'LessThanOrEqualToThreshold'];
const MAX_EVALUATION_SECONDS = 86_400;

interface PutAlarmInput {
  AlarmName: string;
  AlarmDescription?: string;
  ActionsEnabled?: boolean;
  OKActions?: string[];
  AlarmActions?: string[];
  InsufficientDataActions?: string[];
  MetricName?: string;
  Metrics?: unknown[];
  Namespace?: string;
  Statistic?: string;
  Dimensions?: { Name?: unknown; Value?: unknown }[];
  Period?: number;
  Unit?: string;
  EvaluationPeriods: number;
  DatapointsToAlarm?: number;
  ComparisonOperator: string;
  TreatMissingData?: string;
  Tags?: unknown[];
}

/** Doubles have no type in the request checker: Threshold is checked by hand, botocore's way. */
function withoutThreshold(raw: unknown): { rest: unknown; threshold: unknown } {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return { rest: raw, threshold: undefined };
  const { Threshold: threshold, ...rest } = raw as Record<string, unknown>;
  return { rest, threshold };
}

export function putMetricAlarm(ctx: EngineContext, raw: unknown): CommandResult {
  const { rest, threshold } = withoutThreshold(raw);
  const checked = checkParams<PutAlarmInput>(rest, {
    params: {
      AlarmName: 'string', AlarmDescription: 'string', ActionsEnabled: 'boolean', OKActions: 'list', AlarmActions: 'list', InsufficientDataActions: 'list',
      MetricName: 'string', Namespace: 'string', Statistic: 'string', ExtendedStatistic: 'string', Dimensions: 'list', Period: 'integer', Unit: 'string',
      EvaluationPeriods: 'integer', DatapointsToAlarm: 'integer', ComparisonOperator: 'string', TreatMissingData: 'string', Tags: 'list', Metrics: 'list', ThresholdMetricId: 'string', EvaluateLowSampleCountPercentile: 'string',
    },
    required: ['AlarmName', 'EvaluationPeriods', 'ComparisonOperator'],
  });
  if (!checked.ok) return checked.result;
  if (threshold === undefined) return fail(PARAM_VALIDATION_ERROR, `${PARAM_VALIDATION_PREFIX}Missing required parameter in input: "Threshold"`);
  if (typeof threshold !== 'number' || !Number.isFinite(threshold)) {
    return fail(PARAM_VALIDATION_ERROR, `${PARAM_VALIDATION_PREFIX}${invalidTypeProblem('Threshold', threshold, "<class 'float'>, <class 'decimal.Decimal'>, <class 'int'>")}`);
  }
  const input = checked.input;
  if (input.AlarmName.length < 1 || input.AlarmName.length > 255) return validation('AlarmName must be 1 to 255 characters long.');
  if ((rest as Record<string, unknown>)['ExtendedStatistic'] !== undefined) return validation('Percentile statistics (ExtendedStatistic) are not simulated by the sandbox; use Statistic.');
  // A metric math alarm (Metrics: MetricStat and Expression queries, one with ReturnData) or an alarm on one metric.
  let math: CompiledMath | undefined;
  let mathPeriod = 60;
  if (input.Metrics !== undefined) {
    if (input.MetricName !== undefined || input.Namespace !== undefined || input.Statistic !== undefined || input.Dimensions !== undefined || input.Period !== undefined) {
      return validation('Give either Metrics (metric math) or MetricName, Namespace, Statistic, Dimensions and Period, not both: a metric math alarm takes each metric\'s period and statistic from its MetricStat.');
    }
    const checkedMath = checkMetricMath(input.Metrics);
    if (!checkedMath.ok) return validation(checkedMath.message);
    math = checkedMath.value;
    for (const query of math.queries) {
      const period = (query.MetricStat as { Period?: unknown } | undefined)?.Period;
      if (period === undefined) continue;
      if (typeof period !== 'number' || period < 60 || period % 60 !== 0) return validation(`Metrics: the Period of query ${query.Id} must be a multiple of 60 seconds in the sandbox (its metrics are one-minute datapoints); got ${String(period)}.`);
      mathPeriod = Math.max(mathPeriod, period);
    }
  } else {
    if (input.MetricName === undefined || input.Namespace === undefined) return validation('MetricName and Namespace are required for an alarm on a single metric (or give Metrics for a metric math alarm).');
    if (input.Statistic === undefined || !STATISTICS.includes(input.Statistic as Statistic)) {
      return validation(`1 validation error detected: Value '${String(input.Statistic)}' at 'statistic' failed to satisfy constraint: Member must satisfy enum value set: [${STATISTICS.join(', ')}]`);
    }
  }
  if (!OPERATORS.includes(input.ComparisonOperator as ComparisonOperator)) {
    return validation(`1 validation error detected: Value '${input.ComparisonOperator}' at 'comparisonOperator' failed to satisfy constraint: Member must satisfy enum value set: [${OPERATORS.join(', ')}]`);
  }
  const period = math === undefined ? input.Period ?? 60 : mathPeriod;
  if (period < 60 || period % 60 !== 0) return validation(`The Period must be a multiple of 60 seconds in the sandbox (its metrics are one-minute datapoints); got ${period}. AWS also accepts 10, 20 and 30 for high-resolution metrics.`);
  if (input.EvaluationPeriods < 1) return validation(`EvaluationPeriods must be at least 1, got ${input.EvaluationPeriods}.`);
  if (period * input.EvaluationPeriods > MAX_EVALUATION_SECONDS) {
    return validation(`The evaluation period (Period × EvaluationPeriods = ${period * input.EvaluationPeriods} s) must not exceed one day (86400 s).`);
  }
  const datapoints = input.DatapointsToAlarm ?? input.EvaluationPeriods;
  if (datapoints < 1 || datapoints > input.EvaluationPeriods) {
    return validation(`DatapointsToAlarm (${datapoints}) must be between 1 and EvaluationPeriods (${input.EvaluationPeriods}).`);
  }
  if (input.TreatMissingData !== undefined && input.TreatMissingData !== 'missing') {
    return validation(`TreatMissingData ${input.TreatMissingData} is not simulated by the sandbox; it treats missing data as 'missing' (AWS's default).`);
  }
  const dimensions: { Name: string; Value: string }[] = [];
  for (const d of input.Dimensions ?? []) {
    if (typeof d?.Name !== 'string' || typeof d?.Value !== 'string') return validation('Each dimension needs a Name and a Value.');
    dimensions.push({ Name: d.Name, Value: d.Value });
  }
  const actions = (input.AlarmActions ?? []).map(String);
  for (const arn of actions) {
    const handler = actionHandlerFor(arn);
    if (handler === undefined) return validation(`Invalid alarm action ${arn}: the sandbox runs scaling policy actions (arn:aws:autoscaling:…:scalingPolicy:…), of EC2 Auto Scaling groups and of ECS services.`);
    if (!handler.exists(ctx.state, arn)) {
      const service = arn.includes(':resource/ecs/');
      return validation(`The alarm action ${arn} names no scaling policy that exists (${service ? 'application-autoscaling:PutScalingPolicy creates one; application-autoscaling:DescribeScalingPolicies' : 'autoscaling:PutScalingPolicy creates one; autoscaling:DescribePolicies'} lists their PolicyARN).`);
    }
  }
  const existing = ctx.state.metrics?.alarms?.get(input.AlarmName);
  putAlarm(ctx, {
    name: input.AlarmName,
    ...(input.AlarmDescription === undefined ? {} : { description: input.AlarmDescription }),
    // A math alarm is evaluated through its queries; metric and statistic name its first metric for display.
    metric: math === undefined ? { namespace: input.Namespace!, metricName: input.MetricName!, dimensions } : firstMathMetric(math),
    statistic: math === undefined ? (input.Statistic as Statistic) : 'Average',
    ...(math === undefined ? {} : { queries: math.queries }),
    periodSeconds: period,
    evaluationPeriods: input.EvaluationPeriods,
    datapointsToAlarm: datapoints,
    threshold,
    comparisonOperator: input.ComparisonOperator as ComparisonOperator,
    alarmActions: actions,
    actionsEnabled: input.ActionsEnabled ?? true,
    ...(existing?.ownerArn === undefined ? {} : { ownerArn: existing.ownerArn }),
  });
  const watched = math === undefined ? `${input.Statistic} of ${input.Namespace} ${input.MetricName}` : `the metric math expression ${mathLabel(math)}`;
  ctx.emit('cloudwatch.alarm', `Alarm ${input.AlarmName} ${existing === undefined ? 'created' : 'updated'}: ${watched} ${input.ComparisonOperator} ${threshold} for ${datapoints} of ${input.EvaluationPeriods} periods of ${period} s; it starts INSUFFICIENT_DATA.`);
  return ok({});
}

function firstMathMetric(math: CompiledMath): { namespace: string; metricName: string; dimensions: { Name: string; Value: string }[] } {
  const first = math.stats.values().next().value;
  return first === undefined ? { namespace: 'MetricMath', metricName: math.returned, dimensions: [] } : { namespace: first.metric.namespace, metricName: first.metric.metricName, dimensions: [...first.metric.dimensions] };
}

function mathLabel(math: CompiledMath): string {
  const returned = math.queries.find((q) => q.Id === math.returned);
  return returned?.Expression === undefined ? math.returned : `${math.returned} = ${returned.Expression}`;
}

export function describeAlarms(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams<{ AlarmNames?: string[]; AlarmNamePrefix?: string; StateValue?: string; ActionPrefix?: string; AlarmTypes?: string[]; MaxRecords?: number; NextToken?: string }>(raw, {
    params: { AlarmNames: 'list', AlarmNamePrefix: 'string', AlarmTypes: 'list', ChildrenOfAlarmName: 'string', ParentsOfAlarmName: 'string', StateValue: 'string', ActionPrefix: 'string', MaxRecords: 'integer', NextToken: 'string' },
  });
  if (!checked.ok) return checked.result;
  const { AlarmNames: names, AlarmNamePrefix: prefix, StateValue: stateValue, ActionPrefix: actionPrefix } = checked.input;
  if (names !== undefined && prefix !== undefined) return validation('AlarmNames and AlarmNamePrefix cannot be specified together.');
  if (stateValue !== undefined && !['OK', 'ALARM', 'INSUFFICIENT_DATA'].includes(stateValue)) {
    return validation(`1 validation error detected: Value '${stateValue}' at 'stateValue' failed to satisfy constraint: Member must satisfy enum value set: [INSUFFICIENT_DATA, ALARM, OK]`);
  }
  const alarms = [...(ctx.state.metrics?.alarms?.values() ?? [])]
    .filter((a) => (names === undefined || names.includes(a.name)) && (prefix === undefined || a.name.startsWith(prefix)) && (stateValue === undefined || a.state === stateValue) && (actionPrefix === undefined || a.alarmActions.some((arn) => arn.startsWith(actionPrefix))))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const page = paginate(alarms, checked.input.MaxRecords, checked.input.NextToken);
  if (!page.ok) return page.result;
  return ok({ MetricAlarms: page.items.map(renderAlarm), CompositeAlarms: [], ...(page.nextToken === undefined ? {} : { NextToken: page.nextToken }) });
}

export function deleteAlarms(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams<{ AlarmNames: string[] }>(raw, { params: { AlarmNames: 'list' }, required: ['AlarmNames'] });
  if (!checked.ok) return checked.result;
  const names = checked.input.AlarmNames.map(String);
  const alarms = ctx.state.metrics?.alarms;
  const missing = names.filter((name) => alarms?.has(name) !== true);
  // AWS: ResourceNotFound naming how many were not found (UNCONFIRMED wording).
  if (missing.length > 0) return fail('ResourceNotFound', `${missing.length} out of ${names.length} alarms were not found: ${missing.join(', ')}`);
  for (const name of names) deleteAlarm(ctx.state, name);
  ctx.emit('cloudwatch.alarm', `Alarm${names.length === 1 ? '' : 's'} ${names.join(', ')} deleted.`);
  return ok({});
}

interface LoadInput {
  cluster?: string;
  service: string;
  cpuUnits?: number;
  memoryMiB?: number;
}

/** sim:SetServiceLoad: the CPU units and MiB the service's work needs, shared by its RUNNING tasks (load/model.ts). */
export function setServiceLoad(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams<LoadInput>(raw, { params: { cluster: 'string', service: 'string', cpuUnits: 'integer', memoryMiB: 'integer' }, required: ['service'] });
  if (!checked.ok) return checked.result;
  const found = findActiveService(ctx, checked.input.cluster, checked.input.service);
  if (!found.ok) return found.result;
  const { service } = found;
  const { cpuUnits = 0, memoryMiB = 0 } = checked.input;
  if (cpuUnits < 0 || memoryMiB < 0) return fail('InvalidParameterException', `cpuUnits and memoryMiB must be 0 or more (got ${cpuUnits} and ${memoryMiB}).`);
  storeServiceLoad(ctx.state, service.arn, { cpuUnits, memoryMiB });
  ensureMinuteTicks(ctx);
  ctx.emit('load.set', `Service ${service.name} now needs ${cpuUnits} CPU units and ${memoryMiB} MiB, shared by its RUNNING tasks.`, service.arn);
  return ok({ service: service.arn, cpuUnits, memoryMiB });
}

/** cloudwatch:GetMetricData over the sandbox's one-minute series (metrics/get-metric-data.ts); reads only. */
export function getMetricData(ctx: EngineContext, raw: unknown): CommandResult {
  return answerGetMetricData(ctx.state, raw, ctx.clock.now);
}
