// Proves the explainer's state against a fake client: answers arrive latest-wins (a slow first
// answer never replaces a quick second one, and closing drops both), Apply runs the suggestion's
// step and then asks the what-if of the same request, a refused step is said and changes nothing,
// "Run it" runs the what-if and explains the started task, and sibling tasks are asked by index.
import { describe, expect, it } from 'vitest';
import type { ExplainQuery, ExplainResult, Step, StepResult } from '../../../workers/protocol.ts';
import type { SandboxClient } from '../../../src/lib/sandbox-client.svelte.ts';
import { PlacementExplainerState } from '../../../src/lib/placement-explainer.svelte.ts';
import { suggestionViews } from '../../../src/lib/view-model/placement-summary.ts';
import { decisionQuery, taskQuery, whatIfQuery } from '../../../src/lib/view-model/placement-query.ts';
import { whatIfRequest } from '../../../src/lib/view-model/placement-followup.ts';
import { failedExplanation, placedExplanation } from './placement-fixtures.ts';

interface Deferred {
  query: ExplainQuery;
  resolve(result: ExplainResult): void;
}

/** A client whose answers the test releases by hand, in any order. */
function fakeClient(stepResult: (step: Step) => StepResult = (step) => ({ step: 0, action: Object.keys(step)[0]!, response: {} })) {
  const asked: Deferred[] = [];
  const dispatched: Step[] = [];
  const client = {
    explain(query: ExplainQuery): Promise<ExplainResult> {
      return new Promise((resolve) => asked.push({ query, resolve }));
    },
    async dispatch(step: Step): Promise<StepResult> {
      dispatched.push(step);
      return stepResult(step);
    },
  };
  return { client: client as unknown as SandboxClient, asked, dispatched };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('PlacementExplainerState', () => {
  it('shows only the newest answer when two questions overlap', async () => {
    const { client, asked } = fakeClient();
    const state = new PlacementExplainerState(client);
    const first = state.show(decisionQuery('p-9'));
    const second = state.show(taskQuery('arn:aws:ecs:us-east-1:1:task/demo/abc'));
    expect(state.isOpen).toBe(true);
    expect(state.pending).toBe(true);
    asked[1]!.resolve({ ok: true, explanation: placedExplanation() });
    await second;
    asked[0]!.resolve({ ok: true, explanation: failedExplanation() });
    await first;
    expect(state.explanation?.label).toBe('web:3');
    expect(state.pending).toBe(false);
  });

  it('opens without the previous answer, and keeps it while open for the next question', async () => {
    const { client, asked } = fakeClient();
    const state = new PlacementExplainerState(client);
    const shown = state.show(decisionQuery('p-9'));
    asked[0]!.resolve({ ok: true, explanation: failedExplanation() });
    await shown;
    void state.sibling(1); // count 1: nothing to step to
    void state.recheckNow();
    expect(state.explanation?.label).toBe('big:1'); // still shown (dimmed) while the what-if is asked
    state.close();
    void state.show(decisionQuery('p-7'));
    expect(state.result).toBeNull();
  });

  it('drops answers that arrive after it closed', async () => {
    const { client, asked } = fakeClient();
    const state = new PlacementExplainerState(client);
    const pending = state.show(decisionQuery('p-9'));
    state.close();
    asked[0]!.resolve({ ok: true, explanation: failedExplanation() });
    await pending;
    expect(state.isOpen).toBe(false);
    expect(state.result).toBeNull();
  });

  it('applies a suggestion, then asks what RunTask would do now with the same request', async () => {
    const { client, asked, dispatched } = fakeClient();
    const state = new PlacementExplainerState(client);
    const shown = state.show(decisionQuery('p-9'));
    asked[0]!.resolve({ ok: true, explanation: failedExplanation() });
    await shown;
    const addInstance = suggestionViews(state.explanation!.suggestions).find((s) => s.kind === 'add-instance')!;
    const applying = state.apply(addInstance);
    await settle();
    expect(dispatched).toEqual([addInstance.step]);
    expect(asked[1]!.query).toEqual(whatIfQuery(whatIfRequest(failedExplanation())));
    asked[1]!.resolve({ ok: true, explanation: { ...placedExplanation(), placementId: undefined } });
    await applying;
    expect(state.applied).toEqual({ verb: 'Applied', suggestion: addInstance.text, ok: true, message: '', before: failedExplanation().summary });
    expect(state.explanation?.outcome).toBe('placed');
  });

  it('says when the step is refused, and keeps the answer it had', async () => {
    const { client, asked } = fakeClient((step) => ({ step: 0, action: Object.keys(step)[0]!, error: { code: 'InvalidParameterException', message: 'Unknown instance type.' } }));
    const state = new PlacementExplainerState(client);
    const shown = state.show(decisionQuery('p-9'));
    asked[0]!.resolve({ ok: true, explanation: failedExplanation() });
    await shown;
    await state.apply(suggestionViews(state.explanation!.suggestions)[1]!);
    expect(state.applied).toMatchObject({ ok: false, message: 'InvalidParameterException: Unknown instance type.' });
    expect(asked).toHaveLength(1);
    expect(state.explanation?.label).toBe('big:1');
  });

  it('runs a what-if for real and explains the started task', async () => {
    const taskArn = 'arn:aws:ecs:us-east-1:123456789012:task/demo/0123456789abcdef';
    const { client, asked, dispatched } = fakeClient((step) => ({ step: 0, action: 'ecs:RunTask', response: { tasks: [{ taskArn }], failures: [] } }));
    const state = new PlacementExplainerState(client);
    const request = { cluster: 'demo', taskDefinition: 'web', count: 1 };
    const shown = state.show(whatIfQuery(request));
    asked[0]!.resolve({ ok: true, explanation: { ...placedExplanation(), placementId: undefined } });
    await shown;
    const running = state.runWhatIf();
    await settle();
    expect(dispatched).toEqual([{ 'ecs:RunTask': request }]);
    expect(asked[1]!.query).toEqual(taskQuery(taskArn));
    asked[1]!.resolve({ ok: true, explanation: placedExplanation() });
    await running;
    expect(state.applied).toMatchObject({ verb: 'Ran', ok: true, suggestion: 'ecs:RunTask: 1 task started. This is the decision ECS made.' });
  });

  it('says when a what-if run for real did not place after all', async () => {
    const failures = [{ arn: 'arn:aws:ecs:us-east-1:123456789012:container-instance/demo/0a', reason: 'RESOURCE:MEMORY' }];
    const { client, asked } = fakeClient(() => ({ step: 0, action: 'ecs:RunTask', response: { tasks: [], failures } }));
    const state = new PlacementExplainerState(client);
    const shown = state.show(whatIfQuery({ cluster: 'demo', taskDefinition: 'big' }));
    asked[0]!.resolve({ ok: true, explanation: { ...placedExplanation(), placementId: undefined } });
    await shown;
    await state.runWhatIf();
    expect(state.applied).toEqual({ verb: 'Ran', suggestion: 'ecs:RunTask', ok: false, message: '0 tasks started, 1 failure — 0a: RESOURCE:MEMORY', before: null });
    expect(asked).toHaveLength(1);
  });

  it('asks for the other tasks of a request by index, within bounds', async () => {
    const { client, asked } = fakeClient();
    const state = new PlacementExplainerState(client);
    const shown = state.show(decisionQuery('p-7', 1));
    asked[0]!.resolve({ ok: true, explanation: placedExplanation() }); // task 2 of 2
    await shown;
    void state.sibling(1);
    expect(asked).toHaveLength(1);
    void state.sibling(-1);
    expect(asked[1]!.query).toEqual(decisionQuery('p-7', 0));
  });

  it('keeps the filter while open and resets it on the next opening', async () => {
    const { client, asked } = fakeClient();
    const state = new PlacementExplainerState(client);
    void state.show(decisionQuery('p-9'));
    state.filter = 'refused';
    void state.show(decisionQuery('p-7'));
    expect(state.filter).toBe('refused');
    state.close();
    void state.show(decisionQuery('p-7'));
    expect(state.filter).toBe('all');
    expect(asked).toHaveLength(3);
  });
});
