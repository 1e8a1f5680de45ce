/**
 * CONTRACT (issue 7): metric math queries, as CloudWatch's PutMetricAlarm `Metrics` and Application
 * Auto Scaling's CustomizedMetricSpecification `Metrics` carry them — e.g. AWS's SQS example,
 * backlog per task = m1 / m2 with m1 = AWS/SQS ApproximateNumberOfMessagesVisible and
 * m2 = ECS/ContainerInsights RunningTaskCount. The SQS owner implements evaluation here
 * (`evaluateMetricMath`), and alarms.ts evaluates an alarm whose `queries` are set through it.
 */
export interface MetricMathQuery {
  /** Lower-case first letter, unique within the list (CloudWatch's rule). */
  Id: string;
  /** An arithmetic expression over other queries' Ids (e.g. `m1 / m2`); XOR MetricStat. */
  Expression?: string;
  MetricStat?: {
    Metric: { Namespace: string; MetricName: string; Dimensions: { Name: string; Value: string }[] };
    Stat: string;
    Unit?: string;
  };
  Label?: string;
  /** Exactly one query returns data (the one the alarm or policy tracks). Default true. */
  ReturnData?: boolean;
}
