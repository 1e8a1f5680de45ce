/**
 * Names and presence: the family, the container list, container names and images, essential
 * containers, role references. These are the checks ECS makes before anything about resources.
 */
import { FAMILY_PATTERN, IMAGE_PATTERN, MAX_CONTAINERS, NAME_PATTERN, ROLE_ARN_PATTERN, ROLE_NAME_PATTERN } from '../limits.ts';
import { MSG } from '../messages.ts';
import { isEssential, type Rule, type RuleIssue } from './context.ts';
import { FIX } from './fixes.ts';

export const familyRule: Rule = ({ td }) => {
  if (td.family.trim() === '') return [{ path: ['family'], message: MSG.familyBlank }];
  if (!FAMILY_PATTERN.test(td.family)) return [{ path: ['family'], message: MSG.familyInvalid }];
  return [];
};

export const containerCountRule: Rule = ({ containers }) => {
  if (containers.length === 0) return [{ path: ['containerDefinitions'], message: MSG.containersEmpty }];
  if (containers.length > MAX_CONTAINERS) return [{ path: ['containerDefinitions'], message: MSG.tooManyContainers }];
  return [];
};

export const containerNameRule: Rule = ({ containers }) => {
  const issues: RuleIssue[] = [];
  const seen = new Set<string>();
  containers.forEach((c, i) => {
    const path = ['containerDefinitions', i, 'name'];
    if (c.name === undefined || c.name === '') issues.push({ path, message: MSG.containerNameBlank });
    else if (!NAME_PATTERN.test(c.name)) issues.push({ path, message: MSG.containerNameInvalid });
    else if (seen.has(c.name)) issues.push({ path, message: MSG.containerNamesNotUnique });
    else seen.add(c.name);
  });
  return issues;
};

export const imageRule: Rule = ({ containers }) => {
  const issues: RuleIssue[] = [];
  containers.forEach((c, i) => {
    const path = ['containerDefinitions', i, 'image'];
    if (c.image === undefined || c.image.trim() === '') issues.push({ path, message: MSG.imageBlank });
    else if (!IMAGE_PATTERN.test(c.image)) issues.push({ path, message: MSG.imageInvalid });
  });
  return issues;
};

/** Every task needs at least one essential container; `essential` defaults to true (ecs-reference §4). */
export const essentialRule: Rule = ({ containers }) => {
  if (containers.length === 0 || containers.some(isEssential)) return [];
  return [{ path: ['containerDefinitions'], message: MSG.noEssentialContainer, fix: FIX.firstContainerEssential() }];
};

/** Role fields take an IAM role ARN; the sandbox also takes a bare role name and resolves it. */
export const roleRule: Rule = ({ td }) => {
  const issues: RuleIssue[] = [];
  for (const field of ['taskRoleArn', 'executionRoleArn'] as const) {
    const value = td[field];
    if (value === undefined) continue;
    if (!ROLE_ARN_PATTERN.test(value) && !ROLE_NAME_PATTERN.test(value)) {
      issues.push({ path: [field], message: MSG.roleInvalid(field, value) });
    }
  }
  return issues;
};
