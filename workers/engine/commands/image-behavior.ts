/**
 * sim:SetImageBehavior — say how the application in an image behaves: `healthy` (the default),
 * `unhealthy` (fails its health checks), `crashOnStart` (exits with code 1 a moment after it
 * starts), `crashAfter` (exits with code 1 `afterSeconds` after it starts), `completeAfter` (a batch
 * job: exits with code 0 `afterSeconds` after it starts). AWS has no such API; it
 * stands for "what the code in this image version does", so a scenario's setup can declare a bad
 * release and the learner can watch ECS react.
 *
 * What it changes, and when (images/behavior.ts has the image matching rule):
 * - tasks started afterwards behave so from their start;
 * - running tasks: `healthy`/`unhealthy` decide their next health checks (container checks, and
 *   load balancer checks through appRespondsHealthy); `crashAfter` makes running containers of the
 *   image exit `afterSeconds` after they started (a moment from now if that is past); `healthy` and
 *   `unhealthy` cancel crashes planned by an earlier `crashAfter`; `crashOnStart` only concerns
 *   containers that start afterwards.
 */
import type { EngineContext } from '../context.ts';
import { invalidParameter, ok, type CommandResult } from '../errors.ts';
import { BEHAVIOR_NAMES, behaviorKey, imageMatches, type BehaviorName, type ImageBehavior } from '../images/behavior.ts';
import { noteHealthInputsChanged } from '../elb/health-epoch.ts';
import { replanCrashes } from '../machines/container-exits.ts';
import { rearmHealthChecks } from '../machines/health-checks.ts';
import { didYouMean, plural } from '../text.ts';
import { checkParams } from './params.ts';

/** One week: a longer crash delay is no crash within any scenario a learner runs. */
export const MAX_AFTER_SECONDS = 604_800;
/** Docker's limit on an image reference's length is far larger; 255 keeps messages readable. */
const MAX_IMAGE_LENGTH = 255;

interface SetImageBehaviorInput {
  image: string;
  behavior: string;
  afterSeconds?: number;
}

/** The behaviour a request describes, or the reason it is refused (pure). */
export function parseImageBehavior(input: SetImageBehaviorInput): { ok: true; image: string; behavior: ImageBehavior } | { ok: false; message: string } {
  const image = input.image.trim();
  if (image === '') return { ok: false, message: 'image must name an image, such as nginx:1.25 or 123456789012.dkr.ecr.us-east-1.amazonaws.com/web:v2.' };
  if (image.length > MAX_IMAGE_LENGTH) return { ok: false, message: `image is ${image.length} characters long; at most ${MAX_IMAGE_LENGTH} are allowed.` };
  if (/\s/.test(image)) return { ok: false, message: `image "${image}" contains a space; an image reference has none.` };
  const name = input.behavior;
  if (!(BEHAVIOR_NAMES as readonly string[]).includes(name)) {
    return { ok: false, message: `Unknown behavior "${name}": use one of ${BEHAVIOR_NAMES.join(', ')}.${didYouMean(name, BEHAVIOR_NAMES)}` };
  }
  const behavior = name as BehaviorName;
  const after = input.afterSeconds;
  if (behavior !== 'crashAfter' && behavior !== 'completeAfter') {
    if (after !== undefined) return { ok: false, message: `afterSeconds applies only to behaviors crashAfter and completeAfter, not to ${behavior}.` };
    return { ok: true, image, behavior: { behavior } };
  }
  if (after === undefined) return { ok: false, message: `behavior ${behavior} needs afterSeconds: how many seconds the container runs before it exits (1 to 604800).` };
  if (after < 1 || after > MAX_AFTER_SECONDS) {
    return { ok: false, message: `afterSeconds must be between 1 and ${MAX_AFTER_SECONDS} (one week), not ${after}.` };
  }
  return { ok: true, image, behavior: { behavior, afterSeconds: after } };
}

function describe(behavior: ImageBehavior): string {
  switch (behavior.behavior) {
    case 'healthy':
      return 'is healthy: it answers its health checks';
    case 'unhealthy':
      return 'is unhealthy: it fails its health checks';
    case 'crashOnStart':
      return 'crashes on start: its containers exit with code 1 a moment after they start';
    case 'crashAfter':
      return `crashes after ${behavior.afterSeconds} s: its containers exit with code 1 that long after they start`;
    case 'completeAfter':
      return `is a batch job that completes in ${behavior.afterSeconds} s: its containers exit with code 0 that long after they start`;
  }
}

export function setImageBehavior(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams<SetImageBehaviorInput>(raw, {
    params: { image: 'string', behavior: 'string', afterSeconds: 'integer' },
    required: ['image', 'behavior'],
  });
  if (!checked.ok) return checked.result;
  const parsed = parseImageBehavior(checked.input);
  if (!parsed.ok) return invalidParameter(parsed.message);
  const key = behaviorKey(parsed.image);
  ctx.state.imageBehaviors ??= new Map();
  // Kept even for `healthy`: an exact entry must be able to override a registry-less one.
  ctx.state.imageBehaviors.set(key, parsed.behavior);
  noteHealthInputsChanged(ctx.state); // load balancers ask the application again
  const matches = (image: string): boolean => imageMatches(image, key);
  const running = replanCrashes(ctx, matches);
  rearmHealthChecks(ctx, matches);
  const scope =
    running === 0
      ? 'Tasks started from now on behave so.'
      : parsed.behavior.behavior === 'crashOnStart'
        ? `Tasks started from now on behave so; its ${plural(running, 'running container')} already started and ${running === 1 ? 'keeps' : 'keep'} running.`
        : `It applies to tasks started from now on and to its ${plural(running, 'running container')}.`;
  ctx.emit('image.behavior', `Image ${key} ${describe(parsed.behavior)}. ${scope}`);
  return ok({ image: key, ...parsed.behavior, runningContainers: running });
}
