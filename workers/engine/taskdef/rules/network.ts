/**
 * Ports and networking (ecs-reference §2 "Network modes"): port ranges, what hostPort may be in
 * each network mode, and that no host port is bound twice by one task.
 */
import { PORT_MAX, PORT_MIN } from '../limits.ts';
import { MSG } from '../messages.ts';
import type { PortMappingInput } from '../model.ts';
import { containerLabel, type Rule, type RuleIssue } from './context.ts';
import { FIX } from './fixes.ts';

/** containerPort 1–65535 (or a containerPortRange instead); hostPort 0–65535. */
export const portRangeRule: Rule = ({ containers }) => {
  const issues: RuleIssue[] = [];
  containers.forEach((c, i) => {
    const name = containerLabel(c, i);
    (c.portMappings ?? []).forEach((m, j) => {
      const at = (field: string) => ['containerDefinitions', i, 'portMappings', j, field];
      const missing = m.containerPort === undefined && m.containerPortRange === undefined;
      if (missing || (m.containerPort !== undefined && (m.containerPort < PORT_MIN || m.containerPort > PORT_MAX))) {
        issues.push({ path: at('containerPort'), message: MSG.invalidContainerPort(name) });
      }
      if (m.hostPort !== undefined && (m.hostPort < 0 || m.hostPort > PORT_MAX)) {
        issues.push({ path: at('hostPort'), message: MSG.invalidHostPort(name) });
      }
    });
  });
  return issues;
};

/** host and awsvpc: hostPort omitted or equal to containerPort. none: no port mappings at all. */
export const networkModePortsRule: Rule = ({ containers, networkMode }) => {
  const issues: RuleIssue[] = [];
  containers.forEach((c, i) => {
    const mappings = c.portMappings ?? [];
    if (networkMode === 'none' && mappings.length > 0) {
      issues.push({ path: ['containerDefinitions', i, 'portMappings'], message: MSG.noneModePortMappings(containerLabel(c, i)) });
    }
    if (networkMode !== 'host' && networkMode !== 'awsvpc') return;
    mappings.forEach((m, j) => {
      if (m.hostPort !== undefined && m.containerPort !== undefined && m.hostPort !== m.containerPort) {
        const message = networkMode === 'awsvpc' ? MSG.awsvpcPortsMustMatch : MSG.hostPortsMustMatch;
        issues.push({ path: ['containerDefinitions', i, 'portMappings', j, 'hostPort'], message, fix: FIX.hostPortEqualsContainerPort(i, j, m.containerPort) });
      }
    });
  });
  return issues;
};

/** The host port a mapping binds on the instance or ENI, or null for a dynamic/unbound one. */
export function staticHostPort(mapping: PortMappingInput, networkMode: string): number | null {
  if (networkMode === 'none') return null;
  if (networkMode === 'bridge') return mapping.hostPort ? mapping.hostPort : null;
  return mapping.hostPort ?? mapping.containerPort ?? null;
}

/** One task cannot bind the same static host port (per protocol) twice. */
export const duplicateHostPortRule: Rule = ({ containers, networkMode }) => {
  const issues: RuleIssue[] = [];
  const seen = new Set<string>();
  containers.forEach((c, i) => {
    (c.portMappings ?? []).forEach((m, j) => {
      const port = staticHostPort(m, networkMode);
      if (port === null) return;
      const protocol = m.protocol ?? 'tcp';
      const key = `${protocol}/${port}`;
      const field = m.hostPort !== undefined ? 'hostPort' : 'containerPort';
      if (seen.has(key)) {
        // On the bridge a dynamic host port removes the conflict; in host/awsvpc mode there is none.
        const fix = networkMode === 'bridge' ? FIX.dynamicHostPort(i, j) : undefined;
        issues.push({ path: ['containerDefinitions', i, 'portMappings', j, field], message: MSG.hostPortMappedTwice(protocol, port), ...(fix && { fix }) });
      }
      seen.add(key);
    });
  });
  return issues;
};

/** awsvpc gives the task its own network namespace: no hostname; links only exist on the bridge. */
export const containerNetworkingRule: Rule = ({ containers, networkMode, fargate }) => {
  const issues: RuleIssue[] = [];
  containers.forEach((c, i) => {
    if (networkMode === 'awsvpc' && c.hostname !== undefined) {
      issues.push({ path: ['containerDefinitions', i, 'hostname'], message: MSG.awsvpcHostname, fix: FIX.remove(['containerDefinitions', i, 'hostname'], 'hostname') });
    }
    // On Fargate the Fargate rule already names links as unsupported.
    if (!fargate && networkMode !== 'bridge' && c.links && c.links.length > 0) {
      issues.push({ path: ['containerDefinitions', i, 'links'], message: MSG.linksNeedBridge(containerLabel(c, i), networkMode) });
    }
  });
  return issues;
};

/** Service Connect names port mappings: an appProtocol needs a name, and names are unique in the task. */
export const portNamesRule: Rule = ({ containers }) => {
  const issues: RuleIssue[] = [];
  const seen = new Set<string>();
  containers.forEach((c, i) => {
    (c.portMappings ?? []).forEach((m, j) => {
      const at = (field: string) => ['containerDefinitions', i, 'portMappings', j, field];
      if (m.appProtocol !== undefined && m.name === undefined) issues.push({ path: at('appProtocol'), message: MSG.appProtocolNeedsName(containerLabel(c, i)) });
      if (m.name === undefined) return;
      if (seen.has(m.name)) issues.push({ path: at('name'), message: MSG.portNameNotUnique(m.name) });
      seen.add(m.name);
    });
  });
  return issues;
};
