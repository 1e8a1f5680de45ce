// Proves the editor's JSON Schema is generated from the same model the validator uses: valid JSON
// (draft-07), a title, a description on every property, the enums and defaults learners need, and
// the same member set the validator accepts.
import { describe, expect, it } from 'vitest';
import { taskDefinitionJsonSchema } from '../../../workers/engine/taskdef/index.ts';

type Node = Record<string, any>;

/** Every property schema in the tree, with its JSON path. */
function properties(node: Node, path = '#'): [string, Node][] {
  const out: [string, Node][] = [];
  const visit = (child: unknown, childPath: string) => {
    if (child && typeof child === 'object') out.push(...properties(child as Node, childPath));
  };
  for (const [name, prop] of Object.entries<Node>(node.properties ?? {})) {
    out.push([`${path}/${name}`, prop]);
    visit(prop, `${path}/${name}`);
  }
  visit(node.items, `${path}[]`);
  if (typeof node.additionalProperties === 'object') visit(node.additionalProperties, `${path}{}`);
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) (node[key] ?? []).forEach((n: Node, i: number) => visit(n, `${path}/${key}${i}`));
  return out;
}

describe('taskDefinitionJsonSchema', () => {
  const schema = taskDefinitionJsonSchema() as Node;

  it('is JSON, draft-07, titled and described', () => {
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.title).toBe('RegisterTaskDefinition input');
    expect(schema.description).toMatch(/register-task-definition/);
    expect(schema.required).toEqual(['family', 'containerDefinitions']);
    expect(schema.additionalProperties).toBe(false);
  });

  it('every property at every depth has a description', () => {
    const props = properties(schema);
    expect(props.length).toBeGreaterThan(150);
    const undescribed = props.filter(([, prop]) => typeof prop.description !== 'string' || prop.description.length < 5).map(([path]) => path);
    expect(undescribed).toEqual([]);
  });

  it('offers the enums and defaults', () => {
    const container = schema.properties.containerDefinitions.items;
    expect(schema.properties.networkMode.enum).toEqual(['bridge', 'host', 'awsvpc', 'none']);
    expect(schema.properties.requiresCompatibilities.items.enum).toEqual(['EC2', 'FARGATE', 'EXTERNAL']);
    expect(container.properties.portMappings.items.properties.protocol).toMatchObject({ enum: ['tcp', 'udp'], default: 'tcp' });
    expect(container.properties.essential.default).toBe(true);
    expect(container.properties.healthCheck.properties.interval).toMatchObject({ default: 30, minimum: 5, maximum: 300 });
    expect(container.properties.cpu).toMatchObject({ type: 'integer', minimum: 0 });
    expect(schema.properties.cpu.type).toBe('string');
  });

  it('offers ready-made snippets for a container and a port mapping', () => {
    const container = schema.properties.containerDefinitions.items;
    expect(container.defaultSnippets[0].body).toMatchObject({ name: '${1:web}', image: '${2:nginx:1.27}', essential: true });
    expect(container.properties.portMappings.items.defaultSnippets[0].body).toEqual({ containerPort: '^${1:80}', hostPort: 0, protocol: 'tcp' });
  });

  it('lists the members the validator accepts, and refuses others', () => {
    const container = schema.properties.containerDefinitions.items;
    expect(container.required).toBeUndefined(); // name and image are checked by the service, not the shape
    expect(container.additionalProperties).toBe(false);
    expect(Object.keys(container.properties)).toContain('memoryReservation');
  });

  it('drops the meaningless machine integer bounds', () => {
    expect(JSON.stringify(schema)).not.toMatch(/9007199254740991|2147483647|2147483648/);
  });

  it('is computed once and frozen', () => {
    expect(taskDefinitionJsonSchema()).toBe(schema);
    expect(Object.isFrozen(schema)).toBe(true);
  });
});
