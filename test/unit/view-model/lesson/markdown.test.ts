// The instructions' markdown reader: the blocks and inlines it knows, HTML kept as text, and only
// safe link targets (anything else becomes plain emphasised text).
import { describe, expect, it } from 'vitest';
import { parseInline, parseMarkdown, safeHref } from '../../../../src/lib/view-model/lesson/markdown.ts';

describe('parseMarkdown', () => {
  it('reads paragraphs, headings, lists and fenced code', () => {
    const blocks = parseMarkdown('# Launch types\n\nFargate runs\ntasks for you.\n\n- one\n- two\n  continued\n\n1. first\n2. second\n\n```yaml\n  - ecs:RunTask: {}\n```\n');
    expect(blocks.map((b) => b.kind)).toEqual(['heading', 'paragraph', 'list', 'list', 'code']);
    expect(blocks[0]).toEqual({ kind: 'heading', level: 3, children: [{ kind: 'text', text: 'Launch types' }] });
    expect(blocks[1]).toEqual({ kind: 'paragraph', children: [{ kind: 'text', text: 'Fargate runs tasks for you.' }] });
    expect(blocks[2]).toMatchObject({ kind: 'list', ordered: false, items: [[{ text: 'one' }], [{ text: 'two continued' }]] });
    expect(blocks[3]).toMatchObject({ kind: 'list', ordered: true });
    expect(blocks[4]).toEqual({ kind: 'code', lang: 'yaml', text: '- ecs:RunTask: {}' });
  });

  it('keeps HTML as the characters it is', () => {
    const blocks = parseMarkdown('<script>alert(1)</script> <img src=x onerror=alert(1)>');
    expect(blocks).toEqual([{ kind: 'paragraph', children: [{ kind: 'text', text: '<script>alert(1)</script> <img src=x onerror=alert(1)>' }] }]);
  });

  it('an unclosed fence takes the rest as code', () => {
    expect(parseMarkdown('```\nx')).toEqual([{ kind: 'code', lang: '', text: 'x' }]);
  });
});

describe('parseInline', () => {
  it('reads code, strong, emphasis and links', () => {
    expect(parseInline('Use `ecs:RunTask` with **launchType** set to *FARGATE*, see [docs](https://docs.aws.amazon.com/ecs).')).toEqual([
      { kind: 'text', text: 'Use ' },
      { kind: 'code', text: 'ecs:RunTask' },
      { kind: 'text', text: ' with ' },
      { kind: 'strong', children: [{ kind: 'text', text: 'launchType' }] },
      { kind: 'text', text: ' set to ' },
      { kind: 'em', children: [{ kind: 'text', text: 'FARGATE' }] },
      { kind: 'text', text: ', see ' },
      { kind: 'link', href: 'https://docs.aws.amazon.com/ecs', children: [{ kind: 'text', text: 'docs' }] },
      { kind: 'text', text: '.' },
    ]);
  });

  it('leaves snake_case words and unclosed markers alone', () => {
    expect(parseInline('task_role_arn and 2 * 3')).toEqual([{ kind: 'text', text: 'task_role_arn and 2 * 3' }]);
    expect(parseInline('a `b')).toEqual([{ kind: 'text', text: 'a `b' }]);
  });

  it('an unsafe link keeps its words, without the link', () => {
    expect(parseInline('[click](javascript:alert(1))')).toEqual([{ kind: 'em', children: [{ kind: 'text', text: 'click' }] }, { kind: 'text', text: ')' }]);
    expect(parseInline('[x](data:text/html,hi)')).toEqual([{ kind: 'em', children: [{ kind: 'text', text: 'x' }] }]);
  });
});

describe('safeHref', () => {
  it.each([
    ['https://aws.amazon.com/ecs/', 'https://aws.amazon.com/ecs/'],
    ['HTTP://example.com', 'http://example.com/'],
    ['mailto:a@example.com', 'mailto:a@example.com'],
    ['#step-2', '#step-2'],
    ['javascript:alert(1)', null],
    [' JaVaScRiPt:alert(1)', null],
    ['java\tscript:alert(1)', null],
    ['data:text/html,<b>', null],
    ['vbscript:x', null],
    ['//evil.example', null],
    ['../relative', null],
    ['https://a.example/"onmouseover="x', null],
  ])('%s → %s', (href, expected) => {
    expect(safeHref(href)).toBe(expected);
  });
});
