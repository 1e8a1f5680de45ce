/**
 * ecs:PutAttributes, ecs:DeleteAttributes and ecs:ListAttributes on container instances.
 *
 * Attributes are what memberOf constraints and ListContainerInstances filters read
 * (`attribute:stack == prod`). Rules (ecs-reference §1 and the API reference): names 1–128 of
 * letters, digits, - _ / \ . ; values 1–128 of letters, digits, - _ . @ / \ : and space, no
 * leading or trailing space; names starting with `ecs.` belong to ECS; at most 10 attributes per
 * call and 10 custom attributes per instance (AttributeLimitExceededException).
 *
 * An instance's `attributes` array is never changed in place: a change builds a new array, because
 * the placement explainer keeps the old arrays to explain decisions taken before the change.
 */
import type { Attribute } from '../../protocol.ts';
import type { EngineContext } from '../context.ts';
import { fail, invalidParameter, ok, type CommandResult } from '../errors.ts';
import { containerInstanceArn } from '../ids/arn.ts';
import { instancesOfCluster, type ClusterRecord, type InstanceRecord } from '../state.ts';
import { findCluster } from './clusters.ts';
import { paginate } from './paginate.ts';
import { checkParams } from './params.ts';
import { ATTRIBUTE_MESSAGES, ATTRIBUTE_NAME, ATTRIBUTE_VALUE, isCustomAttribute, MAX_ATTRIBUTES_PER_CALL, MAX_CUSTOM_ATTRIBUTES, TARGET_TYPE } from './attribute-rules.ts';

export { ATTRIBUTE_MESSAGES, ATTRIBUTE_NAME, ATTRIBUTE_VALUE, isCustomAttribute, MAX_ATTRIBUTES_PER_CALL, MAX_CUSTOM_ATTRIBUTES, TARGET_TYPE };

interface AttributeEntry {
  name: string;
  value?: string;
  targetId: string;
}

type Resolved = { instance: InstanceRecord; entry: AttributeEntry };
type EntriesCheck = { ok: true; resolved: Resolved[] } | { ok: false; result: CommandResult };

interface ChangeInput {
  cluster?: string;
  attributes: unknown[];
}

const CHANGE_SHAPE = { params: { cluster: 'string', attributes: 'list' }, required: ['attributes'] } as const;

export function putAttributes(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams<ChangeInput>(raw, CHANGE_SHAPE);
  if (!checked.ok) return checked.result;
  const found = findCluster(ctx, checked.input.cluster);
  if (!found.ok) return found.result;
  const entries = resolveEntries(ctx, found.cluster, checked.input.attributes, 'put');
  if (!entries.ok) return entries.result;
  const { next, events } = plan(entries.resolved, withAttribute, putMessage);
  for (const [instance, attributes] of next) {
    const custom = attributes.filter((attribute) => isCustomAttribute(attribute.name)).length;
    if (custom > MAX_CUSTOM_ATTRIBUTES) {
      return fail('AttributeLimitExceededException', ATTRIBUTE_MESSAGES.attributeLimit(`Container instance ${instance.ec2InstanceId}`, custom));
    }
  }

  // Everything is valid: from here on the state changes.
  commit(ctx, next, events);
  return ok({ attributes: entries.resolved.map(({ instance, entry }) => responseEntry(instance, entry)) });
}

export function deleteAttributes(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams<ChangeInput>(raw, CHANGE_SHAPE);
  if (!checked.ok) return checked.result;
  const found = findCluster(ctx, checked.input.cluster);
  if (!found.ok) return found.result;
  const entries = resolveEntries(ctx, found.cluster, checked.input.attributes, 'delete');
  if (!entries.ok) return entries.result;
  const { next, events } = plan(entries.resolved, withoutAttribute, deleteMessage);

  // Everything is valid: from here on the state changes.
  commit(ctx, next, events);
  return ok({ attributes: entries.resolved.map(({ instance, entry }) => responseEntry(instance, entry)) });
}

/** Validate every entry and find its instance; nothing is changed. */
function resolveEntries(ctx: EngineContext, cluster: ClusterRecord, given: unknown[], mode: 'put' | 'delete'): EntriesCheck {
  const refuse = (result: CommandResult): EntriesCheck => ({ ok: false, result });
  if (given.length === 0) return refuse(invalidParameter(ATTRIBUTE_MESSAGES.attributesEmpty()));
  if (given.length > MAX_ATTRIBUTES_PER_CALL) return refuse(invalidParameter(ATTRIBUTE_MESSAGES.tooManyAttributes(given.length)));
  const resolved: Resolved[] = [];
  for (const [index, item] of given.entries()) {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      return refuse(invalidParameter(ATTRIBUTE_MESSAGES.notAnAttribute(index)));
    }
    const { name, value, targetType, targetId } = item as Record<string, unknown>;
    if (typeof name !== 'string' || !ATTRIBUTE_NAME.test(name)) return refuse(invalidParameter(ATTRIBUTE_MESSAGES.invalidName(index, name)));
    if (name.startsWith('ecs.')) return refuse(invalidParameter(ATTRIBUTE_MESSAGES.reservedName(name)));
    // DeleteAttributes takes the name and target only; a value given there is ignored, as AWS documents it.
    if (mode === 'put' && value !== undefined && (typeof value !== 'string' || !ATTRIBUTE_VALUE.test(value) || value.trim() !== value)) {
      return refuse(invalidParameter(ATTRIBUTE_MESSAGES.invalidValue(name, value)));
    }
    if (targetType !== undefined && targetType !== TARGET_TYPE) return refuse(invalidParameter(ATTRIBUTE_MESSAGES.invalidTargetType(targetType)));
    if (typeof targetId !== 'string' || targetId === '') return refuse(invalidParameter(ATTRIBUTE_MESSAGES.targetIdRequired(name)));
    if (!targetId.startsWith('arn:') && targetType === undefined) return refuse(invalidParameter(ATTRIBUTE_MESSAGES.shortIdNeedsType(targetId)));
    const instance = findTarget(ctx, cluster, targetId);
    if (instance === undefined) return refuse(fail('TargetNotFoundException', ATTRIBUTE_MESSAGES.targetNotFound(targetId)));
    const entry: AttributeEntry = { name, targetId, ...(mode === 'put' && typeof value === 'string' ? { value } : {}) };
    resolved.push({ instance, entry });
  }
  return { ok: true, resolved };
}

/** An instance of the cluster by short ID or full ARN (an ARN of another cluster is not found). */
function findTarget(ctx: EngineContext, cluster: ClusterRecord, targetId: string): InstanceRecord | undefined {
  if (targetId.startsWith('arn:')) {
    const instance = ctx.state.instances.get(targetId);
    return instance?.clusterName === cluster.clusterName ? instance : undefined;
  }
  return ctx.state.instances.get(containerInstanceArn(cluster.clusterName, targetId));
}

interface Plan {
  /** The new attribute array of every instance touched; the records themselves are not touched. */
  next: Map<InstanceRecord, Attribute[]>;
  /** One event per entry, worded against the attributes as they were just before that entry. */
  events: { instance: InstanceRecord; message: string }[];
}

function plan(
  resolved: readonly Resolved[],
  apply: (current: readonly Attribute[], entry: AttributeEntry) => Attribute[],
  describe: (instance: InstanceRecord, current: readonly Attribute[], entry: AttributeEntry) => string,
): Plan {
  const next = new Map<InstanceRecord, Attribute[]>();
  const events: Plan['events'] = [];
  for (const { instance, entry } of resolved) {
    const current = next.get(instance) ?? instance.attributes;
    events.push({ instance, message: describe(instance, current, entry) });
    next.set(instance, apply(current, entry));
  }
  return { next, events };
}

/** A new array with the attribute set: replaced where it was, else appended. */
function withAttribute(current: readonly Attribute[], entry: AttributeEntry): Attribute[] {
  const attribute: Attribute = entry.value === undefined ? { name: entry.name } : { name: entry.name, value: entry.value };
  const at = current.findIndex((existing) => existing.name === entry.name);
  return at < 0 ? [...current, attribute] : current.map((existing, index) => (index === at ? attribute : existing));
}

function withoutAttribute(current: readonly Attribute[], entry: AttributeEntry): Attribute[] {
  return current.filter((attribute) => attribute.name !== entry.name);
}

/** Swap in the new arrays and tell; an instance whose attributes really changed gets a new version. */
function commit(ctx: EngineContext, next: Map<InstanceRecord, Attribute[]>, events: Plan['events']): void {
  for (const { instance, message } of events) ctx.emit('instance.attributes', message, instance.containerInstanceArn);
  for (const [instance, attributes] of next) {
    if (sameAttributes(instance.attributes, attributes)) continue;
    instance.attributes = attributes;
    instance.version += 1;
  }
}

function sameAttributes(a: readonly Attribute[], b: readonly Attribute[]): boolean {
  return a.length === b.length && a.every((attribute, index) => attribute.name === b[index]!.name && attribute.value === b[index]!.value);
}

function responseEntry(instance: InstanceRecord, entry: AttributeEntry): Attribute & { targetType: string; targetId: string } {
  return {
    name: entry.name,
    ...(entry.value === undefined ? {} : { value: entry.value }),
    targetType: TARGET_TYPE,
    targetId: instance.containerInstanceArn,
  };
}

function describeAttribute(name: string, value: string | undefined): string {
  return value === undefined ? name : `${name}=${value}`;
}

function putMessage(instance: InstanceRecord, current: readonly Attribute[], entry: AttributeEntry): string {
  const before = current.find((attribute) => attribute.name === entry.name);
  const id = instance.ec2InstanceId;
  const text = describeAttribute(entry.name, entry.value);
  const example = entry.value === undefined ? `attribute:${entry.name} exists` : `attribute:${entry.name} == ${entry.value}`;
  const message =
    before === undefined
      ? `Container instance ${id} now has the attribute ${text}: placement constraints and filters such as "${example}" can select it.`
      : before.value === entry.value
        ? `Container instance ${id} already had the attribute ${text}; nothing changed.`
        : `Container instance ${id}'s attribute ${entry.name} changed from ${before.value ?? '(no value)'} to ${entry.value ?? '(no value)'}: tasks already placed stay where they are, new placements see the new value.`;
  return message;
}

function deleteMessage(instance: InstanceRecord, current: readonly Attribute[], entry: AttributeEntry): string {
  const before = current.find((attribute) => attribute.name === entry.name);
  const id = instance.ec2InstanceId;
  const message =
    before === undefined
      ? `Container instance ${id} has no attribute ${entry.name}; nothing was deleted.`
      : `Container instance ${id} no longer has the attribute ${describeAttribute(before.name, before.value)}: constraints that require it no longer match this instance (tasks already running stay).`;
  return message;
}

interface ListInput {
  cluster?: string;
  targetType?: string;
  attributeName?: string;
  attributeValue?: string;
  maxResults?: number;
  nextToken?: string;
}

export function listAttributes(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams<ListInput>(raw, {
    params: { cluster: 'string', targetType: 'string', attributeName: 'string', attributeValue: 'string', nextToken: 'string', maxResults: 'integer' },
    required: ['targetType'],
  });
  if (!checked.ok) return checked.result;
  const input = checked.input;
  if (input.targetType !== TARGET_TYPE) return invalidParameter(ATTRIBUTE_MESSAGES.invalidTargetType(input.targetType));
  if (input.attributeValue !== undefined && input.attributeName === undefined) {
    return invalidParameter(ATTRIBUTE_MESSAGES.valueNeedsName());
  }
  const found = findCluster(ctx, input.cluster);
  if (!found.ok) return found.result;
  const rows: (Attribute & { targetType: string; targetId: string })[] = [];
  for (const instance of instancesOfCluster(ctx.state, found.cluster.clusterName)) {
    for (const attribute of instance.attributes) {
      if (input.attributeName !== undefined && attribute.name !== input.attributeName) continue;
      if (input.attributeValue !== undefined && attribute.value !== input.attributeValue) continue;
      rows.push({ ...attribute, targetType: TARGET_TYPE, targetId: instance.containerInstanceArn });
    }
  }
  const page = paginate(rows, input.maxResults, input.nextToken);
  if (!page.ok) return page.result;
  return ok({ attributes: page.items, ...(page.nextToken === undefined ? {} : { nextToken: page.nextToken }) });
}
