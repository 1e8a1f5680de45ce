// Proves the service API's declarations reach the scheduler through kickService and come back in
// DescribeServices: a new service's tasks start (startedBy its deployment id, group service:NAME)
// and are counted; UpdateService's desiredCount scales; a new deployment replaces the tasks and
// the old deployment leaves the list; DeleteService drains the service to INACTIVE.
import { describe, expect, it } from 'vitest';
import { call, createOk, describe1, updateOk, world } from './helpers.ts';

describe('the API with the scheduler', () => {
  it('create, scale, deploy, delete', () => {
    const { engine } = world(5);
    const created = createOk(engine, { desiredCount: 2 });
    engine.advance(120_000);
    let service = describe1(engine);
    expect(service.runningCount).toBe(2);
    expect(service.deployments[0].runningCount).toBe(2);
    const tasks = engine.snapshot().tasks.filter((t) => t.group === 'service:web' && t.lastStatus === 'RUNNING');
    expect(tasks).toHaveLength(2);
    expect(new Set(tasks.map((t) => t.startedBy))).toEqual(new Set([created.deployments[0].id]));

    updateOk(engine, { desiredCount: 3 });
    engine.advance(120_000);
    expect(describe1(engine).runningCount).toBe(3);

    call(engine, 'ecs:RegisterTaskDefinition', { family: 'web', containerDefinitions: [{ name: 'web', image: 'nginx:1.28', memory: 128, portMappings: [{ containerPort: 80, hostPort: 0 }] }] });
    const deployed = updateOk(engine, { taskDefinition: 'web' });
    const newId = deployed.deployments[0].id;
    engine.advance(600_000);
    service = describe1(engine);
    expect(service.deployments.map((d: { id: string }) => d.id)).toEqual([newId]);
    expect(service.deployments[0]).toMatchObject({ runningCount: 3, rolloutState: 'COMPLETED' });
    expect(service.taskDefinition).toMatch(/web:2$/);

    call(engine, 'ecs:DeleteService', { cluster: 'demo', service: 'web', force: true });
    engine.advance(600_000);
    service = describe1(engine);
    expect(service.status).toBe('INACTIVE');
    expect(service.runningCount).toBe(0);
    expect(call(engine, 'ecs:ListServices', { cluster: 'demo' }).serviceArns).toEqual([]);
  });
});
