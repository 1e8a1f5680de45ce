// Proves the README's table of supported operations stays true: it names every action the engine
// dispatches, and nothing the engine does not.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SUPPORTED_ACTIONS, WAIT } from '../../workers/engine/actions.ts';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const section = readme.slice(readme.indexOf('### Supported operations'), readme.indexOf('## The command-line interface'));
// The operations named in the first column of the section's tables (the prose around them may name
// IAM permissions such as `s3:GetObject`, which are not actions).
const firstCells = section.split('\n').filter((line) => line.startsWith('| `')).map((line) => line.split('|')[1]!).join('\n');
const listed = new Set([...firstCells.matchAll(/`((?:ecs|ec2|elbv2|elb|autoscaling|application-autoscaling|ecr|events|iam|cloudwatch|sqs|s3|sim):[A-Za-z0-9]+|wait)`/g)].map((m) => m[1]!));

describe('README supported operations', () => {
  it('lists every supported action', () => {
    for (const action of [...SUPPORTED_ACTIONS, WAIT]) expect(listed, action).toContain(action);
  });
  it('lists nothing the engine does not support', () => {
    const known = new Set<string>([...SUPPORTED_ACTIONS, WAIT]);
    expect([...listed].filter((a) => !known.has(a))).toEqual([]);
  });
});
