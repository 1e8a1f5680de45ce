// Property tests (fast-check): random compound expressions, written with random surface syntax
// (symbol or word operators, keyword case, spacing, redundant parentheses), evaluate exactly as
// an independent reference evaluator says; not(e) is always the negation of e; the canonical
// form reparses to the same meaning; explanations agree with matches; and no input string or
// pattern makes the parser throw. A failing run prints its seed and counterexample.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildTest, compileQuery } from '../../../../workers/engine/placement/query/compile.ts';
import { explainNode } from '../../../../workers/engine/placement/query/explain.ts';
import {
  MAX_EXPRESSION_LENGTH,
  normalizeClusterQuery,
  parseClusterQuery,
  type QueryTarget,
} from '../../../../workers/engine/placement/query/index.ts';
import { translateJavaRegex } from '../../../../workers/engine/placement/query/java-regex.ts';
import { parseQueryText } from '../../../../workers/engine/placement/query/parser.ts';
import { query, target, type TargetSpec } from './helpers.ts';

/** The instance facts the reference evaluator reads. */
type RefSpec = Required<Pick<TargetSpec, 'attributes' | 'groups' | 'runningTasksCount' | 'agentVersion'>>;

interface Leaf {
  readonly kind: 'leaf';
  /** Renders the comparison; `words` picks the word form of the operator. */
  readonly render: (words: boolean) => string;
  readonly evaluate: (spec: RefSpec) => boolean;
}
type Tree = Leaf | { kind: 'not'; operand: Tree } | { kind: 'and' | 'or'; operands: Tree[] };

const VERSIONS = ['1.9.0', '1.14.5', '1.100.0'];
const versionKey = (v: string): number[] => v.split('.').map(Number);
const compareVersions = (a: string, b: string): number => {
  const [x, y] = [versionKey(a), versionKey(b)];
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i]! < y[i]! ? -1 : 1;
  return 0;
};
const ORDER: [symbol: string, word: string, holds: (c: number) => boolean][] = [
  ['==', 'equals', (c) => c === 0],
  ['!=', 'not_equals', (c) => c !== 0],
  ['>', 'greater_than', (c) => c > 0],
  ['>=', 'greater_than_equal', (c) => c >= 0],
  ['<', 'less_than', (c) => c < 0],
  ['<=', 'less_than_equal', (c) => c <= 0],
];

const leafArb: fc.Arbitrary<Leaf> = fc.oneof(
  fc.record({ name: fc.constantFrom('a', 'b'), value: fc.constantFrom('x', 'y'), negate: fc.boolean() }).map(({ name, value, negate }) => ({
    kind: 'leaf' as const,
    render: (words: boolean) => `attribute:${name} ${negate ? (words ? 'not_equals' : '!=') : words ? 'equals' : '=='} ${value}`,
    evaluate: (s: RefSpec) => {
      const v = s.attributes[name];
      return v !== undefined && ((v ?? '') === value) !== negate;
    },
  })),
  fc.record({ name: fc.constantFrom('a', 'b'), negate: fc.boolean() }).map(({ name, negate }) => ({
    kind: 'leaf' as const,
    render: (words: boolean) => `attribute:${name} ${negate ? (words ? 'not_exists' : '!exists') : 'exists'}`,
    evaluate: (s: RefSpec) => (s.attributes[name] !== undefined) !== negate,
  })),
  fc.record({ name: fc.constantFrom('a', 'b'), values: fc.subarray(['x', 'y', 'z'], { minLength: 1 }), negate: fc.boolean() }).map(
    ({ name, values, negate }) => ({
      kind: 'leaf' as const,
      render: (words: boolean) => `attribute:${name} ${negate ? (words ? 'not_in' : '!in') : 'in'} [${values.join(', ')}]`,
      evaluate: (s: RefSpec) => {
        const v = s.attributes[name];
        return v !== undefined && values.includes(v ?? '') !== negate;
      },
    }),
  ),
  fc.record({ name: fc.constantFrom('a', 'b'), prefix: fc.constantFrom('x', 'y', ''), negate: fc.boolean() }).map(({ name, prefix, negate }) => ({
    kind: 'leaf' as const,
    render: (words: boolean) => `attribute:${name} ${negate ? (words ? 'not_matches' : '!~') : words ? 'matches' : '=~'} ${prefix}.*`,
    evaluate: (s: RefSpec) => {
      const v = s.attributes[name];
      return v !== undefined && (v ?? '').startsWith(prefix) !== negate;
    },
  })),
  fc.record({ op: fc.constantFrom(...ORDER), n: fc.integer({ min: 0, max: 3 }) }).map(({ op, n }) => ({
    kind: 'leaf' as const,
    render: (words: boolean) => `runningTasksCount ${words ? op[1] : op[0]} ${n}`,
    evaluate: (s: RefSpec) => op[2](Math.sign(s.runningTasksCount - n)),
  })),
  fc.record({ op: fc.constantFrom(...ORDER), v: fc.constantFrom(...VERSIONS) }).map(({ op, v }) => ({
    kind: 'leaf' as const,
    render: (words: boolean) => `agentVersion ${words ? op[1] : op[0]} ${v}`,
    evaluate: (s: RefSpec) => op[2](compareVersions(s.agentVersion, v)),
  })),
  fc.record({ group: fc.constantFrom('service:web', 'database'), negate: fc.boolean() }).map(({ group, negate }) => ({
    kind: 'leaf' as const,
    render: (words: boolean) => `task:group ${negate ? (words ? 'not_equals' : '!=') : words ? 'equals' : '=='} ${group}`,
    evaluate: (s: RefSpec) => s.groups.includes(group) !== negate,
  })),
);

const treeArb: fc.Arbitrary<Tree> = fc.letrec<{ tree: Tree }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leafArb,
    fc.record({ kind: fc.constant('not' as const), operand: tie('tree') }),
    fc.record({ kind: fc.constantFrom('and' as const, 'or' as const), operands: fc.array(tie('tree'), { minLength: 2, maxLength: 4 }) }),
  ),
})).tree;

interface Style {
  words: boolean;
  upper: boolean;
  symbols: boolean;
  extraParens: boolean;
  space: string;
}
const styleArb: fc.Arbitrary<Style> = fc.record({
  words: fc.boolean(),
  upper: fc.boolean(),
  symbols: fc.boolean(),
  extraParens: fc.boolean(),
  space: fc.constantFrom(' ', '  ', '\t', ' \n '),
});

/** Renders a tree; parentheses only where the grouping needs them (or everywhere, if extraParens). */
function render(tree: Tree, style: Style): string {
  const kw = (word: string): string => (style.upper ? word.toUpperCase() : word);
  const sp = style.space;
  switch (tree.kind) {
    case 'leaf':
      return style.extraParens ? `(${tree.render(style.words)})` : tree.render(style.words);
    case 'not':
      return style.symbols ? `!(${render(tree.operand, style)})` : `${kw('not')}(${render(tree.operand, style)})`;
    default: {
      const join = style.symbols ? (tree.kind === 'and' ? '&&' : '||') : kw(tree.kind);
      return tree.operands
        .map((operand) => {
          const text = render(operand, style);
          const needs = operand.kind === 'or' || operand.kind === 'and' ? operand.kind !== tree.kind || style.extraParens : false;
          return needs || (operand.kind === 'and' && tree.kind === 'and') ? `(${text})` : text;
        })
        .join(`${sp}${join}${sp}`);
    }
  }
}

function reference(tree: Tree, spec: RefSpec): boolean {
  switch (tree.kind) {
    case 'leaf':
      return tree.evaluate(spec);
    case 'not':
      return !reference(tree.operand, spec);
    case 'and':
      return tree.operands.every((operand) => reference(operand, spec));
    default:
      return tree.operands.some((operand) => reference(operand, spec));
  }
}

const specArb = fc.record({
  attributes: fc.record({
    a: fc.constantFrom<string | null | undefined>(undefined, null, 'x', 'y', 'xy'),
    b: fc.constantFrom<string | null | undefined>(undefined, null, 'x', 'y', 'yx'),
  }).map((attrs) => Object.fromEntries(Object.entries(attrs).filter(([, v]) => v !== undefined)) as Record<string, string | null>),
  groups: fc.subarray(['service:web', 'database', 'family:web']),
  runningTasksCount: fc.integer({ min: 0, max: 4 }),
  agentVersion: fc.constantFrom(...VERSIONS, '1.14.4', '1.99.0'),
});

const asTarget = (spec: TargetSpec): QueryTarget => target(spec);

describe('properties', () => {
  it('random compound expressions evaluate as the reference evaluator says', () => {
    fc.assert(
      fc.property(treeArb, styleArb, fc.array(specArb, { minLength: 1, maxLength: 5 }), (tree, style, specs) => {
        const text = render(tree, style);
        fc.pre(text.length <= MAX_EXPRESSION_LENGTH);
        const parsed = parseClusterQuery(text);
        if (!parsed.ok) throw new Error(`${text}: ${parsed.message}`);
        for (const spec of specs) expect(parsed.query.matches(asTarget(spec)), text).toBe(reference(tree, spec));
      }),
      { numRuns: 400 },
    );
  });

  it('not(e) is the negation of e', () => {
    fc.assert(
      fc.property(treeArb, styleArb, specArb, (tree, style, spec) => {
        const text = render(tree, style);
        fc.pre(text.length < MAX_EXPRESSION_LENGTH - 10);
        expect(query(`not(${text})`).matches(asTarget(spec))).toBe(!query(text).matches(asTarget(spec)));
        expect(query(`!(${text})`).matches(asTarget(spec))).toBe(!query(text).matches(asTarget(spec)));
      }),
      { numRuns: 300 },
    );
  });

  it('De Morgan: not(a and b) ≡ not a or not b', () => {
    fc.assert(
      fc.property(treeArb, treeArb, styleArb, specArb, (a, b, style, spec) => {
        const [x, y] = [render(a, style), render(b, style)];
        fc.pre(x.length + y.length < 900);
        const left = query(`not((${x}) and (${y}))`).matches(asTarget(spec));
        const right = query(`not(${x}) or not(${y})`).matches(asTarget(spec));
        expect(left).toBe(right);
      }),
      { numRuns: 200 },
    );
  });

  it('the canonical form is stable and means the same', () => {
    fc.assert(
      fc.property(treeArb, styleArb, specArb, (tree, style, spec) => {
        const text = render(tree, style);
        fc.pre(text.length <= MAX_EXPRESSION_LENGTH);
        const canonical = normalizeClusterQuery(text);
        expect(canonical).toBeDefined();
        expect(normalizeClusterQuery(canonical!)).toBe(canonical);
        fc.pre(canonical!.length <= MAX_EXPRESSION_LENGTH);
        expect(query(canonical!).matches(asTarget(spec))).toBe(query(text).matches(asTarget(spec)));
      }),
      { numRuns: 300 },
    );
  });

  it('explanations agree with matches and are never empty', () => {
    fc.assert(
      fc.property(treeArb, styleArb, specArb, (tree, style, spec) => {
        const text = render(tree, style);
        fc.pre(text.length <= MAX_EXPRESSION_LENGTH);
        const compiled = compileQuery(parseQueryText(text));
        const verdict = explainNode(compiled, asTarget(spec));
        expect(verdict.result).toBe(buildTest(compiled)(asTarget(spec)));
        expect(verdict.reason.length).toBeGreaterThan(10);
      }),
      { numRuns: 300 },
    );
  });

  it('no string makes the parser throw; refusals point inside the text', () => {
    const piece = fc.constantFrom(
      'attribute:',
      'ecs.instance-type',
      ' ',
      '==',
      '!',
      'in',
      '[',
      ']',
      ',',
      "'",
      '"',
      '(',
      ')',
      'and',
      'or',
      'not',
      '&&',
      '||',
      '=~',
      't2.*',
      'exists',
      'runningTasksCount',
      '1',
      'task:group',
      '\\',
      'registeredAt',
      '2018-02-13',
    );
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.array(piece, { maxLength: 20 }).map((parts) => parts.join(''))), (text) => {
        const parsed = parseClusterQuery(text);
        if (!parsed.ok) {
          expect(parsed.column).toBeGreaterThanOrEqual(1);
          expect(parsed.column).toBeLessThanOrEqual(Math.max(text.length + 1, 1));
          expect(parsed.message.length).toBeGreaterThan(10);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('no pattern makes the regex translation throw', () => {
    const piece = fc.constantFrom('a', '.', '*', '+', '?', '(', ')', '[', ']', '{', '}', '2', ',', '|', '^', '$', '\\', 'd', 'p', 'Q', 'E', '-', '&', '<', '>', '=', '!', ':', 'x', 'u', '0');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 24 }).map((parts) => parts.join('')), (pattern) => {
        const translated = translateJavaRegex(pattern);
        if (translated.ok) expect(() => translated.regExp.test('abc')).not.toThrow();
        else expect(translated.message.length).toBeGreaterThan(5);
      }),
      { numRuns: 3000 },
    );
  });
});
