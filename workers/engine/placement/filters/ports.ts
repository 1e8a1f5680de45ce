/**
 * Host ports (bridge and host network modes; ecs-reference §2): each static host port the task
 * binds must be free on the instance — not one of the agent's reserved ports (22, 2375, 2376,
 * 51678, 51679), not bound by another task; the instance may have at most 100 reserved ports, the
 * agent's and tasks' static ones together; each dynamic port (hostPort 0) needs a free port in the
 * ephemeral range 32768–60999.
 */
import { dynamicPortsFree, MAX_RESERVED_PORTS, type Ledger } from '../ledger.ts';
import { staticPorts, type PlacementRequest } from '../request.ts';
import type { BindingRule } from '../rule.ts';
import { fail, pass, shortTaskId } from '../rule.ts';

type PortsVerdict = { ok: true } | { ok: false; key: string; clause: string; cell: string };

export function portsFilter(request: PlacementRequest): BindingRule {
  const wanted = staticPorts(request);
  const dynamicCount = request.ports.length - wanted.length;
  const names = request.ports.map((p) => (p.hostPort === 0 ? `dynamic→${p.containerPort}` : `${p.hostPort}${p.protocol === 'udp' ? '/udp' : ''}`));
  const verdict = (ledger: Ledger, i: number): PortsVerdict => {
    const conflict = ledger.portConflict[i]!;
    if (conflict !== 0) {
      const { port, protocol, holder } = ledger.conflicts[conflict - 1]!;
      const by = holder === 'agent' ? 'reserved by the ECS agent' : holder === 'batch' ? 'taken by an earlier task of this request' : `held by task ${shortTaskId(holder)}`;
      const name = `${port}${protocol === 'udp' ? '/udp' : ''}`;
      return { ok: false, key: `port:${name}`, clause: `host port ${name} in use`, cell: `port ${name} ${by}` };
    }
    if (ledger.reservedPorts[i]! + wanted.length > MAX_RESERVED_PORTS) {
      return { ok: false, key: 'ports:limit', clause: 'too many reserved ports (ECS allows 100 per instance)', cell: `${ledger.reservedPorts[i]} ports reserved; ${wanted.length} more would pass ECS's limit of 100` };
    }
    if (dynamicCount > 0 && dynamicPortsFree(ledger, i) < dynamicCount) {
      return { ok: false, key: 'ports:dynamic', clause: 'no free dynamic host port', cell: 'the dynamic port range 32768–60999 is used up' };
    }
    return { ok: true };
  };
  return {
    id: 'ports',
    kind: 'filter',
    title: 'Host ports',
    detail: `binds ${names.join(', ')}`,
    reason: 'RESOURCE:PORTS',
    passes: (ledger, i) => verdict(ledger, i).ok,
    cell: (ledger, i) => {
      const v = verdict(ledger, i);
      if (!v.ok) return fail(v.cell);
      const parts = [];
      if (wanted.length > 0) parts.push(`${wanted.map((p) => p.hostPort).join(', ')} free`);
      if (dynamicCount > 0) parts.push(`${dynamicPortsFree(ledger, i)} dynamic ports free`);
      return pass(parts.join('; '));
    },
    failureKey: (ledger, i) => {
      const v = verdict(ledger, i);
      return v.ok ? 'ports' : v.key;
    },
    failureClause: (ledger, refused) => {
      const v = verdict(ledger, refused[0]!);
      return v.ok ? 'host ports' : v.clause;
    },
  };
}
