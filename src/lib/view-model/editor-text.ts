/** The text the editor opens with: the scenario's task definition, else a small valid example. */
import type { Scenario } from '../../../workers/protocol.ts';

export const FALLBACK_TASK_DEFINITION = {
  family: 'web',
  containerDefinitions: [{ name: 'web', image: 'public.ecr.aws/nginx/nginx:1.27', cpu: 256, memory: 512, essential: true, portMappings: [{ containerPort: 80, hostPort: 0, protocol: 'tcp' }] }],
  requiresCompatibilities: ['EC2'],
};

export function initialEditorText(scenario: Scenario | null): string {
  if (scenario === null) return '';
  const td = scenario.editor?.taskDefinition ?? FALLBACK_TASK_DEFINITION;
  return JSON.stringify(td, null, 2) + '\n';
}
