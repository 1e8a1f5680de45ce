// ec2:CreateLaunchTemplate / DescribeLaunchTemplates / DeleteLaunchTemplate: happy paths, EC2's
// error codes, and refusals that leave the state untouched.
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../workers/engine/index.ts';
import { refusal, run, userData } from '../autoscaling/helpers.ts';

const create = (name: string, data: Record<string, unknown> = { InstanceType: 't3.medium' }) => ({ 'ec2:CreateLaunchTemplate': { LaunchTemplateName: name, LaunchTemplateData: data } });

describe('launch templates', () => {
  it('creates, describes and deletes a template', () => {
    const engine = createEngine({ seed: 1 });
    const created = run(engine, create('web', { InstanceType: 'm5.large', UserData: userData('demo'), IamInstanceProfile: { Name: 'ecsInstanceRole' }, SecurityGroupIds: ['sg-default'] })) as { LaunchTemplate: { LaunchTemplateId: string; LaunchTemplateName: string; DefaultVersionNumber: number; LatestVersionNumber: number } };
    expect(created.LaunchTemplate.LaunchTemplateId).toMatch(/^lt-[0-9a-f]{17}$/);
    expect(created.LaunchTemplate).toMatchObject({ LaunchTemplateName: 'web', DefaultVersionNumber: 1, LatestVersionNumber: 1 });
    const described = run(engine, { 'ec2:DescribeLaunchTemplates': { LaunchTemplateNames: ['web'] } }) as { LaunchTemplates: unknown[] };
    expect(described.LaunchTemplates).toHaveLength(1);
    const snap = engine.snapshot().launchTemplates![0]!;
    expect(snap.LaunchTemplateData).toMatchObject({ InstanceType: 'm5.large', IamInstanceProfile: { Name: 'ecsInstanceRole' }, SecurityGroupIds: ['sg-default'] });
    run(engine, { 'ec2:DeleteLaunchTemplate': { LaunchTemplateId: created.LaunchTemplate.LaunchTemplateId } });
    expect(engine.snapshot().launchTemplates).toEqual([]);
  });

  it('refuses a duplicate name, a malformed name, an unknown type and an unknown security group — changing nothing', () => {
    const engine = createEngine({ seed: 1 });
    run(engine, create('web'));
    const before = JSON.stringify(engine.snapshot());
    expect(refusal(engine, create('web'))).toEqual({ code: 'InvalidLaunchTemplateName.AlreadyExistsException', message: 'Launch template name already in use.' });
    expect(refusal(engine, create('x')).code).toBe('InvalidLaunchTemplateName.MalformedException');
    expect(refusal(engine, create('other', { InstanceType: 'm5.lorge' })).message).toContain('m5.large');
    expect(refusal(engine, create('other', { SecurityGroupIds: ['sg-nope'] })).code).toBe('InvalidGroup.NotFound');
    expect(refusal(engine, create('other', { Placement: {} })).code).toBe('ParamValidationError');
    expect(JSON.stringify(engine.snapshot())).toBe(before);
  });

  it('answers missing templates with EC2 codes and texts', () => {
    const engine = createEngine({ seed: 1 });
    const byName = refusal(engine, { 'ec2:DeleteLaunchTemplate': { LaunchTemplateName: 'nope' } });
    expect(byName).toEqual({ code: 'InvalidLaunchTemplateName.NotFoundException', message: 'The specified launch template, with template name nope, does not exist.' });
    expect(refusal(engine, { 'ec2:DeleteLaunchTemplate': { LaunchTemplateId: 'lt-0123456789abcdef0' } }).code).toBe('InvalidLaunchTemplateId.NotFound');
    expect(refusal(engine, { 'ec2:DeleteLaunchTemplate': {} }).code).toBe('MissingParameter');
    expect(refusal(engine, { 'ec2:DescribeLaunchTemplates': { LaunchTemplateNames: ['nope'] } }).code).toBe('InvalidLaunchTemplateName.NotFoundException');
  });
});
