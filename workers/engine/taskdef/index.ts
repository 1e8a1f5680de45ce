/**
 * Task definitions: the one module that knows what a RegisterTaskDefinition input may contain,
 * what ECS answers when it is wrong, what DescribeTaskDefinition returns once it is registered,
 * and what a task of it reserves on a container instance.
 *
 *   model.ts        the zod model: TS types, runtime shape, JSON Schema — one source
 *   params.ts       shape problems in the AWS CLI's ParamValidation words
 *   rules/          the ECS service's checks, one small rule per concern, AWS's messages (messages.ts)
 *   limits.ts       the numbers and patterns both of them use
 *   input.ts        Register input or Describe output → one document; work caps
 *   build.ts        the Describe `taskDefinition` with AWS defaults (attributes.ts: computed fields)
 *   resources.ts    CPU/memory reservation and host ports of a task
 *   schema.ts       the JSON Schema for the editor (precomputed in the worker build:
 *                   tools/taskdef-schema.plugin.ts)
 *   rules/fixes.ts  the quick fixes attached to errors; patch.ts applies one to a document
 */
export { validateTaskDefinition } from './validate.ts';
export { toRegisterInput } from './register-input.ts';
/** True for a DescribeTaskDefinition output (`{taskDefinition: {...}}`), which the AWS API itself would not take as a Register request. */
export { isDescribeForm as isDescribeTaskDefinitionOutput } from './input.ts';
export { buildTaskDefinition, type RegistrationMeta } from './build.ts';
export { taskReservation, portRequirements, type TaskReservation, type PortRequirement } from './resources.ts';
export { taskDefinitionJsonSchema, loadTaskDefinitionJsonSchema } from './schema.ts';
export type { RegisterTaskDefinitionInput, ContainerDefinitionInput, PortMappingInput, NetworkMode } from './model.ts';
export { applyQuickFix, parsePointer, type PatchResult } from './patch.ts';
