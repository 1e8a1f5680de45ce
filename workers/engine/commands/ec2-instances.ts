/**
 * EC2 launch templates and instances (issue 6): ec2:CreateLaunchTemplate, DescribeLaunchTemplates,
 * DeleteLaunchTemplate, DescribeInstances, TerminateInstances; sim:TerminateInstance (a fault: the
 * instance fails at once, nothing drains); ecs:DeregisterContainerInstance.
 */
import type { EngineContext } from '../context.ts';
import { fail, invalidParameter, ok, type CommandResult } from '../errors.ts';
import { checkParams, invalidTypeProblem, PARAM_VALIDATION_ERROR, PARAM_VALIDATION_PREFIX } from './params.ts';
import { isoAt } from '../ids/arn.ts';
import { lookupInstanceType } from '../catalog/instance-types.ts';
import { findGroup } from '../network/security-groups.ts';
import { NETWORK_MESSAGES } from '../network/messages.ts';
import { ec2Of, type Ec2InstanceRecord } from '../ec2/model.ts';
import { LAUNCH_TEMPLATE_MESSAGES, LAUNCH_TEMPLATE_NAME } from '../ec2/launch-templates.ts';
import { activeTasksOn, deregisterContainerInstance as deregister, RUNNING_TASKS_MESSAGE, terminateEc2Instance } from '../ec2/lifecycle.ts';
import { renderEc2Instance, renderLaunchTemplate } from '../ec2/render.ts';
import { findCluster } from './clusters.ts';
import { findInstanceOrHost } from './container-instances.ts';
import { countTasks, renderInstance } from '../snapshot.ts';

interface CreateLaunchTemplateInput {
  LaunchTemplateName: string;
  LaunchTemplateData: Record<string, unknown>;
  VersionDescription?: string;
  TagSpecifications?: unknown[];
  ClientToken?: string;
  DryRun?: boolean;
}

const DATA_FIELDS = ['InstanceType', 'ImageId', 'IamInstanceProfile', 'SecurityGroupIds', 'UserData', 'KeyName', 'TagSpecifications', 'BlockDeviceMappings', 'MetadataOptions', 'Monitoring'];

export function createLaunchTemplate(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams<CreateLaunchTemplateInput>(raw, {
    params: { LaunchTemplateName: 'string', LaunchTemplateData: 'structure', VersionDescription: 'string', TagSpecifications: 'list', ClientToken: 'string', DryRun: 'boolean' },
    required: ['LaunchTemplateName', 'LaunchTemplateData'],
  });
  if (!checked.ok) return checked.result;
  const { LaunchTemplateName: name, LaunchTemplateData: data } = checked.input;
  if (!LAUNCH_TEMPLATE_NAME.test(name)) return fail('InvalidLaunchTemplateName.MalformedException', LAUNCH_TEMPLATE_MESSAGES.malformedName(name));
  if (ctx.state.ec2?.launchTemplates.has(name) === true) return fail('InvalidLaunchTemplateName.AlreadyExistsException', LAUNCH_TEMPLATE_MESSAGES.nameInUse());
  const unknown = Object.keys(data).filter((key) => !DATA_FIELDS.includes(key));
  if (unknown.length > 0) {
    return fail(PARAM_VALIDATION_ERROR, `${PARAM_VALIDATION_PREFIX}${unknown.map((key) => `Unknown parameter in LaunchTemplateData: "${key}", must be one of: ${DATA_FIELDS.join(', ')}`).join('\n')}`);
  }
  const problems: string[] = [];
  for (const key of ['InstanceType', 'ImageId', 'UserData'] as const) {
    if (data[key] !== undefined && typeof data[key] !== 'string') problems.push(invalidTypeProblem(`LaunchTemplateData.${key}`, data[key], "<class 'str'>"));
  }
  const profile = data['IamInstanceProfile'];
  if (profile !== undefined && (typeof profile !== 'object' || profile === null || Array.isArray(profile))) {
    problems.push(invalidTypeProblem('LaunchTemplateData.IamInstanceProfile', profile, "<class 'dict'>"));
  }
  const groups = data['SecurityGroupIds'];
  if (groups !== undefined && !(Array.isArray(groups) && groups.every((g) => typeof g === 'string'))) {
    problems.push(invalidTypeProblem('LaunchTemplateData.SecurityGroupIds', groups, "<class 'list'>, <class 'tuple'>"));
  }
  if (problems.length > 0) return fail(PARAM_VALIDATION_ERROR, `${PARAM_VALIDATION_PREFIX}${problems.join('\n')}`);
  const instanceType = data['InstanceType'] as string | undefined;
  if (instanceType !== undefined) {
    const type = lookupInstanceType(instanceType);
    // EC2's answer to an unknown type in a launch template (InvalidParameterValue; wording as EC2 gives it for RunInstances).
    if (!type.ok) return fail('InvalidParameterValue', `Invalid value '${instanceType}' for InstanceType. Did you mean ${type.suggestion}?`);
  }
  for (const id of (groups as string[] | undefined) ?? []) {
    if (findGroup(ctx.state, id) === undefined) return fail('InvalidGroup.NotFound', NETWORK_MESSAGES.ec2GroupNotFound(id));
  }
  const profileRecord = profile as { Name?: unknown; Arn?: unknown } | undefined;
  const profileName = profileRecord === undefined ? undefined : typeof profileRecord.Arn === 'string' ? profileRecord.Arn : typeof profileRecord.Name === 'string' ? profileRecord.Name : undefined;
  if (profileRecord !== undefined && profileName === undefined) {
    return fail('InvalidParameterValue', 'IamInstanceProfile must name the instance profile by Name or Arn.');
  }

  const id = `lt-${ctx.prng.hex(17)}`;
  ec2Of(ctx.state).launchTemplates.set(name, {
    id,
    name,
    createdMs: ctx.clock.now,
    defaultVersion: 1,
    versions: [
      {
        ...(instanceType === undefined ? {} : { instanceType }),
        ...(typeof data['ImageId'] === 'string' ? { imageId: data['ImageId'] } : {}),
        ...(profileName === undefined ? {} : { iamInstanceProfile: profileName }),
        ...(typeof data['UserData'] === 'string' ? { userData: data['UserData'] } : {}),
        ...(groups === undefined ? {} : { securityGroupIds: [...(groups as string[])] }),
      },
    ],
  });
  ctx.emit('ec2.launch-template.created', `Launch template ${name} (${id}) was created${instanceType === undefined ? '' : ` for ${instanceType}`}.`);
  return ok({ LaunchTemplate: launchTemplateSummary(ctx, name) });
}

function launchTemplateSummary(ctx: EngineContext, name: string): Record<string, unknown> {
  const { LaunchTemplateData: _data, ...summary } = renderLaunchTemplate(ec2Of(ctx.state).launchTemplates.get(name)!);
  return summary;
}

interface DescribeLaunchTemplatesInput {
  LaunchTemplateIds?: string[];
  LaunchTemplateNames?: string[];
  Filters?: unknown[];
  MaxResults?: number;
  NextToken?: string;
  DryRun?: boolean;
}

export function describeLaunchTemplates(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams<DescribeLaunchTemplatesInput>(raw, {
    params: { LaunchTemplateIds: 'list', LaunchTemplateNames: 'list', Filters: 'list', MaxResults: 'integer', NextToken: 'string', DryRun: 'boolean' },
  });
  if (!checked.ok) return checked.result;
  const templates = [...(ctx.state.ec2?.launchTemplates.values() ?? [])];
  const { LaunchTemplateIds: ids, LaunchTemplateNames: names } = checked.input;
  for (const id of ids ?? []) {
    if (!templates.some((t) => t.id === id)) return fail('InvalidLaunchTemplateId.NotFound', LAUNCH_TEMPLATE_MESSAGES.idNotFound(String(id)));
  }
  for (const name of names ?? []) {
    // EC2 answers a missing name in LaunchTemplateNames with this code and text.
    if (!templates.some((t) => t.name === name)) return fail('InvalidLaunchTemplateName.NotFoundException', 'At least one of the launch templates specified in the request does not exist.');
  }
  const chosen = templates.filter((t) => (ids === undefined || ids.includes(t.id)) && (names === undefined || names.includes(t.name)));
  return ok({ LaunchTemplates: chosen.map((t) => launchTemplateSummary(ctx, t.name)) });
}

interface DeleteLaunchTemplateInput {
  LaunchTemplateId?: string;
  LaunchTemplateName?: string;
  DryRun?: boolean;
}

export function deleteLaunchTemplate(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams<DeleteLaunchTemplateInput>(raw, { params: { LaunchTemplateId: 'string', LaunchTemplateName: 'string', DryRun: 'boolean' } });
  if (!checked.ok) return checked.result;
  const { LaunchTemplateId: id, LaunchTemplateName: name } = checked.input;
  if ((id === undefined) === (name === undefined)) {
    // EC2's MissingParameter text for this operation.
    return fail('MissingParameter', 'The request must contain the parameter launchTemplateName or launchTemplateId');
  }
  const templates = ctx.state.ec2?.launchTemplates;
  const template = id !== undefined ? [...(templates?.values() ?? [])].find((t) => t.id === id) : templates?.get(name!);
  if (template === undefined) {
    return id !== undefined
      ? fail('InvalidLaunchTemplateId.NotFound', LAUNCH_TEMPLATE_MESSAGES.idNotFound(id))
      : fail('InvalidLaunchTemplateName.NotFoundException', LAUNCH_TEMPLATE_MESSAGES.nameNotFound(name!));
  }
  const summary = launchTemplateSummary(ctx, template.name);
  templates!.delete(template.name);
  ctx.emit('ec2.launch-template.deleted', `Launch template ${template.name} (${template.id}) was deleted; groups that use it can no longer launch instances.`);
  return ok({ LaunchTemplate: summary });
}

interface DescribeInstancesInput {
  InstanceIds?: string[];
  Filters?: { Name?: unknown; Values?: unknown }[];
  MaxResults?: number;
  NextToken?: string;
  DryRun?: boolean;
}

/** The DescribeInstances filters the sandbox answers (others are refused, so a typo is not a silent match-all). */
const INSTANCE_FILTERS = ['instance-state-name', 'instance-id', 'instance-type', 'availability-zone', 'tag:aws:autoscaling:groupName', 'instance-lifecycle'];

export function describeInstances(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams<DescribeInstancesInput>(raw, {
    params: { InstanceIds: 'list', Filters: 'list', MaxResults: 'integer', NextToken: 'string', DryRun: 'boolean' },
  });
  if (!checked.ok) return checked.result;
  const instances = ctx.state.ec2?.instances ?? new Map<string, Ec2InstanceRecord>();
  for (const id of checked.input.InstanceIds ?? []) {
    if (!instances.has(String(id))) return fail('InvalidInstanceID.NotFound', `The instance ID '${String(id)}' does not exist`);
  }
  const filters: { name: string; values: string[] }[] = [];
  for (const filter of checked.input.Filters ?? []) {
    const name = filter?.Name;
    const values = filter?.Values;
    if (typeof name !== 'string' || !Array.isArray(values)) return invalidParameterValue('Each filter needs a Name and a list of Values.');
    if (!INSTANCE_FILTERS.includes(name) && !name.startsWith('tag:')) {
      return fail('InvalidParameterValue', `The filter '${name}' is invalid (the sandbox answers ${INSTANCE_FILTERS.join(', ')} and tag:<key>)`);
    }
    filters.push({ name, values: values.map(String) });
  }
  const ids = checked.input.InstanceIds?.map(String);
  const chosen = [...instances.values()].filter((record) => (ids === undefined || ids.includes(record.instanceId)) && filters.every((f) => f.values.includes(filterValue(ctx, record, f.name) ?? '\u0000')));
  // One reservation per instance, as an Auto Scaling group's launches are.
  return ok({ Reservations: chosen.map((record) => ({ ReservationId: `r-${record.instanceId.slice(2)}`, OwnerId: '123456789012', Instances: [renderEc2Instance(record)] })) });
}

function invalidParameterValue(message: string): CommandResult {
  return fail('InvalidParameterValue', message);
}

function filterValue(ctx: EngineContext, record: Ec2InstanceRecord, name: string): string | undefined {
  switch (name) {
    case 'instance-state-name':
      return record.state;
    case 'instance-id':
      return record.instanceId;
    case 'instance-type':
      return record.instanceType;
    case 'availability-zone':
      return record.availabilityZone;
    case 'instance-lifecycle':
      return record.spot ? 'spot' : undefined;
    default: {
      const key = name.slice('tag:'.length);
      return renderEc2Instance(record).Tags.find((tag) => tag.Key === key)?.Value;
    }
  }
}

interface TerminateInstancesInput {
  InstanceIds: string[];
  DryRun?: boolean;
}

export function terminateInstances(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams<TerminateInstancesInput>(raw, { params: { InstanceIds: 'list', DryRun: 'boolean' }, required: ['InstanceIds'] });
  if (!checked.ok) return checked.result;
  const instances = ctx.state.ec2?.instances ?? new Map<string, Ec2InstanceRecord>();
  const ids = checked.input.InstanceIds.map(String);
  const missing = ids.filter((id) => !instances.has(id));
  if (missing.length > 0) return fail('InvalidInstanceID.NotFound', `The instance IDs '${missing.join(', ')}' do not exist`);
  const changes = ids.map((id) => {
    const record = instances.get(id)!;
    const previous = { Code: stateCode(record.state), Name: record.state };
    terminateEc2Instance(ctx, id, { reason: 'terminated by ec2:TerminateInstances', initiatedBy: 'user' });
    return { InstanceId: id, PreviousState: previous, CurrentState: { Code: stateCode(record.state), Name: record.state } };
  });
  return ok({ TerminatingInstances: changes });
}

const stateCode = (name: Ec2InstanceRecord['state']): 0 | 16 | 32 | 48 => ({ pending: 0, running: 16, 'shutting-down': 32, terminated: 48 } as const)[name];

interface SimTerminateInput {
  instanceId: string;
}

/** sim:TerminateInstance: the instance fails at once (no draining, no graceful stop). */
export function simTerminateInstance(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams<SimTerminateInput>(raw, { params: { instanceId: 'string' }, required: ['instanceId'] });
  if (!checked.ok) return checked.result;
  const id = checked.input.instanceId;
  const record = ctx.state.ec2?.instances.get(id);
  if (record === undefined) {
    const known = [...(ctx.state.ec2?.instances.values() ?? [])].filter((r) => r.state !== 'terminated').map((r) => r.instanceId);
    const fromAdd = [...ctx.state.instances.values()].some((i) => i.ec2InstanceId === id);
    const hint = fromAdd
      ? ' It is a container instance added with sim:AddContainerInstances, which has no EC2 instance to fail; use ecs:DeregisterContainerInstance.'
      : known.length > 0 ? ` Instances that can fail: ${known.slice(0, 10).join(', ')}.` : ' No EC2 instances exist yet (autoscaling:CreateAutoScalingGroup launches some).';
    return invalidParameterValue(`There is no EC2 instance ${id} to terminate.${hint}`);
  }
  if (record.state === 'shutting-down' || record.state === 'terminated') {
    return invalidParameterValue(`EC2 instance ${id} is already ${record.state}.`);
  }
  terminateEc2Instance(ctx, id, { reason: 'the instance failed (sim:TerminateInstance): it stopped at once, nothing drained.', initiatedBy: 'fault' });
  return ok({ instanceId: id, state: record.state, at: isoAt(ctx.clock.now) });
}

interface DeregisterInput {
  cluster?: string;
  containerInstance: string;
  force?: boolean;
}

/** ecs:DeregisterContainerInstance. Without force, refused while tasks run on it. */
export function deregisterContainerInstance(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams<DeregisterInput>(raw, { params: { cluster: 'string', containerInstance: 'string', force: 'boolean' }, required: ['containerInstance'] });
  if (!checked.ok) return checked.result;
  const found = findCluster(ctx, checked.input.cluster);
  if (!found.ok) return found.result;
  const given = checked.input.containerInstance;
  const instance = findInstanceOrHost(ctx, found.cluster, given);
  // Sandbox wording (UNCONFIRMED): AWS answers an unknown container instance with InvalidParameterException.
  if (instance === undefined) return invalidParameter(`Container instance ${given} was not found in cluster ${found.cluster.clusterName}.`);
  const force = checked.input.force === true;
  const running = activeTasksOn(ctx, instance);
  if (!force && running.length > 0) return invalidParameter(RUNNING_TASKS_MESSAGE);
  const rendered = renderInstance(instance, countTasks(ctx.state).byInstance);
  deregister(ctx, instance, force);
  return ok({ containerInstance: { ...rendered, status: 'INACTIVE', agentConnected: false } });
}
