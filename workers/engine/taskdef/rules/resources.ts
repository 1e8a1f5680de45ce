/**
 * CPU and memory: container limits, the task size, and how the containers fit into it
 * (ecs-reference §2 and §13).
 */
import { EC2_TASK_CPU_MAX, EC2_TASK_CPU_MIN, MIN_CONTAINER_MEMORY_MIB } from '../limits.ts';
import { MSG } from '../messages.ts';
import { containerLabel, type Rule, type RuleIssue } from './context.ts';
import { FIX } from './fixes.ts';

/** Per container: memory ≥ 6 MiB, memoryReservation > 0 and ≤ memory, cpu ≥ 0. */
export const containerLimitsRule: Rule = ({ containers }) => {
  const issues: RuleIssue[] = [];
  containers.forEach((c, i) => {
    const name = containerLabel(c, i);
    const at = (field: string) => ['containerDefinitions', i, field];
    if (c.cpu !== undefined && c.cpu < 0) issues.push({ path: at('cpu'), message: MSG.containerCpuNegative(name, c.cpu) });
    if (c.memory !== undefined && c.memory < MIN_CONTAINER_MEMORY_MIB) {
      issues.push({ path: at('memory'), message: MSG.memoryTooSmall(name, c.memory) });
    }
    if (c.memoryReservation !== undefined && c.memoryReservation < 1) {
      issues.push({ path: at('memoryReservation'), message: MSG.reservationTooSmall(name, c.memoryReservation) });
    }
    // AWS docs say "greater than", a 2023 docs fix says "greater than or equal": equal is allowed.
    if (c.memory !== undefined && c.memoryReservation !== undefined && c.memoryReservation > c.memory) {
      issues.push({ path: at('memoryReservation'), message: MSG.reservationAboveMemory(name, c.memoryReservation, c.memory), fix: FIX.reservationToMemory(i, c.memory) });
    }
  });
  return issues;
};

/** On EC2 without task-level memory the scheduler needs a per-container figure to reserve. */
export const memoryRequiredRule: Rule = ({ containers, ec2, td }) => {
  if (!ec2 || td.memory !== undefined) return [];
  const issues: RuleIssue[] = [];
  containers.forEach((c, i) => {
    if (!c.memory && !c.memoryReservation) {
      issues.push({ path: ['containerDefinitions', i], message: MSG.memoryOrReservationRequired(containerLabel(c, i)), fix: FIX.addContainerMemory(i) });
    }
  });
  return issues;
};

/** Task-level cpu/memory must be readable; on EC2 (not Fargate) cpu is 128–10240 units. */
export const taskSizeRule: Rule = ({ taskCpuUnits, taskMemoryMiB, fargate }) => {
  const issues: RuleIssue[] = [];
  if (taskCpuUnits === null) issues.push({ path: ['cpu'], message: MSG.invalidTaskSize });
  else if (taskCpuUnits !== undefined && !fargate && (taskCpuUnits < EC2_TASK_CPU_MIN || taskCpuUnits > EC2_TASK_CPU_MAX)) {
    issues.push({ path: ['cpu'], message: MSG.invalidTaskSize });
  }
  if (taskMemoryMiB === null || taskMemoryMiB === 0) issues.push({ path: ['memory'], message: MSG.invalidTaskSize });
  return issues;
};

/** The containers must fit in the task: Σ cpu ≤ task cpu, each memory ≤ task memory, Σ reservations ≤ task memory. */
export const containersFitTaskRule: Rule = ({ containers, taskCpuUnits, taskMemoryMiB }) => {
  const issues: RuleIssue[] = [];
  if (typeof taskCpuUnits === 'number') {
    const cpuSum = containers.reduce((sum, c) => sum + (c.cpu ?? 0), 0);
    if (cpuSum > taskCpuUnits) issues.push({ path: ['cpu'], message: MSG.containerCpuSumAboveTask });
  }
  if (typeof taskMemoryMiB === 'number' && taskMemoryMiB > 0) {
    containers.forEach((c, i) => {
      if (c.memory !== undefined && c.memory > taskMemoryMiB) {
        issues.push({ path: ['containerDefinitions', i, 'memory'], message: MSG.containerMemoryAboveTask });
      }
    });
    const reserved = containers.reduce((sum, c) => sum + (c.memoryReservation ?? c.memory ?? 0), 0);
    if (reserved > taskMemoryMiB) issues.push({ path: ['memory'], message: MSG.containerReservationSumAboveTask });
  }
  return issues;
};
