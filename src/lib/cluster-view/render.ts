/**
 * Draws the cluster view model with D3: keyed joins from rows to HTML marks (AZ columns, instance
 * boxes with their bars, ENI slots and host ports, task tiles, and each column's Fargate lane). It decides nothing: every number and label comes from the view model.
 * HTML rather than SVG, so boxes reflow with the page and are focusable, labelled buttons for
 * keyboards and screen readers.
 *
 * Motion is CSS (app.css): a new tile or box plays an enter animation when inserted, an exiting
 * tile gets the `exiting` class and is removed once its exit animation is over, and bars
 * transition their width. That keeps d3-transition (and d3-interpolate/d3-color, ~11 KB gzip)
 * out of the initial bundle, and `prefers-reduced-motion` turns it all off in one place.
 */
import { select, type EnterElement, type Selection } from 'd3-selection';
import type { ClusterViewModel, FargateTile, GhostInstance, InstanceBox, ResourceBar, TaskTile, ZoneColumn } from '../view-model/cluster.ts';

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
      zone.append('p').attr('class', 'zone-outage').attr('role', 'status');
      zone.append('div').attr('class', 'instances');
      zone.append('div').attr('class', 'ghost-instances');
      const lane = zone.append('div').attr('class', 'fargate-lane').attr('role', 'group');
      lane.append('h4').attr('class', 'lane-title').text('Fargate (serverless)');
      lane.append('div').attr('class', 'tiles');
      return zone;
    });
  zones.attr('aria-label', (d) => `Availability zone ${d.zone}${d.outage ? ' (out of service)' : ''}`).classed('zone-out', (d) => d.outage !== null);
  zones.select('h3.zone-title').text((d) => d.zone);
  zones
    .select<HTMLElement>('p.zone-outage')
    .property('hidden', (d) => d.outage === null)
    .text((d) => d.outage ?? '');
  renderGhosts(zones);
  zones
    .select<HTMLElement>('div.fargate-lane')
    .property('hidden', !vm.showFargateLanes)
    .attr('aria-label', (d) => d.fargateLabel)
    .classed('empty-lane', (d) => d.fargate.length === 0);
  const fargateTiles = joinTiles(
    zones.select<HTMLElement>('div.fargate-lane > div.tiles').selectAll<HTMLElement, FargateTile>(':scope > div.tile:not(.exiting)').data((d) => d.fargate, (d) => d.key),
    enterFargateTile,
  );
  updateTiles(fargateTiles);
  updateFargateTiles(fargateTiles);

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

  const tiles = joinTiles(
    instances.select<HTMLElement>('div.tiles').selectAll<HTMLElement, TaskTile>(':scope > div.tile:not(.exiting)').data((d) => d.tasks, (d) => d.key),
    enterTile,
  );
  updateTiles(tiles);
}

/** The keyed join every tile shares: new ones enter, leaving ones play their exit, then go. */
function joinTiles<T extends TaskTile>(bound: Selection<HTMLElement, T, HTMLElement, unknown>, enter: (e: Enter<T>) => Sel<HTMLElement, T>): Sel<HTMLElement, T> {
  return bound.join(
    (e) => enter(e),
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
}

/**
 * EC2 instances that are not container instances (yet, or any more): outlines with the boot (or
 * shutdown) animation of app.css. When the agent registers, the outline leaves and the real box
 * enters in its place.
 */
function renderGhosts(zones: Sel<HTMLElement, ZoneColumn>): void {
  const ghosts = zones
    .select<HTMLElement>('div.ghost-instances')
    .selectAll<HTMLElement, GhostInstance>(':scope > div.ghost')
    .data((d) => d.ghosts, (d) => d.key)
    .join((enter) => {
      const ghost = enter.append('div').attr('class', 'ghost').attr('tabindex', 0).attr('role', 'img');
      ghost.append('span').attr('class', 'instance-id');
      ghost.append('span').attr('class', 'instance-type');
      ghost.append('span').attr('class', 'ghost-phase');
      ghost.append('span').attr('class', 'instance-owner');
      return ghost;
    });
  ghosts
    .attr('data-instance-id', (d) => d.instanceId)
    .attr('data-phase', (d) => d.phase)
    .attr('aria-label', (d) => d.ariaLabel)
    .attr('title', (d) => d.ariaLabel)
    .classed('spot', (d) => d.spot);
  ghosts.select('.instance-id').text((d) => d.instanceId);
  ghosts.select('.instance-type').text((d) => `${d.instanceType}${d.spot ? ' · Spot' : ''}`);
  ghosts.select('.ghost-phase').text((d) => d.phaseText);
  ghosts.select('.instance-owner').text((d) => d.owner ?? '');
}

function enterInstance(enter: Enter<InstanceBox>): Sel<HTMLElement, InstanceBox> {
  const box = enter.append('article').attr('class', 'instance').attr('tabindex', 0).attr('role', 'button');
  const head = box.append('header');
  head.append('span').attr('class', 'instance-id');
  head.append('span').attr('class', 'instance-type');
  head.append('span').attr('class', 'instance-status');
  box.append('div').attr('class', 'instance-owner');
  for (const name of ['cpu', 'memory'] as const) {
    const bar = box.append('div').attr('class', `bar bar-${name}`);
    bar.append('span').attr('class', 'bar-label').text(name === 'cpu' ? 'CPU' : 'Memory');
    bar.append('div').attr('class', 'bar-track').append('div').attr('class', 'bar-fill');
    bar.append('span').attr('class', 'bar-numbers');
  }
  const eni = box.append('div').attr('class', 'net-row eni-row');
  eni.append('span').attr('class', 'net-label').text('ENIs');
  eni.append('span').attr('class', 'eni-slots');
  eni.append('span').attr('class', 'net-value eni-numbers');
  const ports = box.append('div').attr('class', 'net-row ports-row');
  ports.append('span').attr('class', 'net-label').text('Host ports');
  ports.append('span').attr('class', 'net-value ports-value');
  box.append('div').attr('class', 'tiles');
  return box;
}

function updateInstances(instances: Sel<HTMLElement, InstanceBox>): void {
  instances
    .attr('data-arn', (d) => d.containerInstanceArn)
    .attr('data-kind', 'instance')
    .attr('data-status', (d) => d.status)
    .attr('aria-label', (d) => d.ariaLabel)
    .classed('draining', (d) => d.draining)
    .classed('inactive', (d) => d.status !== 'ACTIVE' && !d.draining)
    .classed('spot', (d) => d.capacity.spot)
    .classed('external', (d) => d.capacity.external)
    .classed('disconnected', (d) => d.capacity.disconnected)
    .classed('shutting-down', (d) => d.capacity.shuttingDown)
    .classed('spot-notice', (d) => d.capacity.spotNotice !== null);
  instances
    .select<HTMLElement>('.instance-owner')
    .property('hidden', (d) => !d.capacity.owner && !d.capacity.spot && !d.capacity.external && !d.capacity.disconnected)
    .text((d) => instanceTags(d));
  instances
    .select('.instance-id')
    .text((d) => d.ec2InstanceId)
    .attr('title', (d) => d.ec2InstanceId);
  instances.select('.instance-type').text((d) => d.instanceType);
  instances.select('.instance-status').text((d) => (d.capacity.shuttingDown ? 'shutting down' : d.status === 'ACTIVE' ? '' : d.status));
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
  updateNetwork(instances);
}

/** The capacity line under an instance's header: `EXTERNAL · SPOT · agent disconnected · cp-web`. */
function instanceTags(d: InstanceBox): string {
  const c = d.capacity;
  return [c.external ? 'EXTERNAL' : null, c.spot ? 'SPOT' : null, c.spotNotice, c.disconnected ? 'agent disconnected' : null, c.owner].filter(Boolean).join(' · ');
}

/** ENI slots (one square each, or a bar when trunking gives dozens) and the host ports in use. */
function updateNetwork(instances: Sel<HTMLElement, InstanceBox>): void {
  const eni = instances.select<HTMLElement>('.eni-row').attr('title', (d) => `ENI slots for awsvpc tasks: ${d.eni.text} in use. ${d.eni.detail}`);
  eni.select('.eni-numbers').text((d) => d.eni.text);
  const slots = eni.select<HTMLElement>('.eni-slots');
  slots
    .selectAll<HTMLElement, boolean>(':scope > i.slot')
    .data((d) => d.eni.slots)
    .join('i')
    .attr('class', 'slot')
    .classed('used', (used) => used);
  slots
    .selectAll<HTMLElement, InstanceBox>(':scope > span.slot-bar')
    .data((d) => (d.eni.slots.length === 0 ? [d] : []))
    .join((enter) => {
      const bar = enter.append('span').attr('class', 'slot-bar');
      bar.append('span').attr('class', 'slot-bar-fill');
      return bar;
    })
    .select<HTMLElement>('.slot-bar-fill')
    .style('width', (d) => `${(d.eni.fraction * 100).toFixed(1)}%`);
  instances
    .select<HTMLElement>('.ports-row')
    .attr('title', (d) => d.ports.full)
    .select('.ports-value')
    .text((d) => d.ports.compact)
    .classed('none', (d) => d.ports.tcp.length + d.ports.udp.length === 0);
}

function enterTile(enter: Enter<TaskTile>): Sel<HTMLElement, TaskTile> {
  const tile = enter.append('div').attr('class', 'tile').attr('tabindex', 0).attr('role', 'button');
  tile.append('span').attr('class', 'tile-def');
  tile.append('span').attr('class', 'tile-id');
  tile.append('span').attr('class', 'tile-status');
  tile.append('span').attr('class', 'tile-badge').attr('aria-hidden', 'true');
  return tile as unknown as Sel<HTMLElement, TaskTile>;
}

function enterFargateTile(enter: Enter<FargateTile>): Sel<HTMLElement, FargateTile> {
  const tile = enterTile(enter as unknown as Enter<TaskTile>) as unknown as Sel<HTMLElement, FargateTile>;
  tile.classed('fargate-tile', true);
  tile.append('span').attr('class', 'tile-size');
  tile.append('span').attr('class', 'tile-ip');
  return tile;
}

function updateFargateTiles(tiles: Sel<HTMLElement, FargateTile>): void {
  tiles.attr('title', (d) => d.title).attr('data-launch-type', 'FARGATE');
  tiles.select('.tile-size').text((d) => d.size);
  tiles.select('.tile-ip').text((d) => d.privateIp ?? 'no IP yet');
}

function updateTiles<T extends TaskTile>(tiles: Sel<HTMLElement, T>): void {
  tiles
    .attr('data-arn', (d) => d.taskArn)
    .attr('data-kind', 'task')
    .attr('data-status', (d) => d.lastStatus)
    .attr('data-family', (d) => d.family)
    .attr('aria-label', (d) => d.ariaLabel)
    .attr('title', (d) => d.ariaLabel)
    .attr('data-phase', (d) => d.phase)
    .attr('data-service', (d) => d.service)
    .attr('data-deployment', (d) => d.deployment)
    .attr('data-interruption', (d) => d.interruption)
    .classed('spot', (d) => d.spot)
    .style('--family', (d) => d.color);
  tiles.select('.tile-def').text((d) => d.definition);
  tiles.select('.tile-id').text((d) => d.shortId);
  tiles.select('.tile-status').text((d) => d.interruptionText ?? d.lastStatus);
  tiles.select('.tile-badge').text((d) => d.badge);
}

/**
 * The services panel's selection: tiles of `serviceName` stand out, every other tile dims. `null`
 * clears it. Applied after each render (new tiles enter undimmed otherwise).
 */
export function highlightService(root: HTMLElement, serviceName: string | null): void {
  select(root)
    .classed('service-selected', serviceName !== null)
    .selectAll<HTMLElement, TaskTile>('div.tile')
    .classed('svc-hit', (d) => serviceName !== null && d?.service === serviceName);
}
