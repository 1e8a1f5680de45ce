// Proves requests are checked as the AWS CLI (botocore) checks them, with its exact wording:
// unknown parameters, missing required ones and wrong types, all listed at once.
import { describe, expect, it } from 'vitest';
import { checkParams } from '../../../workers/engine/commands/params.ts';

const SHAPE = { params: { cluster: 'string', count: 'integer', tags: 'list', overrides: 'structure', enable: 'boolean' }, required: ['cluster'] } as const;

function messageOf(raw: unknown): string {
  const result = checkParams(raw, SHAPE);
  if (result.ok || result.result.ok) throw new Error('expected a refusal');
  expect(result.result.error.code).toBe('ParamValidationError');
  return result.result.error.message;
}

describe('checkParams', () => {
  it('accepts a well-typed request, and null as an empty request', () => {
    expect(checkParams({ cluster: 'demo', count: 2 }, SHAPE).ok).toBe(true);
    expect(checkParams(null, { params: {} }).ok).toBe(true);
  });

  it('refuses an unknown parameter listing the valid ones', () => {
    expect(messageOf({ cluster: 'demo', foo: 1 })).toBe(
      'Parameter validation failed:\nUnknown parameter in input: "foo", must be one of: cluster, count, tags, overrides, enable',
    );
  });

  it('refuses a wrong type with Python type names', () => {
    expect(messageOf({ cluster: 'demo', count: '2' })).toBe(
      "Parameter validation failed:\nInvalid type for parameter count, value: 2, type: <class 'str'>, valid types: <class 'int'>",
    );
    expect(messageOf({ cluster: 'demo', count: 1.5 })).toContain("type: <class 'float'>");
    expect(messageOf({ cluster: 'demo', tags: {} })).toContain("valid types: <class 'list'>, <class 'tuple'>");
    expect(messageOf({ cluster: 'demo', enable: 'yes' })).toContain("valid types: <class 'bool'>");
    expect(messageOf({ cluster: 'demo', overrides: [] })).toContain("valid types: <class 'dict'>");
  });

  it('refuses a missing required parameter, and lists every problem', () => {
    expect(messageOf({ count: 'x', bar: true })).toBe(
      [
        'Parameter validation failed:',
        'Missing required parameter in input: "cluster"',
        "Invalid type for parameter count, value: x, type: <class 'str'>, valid types: <class 'int'>",
        'Unknown parameter in input: "bar", must be one of: cluster, count, tags, overrides, enable',
      ].join('\n'),
    );
  });

  it('refuses a request that is not an object', () => {
    expect(messageOf([1])).toContain("valid types: <class 'dict'>");
    expect(messageOf('demo')).toContain("type: <class 'str'>");
  });
});
