/**
 * Draws a sparkline with D3: a line and the area under it over the points' time span, 0 at the
 * bottom, the peak labelled in a corner, and a dot on the newest point. Points come from the view
 * model (lib/view-model/events/queues.ts); this only joins them to SVG.
 */
import { scaleLinear } from 'd3-scale';
import { select } from 'd3-selection';
import { area, line } from 'd3-shape';
import type { ChartPoint } from '../../lib/view-model/capacity/chart.ts';

const W = 180;
const H = 40;
/** The narrowest time span drawn, ms. */
const MIN_SPAN_MS = 10 * 60_000;
const PAD = { top: 13, right: 4, bottom: 2, left: 2 };

export function renderSparkline(el: SVGSVGElement, points: ChartPoint[]): void {
  const svg = select(el).attr('viewBox', `0 0 ${W} ${H}`);
  // The newest point sits at the right edge; a short history fills it from the right, at least
  // ten minutes wide, so the first minutes do not stretch into a steep line across the box.
  const t1 = points.at(-1)?.t ?? 0;
  const t0 = Math.min(points[0]?.t ?? 0, t1 - MIN_SPAN_MS);
  const highest = Math.max(0, ...points.map((p) => p.v));
  // An all-zero line sits on the bottom rather than filling the height.
  const peak = Math.max(1, highest);
  const x = scaleLinear().domain([t0, t1]).range([PAD.left, W - PAD.right]);
  const y = scaleLinear().domain([0, peak]).range([H - PAD.bottom, PAD.top]);
  const shown = points.length > 0 ? [points] : [];
  svg
    .selectAll('path.area')
    .data(shown)
    .join('path')
    .attr('class', 'area')
    .attr('d', (d) => area<ChartPoint>().x((p) => x(p.t)).y0(y(0)).y1((p) => y(p.v))(d));
  svg
    .selectAll('path.line')
    .data(shown)
    .join('path')
    .attr('class', 'line')
    .attr('d', (d) => line<ChartPoint>().x((p) => x(p.t)).y((p) => y(p.v))(d));
  const last = points.at(-1);
  svg
    .selectAll('circle.last')
    .data(last ? [last] : [])
    .join('circle')
    .attr('class', 'last')
    .attr('r', 2.5)
    .attr('cx', (p) => x(p.t))
    .attr('cy', (p) => y(p.v));
  svg
    .selectAll('text.peak')
    .data(points.length > 1 ? [highest] : [])
    .join('text')
    .attr('class', 'peak')
    .attr('x', PAD.left)
    .attr('y', 8)
    .text((v) => `peak ${v}`);
}
