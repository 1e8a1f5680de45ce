// Proves a malformed expression is refused (never thrown) with the 1-based column of the problem
// and a message that says what was expected there; also the 2000-character limit and the
// per-subject operator subsets and argument formats.
import { describe, expect, it } from 'vitest';
import {
  invalidExpressionMessage,
  MAX_EXPRESSION_LENGTH,
  parseClusterQuery,
  QUERY_ERROR_PREFIX,
} from '../../../../workers/engine/placement/query/index.ts';

function refusal(text: string): { message: string; column: number } {
  const parsed = parseClusterQuery(text);
  if (parsed.ok) throw new Error(`expected ${JSON.stringify(text)} to be refused`);
  return { message: parsed.message, column: parsed.column };
}

describe('syntax errors name the column and what was expected', () => {
  it.each([
    // [expression, column, words the message must contain]
    ['attribute:ecs.instance-type t2.small', 29, "expected an operator after 'attribute:ecs.instance-type' at column 29"],
    ['', 1, 'the expression is empty'],
    ['   ', 1, 'the expression is empty'],
    ['== t2.small', 1, 'expected a subject'],
    ['attribute: == x', 11, "expected an attribute name after 'attribute:' at column 11"],
    ['instanceType == t2.small', 1, "unknown subject 'instanceType'"],
    ['agentversion == 1.0', 1, 'Did you mean "agentVersion"?'],
    ['runningTaskCount == 1', 1, 'Did you mean "runningTasksCount"?'],
    ['attribute:x equal y', 13, 'Did you mean "equals"?'],
    ['attribute:x matchs t2.*', 13, 'Did you mean "matches"?'],
    ['Attribute:stack == prod', 1, 'Did you mean "attribute:stack"?'],
    ['attribute:x = y', 13, "'=' at column 13 is not an operator; write '=='"],
    ['attribute:x not_equal y', 13, "'not_equal' at column 13 is not an operator"],
    ['attribute:x !inn [a]', 13, "'!inn' at column 13 is not an operator"],
    ['attribute:x ==', 15, "expected a value after '==' at column 15, found the end of the expression"],
    ['attribute:x == y and', 21, 'expected a subject'],
    ['attribute:x == y or or attribute:z exists', 21, "unknown subject 'or'"],
    ['attribute:x in a, b', 16, "expected a list such as [a, b, 'c'] after 'in' at column 16"],
    ['attribute:x in [a, b', 21, "expected ',' or ']' in the list at column 21"],
    ['attribute:x in [a,, b]', 19, 'expected a value in the list at column 19'],
    ['attribute:x in []', 17, 'expected a value in the list at column 17'],
    ['attribute:x in [a b]', 19, "expected ',' or ']' in the list at column 19, found 'b]'"],
    ["attribute:x == 'abc", 16, 'the quoted value starting at column 16 has no closing'],
    ['attribute:x == us east', 19, "expected 'and', 'or' or the end of the expression after 'us' at column 19, found 'east' (quote a value that contains spaces"],
    ['(attribute:x == y', 18, "expected ')' at column 18 to close the '(' at column 1"],
    ['attribute:x == y)', 17, "unexpected ')' at column 17"],
    ['not', 4, 'expected a subject'],
    ['attribute:x exists y', 20, "'exists' takes no argument, but 'y' follows it at column 20"],
    ['attribute:x =~ (t2|t3).*', 16, "a single expression can't contain parentheses (at column 16); quote the value"],
    ['attribute:x == a(b)', 17, "a single expression can't contain parentheses"],
    ['attribute:x == y attribute:z == w', 18, "expected 'and', 'or' or the end of the expression after 'y' at column 18"],
  ])('%j → column %i', (text, column, words) => {
    const error = refusal(text);
    expect(error.message).toContain(words);
    expect(error.column).toBe(column);
  });
});

describe('operators outside a subject’s documented set are refused', () => {
  it.each([
    ['agentVersion in [1.0]', 14, 'agentVersion', 'in'],
    ['agentVersion =~ 1.*', 14, 'agentVersion', '=~'],
    ['registeredAt exists', 14, 'registeredAt', 'exists'],
    ['runningTasksCount matches 1', 19, 'runningTasksCount', 'matches'],
    ['agentConnected > true', 16, 'agentConnected', '>'],
    ['ec2InstanceId <= i-1', 15, 'ec2InstanceId', '<='],
    ['ec2InstanceId !exists', 15, 'ec2InstanceId', '!exists'],
    ['task:group =~ service:.*', 12, 'task:group', '=~'],
    ['task:group exists', 12, 'task:group', 'exists'],
  ])('%s', (text, column, subject, operator) => {
    const error = refusal(text);
    expect(error.message).toContain(`${subject} can't be compared with '${operator}' (at column ${column}); its operators are`);
    expect(error.column).toBe(column);
  });

  it('lists the operators the subject does accept', () => {
    expect(refusal('agentConnected > true').message).toContain('== (equals), != (not_equals), in, !in (not_in), =~ (matches), !~ (not_matches)');
  });
});

describe('typed arguments are checked where they stand', () => {
  it.each([
    ['agentVersion < 1.x', 16, 'agentVersion compares with a version such as 1.14.5'],
    ['agentVersion < latest', 16, "not 'latest'"],
    ['registeredAt < 13/02/2018', 16, 'registeredAt compares with a date in one of the formats 2018-06-18T22:28:28+00:00'],
    ['registeredAt < 2018-02-30', 16, "not '2018-02-30'"], // no such day
    ['registeredAt < 2018-02-13T25:00:00Z', 16, 'registeredAt compares with a date'],
    ['runningTasksCount > -1', 21, 'runningTasksCount compares with a whole number'],
    ['runningTasksCount > 1.5', 21, "not '1.5'"],
    ['agentConnected == yes', 19, "agentConnected is true or false, not 'yes'"],
    ['agentConnected in [true, maybe]', 26, "not 'maybe'"],
    ['attribute:x =~ a**', 18, "invalid regular expression 'a**' at column 16"],
    ["attribute:x =~ 'a*+'", 19, 'possessive quantifiers'],
  ])('%s', (text, column, words) => {
    const error = refusal(text);
    expect(error.message).toContain(words);
    expect(error.column).toBe(column);
  });
});

describe('the 2000-character limit (CFN/API: expression maximum length 2000)', () => {
  const clause = 'attribute:ecs.availability-zone != us-east-1z';
  const build = (length: number): string => {
    let text = clause;
    while (text.length + clause.length + 5 <= length) text += ` and ${clause}`;
    return text + ' '.repeat(length - text.length);
  };

  it('accepts exactly 2000 characters', () => {
    const text = build(MAX_EXPRESSION_LENGTH);
    expect(text).toHaveLength(2000);
    expect(parseClusterQuery(text).ok).toBe(true);
  });

  it('refuses 2001 characters, saying how long it is', () => {
    const error = refusal(build(2001));
    expect(error.message).toBe('The expression is 2001 characters long; the maximum is 2000.');
    expect(error.column).toBe(2001);
  });

  it('survives deep nesting within the limit', () => {
    const nested = `${'('.repeat(900)}runningTasksCount == 0${')'.repeat(900)}`;
    expect(parseClusterQuery(nested).ok).toBe(true);
    const nots = `${'!'.repeat(1900)}runningTasksCount == 0`;
    const parsed = parseClusterQuery(nots);
    expect(parsed.ok).toBe(true);
  });
});

describe('never throws', () => {
  it.each([null, undefined, 42, {}, ['attribute:x exists']])('refuses %j as a value', (input) => {
    const parsed = parseClusterQuery(input as unknown as string);
    expect(parsed.ok).toBe(false);
  });
});

describe('the message an engine command returns', () => {
  it('prefixes the parser’s detail', () => {
    const error = refusal('attribute:ecs.instance-type t2.small');
    expect(invalidExpressionMessage(error.message)).toBe(`${QUERY_ERROR_PREFIX}${error.message}`);
    expect(QUERY_ERROR_PREFIX).toBe('Invalid cluster query language expression: ');
  });
});
