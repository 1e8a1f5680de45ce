/**
 * How the application inside an image behaves, as the learner declared it with
 * sim:SetImageBehavior. AWS has no such API: in the sandbox it stands in for "what the code in this
 * image version does" — answers its health checks, fails them, crashes at once, or crashes after a
 * while. Images are healthy unless told otherwise.
 *
 * Matching rule (imageBehaviorOf): a behaviour set for an image reference applies to a container
 * whose image is exactly that reference; a reference given WITHOUT a registry (`web:v2`,
 * `library/nginx:1.25`) also applies to the same repository:tag in any registry
 * (`123456789012.dkr.ecr.us-east-1.amazonaws.com/web:v2`). A reference without tag or digest means
 * `:latest`, as Docker reads it. An exact match wins over a registry-less one.
 */
import type { EngineState, TaskRecord } from '../state.ts';

export type ImageBehavior =
  | { behavior: 'healthy' }
  | { behavior: 'unhealthy' }
  | { behavior: 'crashOnStart' }
  | { behavior: 'crashAfter'; afterSeconds: number }
  /** A batch job: its containers finish their work and exit with code 0 after `afterSeconds`. */
  | { behavior: 'completeAfter'; afterSeconds: number };

export type BehaviorName = ImageBehavior['behavior'];

export const BEHAVIOR_NAMES: readonly BehaviorName[] = ['healthy', 'unhealthy', 'crashOnStart', 'crashAfter', 'completeAfter'];

const HEALTHY: ImageBehavior = { behavior: 'healthy' };

/**
 * The registry part of a reference, if any: Docker treats the first path component as a registry
 * when it contains a dot or a colon, or is `localhost`.
 */
function splitRegistry(reference: string): { registry?: string; rest: string } {
  const slash = reference.indexOf('/');
  if (slash < 0) return { rest: reference };
  const first = reference.slice(0, slash);
  if (first.includes('.') || first.includes(':') || first === 'localhost') return { registry: first, rest: reference.slice(slash + 1) };
  return { rest: reference };
}

/** `nginx` → `nginx:latest`; references with a tag or a digest are kept as they are. */
export function withDefaultTag(reference: string): string {
  const { rest } = splitRegistry(reference);
  if (rest.includes('@')) return reference;
  const lastSegment = rest.slice(rest.lastIndexOf('/') + 1);
  return lastSegment.includes(':') ? reference : `${reference}:latest`;
}

/** The key a behaviour is stored under (normalised: implicit `:latest` made explicit). */
export function behaviorKey(image: string): string {
  return withDefaultTag(image.trim());
}

/** The behaviour of the image a container runs (healthy unless told otherwise). Read-only. */
export function imageBehaviorOf(state: EngineState, image: string): ImageBehavior {
  const behaviors = state.imageBehaviors;
  if (behaviors === undefined || behaviors.size === 0) return HEALTHY;
  const key = behaviorKey(image);
  const exact = behaviors.get(key);
  if (exact !== undefined) return exact;
  const { registry, rest } = splitRegistry(key);
  if (registry === undefined) return HEALTHY;
  return behaviors.get(rest) ?? HEALTHY;
}

/** Whether a behaviour stored under `key` (behaviorKey) concerns a container running `image`, by the rule above. */
export function imageMatches(image: string, key: string): boolean {
  const normalised = behaviorKey(image);
  if (normalised === key) return true;
  if (splitRegistry(key).registry !== undefined) return false;
  const { registry, rest } = splitRegistry(normalised);
  return registry !== undefined && rest === key;
}

/** The container definitions of the task that are essential (`essential` defaults to true). */
export function essentialImages(record: TaskRecord): string[] {
  const images: string[] = [];
  for (const definition of record.taskDefinition.containerDefinitions) {
    if (definition.essential === false) continue;
    if (typeof definition.image === 'string') images.push(definition.image);
  }
  return images;
}

/**
 * Whether the application of a RUNNING task answers health checks (load balancer or container) as
 * healthy at `nowMs`. A task is judged by its essential containers' images: healthy unless one of
 * them is `unhealthy`. A task that is not RUNNING answers nothing (false). `crashOnStart` and
 * `crashAfter` images answer healthily until they crash (the crash then stops the task). `nowMs` is
 * part of the contract for behaviours that change over time; none depends on it yet. Read-only.
 */
export function appRespondsHealthy(state: EngineState, record: TaskRecord, nowMs: number): boolean {
  void nowMs;
  // Load balancers ask this of every target on every health check: no allocation on the way.
  if (record.task.lastStatus !== 'RUNNING') return false;
  const containers = record.task.containers;
  for (let i = 0; i < containers.length; i++) {
    const container = containers[i]!;
    if (container.lastStatus !== 'RUNNING' && isEssential(record, container.name)) return false;
  }
  const behaviors = state.imageBehaviors;
  if (behaviors === undefined || behaviors.size === 0) return true;
  const definitions = record.taskDefinition.containerDefinitions;
  for (let i = 0; i < definitions.length; i++) {
    const definition = definitions[i]!;
    if (definition.essential === false || typeof definition.image !== 'string') continue;
    if (imageBehaviorOf(state, definition.image).behavior === 'unhealthy') return false;
  }
  return true;
}

export function isEssential(record: TaskRecord, containerName: string): boolean {
  const definition = record.taskDefinition.containerDefinitions.find((d) => d.name === containerName);
  return definition?.essential !== false;
}
