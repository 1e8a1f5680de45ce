/**
 * References from one container to another — links, volumesFrom, the App Mesh proxy container —
 * must name a container of the same task definition, not itself; and startup dependencies must not
 * form a cycle, or no container of the task could ever start.
 */
import { MSG } from '../messages.ts';
import type { ContainerDefinitionInput } from '../model.ts';
import { containerLabel, type Rule, type RuleIssue } from './context.ts';

function namesOf(containers: readonly ContainerDefinitionInput[]): Set<string> {
  return new Set(containers.flatMap((c) => (c.name ? [c.name] : [])));
}

/** links ("name" or "name:alias") and volumesFrom[].sourceContainer. */
export const containerReferencesRule: Rule = ({ containers }) => {
  const names = namesOf(containers);
  const issues: RuleIssue[] = [];
  containers.forEach((c, i) => {
    const label = containerLabel(c, i);
    const check = (field: 'links' | 'volumesFrom', other: string, path: (string | number)[]) => {
      if (other === c.name) issues.push({ path, message: MSG.selfReference(label, field) });
      else if (!names.has(other)) issues.push({ path, message: MSG.unknownContainer(label, field, other) });
    };
    (c.links ?? []).forEach((link, j) => check('links', link.split(':')[0]!, ['containerDefinitions', i, 'links', j]));
    (c.volumesFrom ?? []).forEach((from, j) => {
      if (from.sourceContainer !== undefined) check('volumesFrom', from.sourceContainer, ['containerDefinitions', i, 'volumesFrom', j, 'sourceContainer']);
    });
  });
  return issues;
};

export const proxyContainerRule: Rule = ({ td, containers }) => {
  const proxy = td.proxyConfiguration;
  if (!proxy || namesOf(containers).has(proxy.containerName)) return [];
  return [{ path: ['proxyConfiguration', 'containerName'], message: MSG.proxyContainerUnknown(proxy.containerName) }];
};

/** Each dependency cycle once, reported on the container (in definition order) where it is first met. */
export const dependencyCycleRule: Rule = ({ containers }) => {
  const edges = new Map<string, string[]>();
  for (const c of containers) {
    if (!c.name) continue;
    const targets = (c.dependsOn ?? []).map((d) => d.containerName).filter((n) => n !== c.name);
    edges.set(c.name, targets);
  }
  const issues: RuleIssue[] = [];
  const done = new Set<string>();
  containers.forEach((c, i) => {
    if (!c.name || done.has(c.name)) return;
    const cycle = findCycle(c.name, edges, done);
    if (cycle) issues.push({ path: ['containerDefinitions', i, 'dependsOn'], message: MSG.dependencyCycle(cycle) });
  });
  return issues;
};

/** Depth-first search from `start`; marks what it fully explored in `done`; returns a cycle as names (first = last). */
function findCycle(start: string, edges: ReadonlyMap<string, readonly string[]>, done: Set<string>): string[] | null {
  const stack: string[] = [];
  const onStack = new Set<string>();
  const visit = (node: string): string[] | null => {
    if (onStack.has(node)) return [...stack.slice(stack.indexOf(node)), node];
    if (done.has(node) || !edges.has(node)) return null;
    stack.push(node);
    onStack.add(node);
    for (const next of edges.get(node)!) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    stack.pop();
    onStack.delete(node);
    done.add(node);
    return null;
  };
  const cycle = visit(start);
  // Everything on a found cycle counts as reported, so the same cycle is not listed again.
  for (const name of cycle ?? []) done.add(name);
  return cycle;
}
