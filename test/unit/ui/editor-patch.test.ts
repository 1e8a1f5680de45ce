// Proves applyPatchesToText, the text-preserving JSON Patch the editor's quick fixes use: each op
// (replace, add to an object or array, remove with its comma) gives exactly the JSON.parse result
// that RFC 6902 prescribes, rewrites only the touched value, keeps the learner's indentation and
// the formatting of everything else, and reports (never throws) on paths or text it cannot patch.
// A property test checks the JSON meaning against a reference patcher on random documents.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyPatchesToText, minimalEdit, type Patch } from '../../../src/lib/editor/apply-patch.ts';

const PRETTY = `{
  "family": "web",
  "networkMode": "awsvpc",
  "containerDefinitions": [
    {
      "name": "web",
      "image": "nginx:1.27",
      "memory": 600,
      "portMappings": [
        { "containerPort": 80, "hostPort": 8080 }
      ]
    }
  ]
}
`;

function apply(text: string, ...patches: Patch[]): string {
  const result = applyPatchesToText(text, patches);
  if (!result.ok) throw new Error(result.message);
  return result.text;
}

describe('replace', () => {
  it('rewrites only the value, keeping every other character', () => {
    const out = apply(PRETTY, { op: 'replace', path: '/containerDefinitions/0/portMappings/0/hostPort', value: 80 });
    expect(out).toBe(PRETTY.replace('"hostPort": 8080', '"hostPort": 80'));
  });

  it('replaces a string with a string, quoting it', () => {
    expect(apply(PRETTY, { op: 'replace', path: '/networkMode', value: 'bridge' })).toBe(PRETTY.replace('"awsvpc"', '"bridge"'));
  });

  it('indents an object value to the line it sits on', () => {
    const out = apply(PRETTY, { op: 'replace', path: '/containerDefinitions/0/portMappings/0', value: { containerPort: 80 } });
    expect(out).toContain('      "portMappings": [\n        {\n          "containerPort": 80\n        }\n      ]');
    expect(JSON.parse(out).containerDefinitions[0].portMappings).toEqual([{ containerPort: 80 }]);
  });

  it('replaces the whole document for the root pointer', () => {
    expect(JSON.parse(apply('{"a": 1}', { op: 'replace', path: '', value: { b: 2 } }))).toEqual({ b: 2 });
  });

  it('decodes ~1 and ~0 in the pointer', () => {
    expect(apply('{"a/b": 1, "c~d": 2}', { op: 'replace', path: '/a~1b', value: 3 }, { op: 'replace', path: '/c~0d', value: 4 })).toBe('{"a/b": 3, "c~d": 4}');
  });

  it('reports a missing path', () => {
    expect(applyPatchesToText(PRETTY, [{ op: 'replace', path: '/cpu', value: '256' }])).toEqual({ ok: false, message: 'Nothing at /cpu to replace' });
  });
});

describe('add to an object', () => {
  it('appends a member after the last one, with the siblings\' indentation', () => {
    const out = apply(PRETTY, { op: 'add', path: '/executionRoleArn', value: 'arn:aws:iam::123456789012:role/ecsTaskExecutionRole' });
    expect(out).toBe(PRETTY.replace('\n  ]\n}', '\n  ],\n  "executionRoleArn": "arn:aws:iam::123456789012:role/ecsTaskExecutionRole"\n}'));
  });

  it('appends into a one-line object with ", "', () => {
    const out = apply(PRETTY, { op: 'add', path: '/containerDefinitions/0/portMappings/0/protocol', value: 'tcp' });
    expect(out).toContain('{ "containerPort": 80, "hostPort": 8080, "protocol": "tcp" }');
  });

  it('replaces the value when the member exists (RFC 6902 add)', () => {
    expect(apply(PRETTY, { op: 'add', path: '/networkMode', value: 'host' })).toBe(PRETTY.replace('"awsvpc"', '"host"'));
  });

  it('opens an empty object of a pretty document on its own lines', () => {
    expect(apply('{\n  "a": {}\n}', { op: 'add', path: '/a/b', value: 1 })).toBe('{\n  "a": {\n    "b": 1\n  }\n}');
  });

  it('keeps an empty object of a one-line document on one line', () => {
    expect(apply('{"a":{}}', { op: 'add', path: '/a/b', value: [1, 2] })).toBe('{"a":{"b": [1,2]}}');
  });

  it('indents a nested object value under the new member', () => {
    const out = apply('{\n  "family": "web"\n}', { op: 'add', path: '/ephemeralStorage', value: { sizeInGiB: 21 } });
    expect(out).toBe('{\n  "family": "web",\n  "ephemeralStorage": {\n    "sizeInGiB": 21\n  }\n}');
  });

  it('follows a four-space document', () => {
    const out = apply('{\n    "family": "web"\n}', { op: 'add', path: '/cpu', value: '256' });
    expect(out).toBe('{\n    "family": "web",\n    "cpu": "256"\n}');
  });

  it('reports a missing parent', () => {
    expect(applyPatchesToText(PRETTY, [{ op: 'add', path: '/nope/x', value: 1 }])).toEqual({ ok: false, message: 'The parent of /nope/x does not exist' });
  });
});

describe('add to an array', () => {
  it('appends with "-"', () => {
    const out = apply('{\n  "requiresCompatibilities": ["EC2"]\n}', { op: 'add', path: '/requiresCompatibilities/-', value: 'FARGATE' });
    expect(out).toBe('{\n  "requiresCompatibilities": ["EC2", "FARGATE"]\n}');
  });

  it('inserts before an index, reusing the gap', () => {
    expect(apply('[\n  1,\n  3\n]', { op: 'add', path: '/1', value: 2 })).toBe('[\n  1,\n  2,\n  3\n]');
    expect(apply('[1,3]', { op: 'add', path: '/0', value: 0 })).toBe('[0,1,3]');
  });

  it('fills an empty array of a pretty document', () => {
    const out = apply('{\n  "portMappings": []\n}', { op: 'add', path: '/portMappings/-', value: { containerPort: 80 } });
    expect(out).toBe('{\n  "portMappings": [\n    {\n      "containerPort": 80\n    }\n  ]\n}');
  });

  it('refuses an index past the end', () => {
    expect(applyPatchesToText('[1]', [{ op: 'add', path: '/5', value: 2 }])).toEqual({ ok: false, message: 'Index 5 is out of range for /5' });
  });
});

describe('remove', () => {
  it('removes a middle member with the comma after it', () => {
    expect(apply('{\n  "a": 1,\n  "b": 2,\n  "c": 3\n}', { op: 'remove', path: '/b' })).toBe('{\n  "a": 1,\n  "c": 3\n}');
  });

  it('removes the last member with the comma before it', () => {
    const out = apply(PRETTY, { op: 'remove', path: '/containerDefinitions/0/portMappings/0/hostPort' });
    expect(out).toContain('{ "containerPort": 80 }');
    expect(out.replace('{ "containerPort": 80 }', '{ "containerPort": 80, "hostPort": 8080 }')).toBe(PRETTY);
  });

  it('removes the first member of a one-line object', () => {
    expect(apply('{"a": 1, "b": 2}', { op: 'remove', path: '/a' })).toBe('{"b": 2}');
  });

  it('leaves {} or [] when removing the only member', () => {
    expect(apply('{\n  "a": {\n    "b": 1\n  }\n}', { op: 'remove', path: '/a/b' })).toBe('{\n  "a": {}\n}');
    expect(apply('[ 7 ]', { op: 'remove', path: '/0' })).toBe('[]');
  });

  it('removes an array item', () => {
    expect(apply('[1, 2, 3]', { op: 'remove', path: '/1' })).toBe('[1, 3]');
    expect(apply('[1, 2, 3]', { op: 'remove', path: '/2' })).toBe('[1, 2]');
  });

  it('reports a missing member', () => {
    expect(applyPatchesToText('{"a": 1}', [{ op: 'remove', path: '/b' }])).toEqual({ ok: false, message: 'Nothing at /b to remove' });
  });
});

describe('several patches and bad input', () => {
  it('applies patches in order, each to the result of the last', () => {
    const out = apply(
      PRETTY,
      { op: 'replace', path: '/containerDefinitions/0/portMappings/0/hostPort', value: 80 },
      { op: 'add', path: '/requiresCompatibilities', value: ['FARGATE'] },
      { op: 'remove', path: '/networkMode' },
    );
    expect(JSON.parse(out)).toEqual({ ...JSON.parse(PRETTY.replace('8080', '80').replace('  "networkMode": "awsvpc",\n', '')), requiresCompatibilities: ['FARGATE'] });
    expect(out).toContain('  "requiresCompatibilities": [\n    "FARGATE"\n  ]\n}');
  });

  it('refuses invalid JSON instead of guessing', () => {
    const result = applyPatchesToText('{"a": 1,}', [{ op: 'replace', path: '/a', value: 2 }]);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(/^The text is not valid JSON/);
  });

  it('refuses an unknown op and a patch without a value', () => {
    expect(applyPatchesToText('{}', [{ op: 'move', path: '/a' } as unknown as Patch]).ok).toBe(false);
    expect(applyPatchesToText('{"a":1}', [{ op: 'replace', path: '/a' }]).ok).toBe(false);
    expect(applyPatchesToText('{}', [null as unknown as Patch]).ok).toBe(false);
  });

  it('an empty patch list changes nothing', () => {
    expect(apply(PRETTY)).toBe(PRETTY);
  });
});

describe('minimalEdit', () => {
  it('keeps the common prefix and suffix', () => {
    expect(minimalEdit('"hostPort": 8080,', '"hostPort": 80,')).toEqual({ start: 14, end: 16, text: '' });
    expect(minimalEdit('abc', 'abc')).toEqual({ start: 3, end: 3, text: '' });
    expect(minimalEdit('', 'x')).toEqual({ start: 0, end: 0, text: 'x' });
    expect(minimalEdit('aXa', 'aYYa')).toEqual({ start: 1, end: 2, text: 'YY' });
  });

  it('applied to the old text gives the new text', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        const e = minimalEdit(a, b);
        expect(a.slice(0, e.start) + e.text + a.slice(e.end)).toBe(b);
      }),
    );
  });
});

// Reference semantics on parsed values, to compare the text patcher against.
function referencePatch(doc: unknown, patch: Patch): unknown {
  const clone = structuredClone(doc) as Record<string, unknown>;
  const segs = patch.path.split('/').slice(1);
  const last = segs.pop()!;
  let parent: Record<string, unknown> | unknown[] = clone;
  for (const s of segs) parent = (parent as Record<string, unknown>)[s] as Record<string, unknown>;
  if (Array.isArray(parent)) {
    const i = last === '-' ? parent.length : Number(last);
    if (patch.op === 'add') parent.splice(i, 0, patch.value);
    else if (patch.op === 'remove') parent.splice(i, 1);
    else parent[i] = patch.value;
  } else if (patch.op === 'remove') delete parent[last];
  else parent[last] = patch.value;
  return clone;
}

describe('JSON meaning (property test)', () => {
  const scalar = fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.string({ maxLength: 5 }));
  const key = fc.constantFrom('a', 'b', 'c', 'd');
  const doc = fc.dictionary(key, fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }), fc.dictionary(key, scalar, { maxKeys: 3 })), { maxKeys: 4 });

  it('matches RFC 6902 on random documents, pretty or compact', () => {
    fc.assert(
      fc.property(doc, fc.boolean(), fc.nat(20), scalar, fc.constantFrom('add', 'replace', 'remove'), (d, pretty, pick, value, op) => {
        // Choose an existing path (replace/remove) or a path whose parent exists (add).
        const paths: string[] = [];
        for (const [k, v] of Object.entries(d)) {
          paths.push(`/${k}`);
          if (Array.isArray(v)) v.forEach((_, i) => paths.push(`/${k}/${i}`));
          else if (v !== null && typeof v === 'object') Object.keys(v).forEach((k2) => paths.push(`/${k}/${k2}`));
        }
        if (op === 'add') paths.push('/e', ...Object.entries(d).filter(([, v]) => Array.isArray(v)).map(([k]) => `/${k}/-`));
        if (paths.length === 0) return;
        const path = paths[pick % paths.length]!;
        const patch = (op === 'remove' ? { op, path } : { op, path, value }) as Patch;
        const text = JSON.stringify(d, null, pretty ? 2 : undefined);
        const result = applyPatchesToText(text, [patch]);
        expect(result.ok).toBe(true);
        if (result.ok) expect(JSON.parse(result.text)).toEqual(referencePatch(d, patch));
      }),
      { numRuns: 500 },
    );
  });
});
