/**
 * The basics of a memberOf expression (cluster query language, ecs-reference §1): brackets that
 * balance, and simple expressions of the form `subject operator [argument]` joined by and/or/&&/||,
 * each optionally negated with not/!. The full parser (evaluating against instance attributes)
 * arrives with placement; this only catches what can never be a valid expression, and stays lenient
 * about arguments (values are free text to AWS too: `t3.*`, `2018-02-13`, `[a, b]`).
 */

const SUBJECT = /^(attribute:\S+|task:group|agentConnected|agentVersion|ec2InstanceId|registeredAt|runningTasksCount)$/;
const SYMBOL_OPERATORS = ['==', '!=', '>=', '<=', '>', '<', '=~', '!~'];
const WORD_OPERATORS = ['equals', 'not_equals', 'greater_than', 'greater_than_equal', 'less_than', 'less_than_equal', 'in', '!in', 'not_in', 'matches', 'not_matches'];
const NO_ARGUMENT_OPERATORS = ['exists', '!exists', 'not_exists'];
const SUBJECTS_TEXT = 'attribute:<name>, task:group, agentConnected, agentVersion, ec2InstanceId, registeredAt, runningTasksCount';

/** Why `expression` cannot be a cluster query, in a few words, or null when its form is fine. */
export function memberOfProblem(expression: string): string | null {
  const brackets = bracketProblem(expression);
  if (brackets) return brackets;
  // Lists are arguments: take them out before splitting on the joining words.
  const flat = expression.replace(/\[[^\]]*\]/g, ' [list] ');
  for (const part of flat.split(/&&|\|\||\band\b|\bor\b/i)) {
    const simple = stripNegationAndParentheses(part);
    if (simple === '') return 'has nothing on one side of an and/or';
    const problem = simpleProblem(simple);
    if (problem) return problem;
  }
  return null;
}

function bracketProblem(expression: string): string | null {
  const open: { char: string; at: number }[] = [];
  const pairs: Record<string, string> = { ')': '(', ']': '[' };
  for (let i = 0; i < expression.length; i += 1) {
    const char = expression[i]!;
    if (char === '(' || char === '[') open.push({ char, at: i });
    else if (char === ')' || char === ']') {
      const last = open.pop();
      if (!last || last.char !== pairs[char]) return `has a '${char}' at position ${i + 1} that closes nothing`;
    }
  }
  const unclosed = open.pop();
  return unclosed ? `has a '${unclosed.char}' at position ${unclosed.at + 1} that is never closed` : null;
}

function stripNegationAndParentheses(part: string): string {
  let text = part.trim();
  for (;;) {
    const next = text.replace(/^(\(|!(?![=~])|not\b)\s*/i, '').replace(/\s*\)$/, '').trim();
    if (next === text) return text;
    text = next;
  }
}

function simpleProblem(simple: string): string | null {
  const symbol = /^(\S+?)\s*(==|!=|>=|<=|=~|!~|>|<)\s*(.*)$/.exec(simple);
  const words = simple.split(/\s+/);
  let subject: string;
  let operator: string;
  let argument: string;
  if (symbol && SYMBOL_OPERATORS.includes(symbol[2]!)) {
    [, subject, operator, argument] = symbol as unknown as [string, string, string, string];
  } else {
    subject = words[0]!;
    operator = words[1] ?? '';
    argument = words.slice(2).join(' ');
  }
  if (!SUBJECT.test(subject)) return `has '${subject}' where a subject belongs (${SUBJECTS_TEXT})`;
  const op = operator.toLowerCase();
  if (NO_ARGUMENT_OPERATORS.includes(op)) return argument === '' ? null : `gives '${subject} ${operator}' an argument it does not take`;
  if (!SYMBOL_OPERATORS.includes(op) && !WORD_OPERATORS.includes(op)) {
    return `has no operator after '${subject}' (==, !=, >, >=, <, <=, =~, !~, in, !in, exists, !exists)`;
  }
  return argument.trim() === '' ? `has no argument after '${subject} ${operator}'` : null;
}
