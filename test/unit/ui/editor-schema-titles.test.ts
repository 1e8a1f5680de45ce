// Proves that the editor's hover names the AWS parameter: withParameterTitles titles every
// property of the worker's real task definition schema with its RegisterTaskDefinition path
// (nested through arrays), keeps existing titles and descriptions, and leaves the input untouched.
import { describe, expect, it } from 'vitest';
import { taskDefinitionJsonSchema } from '../../../workers/engine/taskdef/index.ts';
import { withParameterTitles } from '../../../src/lib/editor/schema-titles.ts';

type Node = { title?: string; description?: string; properties?: Record<string, Node>; items?: Node; anyOf?: Node[] };

describe('withParameterTitles', () => {
  const original = taskDefinitionJsonSchema() as Node;
  const titled = withParameterTitles(original) as Node;
  const container = titled.properties!.containerDefinitions!.items!;

  it('titles top-level and nested parameters with their AWS path', () => {
    expect(titled.properties!.family!.title).toBe('RegisterTaskDefinition parameter family');
    expect(container.properties!.memory!.title).toBe('RegisterTaskDefinition parameter containerDefinitions[].memory');
    expect(container.properties!.portMappings!.items!.properties!.hostPort!.title).toBe('RegisterTaskDefinition parameter containerDefinitions[].portMappings[].hostPort');
  });

  it('keeps descriptions and the root title, and does not change the original', () => {
    expect(container.properties!.memory!.description).toMatch(/^Hard memory limit in MiB/);
    expect(titled.title).toBe(original.title);
    expect((original.properties!.family as Node).title).toBeUndefined();
  });

  it('gives alternatives no title of their own', () => {
    const alt = { properties: { cpu: { anyOf: [{ type: 'string' }, { type: 'integer', title: 'Units' }] } } };
    const out = withParameterTitles(alt) as { properties: { cpu: { title: string; anyOf: Node[] } } };
    expect(out.properties.cpu.title).toBe('RegisterTaskDefinition parameter cpu');
    expect(out.properties.cpu.anyOf[0]!.title).toBeUndefined();
    expect(out.properties.cpu.anyOf[1]!.title).toBe('Units');
  });
});
