/**
 * The rules of container instance attributes that registration needs too (names, values, limits,
 * texts), apart from the PutAttributes / DeleteAttributes / ListAttributes handlers
 * (commands/attributes.ts) so that the worker's first chunk carries only these.
 *
 * Rules (ecs-reference §1 and the API reference): names 1–128 of letters, digits, - _ / \ . ;
 * values 1–128 of letters, digits, - _ . @ / \ : and space, no leading or trailing space; names
 * starting with `ecs.` belong to ECS; at most 10 attributes per call and 10 custom attributes per
 * instance (AttributeLimitExceededException).
 */
export const ATTRIBUTE_NAME = /^[a-zA-Z0-9_\-/\\.]{1,128}$/;
export const ATTRIBUTE_VALUE = /^[a-zA-Z0-9_\-.@/\\: ]{1,128}$/;
/** The only target type ECS has for attributes. */
export const TARGET_TYPE = 'container-instance';
export const MAX_ATTRIBUTES_PER_CALL = 10;
/** AttributeLimitExceededException's documented limit. */
export const MAX_CUSTOM_ATTRIBUTES = 10;

/**
 * Texts. AWS (VERBATIM, the exception's documented description): attributeLimit's first sentences.
 * UNCONFIRMED (moto's wording, which copies AWS): targetNotFound. Sandbox: the rest, and every
 * explanation after AWS's sentence.
 */
export const ATTRIBUTE_MESSAGES = {
  attributesEmpty: () => 'attributes can not be empty: give at least one {name, targetId} entry.',
  tooManyAttributes: (count: number) =>
    `You can specify up to ${MAX_ATTRIBUTES_PER_CALL} attributes in a single call; this one has ${count}.`,
  notAnAttribute: (index: number) =>
    `attributes[${index}] must be an object {name, value?, targetType?, targetId}.`,
  invalidName: (index: number, name: unknown) =>
    `attributes[${index}].name ${JSON.stringify(name)} is invalid: 1-128 letters, numbers, hyphens, underscores, slashes, back slashes, or periods.`,
  reservedName: (name: string) =>
    `Attribute "${name}" is set by Amazon ECS itself (names starting with "ecs." are reserved): choose another name, e.g. "${name.slice(4) || 'stack'}".`,
  invalidValue: (name: string, value: unknown) =>
    `Attribute "${name}" has an invalid value ${JSON.stringify(value)}: a string of 1-128 letters, numbers, hyphens, underscores, periods, at signs, slashes, back slashes, colons, or spaces, without leading or trailing spaces.`,
  invalidTargetType: (given: unknown) => `targetType must be ${TARGET_TYPE}, not ${JSON.stringify(given)}.`,
  targetIdRequired: (name: string) =>
    `Attribute "${name}" needs a targetId: the container instance's ID or full ARN (the sandbox does not apply an attribute to every instance at once).`,
  shortIdNeedsType: (targetId: string) =>
    `targetId "${targetId}" is a short ID, so targetType (${TARGET_TYPE}) is required too; or give the container instance's full ARN.`,
  targetNotFound: (targetId: string) => `Could not find ${targetId}`,
  /** `subject`: who would exceed the limit, e.g. "Container instance i-0abc" or "Each new container instance". */
  attributeLimit: (subject: string, count: number) =>
    `You can apply up to ${MAX_CUSTOM_ATTRIBUTES} custom attributes for each resource. You can view the attributes of a resource with ListAttributes. You can remove existing attributes on a resource with DeleteAttributes. (${subject} would have ${count}.)`,
  targetTypeRequired: () => `targetType is required: ListAttributes lists the attributes of one target type, ${TARGET_TYPE}.`,
  valueNeedsName: () => 'attributeValue filters by value within one attribute: give attributeName too.',
} as const;

/** Custom attributes are the ones the agent did not register (`ecs.` ones and capabilities). */
export function isCustomAttribute(name: string): boolean {
  return !name.startsWith('ecs.') && !name.startsWith('com.amazonaws.ecs.');
}
