/**
 * ECR lifecycle policies: parsing and validating the policy text with the rules of the ECR user
 * guide (ecs-reference §10), and deciding which images a policy expires at a given moment. Pure.
 *
 * Evaluation (ECR user guide): rules are considered in rulePriority order (lowest first); an image
 * selected by the tag criteria of a rule can no longer be expired by a rule of lower priority;
 * `imageCountMoreThan N` keeps the N most recently pushed images of the selection and expires the
 * rest; `sinceImagePushed N days` expires the selected images pushed more than N days ago.
 */
import { wildcardMatch } from '../iam/evaluate.ts';

export interface LifecycleRule {
  rulePriority: number;
  description?: string;
  selection: {
    tagStatus: 'tagged' | 'untagged' | 'any';
    tagPrefixList?: string[];
    tagPatternList?: string[];
    countType: 'imageCountMoreThan' | 'sinceImagePushed';
    countUnit?: 'days';
    countNumber: number;
  };
  action: { type: 'expire' };
}

export type ParsedLifecyclePolicy = { ok: true; rules: LifecycleRule[] } | { ok: false; detail: string };

/** At most 50 rules per policy (ECR quota, ecs-reference §10). */
export const MAX_RULES = 50;
export const DAY_MS = 86_400_000;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nonEmptyStrings(value: unknown): value is string[] {
  return Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === 'string' && item.length > 0);
}

export function parseLifecyclePolicy(text: string): ParsedLifecyclePolicy {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, detail: 'the policy text is not valid JSON' };
  }
  if (!isObject(value) || !Array.isArray(value.rules) || value.rules.length === 0) {
    return { ok: false, detail: 'the policy needs "rules": a non-empty list of rules' };
  }
  if (value.rules.length > MAX_RULES) return { ok: false, detail: `a policy has at most ${MAX_RULES} rules, this one has ${value.rules.length}` };
  const rules: LifecycleRule[] = [];
  for (const [index, raw] of value.rules.entries()) {
    const rule = parseRule(raw, index);
    if (typeof rule === 'string') return { ok: false, detail: rule };
    rules.push(rule);
  }
  const priorities = new Set<number>();
  for (const rule of rules) {
    if (priorities.has(rule.rulePriority)) return { ok: false, detail: `rulePriority ${rule.rulePriority} is used by more than one rule; priorities must be unique` };
    priorities.add(rule.rulePriority);
  }
  const untagged = rules.filter((rule) => rule.selection.tagStatus === 'untagged');
  if (untagged.length > 1) return { ok: false, detail: `only one rule may select untagged images; rules ${untagged.map((rule) => rule.rulePriority).join(' and ')} both do` };
  const highest = Math.max(...rules.map((rule) => rule.rulePriority));
  const anyRule = rules.find((rule) => rule.selection.tagStatus === 'any' && rule.rulePriority !== highest);
  if (anyRule !== undefined) {
    return { ok: false, detail: `the rule with tagStatus "any" (rulePriority ${anyRule.rulePriority}) must have the highest rulePriority value (${highest} is higher)` };
  }
  return { ok: true, rules: rules.sort((a, b) => a.rulePriority - b.rulePriority) };
}

function parseRule(raw: unknown, index: number): LifecycleRule | string {
  const where = `rules[${index}]`;
  if (!isObject(raw)) return `${where} must be an object with rulePriority, selection and action`;
  const { rulePriority, description, selection, action } = raw;
  if (typeof rulePriority !== 'number' || !Number.isInteger(rulePriority) || rulePriority < 1) {
    return `${where}.rulePriority must be a whole number of at least 1, not ${JSON.stringify(rulePriority)}`;
  }
  if (description !== undefined && typeof description !== 'string') return `${where}.description must be a string`;
  if (!isObject(selection)) return `${where}.selection is required: {tagStatus, countType, countNumber, …}`;
  if (!isObject(action) || action.type !== 'expire') return `${where}.action must be {"type": "expire"} (expire is the only action)`;
  const { tagStatus, tagPrefixList, tagPatternList, countType, countUnit, countNumber } = selection;
  if (tagStatus !== 'tagged' && tagStatus !== 'untagged' && tagStatus !== 'any') {
    return `${where}.selection.tagStatus must be tagged, untagged or any, not ${JSON.stringify(tagStatus)}`;
  }
  if (tagPrefixList !== undefined && !nonEmptyStrings(tagPrefixList)) return `${where}.selection.tagPrefixList must be a non-empty list of tag prefixes`;
  if (tagPatternList !== undefined && !nonEmptyStrings(tagPatternList)) return `${where}.selection.tagPatternList must be a non-empty list of tag patterns`;
  if (tagPrefixList !== undefined && tagPatternList !== undefined) return `${where}.selection has both tagPrefixList and tagPatternList; give one`;
  if (tagStatus === 'tagged' && tagPrefixList === undefined && tagPatternList === undefined) {
    return `${where}.selection: tagStatus "tagged" needs a tagPrefixList (or tagPatternList) saying which tags the rule selects`;
  }
  if (tagStatus !== 'tagged' && (tagPrefixList !== undefined || tagPatternList !== undefined)) {
    return `${where}.selection: tagPrefixList and tagPatternList are only allowed with tagStatus "tagged"`;
  }
  if (countType !== 'imageCountMoreThan' && countType !== 'sinceImagePushed') {
    return `${where}.selection.countType must be imageCountMoreThan or sinceImagePushed, not ${JSON.stringify(countType)}`;
  }
  if (countType === 'sinceImagePushed' && countUnit !== 'days') return `${where}.selection: countType sinceImagePushed needs countUnit "days"`;
  if (countType === 'imageCountMoreThan' && countUnit !== undefined) return `${where}.selection: countUnit is only allowed with countType sinceImagePushed`;
  if (typeof countNumber !== 'number' || !Number.isInteger(countNumber) || countNumber < 1) {
    return `${where}.selection.countNumber must be a whole number greater than 0, not ${JSON.stringify(countNumber)}`;
  }
  return {
    rulePriority,
    ...(description === undefined ? {} : { description }),
    selection: {
      tagStatus,
      ...(tagPrefixList === undefined ? {} : { tagPrefixList: [...tagPrefixList] }),
      ...(tagPatternList === undefined ? {} : { tagPatternList: [...tagPatternList] }),
      countType,
      ...(countUnit === undefined ? {} : { countUnit: 'days' as const }),
      countNumber,
    },
    action: { type: 'expire' },
  };
}

/** What the evaluation needs of an image. */
export interface LifecycleImage {
  imageDigest: string;
  imageTags: readonly string[];
  pushedMs: number;
}

/** `*` matches any run of characters (ECR tagPatternList); nothing else is special. */
function patternMatches(pattern: string, tag: string): boolean {
  // Tags never contain `?` (ECR's tag pattern), so a `?` in a pattern, taken literally, never matches.
  if (pattern.includes('?')) return false;
  return wildcardMatch(pattern, tag, false);
}

function selects(rule: LifecycleRule, image: LifecycleImage): boolean {
  const { tagStatus, tagPrefixList, tagPatternList } = rule.selection;
  if (tagStatus === 'any') return true;
  if (tagStatus === 'untagged') return image.imageTags.length === 0;
  if (image.imageTags.length === 0) return false;
  // The image must match every prefix (pattern) of the list, each by one of its tags.
  if (tagPrefixList !== undefined) return tagPrefixList.every((prefix) => image.imageTags.some((tag) => tag.startsWith(prefix)));
  return (tagPatternList ?? []).every((pattern) => image.imageTags.some((tag) => patternMatches(pattern, tag)));
}

/** The images the policy expires now: digest → the rule that expires it. */
export function imagesToExpire(rules: readonly LifecycleRule[], images: readonly LifecycleImage[], nowMs: number): Map<string, LifecycleRule> {
  const expired = new Map<string, LifecycleRule>();
  const claimed = new Set<string>();
  for (const rule of [...rules].sort((a, b) => a.rulePriority - b.rulePriority)) {
    const selected = images.filter((image) => !claimed.has(image.imageDigest) && selects(rule, image));
    for (const image of selected) claimed.add(image.imageDigest);
    const { countType, countNumber } = rule.selection;
    if (countType === 'imageCountMoreThan') {
      // Newest first; ties (same push time) keep push order, the later push counting as newer.
      const newestFirst = selected.map((image, index) => ({ image, index })).sort((a, b) => b.image.pushedMs - a.image.pushedMs || b.index - a.index);
      for (const { image } of newestFirst.slice(countNumber)) expired.set(image.imageDigest, rule);
    } else {
      for (const image of selected) if (nowMs - image.pushedMs > countNumber * DAY_MS) expired.set(image.imageDigest, rule);
    }
  }
  return expired;
}
