/**
 * Why an expression matched an instance or not, naming only the comparisons that decided:
 * for a failed `and`, the operands that failed; for a matched `or`, the operands that matched;
 * otherwise all of them. Runs only when the explainer asks, never on the placement hot path.
 */
import type { CompiledNode } from './compile.ts';
import type { QueryTarget } from './target.ts';

export interface Verdict {
  readonly result: boolean;
  readonly reason: string;
}

export function explainNode(node: CompiledNode, target: QueryTarget): Verdict {
  switch (node.type) {
    case 'comparison': {
      const result = node.comparison.test(target);
      return { result, reason: node.comparison.describe(target, result) };
    }
    case 'not': {
      // The operand's reason is the reason: "a task of group database runs on the instance"
      // explains why not(task:group == database) failed.
      const inner = explainNode(node.operand, target);
      return { result: !inner.result, reason: inner.reason };
    }
    default: {
      const verdicts = node.operands.map((operand) => explainNode(operand, target));
      // The value that decides a junction on its own: false for `and`, true for `or`.
      const decisive = node.type === 'or';
      const result = verdicts.some((v) => v.result === decisive) ? decisive : !decisive;
      const deciding = result === decisive ? verdicts.filter((v) => v.result === decisive) : verdicts;
      return { result, reason: deciding.map((v) => v.reason).join('; ') };
    }
  }
}
