/**
 * The cost meter's view model (snapshot.cost, built by the engine's cost module): the total so
 * far and the hourly rate now, one row per launch type (EC2, FARGATE, FARGATE_SPOT, EXTERNAL) so
 * EC2 and Fargate can be compared on the same workload, a stacked history of the hourly rate by
 * launch type, and the split by service (with "unused EC2 capacity": instance hours no task
 * reserves). Money is USD, as AWS bills it.
 */
import type { CostLaunchType, CostReport, Snapshot } from '../../../../workers/protocol.ts';
import { seriesColor, type SeriesColor } from './chart.ts';
import { usd, usdPerHour } from './money.ts';

export const LAUNCH_TYPES: readonly CostLaunchType[] = ['EC2', 'FARGATE', 'FARGATE_SPOT', 'EXTERNAL'];

/** Each launch type's palette role (its band of the rate chart and its row's swatch). */
export const LAUNCH_TYPE_COLORS: Record<CostLaunchType, SeriesColor> = {
  EC2: seriesColor('ec2'),
  FARGATE: seriesColor('fargate'),
  FARGATE_SPOT: seriesColor('fargate-spot'),
  EXTERNAL: seriesColor('external'),
};

export interface CostRow {
  key: string;
  label: string;
  color: SeriesColor | null;
  totalText: string;
  rateText: string;
  /** Share of the hourly rate now, 0..1. */
  share: number;
}

/** One band of the stacked rate chart: for each minute, the band's bottom and top in $/hour. */
export interface CostLayer {
  key: CostLaunchType;
  color: SeriesColor;
  points: { t: number; y0: number; y1: number }[];
}

export interface CostMeter {
  totalText: string;
  rateText: string;
  byLaunchType: CostRow[];
  byService: CostRow[];
  layers: CostLayer[];
  /** The x domain of the chart (virtual ms) and its y maximum ($/hour). */
  tStart: number;
  tEnd: number;
  rateMax: number;
  /** EC2 against Fargate, in words, when both run something. */
  comparison: string | null;
  ariaLabel: string;
}

/** A share of the hourly rate, 0..1, to three decimals (it only sizes a bar). */
function share(part: number, whole: number): number {
  return whole > 0 ? Math.round((part / whole) * 1000) / 1000 : 0;
}


/** The launch types that cost something now or so far, in their fixed order. */
function activeLaunchTypes(cost: CostReport): CostLaunchType[] {
  const inHistory = (lt: CostLaunchType) => (cost.history ?? []).some((p) => p[lt] > 0);
  return LAUNCH_TYPES.filter((lt) => {
    const a = cost.byLaunchType?.[lt];
    return (a && (a.totalUsd > 0 || a.ratePerHourUsd > 0)) || inHistory(lt);
  });
}

type RatePoint = CostReport['history'][number];

/** The per-minute history, with the rate now appended so the bands reach the present. */
export function historyUpToNow(cost: CostReport, now: number): RatePoint[] {
  const history = cost.history ?? [];
  if ((history.at(-1)?.t ?? -1) >= now) return history;
  const rate = (lt: CostLaunchType) => cost.byLaunchType?.[lt]?.ratePerHourUsd ?? 0;
  return [...history, { t: now, EC2: rate('EC2'), FARGATE: rate('FARGATE'), FARGATE_SPOT: rate('FARGATE_SPOT'), EXTERNAL: rate('EXTERNAL') }];
}

export function costLayers(history: RatePoint[], keys: CostLaunchType[]): CostLayer[] {
  const base = history.map(() => 0);
  return keys.map((key) => ({
    key,
    color: LAUNCH_TYPE_COLORS[key],
    points: history.map((p, i) => {
      const y0 = base[i]!;
      base[i] = y0 + (p[key] ?? 0);
      return { t: p.t, y0, y1: base[i]! };
    }),
  }));
}

function comparison(cost: CostReport): string | null {
  const ec2 = cost.byLaunchType?.EC2?.ratePerHourUsd ?? 0;
  const fargate = (cost.byLaunchType?.FARGATE?.ratePerHourUsd ?? 0) + (cost.byLaunchType?.FARGATE_SPOT?.ratePerHourUsd ?? 0);
  if (ec2 <= 0 || fargate <= 0) return null;
  return `Now EC2 costs ${usdPerHour(ec2)} and Fargate (with Spot) ${usdPerHour(fargate)}.`;
}

export function costMeter(snapshot: Snapshot | null): CostMeter | null {
  const cost = snapshot?.cost;
  if (!cost) return null;
  const keys = activeLaunchTypes(cost);
  const byLaunchType = keys.map((lt): CostRow => {
    const a = cost.byLaunchType[lt];
    return { key: lt, label: lt, color: LAUNCH_TYPE_COLORS[lt], totalText: usd(a.totalUsd), rateText: usdPerHour(a.ratePerHourUsd), share: share(a.ratePerHourUsd, cost.ratePerHourUsd) };
  });
  const byService = (cost.byService ?? []).map(
    (s): CostRow => ({ key: s.serviceArn ?? s.name, label: s.name, color: null, totalText: usd(s.totalUsd), rateText: usdPerHour(s.ratePerHourUsd), share: share(s.ratePerHourUsd, cost.ratePerHourUsd) }),
  );
  const history = historyUpToNow(cost, snapshot!.time);
  const tEnd = Math.max(snapshot!.time, history.at(-1)?.t ?? 0);
  const tStart = Math.min(history[0]?.t ?? tEnd, tEnd - 60_000);
  const peak = Math.max(cost.ratePerHourUsd, ...history.map((p) => LAUNCH_TYPES.reduce((sum, lt) => sum + (p[lt] ?? 0), 0)));
  return {
    totalText: usd(cost.totalUsd),
    rateText: usdPerHour(cost.ratePerHourUsd),
    byLaunchType,
    byService,
    layers: costLayers(history, keys),
    tStart,
    tEnd,
    rateMax: peak > 0 ? peak * 1.15 : 0.01,
    comparison: comparison(cost),
    ariaLabel: `Cost so far ${usd(cost.totalUsd)}, ${usdPerHour(cost.ratePerHourUsd)} now` + byLaunchType.map((r) => `; ${r.label} ${r.rateText}`).join(''),
  };
}
