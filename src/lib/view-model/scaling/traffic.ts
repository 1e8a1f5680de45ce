/**
 * The traffic control's presets and slider, as data: for a service behind a load balancer,
 * sim:SetTraffic with a pattern (workers/engine/load/traffic.ts: constant, ramp, dailyWave, spike)
 * or a plain requestsPerSecond; for a service without one, sim:SetServiceLoad with CPU units.
 * Presets are sized from what the service's tasks can serve, so "steady" keeps today's tasks
 * half busy whatever their size, and "spike" and "ramp" push past them.
 */
import type { Service, Snapshot, Step } from '../../../../workers/protocol.ts';
import { findSeries, niceMax } from '../capacity/chart.ts';
import { clusterNameOf } from './service-ids.ts';

/**
 * CPU units one request per second costs a task: the engine's TRAFFIC_COST.cpuUnitsPerRequestPerSecond
 * (workers/engine/load/traffic-utilization.ts, Sandbox). Only the presets' sizes use it here: the
 * engine module is not imported, as it brings the metric store with it.
 */
const CPU_UNITS_PER_REQUEST_PER_SECOND = 2;
/** A task with no cpu set is measured against 128 units (load/model.ts MIN_TASK_CPU_UNITS). */
const DEFAULT_TASK_CPU_UNITS = 128;

export type PresetKey = 'quiet' | 'steady' | 'dailyWave' | 'spike' | 'ramp';

export interface TrafficPreset {
  key: PresetKey;
  label: string;
  /** What it does, in a sentence with the numbers. */
  description: string;
  pattern: Record<string, unknown>;
}

/** The task definition's cpu (task level, else the containers' sum), in CPU units. */
export function taskCpuUnits(snapshot: Snapshot, service: Service): number {
  const def = snapshot.taskDefinitions.find((d) => d.taskDefinitionArn === service.taskDefinition);
  const taskCpu = Number(def?.cpu);
  if (Number.isFinite(taskCpu) && taskCpu > 0) return taskCpu;
  const containers = (def?.containerDefinitions ?? []).reduce((n, c) => n + (Number(c.cpu) || 0), 0);
  return containers > 0 ? containers : DEFAULT_TASK_CPU_UNITS;
}

/** Two significant digits: 187 → 190, 12.5 → 13, never below 1. */
export function roundRate(value: number): number {
  if (value <= 1) return 1;
  const power = 10 ** (Math.floor(Math.log10(value)) - 1);
  return Math.round(value / power) * power;
}

/** Requests per second the service's desired tasks serve at 100 % CPU. */
export function fullRate(snapshot: Snapshot, service: Service): number {
  return (taskCpuUnits(snapshot, service) / CPU_UNITS_PER_REQUEST_PER_SECOND) * Math.max(1, service.desiredCount);
}

/** The five presets for a service behind a load balancer; `hourNow` is the virtual clock's UTC hour. */
export function trafficPresets(snapshot: Snapshot, service: Service): TrafficPreset[] {
  const full = fullRate(snapshot, service);
  const r = (share: number) => roundRate(full * share);
  const hourNow = Math.floor(snapshot.time / 3_600_000) % 24;
  const peakHour = (hourNow + 6) % 24;
  return [
    { key: 'quiet', label: 'Quiet', description: `${r(0.1)} requests/s, about 10 % of what the tasks serve now.`, pattern: { type: 'constant', requestsPerSecond: r(0.1) } },
    { key: 'steady', label: 'Steady', description: `${r(0.5)} requests/s: the tasks half busy.`, pattern: { type: 'constant', requestsPerSecond: r(0.5) } },
    {
      key: 'dailyWave',
      label: 'Daily wave',
      description: `From ${r(0.1)} up to ${r(1.5)} requests/s at ${String(peakHour).padStart(2, '0')}:00 UTC, a 24-hour cosine.`,
      pattern: { type: 'dailyWave', low: r(0.1), high: r(1.5), peakHour },
    },
    {
      key: 'spike',
      label: 'Spike',
      description: `${r(0.4)} requests/s, and ${r(0.4) + r(2)} for 15 minutes from one minute on.`,
      pattern: { type: 'spike', base: r(0.4), height: r(2), startSeconds: 60, durationSeconds: 900 },
    },
    { key: 'ramp', label: 'Ramp', description: `From ${r(0.2)} to ${r(2)} requests/s over 20 minutes, then stays.`, pattern: { type: 'ramp', from: r(0.2), to: r(2), durationSeconds: 1200 } },
  ];
}

export interface SliderRange {
  max: number;
  step: number;
}

/** The slider of requests per second: up to four times what the tasks can serve (at least 100). */
export function trafficSlider(snapshot: Snapshot, service: Service): SliderRange {
  const max = niceMax(fullRate(snapshot, service) * 4, 100);
  return { max, step: Math.max(1, max / 200) };
}

/** The slider of CPU units (no load balancer): up to four tasks' worth per desired task. */
export function loadSlider(snapshot: Snapshot, service: Service): SliderRange {
  const max = niceMax(taskCpuUnits(snapshot, service) * Math.max(1, service.desiredCount) * 4, 512);
  return { max, step: Math.max(1, Math.round(max / 256)) };
}

/**
 * The CPU units the service's work takes now, read back from its CPUUtilization (the sandbox keeps
 * sim:SetServiceLoad's figure to itself): utilization × task cpu × running tasks. A starting point
 * for the slider — demand beyond what the tasks can use shows as 100 %, so it reads low then.
 */
export function estimatedCpuUnits(snapshot: Snapshot, service: Service): number {
  const dims = { ClusterName: clusterNameOf(service), ServiceName: service.serviceName };
  const latest = findSeries(snapshot, 'AWS/ECS', 'CPUUtilization', dims)?.points.at(-1)?.v ?? 0;
  return Math.round((latest / 100) * taskCpuUnits(snapshot, service) * service.runningCount);
}

const target = (service: Service) => ({ cluster: clusterNameOf(service), service: service.serviceName });

export function trafficPatternStep(service: Service, pattern: Record<string, unknown>): Step {
  return { 'sim:SetTraffic': { ...target(service), pattern } };
}

export function trafficRateStep(service: Service, requestsPerSecond: number): Step {
  return { 'sim:SetTraffic': { ...target(service), requestsPerSecond } };
}

export function serviceLoadStep(service: Service, cpuUnits: number): Step {
  return { 'sim:SetServiceLoad': { ...target(service), cpuUnits: Math.round(cpuUnits) } };
}

/** A pattern as comparable text: keys sorted, a ramp's or spike's startSeconds 0 when left out (as the engine writes it back). */
function patternKey(pattern: Record<string, unknown>): string {
  const full = pattern.type === 'ramp' || pattern.type === 'spike' ? { startSeconds: 0, ...pattern } : pattern;
  return JSON.stringify(Object.entries(full).sort(([a], [b]) => a.localeCompare(b)));
}

/** The preset whose pattern is the one set now (snapshot.traffic's pattern), if any. */
export function activePreset(presets: TrafficPreset[], pattern: Record<string, unknown> | undefined): PresetKey | null {
  if (!pattern) return null;
  const key = patternKey(pattern);
  return presets.find((p) => patternKey(p.pattern) === key)?.key ?? null;
}

/** sim:SetTraffic reaches a service only through a target group (a Classic Load Balancer has none): the others get sim:SetServiceLoad. */
export function takesTraffic(service: Service): boolean {
  return service.loadBalancers.some((lb) => lb.targetGroupArn);
}
