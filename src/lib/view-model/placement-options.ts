/**
 * The placement choices the Run task form offers: the ECS console's templates, written out as
 * the strategies and constraints they stand for (ecs-reference §1, "Console placement
 * templates"), and the types and fields a custom strategy or constraint can take.
 */

export type StrategyType = 'binpack' | 'spread' | 'random';
export type ConstraintType = 'distinctInstance' | 'memberOf';

/** One row of the custom editor; `field` is ignored for `random`. */
export interface StrategyRow {
  type: StrategyType;
  field: string;
}

/** One row of the custom editor; `expression` is ignored for `distinctInstance`. */
export interface ConstraintRow {
  type: ConstraintType;
  expression: string;
}

export type PlacementTemplateId = 'random' | 'az-balanced-spread' | 'az-balanced-binpack' | 'binpack' | 'one-task-per-host' | 'custom';

export interface PlacementTemplate {
  id: PlacementTemplateId;
  label: string;
  /** What it does, in the console's words where it has some. */
  description: string;
}

/** RunTask takes at most 5 strategies and 10 constraints (task definition's included). */
export const MAX_STRATEGIES = 5;
export const MAX_CONSTRAINTS = 10;
export const AZ_FIELD = 'attribute:ecs.availability-zone';

export const PLACEMENT_TEMPLATES: readonly PlacementTemplate[] = [
  { id: 'random', label: 'Random (RunTask default)', description: 'No strategy: RunTask places tasks at random on instances that fit.' },
  { id: 'az-balanced-spread', label: 'AZ Balanced Spread', description: 'Spread across Availability Zones, then across the instances in each zone.' },
  { id: 'az-balanced-binpack', label: 'AZ Balanced BinPack', description: 'Spread across Availability Zones, then bin-pack on memory within each zone.' },
  { id: 'binpack', label: 'BinPack', description: 'Use the fewest instances: place where the least of the chosen resource is left.' },
  { id: 'one-task-per-host', label: 'One Task Per Host', description: 'At most one task of this group on each container instance (distinctInstance).' },
  { id: 'custom', label: 'Custom', description: 'Your own ordered strategies (up to 5) and constraints (up to 10).' },
];

export const BINPACK_FIELDS: readonly string[] = ['cpu', 'memory'];

/** Suggestions for a spread field: any attribute works, these are the ones every instance has. */
export const SPREAD_FIELDS: readonly string[] = [
  AZ_FIELD,
  'instanceId',
  'host',
  'attribute:ecs.instance-type',
  'attribute:ecs.subnet-id',
  'attribute:ecs.cpu-architecture',
  'attribute:ecs.os-type',
  'attribute:ecs.ami-id',
];

/** The field a new row of a type starts with. */
export function defaultField(type: StrategyType): string {
  if (type === 'binpack') return 'memory';
  if (type === 'spread') return AZ_FIELD;
  return '';
}

/** A template's strategies and constraints, as rows (the custom editor starts from a copy). */
export function templateRows(id: PlacementTemplateId, binpackField: string): { strategies: StrategyRow[]; constraints: ConstraintRow[] } {
  switch (id) {
    case 'az-balanced-spread':
      return { strategies: [{ type: 'spread', field: AZ_FIELD }, { type: 'spread', field: 'instanceId' }], constraints: [] };
    case 'az-balanced-binpack':
      return { strategies: [{ type: 'spread', field: AZ_FIELD }, { type: 'binpack', field: 'memory' }], constraints: [] };
    case 'binpack':
      return { strategies: [{ type: 'binpack', field: binpackField === 'cpu' ? 'cpu' : 'memory' }], constraints: [] };
    case 'one-task-per-host':
      return { strategies: [], constraints: [{ type: 'distinctInstance', expression: '' }] };
    default:
      return { strategies: [], constraints: [] };
  }
}

export function isTemplateId(value: string): value is PlacementTemplateId {
  return PLACEMENT_TEMPLATES.some((t) => t.id === value);
}
