// Proves the editor's schema of CreateService / UpdateService requests (services/schema.ts)
// matches the engine: draft-07, every property is a parameter the command accepts (the AWS
// shapes of commands/services.ts), the required members and AWS's defaults are the engine's, and
// the object is built once and frozen.
import { describe, expect, it } from 'vitest';
import { CREATE_SERVICE_SHAPE, UPDATE_SERVICE_SHAPE } from '../../../../workers/engine/commands/services.ts';
import { serviceRequestJsonSchema } from '../../../../workers/engine/services/schema.ts';
import { createOk, world } from './helpers.ts';

type Node = { type?: string; properties?: Record<string, Node>; required?: string[]; default?: unknown; enum?: unknown[]; items?: Node; description?: string };

/** Every node of the schema, with its path. */
function nodes(node: Node, path = '$'): [string, Node][] {
  const out: [string, Node][] = [[path, node]];
  for (const [key, child] of Object.entries(node.properties ?? {})) out.push(...nodes(child, `${path}.${key}`));
  if (node.items !== undefined) out.push(...nodes(node.items, `${path}[]`));
  return out;
}

describe('serviceRequestJsonSchema', () => {
  it.each([
    ['create', CREATE_SERVICE_SHAPE.params],
    ['update', UPDATE_SERVICE_SHAPE.params],
  ] as const)('%s: draft-07, and only parameters the engine accepts', (kind, params) => {
    const schema = serviceRequestJsonSchema(kind) as Node & { $schema: string };
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    for (const key of Object.keys(schema.properties!)) expect(Object.keys(params), key).toContain(key);
  });

  it('requires what the engine requires', () => {
    expect((serviceRequestJsonSchema('create') as Node).required).toEqual(['serviceName', 'taskDefinition']);
    expect((serviceRequestJsonSchema('update') as Node).required).toEqual(['service']);
  });

  it('every property has a description', () => {
    for (const kind of ['create', 'update'] as const) {
      for (const [path, node] of nodes(serviceRequestJsonSchema(kind) as Node)) {
        if (path === '$' || path.endsWith('[]')) continue;
        expect(node.description, `${kind} ${path}`).toBeTruthy();
      }
    }
  });

  it("its defaults are the engine's", () => {
    const schema = serviceRequestJsonSchema('create') as Node;
    const p = schema.properties!;
    const { engine } = world();
    const service = createOk(engine, { taskDefinition: 'web' });
    expect(p['deploymentConfiguration']!.properties!['maximumPercent']!.default).toBe(service.deploymentConfiguration.maximumPercent);
    expect(p['deploymentConfiguration']!.properties!['minimumHealthyPercent']!.default).toBe(service.deploymentConfiguration.minimumHealthyPercent);
    expect(p['launchType']!.default).toBe(service.launchType);
    expect(p['schedulingStrategy']!.default).toBe(service.schedulingStrategy);
    expect(p['propagateTags']!.default).toBe(service.propagateTags);
    expect(p['enableExecuteCommand']!.default).toBe(service.enableExecuteCommand);
    expect(p['launchType']!.enum).toEqual(['EC2', 'FARGATE', 'EXTERNAL']);
  });

  it('is built once and frozen', () => {
    const schema = serviceRequestJsonSchema('update');
    expect(serviceRequestJsonSchema('update')).toBe(schema);
    expect(Object.isFrozen(schema)).toBe(true);
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
  });
});
