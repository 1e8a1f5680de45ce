/**
 * Identifiers as AWS forms them (region us-east-1, account 123456789012), all random parts drawn
 * from the engine's PRNG, and ISO timestamps from a fixed epoch plus virtual time — never wall
 * time, so a run is byte-identical whenever it is replayed.
 *
 * Resolution helpers accept a name wherever AWS accepts a name or an ARN.
 */
import type { Prng } from '../prng.ts';

export const REGION = 'us-east-1';
export const ACCOUNT_ID = '123456789012';
const ECS_PREFIX = `arn:aws:ecs:${REGION}:${ACCOUNT_ID}:`;

/** Virtual time 0 is this instant. */
export const EPOCH_ISO = '2026-01-01T00:00:00.000Z';
const EPOCH_MS = Date.parse(EPOCH_ISO);

// Many lines are written at the same virtual instant (a pass starting 100 tasks): remember the last one.
let lastIsoMs = Number.NaN;
let lastIso = '';
/** And the instants rendered again and again (a service's 100 events on every DescribeServices / UpdateService answer). */
const isoByMs = new Map<number, string>();
const ISO_CACHE_SIZE = 8192;

export function isoAt(virtualMs: number): string {
  if (virtualMs !== lastIsoMs) {
    let iso = isoByMs.get(virtualMs);
    if (iso === undefined) {
      iso = new Date(EPOCH_MS + virtualMs).toISOString();
      if (isoByMs.size >= ISO_CACHE_SIZE) isoByMs.clear();
      isoByMs.set(virtualMs, iso);
    }
    lastIso = iso;
    lastIsoMs = virtualMs;
  }
  return lastIso;
}

/** The identity the sandbox's calls are made as (registeredBy of task definitions). */
export const CALLER_ARN = `arn:aws:iam::${ACCOUNT_ID}:root`;

export const clusterArn = (name: string): string => `${ECS_PREFIX}cluster/${name}`;
export const taskArn = (cluster: string, id: string): string => `${ECS_PREFIX}task/${cluster}/${id}`;
export const containerInstanceArn = (cluster: string, id: string): string =>
  `${ECS_PREFIX}container-instance/${cluster}/${id}`;
export const taskDefinitionArn = (family: string, revision: number): string =>
  `${ECS_PREFIX}task-definition/${family}:${revision}`;
export const containerArn = (cluster: string, taskId: string, uuid: string): string =>
  `${ECS_PREFIX}container/${cluster}/${taskId}/${uuid}`;

/** A new-format task or container-instance id: 32 lower-case hex digits. */
export const newResourceId = (prng: Prng): string => prng.hex(32);
/** An EC2 instance id: `i-` and 17 hex digits. */
export const newEc2InstanceId = (prng: Prng): string => `i-${prng.hex(17)}`;

/** The last path segment of an ARN of the given ECS resource type, or undefined if it is not one. */
function ecsResourcePath(value: string, resourceType: string): string | undefined {
  const prefix = `${ECS_PREFIX}${resourceType}/`;
  return value.startsWith(prefix) ? value.slice(prefix.length) : undefined;
}

/** A cluster given as a name or an ARN → its name. `undefined` input means the default cluster. */
export function clusterNameOf(value: string | undefined): string {
  if (value === undefined || value === '') return 'default';
  return ecsResourcePath(value, 'cluster') ?? value;
}

/**
 * A task or container instance given as an id or as an ARN (new format `…/CLUSTER/ID`, or the old
 * format `…/ID`) → its id.
 */
export function resourceIdOf(value: string, resourceType: 'task' | 'container-instance'): string {
  const path = ecsResourcePath(value, resourceType);
  if (path === undefined) return value;
  const slash = path.lastIndexOf('/');
  return slash < 0 ? path : path.slice(slash + 1);
}

/** The trailing id of a task or container-instance ARN. */
export const idOfArn = (arn: string): string => arn.slice(arn.lastIndexOf('/') + 1);

export type TaskDefinitionRef =
  | { kind: 'family'; family: string }
  | { kind: 'revision'; family: string; revision: number }
  | { kind: 'invalid' };

const FAMILY = /^[a-zA-Z0-9_-]{1,255}$/;

/** `family`, `family:revision` or a task-definition ARN. */
export function parseTaskDefinitionRef(value: string): TaskDefinitionRef {
  const text = ecsResourcePath(value, 'task-definition') ?? value;
  const colon = text.lastIndexOf(':');
  if (colon < 0) return FAMILY.test(text) ? { kind: 'family', family: text } : { kind: 'invalid' };
  const family = text.slice(0, colon);
  const revisionText = text.slice(colon + 1);
  if (!FAMILY.test(family) || !/^[1-9]\d{0,6}$/.test(revisionText)) return { kind: 'invalid' };
  return { kind: 'revision', family, revision: Number(revisionText) };
}
