/**
 * Draws the cluster view model with D3: keyed joins from rows to HTML marks (AZ columns, instance
 * boxes, task tiles). It decides nothing: every number and label comes from the view model.
 * HTML rather than SVG, so boxes reflow with the page and are focusable, labelled buttons for
 * keyboards and screen readers.
 *
 * Motion is CSS (app.css): a new tile or box plays an enter animation when inserted, an exiting
 * tile gets the `exiting` class and is removed once its exit animation is over, and bars
 * transition their width. That keeps d3-transition (and d3-interpolate/d3-color, ~11 KB gzip)
 * out of the initial bundle, and `prefers-reduced-motion` turns it all off in one place.
 */
import { select, type EnterElement, type Selection } from 'd3-selection';
import type { ClusterViewModel, InstanceBox, ResourceBar, TaskTile, ZoneColumn } from '../view-model/cluster.ts';

/** Must match the `tile-out` animation's duration in app.css. */
export const EXIT_MS = 450;

type Sel<E extends Element, D> = Selection<E, D, HTMLElement, unknown>;
type Enter<D> = Selection<EnterElement, D, HTMLElement, unknown>;

/** Render `vm` into `root`; call again with each new view model. */
export function renderCluster(root: HTMLElement, vm: ClusterViewModel): void {
  const zones = select(root)
    .selectAll<HTMLElement, ZoneColumn>(':scope > section.zone')
    .data(vm.zones, (d) => d.key)
    .join((enter) => {
      const zone = enter.append('section').attr('class', 'zone');
      zone.append('h3').attr('class', 'zone-title');
      zone.append('div').attr('class', 'instances');
      return zone;
    });
  zones.attr('aria-label', (d) => `Availability zone ${d.zone}`);
  zones.select('h3.zone-title').text((d) => d.zone);

  const instances = zones
    .select<HTMLElement>('div.instances')
    .selectAll<HTMLElement, InstanceBox>(':scope > article.instance')
    .data((d) => d.instances, (d) => d.key)
    .join(
      (enter) => enterInstance(enter),
      (update) => update,
      (exit) => exit.remove(),
    );
  updateInstances(instances);

  const tiles = instances
    .select<HTMLElement>('div.tiles')
    .selectAll<HTMLElement, TaskTile>(':scope > div.tile:not(.exiting)')
    .data((d) => d.tasks, (d) => d.key)
    .join(
      (enter) => enterTile(enter),
      (update) => update,
      (exit) =>
        exit
          .classed('exiting', true)
          .attr('tabindex', -1)
          .attr('aria-hidden', 'true')
          .each(function () {
            setTimeout(() => this.remove(), EXIT_MS);
          }),
    );
  updateTiles(tiles);
}

function enterInstance(enter: Enter<InstanceBox>): Sel<HTMLElement, InstanceBox> {
  const box = enter.append('article').attr('class', 'instance').attr('tabindex', 0).attr('role', 'button');
  const head = box.append('header');
  head.append('span').attr('class', 'instance-id');
  head.append('span').attr('class', 'instance-type');
  head.append('span').attr('class', 'instance-status');
  for (const name of ['cpu', 'memory'] as const) {
    const bar = box.append('div').attr('class', `bar bar-${name}`);
    bar.append('span').attr('class', 'bar-label').text(name === 'cpu' ? 'CPU' : 'Memory');
    bar.append('div').attr('class', 'bar-track').append('div').attr('class', 'bar-fill');
    bar.append('span').attr('class', 'bar-numbers');
  }
  box.append('div').attr('class', 'tiles');
  return box;
}

function updateInstances(instances: Sel<HTMLElement, InstanceBox>): void {
  instances
    .attr('data-arn', (d) => d.containerInstanceArn)
    .attr('data-kind', 'instance')
    .attr('data-status', (d) => d.status)
    .attr('aria-label', (d) => d.ariaLabel)
    .classed('inactive', (d) => d.status !== 'ACTIVE');
  instances
    .select('.instance-id')
    .text((d) => d.ec2InstanceId)
    .attr('title', (d) => d.ec2InstanceId);
  instances.select('.instance-type').text((d) => d.instanceType);
  instances.select('.instance-status').text((d) => (d.status === 'ACTIVE' ? '' : d.status));
  const bars: [string, (d: InstanceBox) => ResourceBar][] = [
    ['.bar-cpu', (d) => d.cpu],
    ['.bar-memory', (d) => d.memory],
  ];
  for (const [cls, pick] of bars) {
    const bar = instances.select<HTMLElement>(cls);
    bar.select('.bar-numbers').text((d) => pick(d).text);
    bar
      .select<HTMLElement>('.bar-fill')
      .classed('high', (d) => pick(d).fraction > 0.85)
      .style('width', (d) => `${(pick(d).fraction * 100).toFixed(1)}%`);
  }
}

function enterTile(enter: Enter<TaskTile>): Sel<HTMLElement, TaskTile> {
  const tile = enter.append('div').attr('class', 'tile').attr('tabindex', 0).attr('role', 'button');
  tile.append('span').attr('class', 'tile-def');
  tile.append('span').attr('class', 'tile-id');
  tile.append('span').attr('class', 'tile-status');
  return tile as unknown as Sel<HTMLElement, TaskTile>;
}

function updateTiles(tiles: Sel<HTMLElement, TaskTile>): void {
  tiles
    .attr('data-arn', (d) => d.taskArn)
    .attr('data-kind', 'task')
    .attr('data-status', (d) => d.lastStatus)
    .attr('data-family', (d) => d.family)
    .attr('aria-label', (d) => d.ariaLabel)
    .attr('title', (d) => d.ariaLabel)
    .attr('data-phase', (d) => d.phase)
    .style('--family', (d) => d.color);
  tiles.select('.tile-def').text((d) => d.definition);
  tiles.select('.tile-id').text((d) => d.shortId);
  tiles.select('.tile-status').text((d) => d.lastStatus);
}
