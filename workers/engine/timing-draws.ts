/**
 * Drawing a task's timings from the PRNG, outside any state machine (machines receive the numbers
 * as input, so no randomness happens inside an xstate `assign`).
 */
import type { TaskDefinition } from '../protocol.ts';
import {
  AGENT_PICKUP_MS,
  CONTAINER_START_MS,
  DEFAULT_STOP_TIMEOUT_MS,
  EC2_ENI_ATTACH_MS,
  EC2_ENI_DETACH_MS,
  FARGATE_CONTAINER_START_MS,
  FARGATE_ENI_ATTACH_MS,
  FARGATE_ENI_DETACH_MS,
  FARGATE_IMAGE_PULL_MS,
  FARGATE_PICKUP_MS,
  IMAGE_PULL_MS,
  SIGTERM_EXIT_MS,
  STOP_REPORT_MS,
  UNSTARTED_STOP_MS,
  type EniTimings,
  type Range,
  type StartTimings,
  type StopTimings,
} from './machines/timings.ts';
import type { Prng } from './prng.ts';

const draw = (prng: Prng, [min, max]: Range): number => prng.int(min, max);

export function startTimings(prng: Prng): StartTimings {
  return { pickupMs: draw(prng, AGENT_PICKUP_MS), pullMs: draw(prng, IMAGE_PULL_MS), startMs: draw(prng, CONTAINER_START_MS) };
}

/** A Fargate task's start: the micro-VM and agent start, a pull without layer cache, the containers' start. */
export function fargateStartTimings(prng: Prng): StartTimings {
  return {
    pickupMs: draw(prng, FARGATE_PICKUP_MS),
    pullMs: draw(prng, FARGATE_IMAGE_PULL_MS),
    startMs: draw(prng, FARGATE_CONTAINER_START_MS),
  };
}

/** How long an awsvpc task's ENI takes to attach (PROVISIONING) and to detach (DEPROVISIONING). */
export function eniTimings(prng: Prng, launchType: 'EC2' | 'FARGATE'): EniTimings {
  const fargate = launchType === 'FARGATE';
  return {
    attachMs: draw(prng, fargate ? FARGATE_ENI_ATTACH_MS : EC2_ENI_ATTACH_MS),
    detachMs: draw(prng, fargate ? FARGATE_ENI_DETACH_MS : EC2_ENI_DETACH_MS),
  };
}

/**
 * The longest stop timeout of the task's containers (each container's stopTimeout, else 30 s);
 * with `only`, of the containers it names (those still running when an essential one exited).
 */
export function stopTimeoutMs(td: TaskDefinition, only?: (containerName: unknown) => boolean): number {
  let longest = 0;
  for (const container of td.containerDefinitions) {
    if (only !== undefined && !only(container.name)) continue;
    const seconds = typeof container.stopTimeout === 'number' ? container.stopTimeout : DEFAULT_STOP_TIMEOUT_MS / 1000;
    longest = Math.max(longest, seconds * 1000);
  }
  return longest;
}

export function stopTimings(prng: Prng, td: TaskDefinition, containersStarted: boolean, only?: (containerName: unknown) => boolean): StopTimings {
  if (!containersStarted) return { exitMs: draw(prng, UNSTARTED_STOP_MS), reportMs: draw(prng, STOP_REPORT_MS), killed: false };
  const exitAfterSigterm = draw(prng, SIGTERM_EXIT_MS);
  const timeout = stopTimeoutMs(td, only);
  const killed = exitAfterSigterm > timeout;
  return { exitMs: killed ? timeout : exitAfterSigterm, reportMs: draw(prng, STOP_REPORT_MS), killed };
}
