/**
 * The JSON Schema of a CreateService / UpdateService request, for the service editor's Monaco.
 * It comes from the engine's `serviceRequestJsonSchema(kind)` (workers/engine/services/schema.ts),
 * imported here, in the editor's lazy chunk, through import.meta.glob: while that module does not
 * exist the glob is empty and the editor simply runs without a schema (the build still works).
 */
import type { ServiceRequestKind } from '../view-model/service-request.ts';

type SchemaModule = { serviceRequestJsonSchema?: (kind: ServiceRequestKind) => object };

const modules = import.meta.glob<SchemaModule>('../../../workers/engine/services/schema.ts');

/** The schema, or null when the engine has none (yet) or it fails to load. */
export async function loadServiceSchema(kind: ServiceRequestKind): Promise<object | null> {
  const load = Object.values(modules)[0];
  if (!load) return null;
  try {
    const [services, capacity] = await Promise.all([load(), import('../../../workers/engine/capacity/schema.ts')]);
    const schema = services.serviceRequestJsonSchema?.(kind);
    return schema && typeof schema === 'object' ? withCapacityStrategy(schema as SchemaObject, capacity.STRATEGY_SCHEMA) : null;
  } catch {
    return null;
  }
}

type SchemaObject = { properties?: Record<string, unknown> };

/**
 * CreateService and UpdateService take a capacityProviderStrategy (issue 6); the service schema
 * predates it, so the editor adds it here (a copy: the engine's schema objects are frozen), unless
 * the service schema has learnt it meanwhile.
 */
export function withCapacityStrategy(schema: SchemaObject, strategy: object): object {
  if (!schema.properties || 'capacityProviderStrategy' in schema.properties) return schema;
  const description =
    'The capacity providers that run the tasks, instead of a launchType (not both): base tasks on one provider first, the rest split by weight. Without either, the cluster\'s default strategy is used. In UpdateService, a change starts a new deployment (switching from launchType needs forceNewDeployment).';
  return { ...schema, properties: { ...schema.properties, capacityProviderStrategy: { ...strategy, description: `${description} ${String((strategy as { description?: string }).description ?? '')}`.trim() } } };
}
