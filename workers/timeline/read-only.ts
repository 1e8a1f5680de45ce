/**
 * Which steps only read. A read run from the past (after a jump back) is answered without
 * branching: looking at the past with DescribeServices must not throw the future away. Sandbox
 * rule, by name: Describe*, List*, Get* and sim:ExplainPlacement — except SQS, whose reads bring a
 * queue's model up to now (engine/sqs/catch-up.ts), which is not proven neutral to what follows.
 * At the end of the run reads are logged like any command, so a replay is the run exactly.
 */
import type { Step } from '../protocol.ts';

const READ = /^[a-z0-9-]+:(Describe|List|Get)[A-Z]/;

export function isReadOnlyStep(step: Step): boolean {
  const keys = Object.keys(step);
  if (keys.length !== 1) return false;
  const action = keys[0]!;
  if (action.startsWith('sqs:')) return false;
  return action === 'sim:ExplainPlacement' || READ.test(action);
}
