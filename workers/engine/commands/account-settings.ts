/**
 * ecs:PutAccountSetting, ecs:PutAccountSettingDefault, ecs:DeleteAccountSetting and
 * ecs:ListAccountSettings.
 *
 * How ECS resolves a setting for a principal (ECS Developer Guide, "Account settings"): the
 * principal's own setting if it has one, else the account default, which the root user's setting
 * is; PutAccountSettingDefault sets that default too. The sandbox's caller is the root user, so
 * PutAccountSetting without principalArn sets the account default.
 *
 * Only `awsvpcTrunking` changes what the sandbox does: a container instance registered while it is
 * enabled for the instance's role gets a trunk ENI (commands/container-instances.ts). The other
 * settings are stored, listed and explained, and change nothing else.
 */
import type { EngineContext } from '../context.ts';
import { invalidParameter, ok, type CommandResult } from '../errors.ts';
import { ACCOUNT_ID, CALLER_ARN } from '../ids/arn.ts';
import type { EngineState } from '../state.ts';
import { didYouMean } from '../text.ts';
import { paginate } from './paginate.ts';
import { checkParams } from './params.ts';
import { effectiveSetting, MAX_SETTINGS_PER_PAGE, PRINCIPAL, principalKey, SETTING_NAMES, SETTINGS, trunkingEnabledFor, type AccountSetting } from './account-setting-rules.ts';

export { effectiveSetting, MAX_SETTINGS_PER_PAGE, SETTING_NAMES, SETTINGS, trunkingEnabledFor, type AccountSetting };

/**
 * Texts. AWS (VERBATIM, seen in a public aws-cli issue): invalidValue's first sentence.
 * UNCONFIRMED: invalidName's first sentence (the same template). Sandbox: the rest.
 */
export const SETTING_MESSAGES = {
  invalidName: (given: string) =>
    `Invalid setting 'name'. "${given}" is not an account setting.${didYouMean(given, SETTING_NAMES)} The settings are ${SETTING_NAMES.join(', ')}.`,
  invalidValue: (name: string, given: string) =>
    `Invalid setting 'value'. ${name} takes ${SETTINGS[name]!.values.join(' or ')}, not "${given}" (values are case-sensitive).`,
  readOnly: (name: string) =>
    `${name} is read-only: it shows whether your security administrator turned on GuardDuty Runtime Monitoring for ECS, and only GuardDuty changes it.`,
  invalidPrincipal: (given: string) =>
    `principalArn "${given}" is not an IAM principal of account ${ACCOUNT_ID}: write arn:aws:iam::${ACCOUNT_ID}:root, arn:aws:iam::${ACCOUNT_ID}:role/NAME or arn:aws:iam::${ACCOUNT_ID}:user/NAME.`,
  valueNeedsName: () => 'value filters settings by value within one setting: give name too.',
  maxResultsRange: (value: number) => `maxResults must be between 1 and ${MAX_SETTINGS_PER_PAGE}, not ${value}.`,
} as const;

function setting(name: string, value: string, principalArn: string | undefined): AccountSetting {
  return { name, value, principalArn: principalArn ?? CALLER_ARN, type: SETTINGS[name]?.readOnly === true ? 'aws_managed' : 'user' };
}

type NameCheck = { ok: true } | { ok: false; result: CommandResult };

function checkNameValue(name: string, value: string | undefined): NameCheck {
  const spec = SETTINGS[name];
  if (spec === undefined) return { ok: false, result: invalidParameter(SETTING_MESSAGES.invalidName(name)) };
  if (spec.readOnly === true) return { ok: false, result: invalidParameter(SETTING_MESSAGES.readOnly(name)) };
  if (value !== undefined && !spec.values.includes(value)) return { ok: false, result: invalidParameter(SETTING_MESSAGES.invalidValue(name, value)) };
  return { ok: true };
}

function checkPrincipal(principalArn: string | undefined): NameCheck {
  if (principalArn === undefined || PRINCIPAL.test(principalArn)) return { ok: true };
  return { ok: false, result: invalidParameter(SETTING_MESSAGES.invalidPrincipal(principalArn)) };
}

function store(state: EngineState, name: string, value: string, principalArn: string | undefined): void {
  const key = principalKey(principalArn);
  if (key === undefined) {
    state.accountSettings.defaults.set(name, value);
    return;
  }
  let own = state.accountSettings.byPrincipal.get(key);
  if (own === undefined) {
    own = new Map();
    state.accountSettings.byPrincipal.set(key, own);
  }
  own.set(name, value);
}

function whom(principalArn: string | undefined): string {
  return principalKey(principalArn) === undefined ? 'the account default (every role and user without its own setting)' : principalArn!;
}

function emitChange(ctx: EngineContext, name: string, value: string, principalArn: string | undefined): void {
  ctx.emit('account.setting', `Account setting ${name} is now ${value} for ${whom(principalArn)}. ${SETTINGS[name]!.effect}`);
}

interface PutInput {
  name: string;
  value: string;
  principalArn?: string;
}

export function putAccountSetting(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams<PutInput>(raw, { params: { name: 'string', value: 'string', principalArn: 'string' }, required: ['name', 'value'] });
  if (!checked.ok) return checked.result;
  const { name, value, principalArn } = checked.input;
  const valid = checkNameValue(name, value);
  if (!valid.ok) return valid.result;
  const principal = checkPrincipal(principalArn);
  if (!principal.ok) return principal.result;

  store(ctx.state, name, value, principalArn);
  emitChange(ctx, name, value, principalArn);
  return ok({ setting: setting(name, value, principalArn) });
}

export function putAccountSettingDefault(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams<PutInput>(raw, { params: { name: 'string', value: 'string' }, required: ['name', 'value'] });
  if (!checked.ok) return checked.result;
  const { name, value } = checked.input;
  const valid = checkNameValue(name, value);
  if (!valid.ok) return valid.result;

  store(ctx.state, name, value, undefined);
  emitChange(ctx, name, value, undefined);
  return ok({ setting: setting(name, value, undefined) });
}

interface DeleteInput {
  name: string;
  principalArn?: string;
}

/**
 * Removes a principal's own setting (or the account default) so the next level applies again. The
 * response names the setting as it was; deleting one that was never set answers with the value in
 * effect and changes nothing (a sandbox decision: AWS's answer there is not documented).
 */
export function deleteAccountSetting(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams<DeleteInput>(raw, { params: { name: 'string', principalArn: 'string' }, required: ['name'] });
  if (!checked.ok) return checked.result;
  const { name, principalArn } = checked.input;
  const valid = checkNameValue(name, undefined);
  if (!valid.ok) return valid.result;
  const principal = checkPrincipal(principalArn);
  if (!principal.ok) return principal.result;

  const key = principalKey(principalArn);
  const settings = ctx.state.accountSettings;
  const holder = key === undefined ? settings.defaults : settings.byPrincipal.get(key);
  const before = holder?.get(name);
  if (before === undefined) {
    return ok({ setting: setting(name, effectiveSetting(ctx.state, name, principalArn), principalArn) });
  }
  holder!.delete(name);
  if (key !== undefined && holder!.size === 0) settings.byPrincipal.delete(key);
  const now = effectiveSetting(ctx.state, name, principalArn);
  ctx.emit('account.setting', `Account setting ${name} (${before}) was deleted for ${whom(principalArn)}; ${now} applies now${key === undefined ? ' (the AWS default)' : ' (the account default)'}.`);
  return ok({ setting: setting(name, before, principalArn) });
}

interface ListInput {
  name?: string;
  value?: string;
  principalArn?: string;
  effectiveSettings?: boolean;
  maxResults?: number;
  nextToken?: string;
}

export function listAccountSettings(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams<ListInput>(raw, {
    params: { name: 'string', value: 'string', principalArn: 'string', effectiveSettings: 'boolean', nextToken: 'string', maxResults: 'integer' },
  });
  if (!checked.ok) return checked.result;
  const input = checked.input;
  if (input.name !== undefined && SETTINGS[input.name] === undefined) return invalidParameter(SETTING_MESSAGES.invalidName(input.name));
  if (input.value !== undefined && input.name === undefined) return invalidParameter(SETTING_MESSAGES.valueNeedsName());
  const principal = checkPrincipal(input.principalArn);
  if (!principal.ok) return principal.result;
  if (input.maxResults !== undefined && (input.maxResults < 1 || input.maxResults > MAX_SETTINGS_PER_PAGE)) {
    return invalidParameter(SETTING_MESSAGES.maxResultsRange(input.maxResults));
  }
  const names = input.name === undefined ? SETTING_NAMES : [input.name];
  const rows: AccountSetting[] = [];
  for (const name of names) {
    const value = input.effectiveSettings === true ? effectiveSetting(ctx.state, name, input.principalArn) : ownSetting(ctx.state, name, input.principalArn);
    if (value === undefined || (input.value !== undefined && value !== input.value)) continue;
    rows.push(setting(name, value, input.principalArn));
  }
  const page = paginate(rows, input.maxResults ?? MAX_SETTINGS_PER_PAGE, input.nextToken);
  if (!page.ok) return page.result;
  return ok({ settings: page.items, ...(page.nextToken === undefined ? {} : { nextToken: page.nextToken }) });
}

/** The setting stored for exactly this principal (the root user: the account default). */
function ownSetting(state: EngineState, name: string, principalArn: string | undefined): string | undefined {
  const key = principalKey(principalArn);
  return key === undefined ? state.accountSettings.defaults.get(name) : state.accountSettings.byPrincipal.get(key)?.get(name);
}
