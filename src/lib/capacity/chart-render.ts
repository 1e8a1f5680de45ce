/**
 * Draws the capacity panels' small time charts with D3 (scales, line and area shapes, keyed
 * joins): a ChartModel's series as lines (step lines for counts), its rules as dashed reference
 * lines (a target, a maximum), its marks as ticks along the top (scaling activities, each with a
 * tooltip), and the cost meter's stacked bands. Every number comes from the view model; this
 * decides nothing. A lazy chunk: only the capacity panel imports it.
 */
import { scaleLinear } from 'd3-scale';
import { area, curveStepAfter, curveLinear, line } from 'd3-shape';
import { select } from 'd3-selection';
import type { ChartModel, ChartMark, ChartRule, ChartSeries } from '../view-model/capacity/chart.ts';
import type { CostLayer, CostMeter } from '../view-model/capacity/cost.ts';

export const CHART_WIDTH = 320;
export const CHART_HEIGHT = 110;
const M = { top: 12, right: 8, bottom: 16, left: 30 };

/** `12m`, `1h05m`: virtual time on the x axis. */
export function minuteLabel(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  return minutes < 60 ? `${minutes}m` : `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}

function scales(tStart: number, tEnd: number, yMax: number) {
  return {
    x: scaleLinear().domain([tStart, tEnd]).range([M.left, CHART_WIDTH - M.right]),
    y: scaleLinear().domain([0, yMax]).range([CHART_HEIGHT - M.bottom, M.top]),
  };
}

type Scales = ReturnType<typeof scales>;

/** Counts (unit '') get whole-number ticks only: half of a 3-instance axis is no tick. */
function frame(svg: SVGSVGElement, s: Scales, yMax: number, unit: string, format: (v: number) => string = (v) => `${+v.toFixed(2)}${unit}`, counts = unit === ''): void {
  const root = select(svg).attr('viewBox', `0 0 ${CHART_WIDTH} ${CHART_HEIGHT}`);
  const axis = root.selectAll<SVGGElement, null>('g.axis').data([null]).join('g').attr('class', 'axis');
  const yTicks = [0, yMax / 2, yMax].filter((v) => !counts || Number.isInteger(v));
  axis
    .selectAll<SVGLineElement, number>('line.grid')
    .data(yTicks)
    .join('line')
    .attr('class', 'grid')
    .attr('x1', M.left)
    .attr('x2', CHART_WIDTH - M.right)
    .attr('y1', (v) => s.y(v))
    .attr('y2', (v) => s.y(v));
  axis
    .selectAll<SVGTextElement, number>('text.y-tick')
    .data(yTicks)
    .join('text')
    .attr('class', 'y-tick')
    .attr('x', M.left - 4)
    .attr('y', (v) => s.y(v) + 3)
    .attr('text-anchor', 'end')
    .text(format);
  const [t0, t1] = s.x.domain() as [number, number];
  axis
    .selectAll<SVGTextElement, number>('text.x-tick')
    .data([t0, t1])
    .join('text')
    .attr('class', 'x-tick')
    .attr('x', (t) => s.x(t))
    .attr('y', CHART_HEIGHT - 4)
    .attr('text-anchor', (_t, i) => (i === 0 ? 'start' : 'end'))
    .text((t) => minuteLabel(t));
}

/** A ChartModel: lines, reference rules and activity marks. */
export function renderTimeChart(svg: SVGSVGElement, model: ChartModel): void {
  const s = scales(model.tStart, model.tEnd, model.yMax);
  frame(svg, s, model.yMax, model.unit);
  const root = select(svg);
  root
    .selectAll<SVGGElement, ChartRule>('g.rule')
    .data(model.rules, (d) => d.key)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'rule');
      g.append('line');
      g.append('text');
      return g;
    })
    .attr('data-rule', (d) => d.key)
    .call((g) =>
      g
        .select('line')
        .attr('x1', M.left)
        .attr('x2', CHART_WIDTH - M.right)
        .attr('y1', (d) => s.y(d.value))
        .attr('y2', (d) => s.y(d.value)),
    )
    .call((g) =>
      g
        .select('text')
        .attr('x', CHART_WIDTH - M.right - 2)
        .attr('y', (d) => s.y(d.value) - 3)
        .attr('text-anchor', 'end')
        .text((d) => d.label),
    );
  root
    .selectAll<SVGPathElement, ChartSeries>('path.series')
    .data(model.series, (d) => d.key)
    .join('path')
    .attr('class', 'series')
    .attr('data-series', (d) => d.key)
    .attr('data-points', (d) => d.points.length)
    // A palette role, var(--series-…): a style, since SVG attributes take no var().
    .style('stroke', (d) => d.color)
    .attr('d', (d) =>
      line<{ t: number; v: number }>()
        .x((p) => s.x(p.t))
        .y((p) => s.y(p.v))
        .curve(d.step ? curveStepAfter : curveLinear)(d.points),
    );
  // The latest value of each series as a dot: a one-point series (the first minute) shows too.
  root
    .selectAll<SVGCircleElement, ChartSeries>('circle.now')
    .data(
      model.series.filter((d) => d.points.length > 0),
      (d) => d.key,
    )
    .join('circle')
    .attr('class', 'now')
    .attr('r', 2.5)
    .style('fill', (d) => d.color)
    .attr('cx', (d) => s.x(d.points.at(-1)!.t))
    .attr('cy', (d) => s.y(d.points.at(-1)!.v));
  renderMarks(root, model.marks, s);
}

function renderMarks(root: ReturnType<typeof select<SVGSVGElement, unknown>>, marks: ChartMark[], s: Scales): void {
  const g = root
    .selectAll<SVGGElement, ChartMark>('g.mark')
    .data(marks, (d) => d.key)
    .join((enter) => {
      const mark = enter.append('g').attr('class', 'mark');
      mark.append('title');
      mark.append('line');
      mark.append('path');
      return mark;
    });
  g.select('title').text((d) => d.label);
  g.select('line')
    .attr('x1', (d) => s.x(d.t))
    .attr('x2', (d) => s.x(d.t))
    .attr('y1', M.top)
    .attr('y2', CHART_HEIGHT - M.bottom);
  g.select('path').attr('d', (d) => `M${s.x(d.t) - 4},${M.top - 8}h8l-4,6z`);
}

/** The cost meter's stacked bands of $/hour by launch type. */
export function renderCostChart(svg: SVGSVGElement, meter: CostMeter): void {
  const s = scales(meter.tStart, meter.tEnd, meter.rateMax);
  frame(svg, s, meter.rateMax, '', (v) => `$${v < 1 ? v.toFixed(2) : v.toFixed(1)}`, false);
  const band = area<{ t: number; y0: number; y1: number }>()
    .x((p) => s.x(p.t))
    .y0((p) => s.y(p.y0))
    .y1((p) => s.y(p.y1))
    .curve(curveStepAfter);
  select(svg)
    .selectAll<SVGPathElement, CostLayer>('path.band')
    .data(meter.layers, (d) => d.key)
    .join('path')
    .attr('class', 'band')
    .attr('data-launch-type', (d) => d.key)
    .style('fill', (d) => d.color)
    .attr('d', (d) => band(d.points));
}
