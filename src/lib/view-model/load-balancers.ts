/**
 * The load-balancer layer's view model: a pure function of a snapshot. Each load balancer (ALB,
 * NLB, and Classic when the snapshot has them) becomes a box above the cluster with its listeners
 * and target groups; each registered target becomes a link from its target group to the task
 * behind it, coloured by the target's health. How a target names its task follows how ECS
 * registers them (ECS Developer Guide, load-balancer-types):
 * - target type `instance` (bridge/host tasks): the EC2 instance id + the host port bound for the
 *   container port. With dynamic host ports many tasks of one service share an instance, each
 *   behind its own port: each is its own link, ending at its own task tile, labelled with its port.
 * - target type `ip` (awsvpc and Fargate tasks): the private IP of the task's ENI + container port.
 * - Classic: the EC2 instance itself (no port); the link ends at the instance box.
 * D3 only joins these rows to marks and measures where the ends are.
 */
import type { ElbListener, ElbLoadBalancer, ElbTargetGroup, ElbTargetState, Snapshot, Task } from '../../../workers/protocol.ts';
import { arnId } from './arn.ts';
import { eniDetail } from './cluster-fargate.ts';
import { serviceNameOfTask } from './service-tasks.ts';

/** The health a link is coloured by: elbv2's target states, plus Classic's two. */
export type LinkHealth = ElbTargetState | 'InService' | 'OutOfService';

/** Legend order and wording; `unused` and the Classic states appear only when present. */
export const HEALTH_LEGEND: { state: LinkHealth; label: string }[] = [
  { state: 'initial', label: 'initial (registering, health checks not yet passed)' },
  { state: 'healthy', label: 'healthy (receives requests)' },
  { state: 'unhealthy', label: 'unhealthy (failing health checks)' },
  { state: 'draining', label: 'draining (deregistering, deregistration delay)' },
  { state: 'unused', label: 'unused' },
  { state: 'InService', label: 'InService (Classic)' },
  { state: 'OutOfService', label: 'OutOfService (Classic)' },
];

export interface ListenerChip {
  key: string;
  /** `HTTP:80` */
  text: string;
  targetGroupArns: string[];
}

export interface TargetGroupChip {
  key: string;
  arn: string;
  name: string;
  /** `HTTP:80 · instance` */
  detail: string;
  targetType: 'instance' | 'ip' | 'classic';
  counts: Partial<Record<LinkHealth, number>>;
  /** `2 healthy, 1 initial` */
  countsText: string;
  /** Why targets are unhealthy, from the first unhealthy one (`Target.Timeout: Request timed out`), else null. */
  problem: string | null;
}

export interface BalancerBox {
  key: string;
  arn: string;
  name: string;
  kind: 'application' | 'network' | 'classic';
  /** ALB, NLB, CLB */
  badge: string;
  state: string;
  dnsName: string;
  listeners: ListenerChip[];
  targetGroups: TargetGroupChip[];
  ariaLabel: string;
}

export interface TargetLink {
  /** `<tg arn>|<id>:<port>`: stable while the target stays registered. */
  key: string;
  /** The chip the link starts from (a target group, or the Classic LB itself). */
  fromKey: string;
  health: LinkHealth;
  targetId: string;
  port: number | null;
  /** `i-0abc:32768` or `10.0.1.23:80` */
  label: string;
  /** The task tile the link ends at, when the target is a task we can see. */
  taskArn: string | null;
  /** That task's service (its group `service:<name>`), so picking a service can pick its lines. */
  service: string | null;
  /** Else the instance box (Classic, or a target with no task behind it). */
  instanceArn: string | null;
  reason: string;
  /** Tooltip: target, health, reason. */
  title: string;
}

export interface LoadBalancerViewModel {
  balancers: BalancerBox[];
  links: TargetLink[];
  /** Legend rows for the states present (always the four elbv2 states when any LB exists). */
  legend: { state: LinkHealth; label: string }[];
}

export const EMPTY_LB_VIEW: LoadBalancerViewModel = { balancers: [], links: [], legend: [] };

/**
 * What the snapshot may carry beyond the pinned shape: listeners (DescribeListeners) and Classic
 * Load Balancers (elb DescribeLoadBalancers + DescribeInstanceHealth). Read defensively: absent
 * until the engine puts them there.
 */
export interface ClassicLoadBalancerLike {
  LoadBalancerName: string;
  DNSName?: string;
  ListenerDescriptions?: { Listener: { Protocol: string; LoadBalancerPort: number; InstancePort: number } }[];
  Instances?: { InstanceId: string }[];
  instanceHealth?: { InstanceId: string; State: 'InService' | 'OutOfService' | 'Unknown'; ReasonCode?: string; Description?: string }[];
}
type WiderSnapshot = Snapshot & { listeners?: ElbListener[]; classicLoadBalancers?: ClassicLoadBalancerLike[] };

/** Host port bound on an instance → the task bound to it; private IP → the task. */
interface TaskIndex {
  byInstancePort: Map<string, Task>;
  byIp: Map<string, Task>;
  instanceArnByEc2Id: Map<string, string>;
}

function indexTasks(snapshot: Snapshot): TaskIndex {
  const instanceArnByEc2Id = new Map<string, string>();
  const ec2IdByArn = new Map<string, string>();
  for (const ci of snapshot.containerInstances ?? []) {
    instanceArnByEc2Id.set(ci.ec2InstanceId, ci.containerInstanceArn);
    ec2IdByArn.set(ci.containerInstanceArn, ci.ec2InstanceId);
  }
  const byInstancePort = new Map<string, Task>();
  const byIp = new Map<string, Task>();
  // Newest last, so a live task wins over a stopped one that held the same port or IP before.
  const tasks = [...(snapshot.tasks ?? [])].sort((a, b) => rankForIndex(a) - rankForIndex(b) || (a.createdAt ?? '').localeCompare(b.createdAt ?? ''));
  for (const task of tasks) {
    const ec2Id = task.containerInstanceArn ? ec2IdByArn.get(task.containerInstanceArn) : undefined;
    if (ec2Id !== undefined) {
      for (const c of task.containers ?? []) for (const b of c.networkBindings ?? []) byInstancePort.set(`${ec2Id}:${b.hostPort}`, task);
    }
    const ip = eniDetail(task, 'privateIPv4Address');
    if (ip) byIp.set(ip, task);
  }
  return { byInstancePort, byIp, instanceArnByEc2Id };
}

function rankForIndex(task: Task): number {
  return task.lastStatus === 'STOPPED' ? 0 : 1;
}

const BADGES = { application: 'ALB', network: 'NLB', classic: 'CLB' } as const;

function countsText(counts: Partial<Record<LinkHealth, number>>): string {
  const parts = HEALTH_LEGEND.filter((l) => counts[l.state]).map((l) => `${counts[l.state]} ${l.state}`);
  return parts.length ? parts.join(', ') : 'no targets';
}

function targetGroupChip(tg: ElbTargetGroup): TargetGroupChip {
  const counts: Partial<Record<LinkHealth, number>> = {};
  for (const t of tg.targets ?? []) counts[t.TargetHealth.State] = (counts[t.TargetHealth.State] ?? 0) + 1;
  const unhealthy = (tg.targets ?? []).find((t) => t.TargetHealth.State === 'unhealthy');
  const problem = unhealthy ? [unhealthy.TargetHealth.Reason, unhealthy.TargetHealth.Description].filter(Boolean).join(': ') || 'unhealthy' : null;
  return {
    key: tg.TargetGroupArn,
    arn: tg.TargetGroupArn,
    name: tg.TargetGroupName,
    detail: `${tg.Protocol}:${tg.Port} · ${tg.TargetType}`,
    targetType: tg.TargetType,
    counts,
    countsText: countsText(counts),
    problem,
  };
}

function linkFor(tg: ElbTargetGroup, t: NonNullable<ElbTargetGroup['targets']>[number], index: TaskIndex): TargetLink {
  const { Id, Port } = t.Target;
  const task = tg.TargetType === 'ip' ? index.byIp.get(Id) : index.byInstancePort.get(`${Id}:${Port}`);
  const instanceArn = tg.TargetType === 'instance' ? index.instanceArnByEc2Id.get(Id) ?? null : task?.containerInstanceArn ?? null;
  const health = t.TargetHealth.State;
  const reason = [t.TargetHealth.Reason, t.TargetHealth.Description].filter(Boolean).join(': ');
  const label = `${Id}:${Port}`;
  return {
    key: `${tg.TargetGroupArn}|${label}`,
    fromKey: tg.TargetGroupArn,
    health,
    targetId: Id,
    port: Port,
    label,
    taskArn: task?.taskArn ?? null,
    service: task ? serviceNameOfTask(task) : null,
    instanceArn,
    reason,
    title: `${tg.TargetGroupName} → ${label}${task ? ` (task ${arnId(task.taskArn).slice(0, 8)})` : ''}: ${health}${reason ? ` — ${reason}` : ''}`,
  };
}

function listenerChips(lbArn: string, listeners: ElbListener[]): ListenerChip[] {
  return listeners
    .filter((l) => l.LoadBalancerArn === lbArn)
    .sort((a, b) => a.Port - b.Port)
    .map((l) => ({
      key: l.ListenerArn,
      text: `${l.Protocol}:${l.Port}`,
      targetGroupArns: l.DefaultActions.flatMap((a) => a.ForwardConfig?.TargetGroups?.map((g) => g.TargetGroupArn) ?? (a.TargetGroupArn ? [a.TargetGroupArn] : [])),
    }));
}

function balancerBox(lb: ElbLoadBalancer, groups: TargetGroupChip[], listeners: ListenerChip[]): BalancerBox {
  const badge = BADGES[lb.Type] ?? lb.Type;
  return {
    key: lb.LoadBalancerArn,
    arn: lb.LoadBalancerArn,
    name: lb.LoadBalancerName,
    kind: lb.Type,
    badge,
    state: lb.State?.Code ?? 'active',
    dnsName: lb.DNSName,
    listeners,
    targetGroups: groups,
    ariaLabel:
      `${badge} ${lb.LoadBalancerName} (${lb.State?.Code ?? 'active'})` +
      (listeners.length ? `, listeners ${listeners.map((l) => l.text).join(', ')}` : '') +
      (groups.length ? `, target groups ${groups.map((g) => `${g.name}: ${g.countsText}`).join('; ')}` : ', no target group'),
  };
}

function classicBox(clb: ClassicLoadBalancerLike, index: TaskIndex): { box: BalancerBox; links: TargetLink[] } {
  const key = `classic:${clb.LoadBalancerName}`;
  const health = new Map((clb.instanceHealth ?? []).map((h) => [h.InstanceId, h]));
  const ids = [...new Set([...(clb.Instances ?? []).map((i) => i.InstanceId), ...health.keys()])];
  const counts: Partial<Record<LinkHealth, number>> = {};
  const links = ids.map((id): TargetLink => {
    const h = health.get(id);
    const state: LinkHealth = h?.State === 'InService' ? 'InService' : h?.State === 'OutOfService' ? 'OutOfService' : 'initial';
    counts[state] = (counts[state] ?? 0) + 1;
    const reason = [h?.ReasonCode, h?.Description].filter((x) => x && x !== 'N/A').join(': ');
    return {
      key: `${key}|${id}`,
      fromKey: key,
      health: state,
      targetId: id,
      port: null,
      label: id,
      taskArn: null,
      service: null,
      instanceArn: index.instanceArnByEc2Id.get(id) ?? null,
      reason,
      title: `${clb.LoadBalancerName} → ${id}: ${state}${reason ? ` — ${reason}` : ''}`,
    };
  });
  const listeners = (clb.ListenerDescriptions ?? []).map((d, i) => ({
    key: `${key}#${i}`,
    text: `${d.Listener.Protocol}:${d.Listener.LoadBalancerPort} → ${d.Listener.InstancePort}`,
    targetGroupArns: [],
  }));
  const outOfService = links.find((l) => l.health === 'OutOfService');
  const chip: TargetGroupChip = {
    key,
    arn: key,
    name: 'instances',
    detail: 'registered EC2 instances',
    targetType: 'classic',
    counts,
    countsText: countsText(counts),
    problem: outOfService ? outOfService.reason || 'OutOfService' : null,
  };
  return {
    box: {
      key,
      arn: key,
      name: clb.LoadBalancerName,
      kind: 'classic',
      badge: 'CLB',
      state: 'active',
      dnsName: clb.DNSName ?? '',
      listeners,
      targetGroups: [chip],
      ariaLabel: `Classic Load Balancer ${clb.LoadBalancerName}, ${listeners.map((l) => l.text).join(', ') || 'no listener'}, instances: ${chip.countsText}`,
    },
    links,
  };
}

/**
 * Target groups attached to a load balancer (LoadBalancerArns) are drawn in its box; a group that
 * no listener forwards to yet is drawn in a box of its own ("not attached"), so its targets are
 * still visible.
 */
export function loadBalancerViewModel(snapshot: Snapshot | null): LoadBalancerViewModel {
  if (snapshot === null) return EMPTY_LB_VIEW;
  const wide = snapshot as WiderSnapshot;
  const lbs = wide.loadBalancers ?? [];
  const tgs = wide.targetGroups ?? [];
  const clbs = wide.classicLoadBalancers ?? [];
  if (lbs.length === 0 && tgs.length === 0 && clbs.length === 0) return EMPTY_LB_VIEW;
  const index = indexTasks(snapshot);
  const listeners = wide.listeners ?? [];
  const balancers: BalancerBox[] = [];
  const links: TargetLink[] = [];
  const placed = new Set<string>();
  for (const lb of [...lbs].sort((a, b) => a.LoadBalancerName.localeCompare(b.LoadBalancerName))) {
    const groups = tgs.filter((tg) => (tg.LoadBalancerArns ?? []).includes(lb.LoadBalancerArn) && !placed.has(tg.TargetGroupArn));
    for (const tg of groups) placed.add(tg.TargetGroupArn);
    balancers.push(balancerBox(lb, groups.map(targetGroupChip), listenerChips(lb.LoadBalancerArn, listeners)));
  }
  const loose = tgs.filter((tg) => !placed.has(tg.TargetGroupArn));
  if (loose.length > 0) {
    const chips = loose.map(targetGroupChip);
    balancers.push({
      key: 'unattached',
      arn: 'unattached',
      name: 'Target groups with no load balancer',
      kind: 'application',
      badge: 'TG',
      state: 'not attached',
      dnsName: '',
      listeners: [],
      targetGroups: chips,
      ariaLabel: `Target groups no listener forwards to: ${chips.map((g) => `${g.name}: ${g.countsText}`).join('; ')}`,
    });
  }
  for (const tg of tgs) for (const t of tg.targets ?? []) links.push(linkFor(tg, t, index));
  for (const clb of [...clbs].sort((a, b) => a.LoadBalancerName.localeCompare(b.LoadBalancerName))) {
    const { box, links: more } = classicBox(clb, index);
    balancers.push(box);
    links.push(...more);
  }
  const present = new Set(links.map((l) => l.health));
  const base = new Set<LinkHealth>(['initial', 'healthy', 'unhealthy', 'draining']);
  return { balancers, links, legend: HEALTH_LEGEND.filter((l) => base.has(l.state) || present.has(l.state)) };
}
