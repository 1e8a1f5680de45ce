/**
 * Task-level `cpu` and `memory` are strings in the API, and may be written with units:
 * cpu as CPU units ("1024") or vCPUs ("1 vCPU", "0.25 vcpu"); memory as MiB ("2048") or GB
 * ("2 GB", "2GB"). ECS converts them to integer units/MiB at registration (ecs-reference §3).
 */
import { CPU_UNITS_PER_VCPU } from './limits.ts';

const PLAIN_INTEGER = /^\s*(\d{1,9})\s*$/;
const VCPU = /^\s*(\d{1,6}(?:\.\d{1,4})?)\s*vcpu\s*$/i;
const GIGABYTES = /^\s*(\d{1,6}(?:\.\d{1,4})?)\s*gb\s*$/i;
const MIB_PER_GB = 1024;

/** CPU units of a task-level cpu string, or null when it is not a whole number of units. */
export function parseTaskCpu(value: string): number | null {
  const plain = PLAIN_INTEGER.exec(value);
  if (plain) return Number(plain[1]);
  const vcpu = VCPU.exec(value);
  if (vcpu) return wholeOrNull(Number(vcpu[1]) * CPU_UNITS_PER_VCPU);
  return null;
}

/** MiB of a task-level memory string, or null when it is not a whole number of MiB. */
export function parseTaskMemory(value: string): number | null {
  const plain = PLAIN_INTEGER.exec(value);
  if (plain) return Number(plain[1]);
  const gb = GIGABYTES.exec(value);
  if (gb) return wholeOrNull(Number(gb[1]) * MIB_PER_GB);
  return null;
}

function wholeOrNull(n: number): number | null {
  return Number.isInteger(n) ? n : null;
}
