/** ecs:CreateCluster, ecs:DescribeClusters, ecs:ListClusters. */
import { effectiveSetting } from './account-setting-rules.ts';
import type { EngineContext } from '../context.ts';
import { clusterNotFound, fail, invalidParameter, MESSAGES, ok, type CommandResult } from '../errors.ts';
import { CAPACITY_NOT_LOADED, capacityHooks } from './capacity-hooks.ts';
import { clusterArn, clusterNameOf } from '../ids/arn.ts';
import { countTasks, renderCluster } from '../snapshot.ts';
import type { ClusterRecord } from '../state.ts';
import { checkParams } from './params.ts';
import { paginate } from './paginate.ts';
import { checkTags, type Tag } from './tags.ts';

const CLUSTER_NAME = /^[a-zA-Z0-9_-]{1,255}$/;

/** A cluster named or ARN'd in a request, or ClusterNotFoundException. */
export function findCluster(ctx: EngineContext, given: string | undefined): { ok: true; cluster: ClusterRecord } | { ok: false; result: CommandResult } {
  const cluster = ctx.state.clusters.get(clusterNameOf(given));
  return cluster === undefined ? { ok: false, result: clusterNotFound() } : { ok: true, cluster };
}

interface CreateClusterInput {
  clusterName?: string;
  tags?: unknown[];
  settings?: unknown[];
  capacityProviders?: unknown[];
  defaultCapacityProviderStrategy?: unknown[];
}

export function createCluster(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams<CreateClusterInput>(raw, {
    params: {
      clusterName: 'string',
      tags: 'list',
      settings: 'list',
      configuration: 'structure',
      capacityProviders: 'list',
      defaultCapacityProviderStrategy: 'list',
      serviceConnectDefaults: 'structure',
    },
  });
  if (!checked.ok) return checked.result;
  const input = checked.input;
  const name = input.clusterName ?? 'default';
  if (!CLUSTER_NAME.test(name)) return invalidParameter(MESSAGES.invalidClusterName(name));
  const tags = checkTags(input.tags);
  if (!tags.ok) return tags.result;
  const settings = checkSettings(input.settings, effectiveSetting(ctx.state, 'containerInsights'));
  if (!settings.ok) return settings.result;
  const existing = ctx.state.clusters.get(name);
  const counts = countTasks(ctx.state).byCluster;
  // CreateCluster is idempotent: an existing ACTIVE cluster of that name is returned unchanged.
  if (existing !== undefined) return ok({ cluster: renderCluster(existing, ctx.state, counts) });
  // Issue 6: the capacity providers it may use and its default strategy, as PutClusterCapacityProviders checks them.
  const wantsProviders = input.capacityProviders !== undefined || input.defaultCapacityProviderStrategy !== undefined;
  const hook = capacityHooks.clusterProviders;
  if (wantsProviders && hook === undefined) return fail('ClientException', CAPACITY_NOT_LOADED);
  const providers = wantsProviders ? hook!.check(ctx.state, undefined, input.capacityProviders ?? [], input.defaultCapacityProviderStrategy ?? []) : undefined;
  if (providers !== undefined && !providers.ok) return fail(providers.error.code, providers.error.message);
  const record: ClusterRecord = {
    clusterArn: clusterArn(name),
    clusterName: name,
    status: 'ACTIVE',
    tags: tags.tags,
    settings: settings.settings,
  };
  ctx.state.clusters.set(name, record);
  ctx.emit('cluster.created', `Cluster ${name} was created.`, record.clusterArn);
  if (providers?.ok === true) hook!.apply(ctx, record, providers.value);
  return ok({ cluster: renderCluster(record, ctx.state, counts) });
}

type SettingsCheck = { ok: true; settings: ClusterRecord['settings'] } | { ok: false; result: CommandResult };

/** `accountDefault`: the account's containerInsights setting, which a cluster created without one takes (as on AWS). */
function checkSettings(settings: unknown[] | undefined, accountDefault: string): SettingsCheck {
  if (settings === undefined) return { ok: true, settings: [{ name: 'containerInsights', value: accountDefault }] };
  const out: ClusterRecord['settings'] = [];
  for (const setting of settings) {
    const s = setting as { name?: unknown; value?: unknown };
    if (s?.name !== 'containerInsights' || !['enabled', 'disabled', 'enhanced'].includes(String(s.value))) {
      return {
        ok: false,
        result: invalidParameter(MESSAGES.invalidClusterSettings()),
      };
    }
    out.push({ name: 'containerInsights', value: String(s.value) });
  }
  return { ok: true, settings: out };
}

interface DescribeClustersInput {
  clusters?: string[];
  include?: string[];
}

export function describeClusters(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams<DescribeClustersInput>(raw, { params: { clusters: 'list', include: 'list' } });
  if (!checked.ok) return checked.result;
  const wanted = checked.input.clusters ?? ['default'];
  const counts = countTasks(ctx.state).byCluster;
  const clusters = [];
  const failures = [];
  for (const given of wanted) {
    const name = clusterNameOf(String(given));
    const record = ctx.state.clusters.get(name);
    if (record === undefined) failures.push({ arn: clusterArn(name), reason: 'MISSING' });
    else clusters.push(renderCluster(record, ctx.state, counts));
  }
  return ok({ clusters, failures });
}

interface ListClustersInput {
  maxResults?: number;
  nextToken?: string;
}

export function listClusters(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams<ListClustersInput>(raw, { params: { maxResults: 'integer', nextToken: 'string' } });
  if (!checked.ok) return checked.result;
  const arns = [...ctx.state.clusters.values()].map((cluster) => cluster.clusterArn);
  const page = paginate(arns, checked.input.maxResults, checked.input.nextToken);
  if (!page.ok) return page.result;
  return ok({ clusterArns: page.items, ...(page.nextToken === undefined ? {} : { nextToken: page.nextToken }) });
}
