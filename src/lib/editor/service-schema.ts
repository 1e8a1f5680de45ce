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
    const schema = (await load()).serviceRequestJsonSchema?.(kind);
    return schema && typeof schema === 'object' ? schema : null;
  } catch {
    return null;
  }
}
