/**
 * What every rule needs to know about a task definition beyond its fields: the network mode in
 * effect, which launch types it is checked against, and the task size in units/MiB.
 */
import type { Path } from '../params.ts';
import type { ContainerDefinitionInput, NetworkMode, RegisterTaskDefinitionInput } from '../model.ts';
import { parseTaskCpu, parseTaskMemory } from '../units.ts';

export interface RuleIssue {
  /** Path inside the Register document, e.g. ['containerDefinitions', 0, 'memory']. */
  path: Path;
  message: string;
  /** The AWS error code when it is not ClientException (tags: InvalidParameterException). */
  code?: string;
  /** The obvious fix, when there is one (validate.ts turns its paths into pointers of the input). */
  fix?: RuleFix;
}

/** A quick fix on the Register document: protocol.ts QuickFix with paths instead of pointers. */
export interface RuleFix {
  title: string;
  patches: { op: 'add' | 'replace' | 'remove'; path: Path; value?: unknown }[];
}

export interface RuleContext {
  td: RegisterTaskDefinitionInput;
  containers: readonly ContainerDefinitionInput[];
  /** networkMode, or bridge when omitted (the default on EC2 Linux). */
  networkMode: NetworkMode;
  /** requiresCompatibilities lists FARGATE. */
  fargate: boolean;
  /** Checked for EC2 (or EXTERNAL) capacity: requiresCompatibilities omitted, or lists EC2/EXTERNAL. */
  ec2: boolean;
  /** Task-level cpu in units: undefined when omitted, null when it cannot be read. */
  taskCpuUnits: number | null | undefined;
  /** Task-level memory in MiB: undefined when omitted, null when it cannot be read. */
  taskMemoryMiB: number | null | undefined;
}

export type Rule = (ctx: RuleContext) => RuleIssue[];

export function ruleContext(td: RegisterTaskDefinitionInput): RuleContext {
  const compat = td.requiresCompatibilities ?? [];
  return {
    td,
    containers: td.containerDefinitions,
    networkMode: td.networkMode ?? 'bridge',
    fargate: compat.includes('FARGATE'),
    ec2: compat.length === 0 || compat.includes('EC2') || compat.includes('EXTERNAL'),
    taskCpuUnits: td.cpu === undefined ? undefined : parseTaskCpu(td.cpu),
    taskMemoryMiB: td.memory === undefined ? undefined : parseTaskMemory(td.memory),
  };
}

/** A container's name for messages: its name, or its position when it has none. */
export function containerLabel(container: ContainerDefinitionInput, index: number): string {
  return container.name ?? `containerDefinitions[${index}]`;
}

export function isEssential(container: ContainerDefinitionInput): boolean {
  return container.essential !== false;
}
