/**
 * Crash-loop throttling (ECS Developer Guide, service-throttle-logic; ecs-reference §5): when a
 * service's tasks keep going from PENDING to STOPPED without reaching RUNNING (image pull, secrets,
 * logs), the scheduler waits longer and longer before launching again, up to 15 minutes, and says
 * the service "is unable to consistently start tasks successfully". A new deployment resets it at
 * once; a task that runs healthily resets the count too. Tasks that stop after RUNNING — even an
 * application that exits at once — are not throttled, as AWS documents.
 *
 * The sandbox's curve (AWS publishes only the 15-minute cap): 10 s after the first failure,
 * doubling with each consecutive one — 10, 20, 40, 80, 160, 320, 640 s, then 900 s.
 */
export const MAX_BACKOFF_MS = 15 * 60 * 1000;
const FIRST_BACKOFF_MS = 10_000;
/** From this many consecutive start failures on, the service reports it is impaired (sandbox's choice). */
export const IMPAIRED_AFTER = 3;

export function backoffAfter(consecutiveFailures: number): number {
  if (consecutiveFailures <= 0) return 0;
  return Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** Math.min(consecutiveFailures - 1, 20));
}
