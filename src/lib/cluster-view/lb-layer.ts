/**
 * The load balancers, drawn above the cluster with D3: a strip of boxes (one per ALB, NLB or
 * Classic LB, with its listeners and target groups), a legend of target health, and an SVG overlay
 * with one line per registered target, from its target group down to the task tile behind it (or
 * to the instance box for a Classic LB), coloured by health. With dynamic host ports several
 * tasks on one instance are several targets (instance id + a different port each): each gets its
 * own line, to its own tile, with its port written at the end.
 *
 * It is a lazy chunk (ClusterView imports it once a snapshot has a load balancer or target group),
 * so a sandbox without load balancers pays nothing for it at first paint. It decides nothing: the
 * boxes and links come from view-model/load-balancers.ts; this measures where the marks are.
 */
import { select, type Selection } from 'd3-selection';
import { loadBalancerViewModel, type BalancerBox, type LoadBalancerViewModel, type TargetGroupChip, type TargetLink } from '../view-model/load-balancers.ts';
import type { Snapshot } from '../../../workers/protocol.ts';

export { loadBalancerViewModel };
export type { LoadBalancerViewModel };

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Draw the strip's boxes and the legend into `strip`. */
export function renderBalancers(strip: HTMLElement, vm: LoadBalancerViewModel): void {
  const root = select(strip);
  const boxes = root
    .selectAll<HTMLElement, BalancerBox>(':scope > div.lb-boxes')
    .data([vm.balancers])
    .join((e) => e.append('div').attr('class', 'lb-boxes'))
    .selectAll<HTMLElement, BalancerBox>(':scope > article.lb')
    .data((d) => d, (d) => d.key)
    .join((enter) => {
      const box = enter.append('article').attr('class', 'lb').attr('role', 'group');
      const head = box.append('header');
      head.append('span').attr('class', 'lb-badge');
      head.append('span').attr('class', 'lb-name');
      head.append('span').attr('class', 'lb-state');
      box.append('div').attr('class', 'lb-listeners');
      box.append('div').attr('class', 'lb-groups');
      return box;
    });
  boxes.attr('data-kind', (d) => d.kind).attr('data-lb', (d) => d.arn).attr('aria-label', (d) => d.ariaLabel).attr('title', (d) => (d.dnsName ? `${d.name} — ${d.dnsName}` : d.name));
  boxes.select('.lb-badge').text((d) => d.badge);
  boxes.select('.lb-name').text((d) => d.name);
  boxes.select('.lb-state').text((d) => (d.state === 'active' ? '' : d.state));
  boxes
    .select<HTMLElement>('.lb-listeners')
    .selectAll<HTMLElement, BalancerBox['listeners'][number]>(':scope > span')
    .data((d) => d.listeners, (d) => d.key)
    .join('span')
    .attr('class', 'lb-listener')
    .text((d) => d.text);
  const groups = boxes
    .select<HTMLElement>('.lb-groups')
    .selectAll<HTMLElement, TargetGroupChip>(':scope > div.tg')
    .data((d) => d.targetGroups, (d) => d.key)
    .join((enter) => {
      const chip = enter.append('div').attr('class', 'tg');
      chip.append('span').attr('class', 'tg-name');
      chip.append('span').attr('class', 'tg-detail');
      chip.append('span').attr('class', 'tg-counts');
      chip.append('span').attr('class', 'tg-problem');
      return chip;
    });
  groups.attr('data-tg', (d) => d.key).attr('title', (d) => `${d.name} (${d.detail}): ${d.countsText}${d.problem ? `. Unhealthy: ${d.problem}` : ''}`);
  // Why targets fail their health checks (e.g. a security group that does not let the load
  // balancer reach the dynamic ports) is the first thing a learner needs to see.
  groups.select('.tg-problem').text((d) => d.problem ?? '').property('hidden', (d) => d.problem === null);
  groups.select('.tg-name').text((d) => d.name);
  groups.select('.tg-detail').text((d) => d.detail);
  groups.select('.tg-counts').text((d) => d.countsText);

  const legend = root
    .selectAll<HTMLElement, LoadBalancerViewModel['legend']>(':scope > div.lb-legend')
    .data([vm.legend])
    .join((e) => e.append('div').attr('class', 'lb-legend').attr('aria-label', 'Target health'));
  legend
    .selectAll<HTMLElement, LoadBalancerViewModel['legend'][number]>(':scope > span')
    .data((d) => d, (d) => d.state)
    .join((enter) => {
      const item = enter.append('span');
      item.append('i').attr('class', 'lb-swatch');
      item.append('span').attr('class', 'lb-legend-text');
      return item;
    })
    .attr('data-health', (d) => d.state)
    .attr('title', (d) => d.label)
    .select('.lb-legend-text')
    .text((d) => d.state);
}

/** `el`'s top-left within `root`, through the offsetParent chain (unaffected by CSS transforms). */
function offsetWithin(el: HTMLElement, root: HTMLElement): { x: number; y: number } | null {
  let x = 0;
  let y = 0;
  let node: HTMLElement | null = el;
  while (node && node !== root) {
    x += node.offsetLeft;
    y += node.offsetTop;
    const parent = node.offsetParent as HTMLElement | null;
    // Scrolled containers between the mark and the root shift it too.
    for (let p: HTMLElement | null = node.parentElement; p && p !== parent && p !== root; p = p.parentElement) {
      x -= p.scrollLeft;
      y -= p.scrollTop;
    }
    node = parent;
  }
  return node === root ? { x, y } : null;
}

interface Geometry {
  link: TargetLink;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** Where each link starts (its chip's bottom edge, spread over the chip) and ends (its tile's top). */
function measure(root: HTMLElement, strip: HTMLElement, zones: HTMLElement, links: TargetLink[]): Geometry[] {
  const perChip = new Map<string, TargetLink[]>();
  for (const link of links) {
    const list = perChip.get(link.fromKey);
    if (list) list.push(link);
    else perChip.set(link.fromKey, [link]);
  }
  // One pass over the marks rather than one selector query per link: a service of a thousand
  // tasks is a thousand links, redrawn with every snapshot.
  const marks = new Map<string, HTMLElement>();
  for (const el of zones.querySelectorAll<HTMLElement>('.instance[data-arn], .tile[data-arn]:not(.exiting)')) marks.set(el.dataset.arn!, el);
  const chips = new Map<string, HTMLElement>();
  for (const el of strip.querySelectorAll<HTMLElement>('.tg[data-tg]')) chips.set(el.dataset.tg!, el);
  const out: Geometry[] = [];
  for (const [chipKey, chipLinks] of perChip) {
    const chip = chips.get(chipKey);
    const from = chip ? offsetWithin(chip, root) : null;
    if (!chip || !from) continue;
    const ends = chipLinks.map((link) => {
      const el = (link.taskArn ? marks.get(link.taskArn) : undefined) ?? (link.instanceArn && !link.taskArn ? marks.get(link.instanceArn) : undefined);
      const at = el ? offsetWithin(el, root) : null;
      return el && at ? { link, x: at.x + el.offsetWidth / 2, y: at.y } : null;
    });
    const drawn = ends.filter((e): e is NonNullable<typeof e> => e !== null).sort((a, b) => a.x - b.x || a.y - b.y);
    const n = drawn.length;
    drawn.forEach((end, i) => {
      // Spread the starts across the chip in the order of the ends, so lines do not cross at the top.
      const x1 = from.x + (chip.offsetWidth * (i + 1)) / (n + 1);
      out.push({ link: end.link, x1, y1: from.y + chip.offsetHeight, x2: end.x, y2: end.y });
    });
  }
  return out;
}

function pathOf(g: Geometry): string {
  const dy = Math.max(30, (g.y2 - g.y1) / 2);
  return `M${g.x1.toFixed(1)},${g.y1.toFixed(1)} C${g.x1.toFixed(1)},${(g.y1 + dy).toFixed(1)} ${g.x2.toFixed(1)},${(g.y2 - dy).toFixed(1)} ${g.x2.toFixed(1)},${g.y2.toFixed(1)}`;
}

/**
 * Draw (or redraw after a layout change) the links into `svg`, an overlay of `root`. Each link is
 * a group with its path, an end dot and, for port targets, the port above the tile. With a service
 * picked in the services panel, the other services' lines fade like their tiles.
 */
export function renderLinks(root: HTMLElement, strip: HTMLElement, zones: HTMLElement, svg: SVGSVGElement, vm: LoadBalancerViewModel, selectedService: string | null = null): void {
  const geometry = measure(root, strip, zones, vm.links);
  const sel = select(svg).attr('width', root.scrollWidth).attr('height', root.scrollHeight);
  const groups: Selection<SVGGElement, Geometry, SVGSVGElement, unknown> = sel
    .selectAll<SVGGElement, Geometry>(':scope > g.lb-link')
    .data(geometry, (d) => d.link.key)
    .join((enter) => {
      const g = enter.append((): SVGGElement => document.createElementNS(SVG_NS, 'g') as SVGGElement).attr('class', 'lb-link');
      g.append(() => document.createElementNS(SVG_NS, 'title'));
      g.append(() => document.createElementNS(SVG_NS, 'path')).attr('class', 'lb-line');
      g.append(() => document.createElementNS(SVG_NS, 'circle')).attr('class', 'lb-end').attr('r', 3);
      g.append(() => document.createElementNS(SVG_NS, 'text')).attr('class', 'lb-port').attr('text-anchor', 'middle');
      return g;
    });
  groups
    .attr('data-health', (d) => d.link.health)
    .attr('data-target', (d) => d.link.label)
    .attr('data-task', (d) => d.link.taskArn ?? '')
    .classed('svc-dim', (d) => selectedService !== null && d.link.service !== selectedService);
  groups.select('title').text((d) => d.link.title);
  groups.select('path').attr('d', pathOf);
  groups.select('circle').attr('cx', (d) => d.x2).attr('cy', (d) => d.y2);
  groups
    .select('text')
    .attr('x', (d) => d.x2)
    .attr('y', (d) => d.y2 - 5)
    .text((d) => (d.link.port === null ? '' : `:${d.link.port}`));
}

/** The whole layer for one snapshot (the view model is computed here, inside the lazy chunk). */
export function renderLoadBalancerLayer(root: HTMLElement, strip: HTMLElement, zones: HTMLElement, svg: SVGSVGElement, snapshot: Snapshot | null, selectedService: string | null = null): LoadBalancerViewModel {
  const vm = loadBalancerViewModel(snapshot);
  renderBalancers(strip, vm);
  renderLinks(root, strip, zones, svg, vm, selectedService);
  return vm;
}
