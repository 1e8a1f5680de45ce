/**
 * The ECS account settings' table and how a setting resolves for a principal (its own value, else
 * the account default, else AWS's default), apart from the Put/Delete/List handlers
 * (commands/account-settings.ts) so that the worker's first chunk carries only what registration
 * and cluster creation read (awsvpcTrunking, containerInsights).
 */
import { ACCOUNT_ID, CALLER_ARN } from '../ids/arn.ts';
import type { EngineState } from '../state.ts';

export interface SettingSpec {
  values: readonly string[];
  /** The value an account has when nobody set one (UNCONFIRMED where noted in SETTINGS). */
  awsDefault: string;
  /** What the setting does, and whether the sandbox models it, for the event log. */
  effect: string;
  readOnly?: boolean;
}

const ON_OFF = ['enabled', 'disabled'] as const;
const ARN_FORMAT_EFFECT =
  'AWS ended the short ARN format on April 1, 2021, so every new resource gets the long format (with the cluster name) whatever this says; the sandbox always uses it.';

/**
 * The documented setting names (API reference, SettingName) with their values. Defaults: the three
 * ARN formats, awsvpcTrunking, containerInsights and fargateFIPSMode as the Developer Guide states
 * them; dualStackIPv6 (enabled for accounts that did not run awsvpc tasks in IPv6 subnets in Oct
 * 2020), tagResourceAuthorization, fargateTaskRetirementWaitPeriod and defaultLogDriverMode are
 * UNCONFIRMED (from the API reference's descriptions as remembered).
 */
export const SETTINGS: Readonly<Record<string, SettingSpec>> = {
  serviceLongArnFormat: { values: ON_OFF, awsDefault: 'enabled', effect: ARN_FORMAT_EFFECT },
  taskLongArnFormat: { values: ON_OFF, awsDefault: 'enabled', effect: ARN_FORMAT_EFFECT },
  containerInstanceLongArnFormat: { values: ON_OFF, awsDefault: 'enabled', effect: ARN_FORMAT_EFFECT },
  awsvpcTrunking: {
    values: ON_OFF,
    awsDefault: 'disabled',
    effect:
      'Container instances that register from now on with a role this applies to get a trunk network interface, if their type supports trunking, and so room for many more awsvpc tasks; instances already registered keep their limit (drain them and add new ones).',
  },
  containerInsights: {
    values: ['enabled', 'disabled', 'enhanced'],
    awsDefault: 'disabled',
    effect:
      'Clusters created from now on without their own containerInsights setting take this value; with enabled (or enhanced) ECS publishes their services\' ECS/ContainerInsights task counts (RunningTaskCount, DesiredTaskCount, PendingTaskCount) each minute.',
  },
  dualStackIPv6: { values: ON_OFF, awsDefault: 'enabled', effect: 'awsvpc tasks in dual-stack subnets would get an IPv6 address; the sandbox\'s default VPC is IPv4 only.' },
  fargateFIPSMode: { values: ON_OFF, awsDefault: 'disabled', effect: 'Fargate would use FIPS-140 validated cryptography (a GovCloud feature); the sandbox does not model it.' },
  tagResourceAuthorization: { values: ['on', 'off'], awsDefault: 'on', effect: 'Tagging on create would need the ecs:TagResource permission; the sandbox does not check permissions of its caller.' },
  fargateTaskRetirementWaitPeriod: {
    values: ['0', '7', '14'],
    awsDefault: '7',
    effect: 'Fargate tasks due for retirement (patching) would wait this many days; the sandbox does not retire tasks.',
  },
  guardDutyActivate: {
    values: ON_OFF,
    awsDefault: 'disabled',
    effect: 'GuardDuty Runtime Monitoring',
    readOnly: true,
  },
  defaultLogDriverMode: {
    values: ['blocking', 'non-blocking'],
    awsDefault: 'non-blocking',
    effect: 'Containers that do not set the log driver\'s mode would use this one; the sandbox does not model log delivery.',
  },
};

export const SETTING_NAMES: readonly string[] = Object.keys(SETTINGS);
/** ListAccountSettings pages hold at most 10 settings. */
export const MAX_SETTINGS_PER_PAGE = 10;

export const PRINCIPAL = new RegExp(`^arn:aws:iam::${ACCOUNT_ID}:(root|(role|user)/(?:[\\w+=,.@-]+/)*[\\w+=,.@-]{1,64})$`);

export interface AccountSetting {
  name: string;
  value: string;
  principalArn: string;
  type: 'user' | 'aws_managed';
}

/** The principal a setting is stored under: undefined means the account default (the root user). */
export function principalKey(principalArn: string | undefined): string | undefined {
  return principalArn === undefined || principalArn === CALLER_ARN ? undefined : principalArn;
}

/** The value of a setting for a principal (a role or user ARN; omitted: the account default). */
export function effectiveSetting(state: EngineState, name: string, principalArn?: string): string {
  const key = principalKey(principalArn);
  const own = key === undefined ? undefined : state.accountSettings.byPrincipal.get(key)?.get(name);
  return own ?? state.accountSettings.defaults.get(name) ?? SETTINGS[name]?.awsDefault ?? '';
}

/** Whether awsvpcTrunking applies to a container instance whose role has this ARN. */
export function trunkingEnabledFor(state: EngineState, instanceRoleArn: string): boolean {
  return effectiveSetting(state, 'awsvpcTrunking', instanceRoleArn) === 'enabled';
}
