/**
 * The human-readable form of a run's final state: what a learner would check in the ECS console
 * (clusters, instances with their free capacity, tasks with their ports), the failed steps with
 * their AWS errors, and the last events. Pure: snapshot in, text out.
 */
import type { ContainerInstance, Resource, Scenario, Snapshot, StepResult, Task } from '../workers/protocol.ts';

const LAST_EVENTS = 10;

export function formatSummary(scenario: Scenario, snapshot: Snapshot, results: readonly StepResult[]): string {
  const failed = results.filter((result) => 'error' in result);
  const sections = [
    `Scenario ${scenario.id}: ${scenario.title}\n` +
      `Seed ${snapshot.seed}, virtual time ${formatDuration(snapshot.time)}, ` +
      `${results.length} step${plural(results.length)} applied, ${failed.length} failed`,
    clustersSection(snapshot),
    instancesSection(snapshot),
    tasksSection(snapshot),
    capacitySection(snapshot),
    costSection(snapshot),
    failedSection(failed),
    responseFailuresSection(results),
    eventsSection(snapshot),
  ];
  return sections.filter((section) => section !== '').join('\n\n') + '\n';
}

function clustersSection(snapshot: Snapshot): string {
  if (snapshot.clusters.length === 0) return 'Clusters: none';
  const rows = snapshot.clusters.map((cluster) => [
    cluster.clusterName,
    cluster.status,
    String(cluster.registeredContainerInstancesCount),
    String(cluster.runningTasksCount),
    String(cluster.pendingTasksCount),
  ]);
  return 'Clusters\n' + table(['NAME', 'STATUS', 'INSTANCES', 'RUNNING', 'PENDING'], rows);
}

function instancesSection(snapshot: Snapshot): string {
  if (snapshot.containerInstances.length === 0) return 'Container instances: none';
  const rows = snapshot.containerInstances.map((instance) => [
    instance.ec2InstanceId,
    clusterOf(instance.containerInstanceArn),
    attribute(instance, 'ecs.availability-zone'),
    attribute(instance, 'ecs.instance-type'),
    instance.status,
    `${resource(instance.remainingResources, 'CPU')} / ${resource(instance.registeredResources, 'CPU')}`,
    `${resource(instance.remainingResources, 'MEMORY')} / ${resource(instance.registeredResources, 'MEMORY')}`,
    `${instance.runningTasksCount}+${instance.pendingTasksCount}`,
  ]);
  return (
    'Container instances (CPU units and memory MiB: remaining / registered; tasks: running+pending)\n' +
    table(['INSTANCE', 'CLUSTER', 'AZ', 'TYPE', 'STATUS', 'CPU', 'MEMORY', 'TASKS'], rows)
  );
}

/** Auto Scaling groups and capacity providers (issue 6), when the run has any. */
function capacitySection(snapshot: Snapshot): string {
  const parts: string[] = [];
  const groups = snapshot.autoScalingGroups ?? [];
  if (groups.length > 0) {
    const rows = groups.map((group) => {
      const count = (state: string) => group.Instances.filter((i) => i.LifecycleState === state).length;
      return [group.AutoScalingGroupName, `${group.MinSize}/${group.DesiredCapacity}/${group.MaxSize}`, String(count('Pending')), String(count('InService')), String(group.Instances.length - count('Pending') - count('InService')), group.capacityProviderName ?? '-'];
    });
    parts.push('Auto Scaling groups (min/desired/max)\n' + table(['GROUP', 'SIZE', 'PENDING', 'INSERVICE', 'LEAVING', 'PROVIDER'], rows));
  }
  const providers = (snapshot.capacityProviders ?? []).filter((provider) => provider.autoScalingGroupProvider !== undefined);
  if (providers.length > 0) {
    const rows = providers.map((provider) => {
      const scaling = provider.autoScalingGroupProvider!.managedScaling;
      const r = provider.reservation;
      return [
        provider.name,
        provider.clusterName ?? '-',
        scaling.status === 'ENABLED' ? `${scaling.targetCapacity}%` : 'off',
        r === undefined ? '-' : `${Math.round(r.value)}% (M ${r.instancesNeeded} / N ${r.runningInstances})`,
        r === undefined ? '-' : String(r.provisioningTasks),
      ];
    });
    parts.push('Capacity providers (CapacityProviderReservation = M / N × 100)\n' + table(['PROVIDER', 'CLUSTER', 'TARGET', 'RESERVATION', 'WAITING'], rows));
  }
  return parts.join('\n\n');
}

function costSection(snapshot: Snapshot): string {
  const cost = snapshot.cost;
  if (cost === undefined || (cost.totalUsd === 0 && cost.ratePerHourUsd === 0)) return '';
  const rows = Object.entries(cost.byLaunchType)
    .filter(([, amount]) => amount.totalUsd > 0 || amount.ratePerHourUsd > 0)
    .map(([launchType, amount]) => [launchType, usd(amount.totalUsd), `${usd(amount.ratePerHourUsd)}/h`]);
  rows.push(['total', usd(cost.totalUsd), `${usd(cost.ratePerHourUsd)}/h`]);
  return 'Cost so far (us-east-1 prices)\n' + table(['LAUNCH TYPE', 'TOTAL', 'NOW'], rows);
}

function usd(amount: number): string {
  return `$${amount.toFixed(amount < 1 ? 4 : 2)}`;
}

function tasksSection(snapshot: Snapshot): string {
  if (snapshot.tasks.length === 0) return 'Tasks: none';
  const instanceIds = new Map(snapshot.containerInstances.map((instance) => [instance.containerInstanceArn, instance.ec2InstanceId]));
  const rows = snapshot.tasks.map((task) => [
    shortTaskId(task.taskArn),
    taskDefinitionName(task.taskDefinitionArn),
    task.lastStatus,
    task.desiredStatus,
    task.containerInstanceArn ? (instanceIds.get(task.containerInstanceArn) ?? '-') : '-',
    task.availabilityZone || '-',
    ports(task),
  ]);
  const headers = ['TASK', 'DEFINITION', 'STATUS', 'DESIRED', 'INSTANCE', 'AZ', 'PORTS (host->container)'];
  // Why a task stopped is what a learner wants to know next; the column appears only when needed.
  if (snapshot.tasks.some((task) => task.stopCode !== undefined || task.stoppedReason !== undefined)) {
    headers.push('STOPPED BECAUSE');
    snapshot.tasks.forEach((task, index) => rows[index]!.push(stoppedBecause(task)));
  }
  return 'Tasks\n' + table(headers, rows);
}

function stoppedBecause(task: Task): string {
  if (task.stopCode === undefined && task.stoppedReason === undefined) return '';
  return [task.stopCode, task.stoppedReason].filter((part) => part !== undefined).join(': ');
}

/**
 * Calls that succeeded but could not do everything (RunTask's placement failures, Describe*'s
 * MISSING): AWS reports these in the response's `failures`, not as an error, and so does the sandbox.
 */
function responseFailuresSection(results: readonly StepResult[]): string {
  const lines: string[] = [];
  for (const result of results) {
    if (!('response' in result)) continue;
    const failures = (result.response as { failures?: unknown } | null)?.failures;
    if (!Array.isArray(failures) || failures.length === 0) continue;
    for (const failure of failures.slice(0, 10)) {
      const { arn, reason, detail } = (failure ?? {}) as { arn?: string; reason?: string; detail?: string };
      const parts = [reason ?? 'failure', arn ? `(${arn.split(':').pop()})` : '', detail ?? ''].filter((part) => part !== '');
      lines.push(`  step ${result.step} ${result.action}: ${parts.join(' ')}`);
    }
    if (failures.length > 10) lines.push(`  step ${result.step} ${result.action}: … and ${failures.length - 10} more`);
  }
  return lines.length === 0 ? '' : 'Failures reported in responses (the calls succeeded)\n' + lines.join('\n');
}

function failedSection(failed: readonly StepResult[]): string {
  if (failed.length === 0) return '';
  const lines = failed.map((result) =>
    'error' in result ? `  step ${result.step} ${result.action}: ${result.error.code}: ${result.error.message}` : '',
  );
  return 'Failed steps (each left the state unchanged)\n' + lines.join('\n');
}

function eventsSection(snapshot: Snapshot): string {
  if (snapshot.events.length === 0) return '';
  const shown = snapshot.events.slice(-LAST_EVENTS);
  const title = snapshot.events.length > shown.length ? `Last ${shown.length} of ${snapshot.events.length} events` : 'Events';
  return `${title}\n` + shown.map((event) => `  ${formatClock(event.time)}  ${event.message}`).join('\n');
}

/** `arn:aws:ecs:…:task/demo/0123…` → its first 8 hex digits, as the console shortens task ids. */
function shortTaskId(taskArn: string): string {
  return (taskArn.split('/').pop() ?? taskArn).slice(0, 8);
}

function taskDefinitionName(arn: string): string {
  return arn.split('task-definition/').pop() ?? arn;
}

function clusterOf(containerInstanceArn: string): string {
  const parts = containerInstanceArn.split('/');
  return parts.length >= 3 ? parts[parts.length - 2]! : '-';
}

function attribute(instance: ContainerInstance, name: string): string {
  return instance.attributes.find((candidate) => candidate.name === name)?.value ?? '-';
}

function resource(resources: readonly Resource[], name: string): string {
  const found = resources.find((candidate) => candidate.name === name);
  return found ? String(found.integerValue) : '-';
}

function ports(task: Task): string {
  const bindings = task.containers.flatMap((container) => container.networkBindings ?? []);
  if (bindings.length === 0) return '-';
  return bindings.map((binding) => `${binding.hostPort}->${binding.containerPort}/${binding.protocol}`).join(', ');
}

/** 90_000 → "1m 30s"; 0 → "0s"; 250 → "250ms". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  const parts: string[] = [];
  const units: [string, number][] = [['d', 86_400_000], ['h', 3_600_000], ['m', 60_000], ['s', 1000]];
  let rest = ms;
  for (const [unit, size] of units) {
    const count = Math.floor(rest / size);
    rest -= count * size;
    if (count > 0) parts.push(`${count}${unit}`);
  }
  if (rest > 0) parts.push(`${rest}ms`);
  return parts.join(' ');
}

/** Virtual time as a clock since the start of the run: 00:01:05.250. */
function formatClock(ms: number): string {
  const hours = Math.floor(ms / 3_600_000);
  const minutes = Math.floor((ms % 3_600_000) / 60_000);
  const seconds = Math.floor((ms % 60_000) / 1000);
  const millis = ms % 1000;
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  return `${pad(hours)}:${pad(minutes)}:${pad(seconds)}${millis > 0 ? '.' + pad(millis, 3) : '    '}`;
}

function table(headers: readonly string[], rows: readonly string[][]): string {
  const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: readonly string[]) =>
    '  ' + cells.map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column]!))).join('  ');
  return [line(headers), ...rows.map(line)].join('\n');
}

function plural(count: number): string {
  return count === 1 ? '' : 's';
}
