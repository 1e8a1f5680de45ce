// The "Describe the cluster" tables hold what the picture holds: instances with free of registered
// CPU and memory and their live task count, the visible tasks (stopped ones only while the
// picture keeps them) with where they run and their service, live services' counts. And the event
// log's announcement says up to three new events as they are, more as a count with the newest.
import { describe, expect, it } from 'vitest';
import type { Service } from '../../../workers/protocol.ts';
import { describeCluster } from '../../../src/components/a11y/describe-cluster.ts';
import { announcementOf } from '../../../src/components/a11y/announce.ts';
import { visibleTasks } from '../../../src/lib/view-model/cluster.ts';
import { instance, snapshot, task } from '../ui/fixtures.ts';

describe('describeCluster', () => {
  it('is empty before the first snapshot', () => {
    expect(describeCluster(null)).toEqual({ instances: [], tasks: [], services: [] });
  });

  it('lists instances, visible tasks and live services', () => {
    const fargate = { ...task('f1', null, 'RUNNING', 'api'), launchType: 'FARGATE' as const, availabilityZone: 'us-east-1b' };
    const inService = { ...task('s1', 'a', 'PENDING'), group: 'service:web' };
    const stoppedLongAgo = { ...task('old', 'a', 'STOPPED') };
    const service = { serviceArn: 'arn:aws:ecs:us-east-1:123456789012:service/demo/web', serviceName: 'web', clusterArn: 'arn:aws:ecs:us-east-1:123456789012:cluster/demo', status: 'ACTIVE', desiredCount: 2, runningCount: 0, pendingCount: 1, deployments: [] } as unknown as Service;
    const gone = { ...service, serviceArn: `${service.serviceArn}-old`, status: 'INACTIVE' } as Service;
    const snap = snapshot({
      time: 600_000,
      containerInstances: [instance('a', 'us-east-1a', [512, 2048], [1024, 3904])],
      tasks: [task('t1', 'a', 'RUNNING'), inService, fargate, stoppedLongAgo],
      services: [service, gone],
      events: [{ id: 1, time: 1000, kind: 'task.stopped', message: 'stopped', resourceArn: stoppedLongAgo.taskArn }] as never,
    });
    const d = describeCluster(snap);
    // 2048 − 512 = 1536 CPU units free; 3904 − 1024 = 2880 MiB free; t1 and s1 live on it.
    expect(d.instances).toEqual([{ key: snap.containerInstances[0]!.containerInstanceArn, id: 'i-a', zone: 'us-east-1a', type: 't3.medium', status: 'ACTIVE', cpu: '1536 of 2048', memory: '2880 of 3904', tasks: 2 }]);
    // The task stopped 599 s ago has left the picture, so it is not in the table either.
    expect(d.tasks.map((t) => t.key)).toEqual(visibleTasks(snap).map((t) => t.taskArn));
    expect(d.tasks.map((t) => [t.id, t.definition, t.status, t.where, t.service])).toEqual([
      ['t1', 'web:1', 'RUNNING', 'i-a', '—'],
      ['s1', 'web:1', 'PENDING → RUNNING', 'i-a', 'web'],
      ['f1', 'api:1', 'RUNNING', 'Fargate', '—'],
    ]);
    expect(d.services).toEqual([{ key: service.serviceArn, name: 'web', status: 'ACTIVE', desired: 2, running: 0, pending: 1 }]);
  });
});

describe('announcementOf', () => {
  const line = (key: number, kind = 'task.started') => ({ key, stamp: '+00:00:01', kind, message: `event ${key}`, tone: 'info' as const });

  it('says nothing when nothing is new', () => {
    expect(announcementOf([line(1), line(2)], 2)).toBeNull();
  });

  it('says up to three events as they are', () => {
    expect(announcementOf([line(1), line(2), line(3)], 0)).toEqual({ text: 'task.started: event 1. task.started: event 2. task.started: event 3', newestId: 3 });
  });

  it('counts more than three, with the newest', () => {
    const lines = [1, 2, 3, 4, 5].map((k) => line(k));
    expect(announcementOf(lines, 0)).toEqual({ text: '5 new events; the latest: task.started: event 5', newestId: 5 });
  });
});
