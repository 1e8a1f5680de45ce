// Proves that the IAM, ECR and sim:CallFromTask commands never throw on arbitrary input (a throw
// would surface as the sandbox's InternalError): every answer is a response or an AWS-shaped error,
// and a refused request leaves the snapshot byte-identical.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SUPPORTED_ACTIONS } from '../../../workers/engine/actions.ts';
import { createEngine } from '../../../workers/engine/index.ts';
import { responseOf } from './helpers.ts';
import { ECS_TASKS_TRUST } from './iam-fixtures.ts';

const ACTIONS = SUPPORTED_ACTIONS.filter((action) => action.startsWith('iam:') || action.startsWith('ecr:') || action === 'sim:PushImage' || action === 'sim:CallFromTask');

/** Requests shaped like the real ones, with arbitrary values in their fields. */
const FIELDS = ['RoleName', 'AssumeRolePolicyDocument', 'PolicyArn', 'PolicyName', 'PolicyDocument', 'repositoryName', 'imageTag', 'imageIds', 'imageId', 'imageManifest', 'lifecyclePolicyText', 'sizeMiB', 'vulnerabilities', 'force', 'filter', 'task', 'action', 'resource'];
const request = fc.oneof(
  fc.anything(),
  fc.dictionary(fc.constantFrom(...FIELDS), fc.oneof(fc.anything(), fc.constantFrom('app', 'r', '{}', '{"rules":[{}]}', '{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}'))),
);

describe('IAM and ECR commands never throw', () => {
  it('arbitrary requests give a response or an AWS-shaped error, and errors change nothing', () => {
    const engine = createEngine({ seed: 2 });
    responseOf(engine.dispatch({ 'iam:CreateRole': { RoleName: 'r', AssumeRolePolicyDocument: ECS_TASKS_TRUST } }));
    responseOf(engine.dispatch({ 'ecr:CreateRepository': { repositoryName: 'app' } }));
    fc.assert(
      fc.property(fc.constantFrom(...ACTIONS), request, (action, body) => {
        const before = JSON.stringify(engine.snapshot());
        const result = engine.dispatch({ [action]: body });
        if ('error' in result) {
          expect(result.error.code).not.toBe('InternalError');
          expect(result.error.message.length).toBeGreaterThan(5);
          expect(JSON.stringify(engine.snapshot())).toBe(before);
        }
      }),
      { numRuns: 1500, seed: 20261125 },
    );
  });
});
