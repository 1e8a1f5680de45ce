// Proves that the validator's quick fixes and the editor's text patcher fit together: for task
// definitions with obvious mistakes, applying each offered fix to the pretty-printed TEXT (as the
// editor's Fix button and Ctrl+. do) removes that error, and repeating until no fix is left
// reaches a definition AWS accepts, with the learner's untouched lines unchanged. Also in the
// Describe form ({"taskDefinition": {...}}), whose pointers carry the wrapper.
import { describe, expect, it } from 'vitest';
import { validateTaskDefinition } from '../../../workers/engine/taskdef/index.ts';
import { applyPatchesToText } from '../../../src/lib/editor/apply-patch.ts';

const IMAGE = 'public.ecr.aws/nginx/nginx:1.27';

/** Applies the first offered fix until the text is valid (or no fix is offered); returns the text and the titles applied. */
function fixAll(text: string): { text: string; titles: string[]; valid: boolean } {
  const titles: string[] = [];
  for (let round = 0; round < 10; round++) {
    const result = validateTaskDefinition(JSON.parse(text));
    if (result.valid) return { text, titles, valid: true };
    const issue = result.errors.find((e) => e.fix);
    if (!issue?.fix) return { text, titles, valid: false };
    const patched = applyPatchesToText(text, issue.fix.patches);
    expect(patched.ok, `${issue.fix.title}: ${!patched.ok && patched.message}`).toBe(true);
    if (!patched.ok) break;
    const after = validateTaskDefinition(JSON.parse(patched.text));
    expect(after.errors.some((e) => e.path === issue.path && e.message === issue.message), `still there after "${issue.fix.title}"`).toBe(false);
    titles.push(issue.fix.title);
    text = patched.text;
  }
  return { text, titles, valid: false };
}

const cases: { name: string; input: Record<string, unknown>; titles: string[] }[] = [
  {
    name: 'awsvpc with a hostPort that differs from the containerPort',
    input: { family: 'web', networkMode: 'awsvpc', containerDefinitions: [{ name: 'web', image: IMAGE, cpu: 256, memory: 512, portMappings: [{ containerPort: 80, hostPort: 8080 }] }] },
    titles: ['Set hostPort to 80 (the containerPort)'],
  },
  {
    name: 'Fargate with an ECR image, no execution role, bridge mode and 600 MiB',
    input: {
      family: 'web',
      requiresCompatibilities: ['FARGATE'],
      networkMode: 'bridge',
      cpu: '256',
      memory: '600',
      containerDefinitions: [{ name: 'web', image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1', portMappings: [{ containerPort: 80 }] }],
    },
    titles: ['Set networkMode to awsvpc', 'Set memory to 512 MiB', 'Add executionRoleArn (ecsTaskExecutionRole)'],
  },
  {
    name: 'EC2 container with no memory figure',
    input: { family: 'web', containerDefinitions: [{ name: 'web', image: IMAGE, cpu: 256 }] },
    titles: ['Add memory: 512'],
  },
];

describe('quick fixes applied to the editor text', () => {
  for (const c of cases) {
    it(`fixes: ${c.name}`, () => {
      const text = JSON.stringify(c.input, null, 2) + '\n';
      const out = fixAll(text);
      expect(out.valid).toBe(true);
      expect([...out.titles].sort()).toEqual([...c.titles].sort());
      // Lines the fixes did not touch are still there, in order (formatting preserved).
      expect(out.text).toContain('  "family": "web",\n');
      expect(out.text.endsWith('}\n')).toBe(true);
    });
  }

  it('fixes in the Describe form, whose pointers start with /taskDefinition', () => {
    const wrapped = { taskDefinition: cases[0]!.input };
    const result = validateTaskDefinition(wrapped);
    expect(result.errors[0]!.path).toMatch(/^\/taskDefinition\//);
    const out = fixAll(JSON.stringify(wrapped, null, 2));
    expect(out.valid).toBe(true);
  });
});
