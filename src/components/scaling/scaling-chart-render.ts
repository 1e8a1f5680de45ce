/**
 * Draws a scaling chart with D3 (scales, axes, shapes, keyed joins): the min..max band, the
 * stretches an alarm spent in ALARM, the reference lines (target dashed, alarm thresholds, min and
 * max) labelled in the right margin, the series (counts as steps), and the scaling activities as
 * keyboard-focusable marks on the time axis. Every number comes from the view model
 * (lib/view-model/scaling/); this only joins rows to SVG and reports which mark is pointed at or
 * focused, so the component can show its Description and Cause. A lazy chunk: only the scaling
 * panel imports it.
 */
import { axisBottom, axisLeft } from 'd3-axis';
import { scaleLinear } from 'd3-scale';
import { select, type Selection } from 'd3-selection';
import { curveLinear, curveStepBefore, line } from 'd3-shape';
import type { ChartPoint, ChartSeries } from '../../lib/view-model/capacity/chart.ts';
import type { ActivityMark, ChartBand, ChartSpan, ScalingChart, ScalingRule } from '../../lib/view-model/scaling/chart.ts';
import { minuteLabel } from '../../lib/capacity/chart-render.ts';

export const WIDTH = 560;
export const HEIGHT = 200;
const M = { top: 16, right: 112, bottom: 34, left: 48 };
const PLOT = { x0: M.left, x1: WIDTH - M.right, y0: HEIGHT - M.bottom, y1: M.top };
/** Rule labels closer than this (px) are pushed apart. */
const LABEL_GAP = 11;

type Svg = Selection<SVGSVGElement, unknown, null, undefined>;

/** A tick every 1, 2, 5, 10, 15, 30, 60, 120 … minutes: at most `most` of them (ends included) across the domain. */
export function minuteTicks(t0: number, t1: number, most = 6): number[] {
  const spanMinutes = Math.max(1, (t1 - t0) / 60_000);
  const steps = [1, 2, 5, 10, 15, 30, 60, 120, 240, 360, 720, 1440];
  const step = (steps.find((s) => spanMinutes / s < most) ?? 1440) * 60_000;
  const ticks: number[] = [];
  for (let t = Math.ceil(t0 / step) * step; t <= t1; t += step) ticks.push(t);
  return ticks;
}

/** Label positions (y, px) of the rules, nudged apart so none overlaps the one above it. */
export function labelPositions(ys: number[]): number[] {
  const order = ys.map((y, i) => ({ y, i })).sort((a, b) => a.y - b.y);
  const out = new Array<number>(ys.length);
  let last = -Infinity;
  for (const { y, i } of order) {
    last = Math.max(y, last + LABEL_GAP);
    out[i] = last;
  }
  return out;
}

export interface MarkPointer {
  mark: ActivityMark;
  /** The mark's x as a fraction of the chart's width (for placing the tooltip). */
  x: number;
}

export function renderScalingChart(el: SVGSVGElement, chart: ScalingChart, onMark: (pointer: MarkPointer | null) => void): void {
  const x = scaleLinear().domain([chart.tStart, chart.tEnd]).range([PLOT.x0, PLOT.x1]);
  const y = scaleLinear().domain([0, chart.yMax]).range([PLOT.y0, PLOT.y1]);
  const svg: Svg = select(el).attr('viewBox', `0 0 ${WIDTH} ${HEIGHT}`);
  drawAxes(svg, chart, x, y);
  drawBands(svg, chart.bands, y, chart.yMax);
  drawSpans(svg, chart.spans, x);
  drawRules(svg, chart.rules, y);
  drawSeries(svg, chart.series, x, y);
  drawMarks(svg, chart.marks, x, onMark);
}

type Scale = ReturnType<typeof scaleLinear<number, number>>;

function layer(svg: Svg, name: string) {
  return svg.selectAll<SVGGElement, string>(`g.${name}`).data([name]).join('g').attr('class', name);
}

function drawAxes(svg: Svg, chart: ScalingChart, x: Scale, y: Scale): void {
  const xAxis = axisBottom(x)
    .tickValues(minuteTicks(chart.tStart, chart.tEnd))
    .tickFormat((t) => minuteLabel(Number(t)))
    .tickSizeOuter(0);
  const counts = chart.unit === '' && chart.yMax <= 10;
  const yAxis = axisLeft(y)
    .ticks(counts ? chart.yMax : 5)
    .tickFormat((v) => `${+Number(v).toFixed(2)}${chart.unit}`)
    .tickSize(-(PLOT.x1 - PLOT.x0))
    .tickSizeOuter(0);
  if (counts) yAxis.tickValues(Array.from({ length: chart.yMax + 1 }, (_, i) => i).filter((v) => chart.yMax <= 5 || v % 2 === 0));
  layer(svg, 'x-axis').attr('transform', `translate(0,${PLOT.y0})`).call(xAxis);
  layer(svg, 'y-axis').attr('transform', `translate(${PLOT.x0},0)`).call(yAxis);
  const titles = layer(svg, 'axis-titles');
  titles
    .selectAll<SVGTextElement, string>('text.x-title')
    .data(['virtual time since the start'])
    .join('text')
    .attr('class', 'x-title')
    .attr('x', (PLOT.x0 + PLOT.x1) / 2)
    .attr('y', HEIGHT - 4)
    .attr('text-anchor', 'middle')
    .text((d) => d);
  titles
    .selectAll<SVGTextElement, string>('text.y-title')
    .data([chart.yLabel])
    .join('text')
    .attr('class', 'y-title')
    .attr('transform', `translate(11,${(PLOT.y0 + PLOT.y1) / 2}) rotate(-90)`)
    .attr('text-anchor', 'middle')
    .text((d) => d);
}

function drawBands(svg: Svg, bands: ChartBand[], y: Scale, yMax: number): void {
  layer(svg, 'bands')
    .selectAll<SVGRectElement, ChartBand>('rect.band')
    .data(bands, (d) => d.key)
    .join((enter) => enter.append('rect').attr('class', 'band').call((r) => r.append('title')))
    .attr('x', PLOT.x0)
    .attr('width', PLOT.x1 - PLOT.x0)
    .attr('y', (d) => y(Math.min(d.y1, yMax)))
    .attr('height', (d) => Math.max(0, y(d.y0) - y(Math.min(d.y1, yMax))))
    .select('title')
    .text((d) => d.label);
}

function drawSpans(svg: Svg, spans: ChartSpan[], x: Scale): void {
  layer(svg, 'spans')
    .selectAll<SVGRectElement, ChartSpan>('rect.span')
    .data(spans, (d) => d.key)
    .join((enter) => enter.append('rect').attr('class', 'span').call((r) => r.append('title')))
    .attr('data-tone', (d) => d.tone)
    .attr('x', (d) => x(d.t0))
    .attr('width', (d) => Math.max(1, x(d.t1) - x(d.t0)))
    .attr('y', PLOT.y1)
    .attr('height', PLOT.y0 - PLOT.y1)
    .select('title')
    .text((d) => d.label);
}

function drawRules(svg: Svg, rules: ScalingRule[], y: Scale): void {
  const labels = labelPositions(rules.map((r) => y(r.value)));
  layer(svg, 'rules')
    .selectAll<SVGGElement, ScalingRule>('g.rule')
    .data(rules, (d) => d.key)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'rule');
      g.append('line');
      g.append('text');
      return g;
    })
    .attr('data-rule', (d) => d.kind)
    .attr('data-value', (d) => d.value)
    .call((g) =>
      g
        .select('line')
        .attr('x1', PLOT.x0)
        .attr('x2', PLOT.x1)
        .attr('y1', (d) => y(d.value))
        .attr('y2', (d) => y(d.value)),
    )
    .call((g) =>
      g
        .select('text')
        .attr('x', PLOT.x1 + 4)
        .attr('y', (_d, i) => labels[i]! + 3)
        .text((d) => d.label),
    );
}

function drawSeries(svg: Svg, series: ChartSeries[], x: Scale, y: Scale): void {
  const g = layer(svg, 'series-layer');
  g.selectAll<SVGPathElement, ChartSeries>('path.series')
    .data(series, (d) => d.key)
    .join('path')
    .attr('class', 'series')
    .attr('data-series', (d) => d.key)
    .attr('data-points', (d) => d.points.length)
    .attr('data-last', (d) => d.points.at(-1)?.v ?? '')
    // A palette role, var(--series-…): a style, since SVG attributes take no var().
    .style('stroke', (d) => d.color)
    .attr('d', (d) =>
      line<ChartPoint>()
        .x((p) => x(p.t))
        .y((p) => y(p.v))
        // A count is sampled at the start of each minute, before that minute's scaling acts: the
        // sample at 5m is what the minute from 4m to 5m ended with, so it is drawn over that minute
        // (step before), and a scale-out at 4m rises at its mark, not a minute later.
        .curve(d.step ? curveStepBefore : curveLinear)(d.points),
    );
  g.selectAll<SVGCircleElement, ChartSeries>('circle.now')
    .data(
      series.filter((d) => d.points.length > 0),
      (d) => d.key,
    )
    .join('circle')
    .attr('class', 'now')
    .attr('r', 3)
    .style('fill', (d) => d.color)
    .attr('cx', (d) => x(d.points.at(-1)!.t))
    .attr('cy', (d) => y(d.points.at(-1)!.v));
}

function drawMarks(svg: Svg, marks: ActivityMark[], x: Scale, onMark: (pointer: MarkPointer | null) => void): void {
  const point = (d: ActivityMark) => onMark({ mark: d, x: x(d.t) / WIDTH });
  const leave = () => onMark(null);
  layer(svg, 'marks')
    .selectAll<SVGGElement, ActivityMark>('g.mark')
    .data(marks, (d) => d.key)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'mark').attr('tabindex', 0).attr('role', 'img').attr('aria-roledescription', 'scaling activity');
      g.append('line');
      g.append('path');
      // A wider invisible strip, so the thin line is easy to point at.
      g.append('rect').attr('class', 'hit');
      return g;
    })
    .attr('aria-label', (d) => d.label)
    .attr('data-status', (d) => d.status)
    .on('mouseenter focus', (_e, d) => point(d))
    .on('mouseleave blur', leave)
    // Escape hides the tooltip and keeps focus where it is (content shown on focus is dismissible).
    .on('keydown', (e: KeyboardEvent) => {
      if (e.key === 'Escape') leave();
    })
    .call((g) =>
      g
        .select('line')
        .attr('x1', (d) => x(d.t))
        .attr('x2', (d) => x(d.t))
        .attr('y1', PLOT.y1)
        .attr('y2', PLOT.y0),
    )
    .call((g) => g.select('path').attr('d', (d) => `M${x(d.t) - 5},${PLOT.y1 - 10}h10l-5,8z`))
    .call((g) =>
      g
        .select('rect')
        .attr('x', (d) => x(d.t) - 5)
        .attr('width', 10)
        .attr('y', PLOT.y1 - 10)
        .attr('height', PLOT.y0 - PLOT.y1 + 10),
    );
}
