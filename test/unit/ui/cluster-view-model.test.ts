// Proves the cluster view model: AZs become sorted columns, instances carry reserved/registered
// bars with their numbers, tasks land as tiles on their instance with a phase and a stable family
// colour, and stopped tasks linger briefly before leaving the picture.
import { describe, expect, it } from 'vitest';
import { clusterViewModel, describeSelection, STOPPED_LINGER_MS, taskPhase } from '../../../src/lib/view-model/cluster.ts';
import { familyColor, FAMILY_PALETTE } from '../../../src/lib/view-model/palette.ts';
import { instance, snapshot, task } from './fixtures.ts';

describe('clusterViewModel', () => {
  it('is empty before the first snapshot', () => {
    expect(clusterViewModel(null)).toEqual({ zones: [], instanceCount: 0, runningTaskCount: 0, fargateRunningCount: 0, showFargateLanes: false, rollingUpdate: false, unplacedTasks: [], bootingCount: 0 });
  });

  it('groups instances into sorted AZ columns', () => {
    const vm = clusterViewModel(
      snapshot({
        containerInstances: [
          instance('c1', 'us-east-1c', [0, 2048], [0, 3904]),
          instance('a2', 'us-east-1a', [0, 2048], [0, 3904]),
          instance('a1', 'us-east-1a', [0, 2048], [0, 3904]),
          instance('b1', 'us-east-1b', [0, 2048], [0, 3904]),
        ],
      }),
    );
    expect(vm.zones.map((z) => z.zone)).toEqual(['us-east-1a', 'us-east-1b', 'us-east-1c']);
    expect(vm.zones[0]!.instances.map((i) => i.ec2InstanceId)).toEqual(['i-a1', 'i-a2']);
    expect(vm.instanceCount).toBe(4);
  });

  it('shows reserved vs registered CPU and memory with numbers', () => {
    // 512 of 2048 CPU units reserved → 25 %; 1024 of 3904 MiB → 26.2 %
    const vm = clusterViewModel(snapshot({ containerInstances: [instance('a1', 'us-east-1a', [512, 2048], [1024, 3904])] }));
    const box = vm.zones[0]!.instances[0]!;
    expect(box.cpu).toEqual({ reserved: 512, registered: 2048, fraction: 0.25, text: '512 / 2048 CPU units' });
    expect(box.memory.text).toBe('1024 / 3904 MiB');
    expect(box.memory.fraction).toBeCloseTo(1024 / 3904);
    expect(box.instanceType).toBe('t3.medium');
    expect(box.clusterName).toBe('demo');
    expect(box.ariaLabel).toContain('CPU 512 / 2048 CPU units reserved');
  });

  it('puts tasks on their instance with phase, label and family colour', () => {
    const vm = clusterViewModel(
      snapshot({
        containerInstances: [instance('a1', 'us-east-1a', [256, 2048], [512, 3904])],
        tasks: [task('1111aaaa2222bbbb3333cccc4444dddd', 'a1', 'RUNNING'), task('5555eeee', 'a1', 'PENDING', 'worker', 3)],
      }),
    );
    const tiles = vm.zones[0]!.instances[0]!.tasks;
    expect(tiles.map((t) => [t.shortId, t.definition, t.phase])).toEqual([
      ['1111aaaa', 'web:1', 'running'],
      ['5555eeee', 'worker:3', 'pending'],
    ]);
    expect(tiles[0]!.color).toBe(familyColor('web'));
    expect(tiles[0]!.ariaLabel).toBe('Task 1111aaaa of web:1, RUNNING');
    expect(vm.runningTaskCount).toBe(1);
  });

  it('keeps a stopped task for STOPPED_LINGER_MS after its stop event, then drops it', () => {
    const base = {
      containerInstances: [instance('a1', 'us-east-1a', [0, 2048], [0, 3904])],
      tasks: [task('dead', 'a1', 'STOPPED')],
      events: [{ id: 1, time: 10_000, kind: 'task.stopped', message: 'stopped', resourceArn: task('dead', 'a1', 'STOPPED').taskArn }],
    };
    const at = (time: number) => clusterViewModel(snapshot({ ...base, time })).zones[0]!.instances[0]!.tasks.length;
    expect(at(10_000 + STOPPED_LINGER_MS - 1)).toBe(1);
    expect(at(10_000 + STOPPED_LINGER_MS)).toBe(0);
  });

  it('shows at most 3 undated stopped tiles per instance, live ones first', () => {
    const tasks = [
      task('s1', 'a1', 'STOPPED'),
      task('s2', 'a1', 'STOPPED'),
      task('s3', 'a1', 'STOPPED'),
      task('s4', 'a1', 'STOPPED'),
      task('live', 'a1', 'RUNNING'),
    ];
    const tiles = clusterViewModel(snapshot({ containerInstances: [instance('a1', 'us-east-1a', [0, 2048], [0, 3904])], tasks })).zones[0]!.instances[0]!.tasks;
    expect(tiles).toHaveLength(4);
    expect(tiles[0]!.shortId).toBe('live');
  });

  it('lists tasks without an instance apart', () => {
    const vm = clusterViewModel(snapshot({ tasks: [task('p1', null, 'PROVISIONING')] }));
    expect(vm.unplacedTasks.map((t) => t.shortId)).toEqual(['p1']);
  });
});

describe('taskPhase', () => {
  it.each([
    ['PROVISIONING', 'pending'],
    ['PENDING', 'pending'],
    ['ACTIVATING', 'pending'],
    ['RUNNING', 'running'],
    ['DEACTIVATING', 'stopping'],
    ['STOPPING', 'stopping'],
    ['DEPROVISIONING', 'stopping'],
    ['STOPPED', 'stopped'],
  ] as const)('%s → %s', (lastStatus, phase) => {
    expect(taskPhase({ lastStatus })).toBe(phase);
  });
});

describe('familyColor', () => {
  it('is stable and from the palette', () => {
    expect(familyColor('web')).toBe(familyColor('web'));
    expect(FAMILY_PALETTE).toContain(familyColor('worker'));
    const colours = new Set(['web', 'worker', 'api', 'batch', 'cron'].map(familyColor));
    expect(colours.size).toBeGreaterThanOrEqual(3); // distinct enough for a handful of families
  });

  it('every palette colour keeps white tile text readable (WCAG contrast ≥ 4.5:1)', () => {
    const linear = (c: number) => (c / 255 <= 0.03928 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
    for (const hex of FAMILY_PALETTE) {
      const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
      const luminance = 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
      expect((1.05 / (luminance + 0.05)), hex).toBeGreaterThanOrEqual(4.5);
    }
  });
});

describe('describeSelection', () => {
  const s = snapshot({ containerInstances: [instance('a1', 'us-east-1a', [0, 2048], [0, 3904])], tasks: [task('t1', 'a1', 'RUNNING')] });
  it('finds a task or an instance by ARN, or nothing', () => {
    expect(describeSelection(s, s.tasks[0]!.taskArn)).toMatchObject({ kind: 'task', title: 'Task t1 (web:1)' });
    expect(describeSelection(s, s.containerInstances[0]!.containerInstanceArn)).toMatchObject({ kind: 'instance', title: 'Container instance i-a1' });
    expect(describeSelection(s, 'arn:nope')).toBeNull();
    expect(describeSelection(null, 'x')).toBeNull();
  });
});
