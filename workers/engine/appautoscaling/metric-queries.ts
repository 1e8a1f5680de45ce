/**
 * CustomizedMetricSpecification `Metrics` of a target tracking policy: metric math (API reference
 * TargetTrackingMetricDataQuery, TargetTrackingMetricStat; AASUG "Create a target tracking scaling
 * policy using metric math" — AWS's SQS example: m1 = AWS/SQS ApproximateNumberOfMessagesVisible
 * (Sum), m2 = ECS/ContainerInsights RunningTaskCount (Average), e1 = "m1 / m2" with ReturnData true).
 *
 * Rules checked (API reference): each query has an Id unique in the list, starting with a lower-case
 * letter (letters, digits, underscore); exactly one of Expression and MetricStat; MetricStat has
 * Metric.Namespace, Metric.MetricName and Stat; "If you use any math expressions, specify true for
 * this value for only the final math expression … You must specify false for ReturnData for all the
 * other metrics and expressions" — so exactly one query returns data (ReturnData defaults to true).
 * Sandbox: an expression may only name Ids of the list (lower-case words; functions are upper case).
 * Error texts UNCONFIRMED (AWS answers a ValidationException).
 */
import type { MetricMathQuery } from '../metrics/metric-math.ts';
import { constraintViolation } from './request-messages.ts';
import { isObject, refuse } from './requests.ts';

const MEMBER = 'targetTrackingScalingPolicyConfiguration.customizedMetricSpecification.metrics';
const ID = /^[a-z][a-zA-Z0-9_]*$/;
/** CloudWatch's limit on queries in one metric math request. */
const MAX_QUERIES = 10;

const text = (value: unknown, max = 1024): value is string => typeof value === 'string' && value.length >= 1 && value.length <= max;

export function checkMetricQueries(raw: unknown): MetricMathQuery[] {
  if (!Array.isArray(raw) || raw.length === 0 || raw.length > MAX_QUERIES) {
    return refuse(constraintViolation(raw, MEMBER, `Member must be a list of 1 to ${MAX_QUERIES} metric data queries`));
  }
  const queries = raw.map((q, i) => query(q, i + 1));
  const ids = new Set<string>();
  for (const q of queries) {
    if (ids.has(q.Id)) refuse(`Metric data query Ids must be unique within Metrics: '${q.Id}' is used more than once`);
    ids.add(q.Id);
  }
  for (const q of queries) {
    if (q.Expression === undefined) continue;
    for (const word of q.Expression.match(/\b[a-z][a-zA-Z0-9_]*\b/g) ?? []) {
      if (!ids.has(word)) refuse(`The expression '${q.Expression}' of query ${q.Id} names '${word}', which is not the Id of a query in Metrics (Ids: ${[...ids].join(', ')})`);
      if (word === q.Id) refuse(`The expression '${q.Expression}' of query ${q.Id} refers to itself`);
    }
  }
  const returning = queries.filter((q) => q.ReturnData !== false);
  if (returning.length !== 1) {
    refuse(
      `Exactly one metric data query in Metrics must return data (ReturnData true, the default): set ReturnData false on the others; ${returning.length} return data now (${returning.map((q) => q.Id).join(', ') || 'none'})`,
    );
  }
  return queries;
}

function query(raw: unknown, n: number): MetricMathQuery {
  const member = `${MEMBER}.${n}.member`;
  if (!isObject(raw)) return refuse(constraintViolation(raw, member, 'Member must be an object of Id and Expression or MetricStat'));
  const id = raw['Id'];
  if (!text(id, 255) || !ID.test(id)) refuse(constraintViolation(id, `${member}.id`, 'Member must start with a lower-case letter and contain only letters, numbers and underscores'));
  const hasExpression = raw['Expression'] !== undefined && raw['Expression'] !== null;
  const hasStat = raw['MetricStat'] !== undefined && raw['MetricStat'] !== null;
  if (hasExpression === hasStat) refuse(`Metric data query ${String(id)} must have exactly one of Expression and MetricStat`);
  const label = raw['Label'];
  if (label !== undefined && label !== null && !text(label, 2048)) refuse(constraintViolation(label, `${member}.label`, 'Member must be a string of 1 to 2048 characters'));
  const returnData = raw['ReturnData'];
  if (returnData !== undefined && returnData !== null && typeof returnData !== 'boolean') refuse(constraintViolation(returnData, `${member}.returnData`, 'Member must be a boolean (true or false)'));
  const base = { Id: id as string, ...(typeof label === 'string' ? { Label: label } : {}), ...(typeof returnData === 'boolean' ? { ReturnData: returnData } : {}) };
  if (hasExpression) {
    const expression = raw['Expression'];
    if (!text(expression, 2048)) return refuse(constraintViolation(expression, `${member}.expression`, 'Member must be a string of 1 to 2048 characters'));
    return { ...base, Expression: expression };
  }
  return { ...base, MetricStat: metricStat(raw['MetricStat'], `${member}.metricStat`) };
}

function metricStat(raw: unknown, member: string): NonNullable<MetricMathQuery['MetricStat']> {
  if (!isObject(raw) || !isObject(raw['Metric'])) return refuse(constraintViolation(raw, member, 'Member must be an object of Metric {Namespace, MetricName, Dimensions} and Stat'));
  const metric = raw['Metric'];
  const namespace = metric['Namespace'];
  const name = metric['MetricName'];
  if (!text(namespace, 255)) refuse(constraintViolation(namespace, `${member}.metric.namespace`, 'Member must not be null'));
  if (!text(name, 255)) refuse(constraintViolation(name, `${member}.metric.metricName`, 'Member must not be null'));
  const dims = metric['Dimensions'] ?? [];
  if (!Array.isArray(dims)) return refuse(constraintViolation(dims, `${member}.metric.dimensions`, 'Member must be a list of {Name, Value}'));
  const Dimensions = dims.map((d, i) => {
    if (!isObject(d) || !text(d['Name'], 255) || !text(d['Value'], 1024)) return refuse(constraintViolation(d, `${member}.metric.dimensions.${i + 1}.member`, 'Member must be {Name, Value} with non-empty strings'));
    return { Name: d['Name'] as string, Value: d['Value'] as string };
  });
  const stat = raw['Stat'];
  if (!text(stat, 100)) refuse(constraintViolation(stat, `${member}.stat`, 'Member must not be null'));
  const unit = raw['Unit'];
  return { Metric: { Namespace: namespace as string, MetricName: name as string, Dimensions }, Stat: stat as string, ...(typeof unit === 'string' ? { Unit: unit } : {}) };
}
