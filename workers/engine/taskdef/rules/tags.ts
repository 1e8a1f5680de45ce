/**
 * The task definition's tags, checked here so that `ecs-sandbox validate` and the editor see what
 * RegisterTaskDefinition refuses: at most 50, keys of 1–128 characters not starting with `aws:`
 * (in any case: the prefix is reserved for AWS — awsdocs/amazon-ecs-developer-guide#72), values of at
 * most 256 characters. AWS answers these with InvalidParameterException. The engine's own check
 * (commands/tags.ts, shared by every taggable resource) keeps its words for the first two.
 */
import { MESSAGES } from '../../errors.ts';
import { MSG } from '../messages.ts';
import type { Rule, RuleIssue } from './context.ts';

export const MAX_TAGS = 50;
export const MAX_TAG_KEY_CHARS = 128;
export const MAX_TAG_VALUE_CHARS = 256;
const INVALID_PARAMETER = 'InvalidParameterException';

export const tagsRule: Rule = ({ td }) => {
  const tags = td.tags ?? [];
  if (tags.length > MAX_TAGS) return [{ path: ['tags'], code: INVALID_PARAMETER, message: MESSAGES.tooManyTags(tags.length) }];
  const issues: RuleIssue[] = [];
  tags.forEach((tag, i) => {
    if (tag.key === undefined || tag.key.length < 1 || tag.key.length > MAX_TAG_KEY_CHARS) {
      issues.push({ path: ['tags', i, 'key'], code: INVALID_PARAMETER, message: MESSAGES.invalidTag(i) });
    } else if (tag.key.toLowerCase().startsWith('aws:')) {
      issues.push({ path: ['tags', i, 'key'], code: INVALID_PARAMETER, message: MSG.tagKeyReserved });
    }
    if (tag.value !== undefined && tag.value.length > MAX_TAG_VALUE_CHARS) {
      issues.push({ path: ['tags', i, 'value'], code: INVALID_PARAMETER, message: MSG.tagValueTooLong(i, tag.value.length, MAX_TAG_VALUE_CHARS) });
    }
  });
  return issues;
};
