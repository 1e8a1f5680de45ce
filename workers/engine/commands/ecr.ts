/**
 * Amazon ECR: repositories (CreateRepository, DescribeRepositories, DeleteRepository, and their
 * settings: PutImageTagMutability, PutImageScanningConfiguration), images
 * (PutImage, the sandbox's sim:PushImage standing in for `docker push`, DescribeImages, ListImages,
 * BatchDeleteImage), lifecycle policies (Put/Get/DeleteLifecyclePolicy) and scan-on-push findings
 * (DescribeImageScanFindings).
 *
 * Lifecycle policies run on the virtual clock: AWS says expiry happens within 24 hours of a policy
 * taking effect; the sandbox evaluates every repository's policy on each whole virtual hour while
 * any policy exists (so a learner sees the effect within an hour), and emits one event per image
 * expired, naming the rule.
 */
import type { EngineContext } from '../context.ts';
import { ECR_MESSAGES, fail, ok, type CommandResult } from '../errors.ts';
import { imagesToExpire, parseLifecyclePolicy, type LifecycleRule } from '../ecr/lifecycle.ts';
import {
  REGISTRY_ID,
  REPOSITORY_NAME,
  repositoryArn,
  repositoryUri,
  type ImageRecord,
  type RepositoryRecord,
} from '../ecr/repositories.ts';
import { isSeverityCounts, scanFindings, severityCounts, type SeverityCounts } from '../ecr/scan.ts';
import { sha256Hex } from '../ecr/sha256.ts';
import { isoAt } from '../ids/arn.ts';
import { DOCKER_MANIFEST_MEDIA_TYPE, renderImage, renderRepository } from '../snapshot.ts';
import { checkParams } from './params.ts';

const HOUR_MS = 3_600_000;
const MIB = 1_048_576;
const TAG = /^[a-zA-Z0-9._-]{1,300}$/;
/** ECR's quota of images per repository (ecs-reference §10: UNCONFIRMED). */
export const MAX_IMAGES_PER_REPOSITORY = 10_000;

type Found = { ok: true; repository: RepositoryRecord } | { ok: false; result: CommandResult };

const invalidParameter = (message: string): CommandResult => fail('InvalidParameterException', message);

function checkRegistry(registryId: string | undefined): CommandResult | undefined {
  return registryId === undefined || registryId === REGISTRY_ID ? undefined : invalidParameter(ECR_MESSAGES.foreignRegistry(registryId));
}

function findRepository(ctx: EngineContext, name: string, registryId?: string): Found {
  const foreign = checkRegistry(registryId);
  if (foreign !== undefined) return { ok: false, result: foreign };
  const repository = ctx.state.repositories.get(name);
  if (repository === undefined) return { ok: false, result: fail('RepositoryNotFoundException', ECR_MESSAGES.repositoryNotFound(name, REGISTRY_ID)) };
  return { ok: true, repository };
}

function shortDigest(digest: string): string {
  return `${digest.slice(0, 19)}…`;
}

/** `{'imageTag': 'v1'}`, as ECR's messages print an image id. */
function imageIdText(id: { imageDigest?: string; imageTag?: string }): string {
  const parts: string[] = [];
  if (id.imageDigest !== undefined) parts.push(`'imageDigest': '${id.imageDigest}'`);
  if (id.imageTag !== undefined) parts.push(`'imageTag': '${id.imageTag}'`);
  return `{${parts.join(', ')}}`;
}

// ---------------------------------------------------------------------------------------------
// Repositories
// ---------------------------------------------------------------------------------------------

interface CreateRepositoryInput {
  repositoryName: string;
  registryId?: string;
  imageTagMutability?: string;
  imageScanningConfiguration?: { scanOnPush?: unknown };
  tags?: unknown[];
}

export function createRepository(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams<CreateRepositoryInput>(raw, {
    params: {
      registryId: 'string',
      repositoryName: 'string',
      tags: 'list',
      imageTagMutability: 'string',
      imageTagMutabilityExclusionFilters: 'list',
      imageScanningConfiguration: 'structure',
      encryptionConfiguration: 'structure',
    },
    required: ['repositoryName'],
  });
  if (!checked.ok) return checked.result;
  const input = checked.input;
  const foreign = checkRegistry(input.registryId);
  if (foreign !== undefined) return foreign;
  const name = input.repositoryName;
  if (name.length < 2 || name.length > 256 || !REPOSITORY_NAME.test(name)) return invalidParameter(ECR_MESSAGES.invalidRepositoryName(name));
  const mutability = input.imageTagMutability ?? 'MUTABLE';
  if (mutability !== 'MUTABLE' && mutability !== 'IMMUTABLE') return invalidParameter(ECR_MESSAGES.invalidMutability(mutability));
  const scanOnPush = input.imageScanningConfiguration?.scanOnPush ?? false;
  if (typeof scanOnPush !== 'boolean') return invalidParameter('imageScanningConfiguration.scanOnPush must be true or false.');
  if (ctx.state.repositories.has(name)) return fail('RepositoryAlreadyExistsException', ECR_MESSAGES.repositoryExists(name, REGISTRY_ID));

  const repository: RepositoryRecord = {
    repositoryName: name,
    repositoryArn: repositoryArn(name),
    registryId: REGISTRY_ID,
    repositoryUri: repositoryUri(name),
    createdAt: isoAt(ctx.clock.now),
    imageTagMutability: mutability,
    scanOnPush,
    images: [],
  };
  ctx.state.repositories.set(name, repository);
  ctx.emit(
    'ecr.repository.created',
    `ECR repository ${name} was created (${mutability === 'IMMUTABLE' ? 'immutable tags: a pushed tag can never point at another image' : 'mutable tags'}, scan on push ${scanOnPush ? 'on' : 'off'}); images in it are named ${repository.repositoryUri}:<tag>.`,
    repository.repositoryArn,
  );
  return ok({ repository: renderRepository(repository) });
}

export function describeRepositories(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams<{ registryId?: string; repositoryNames?: unknown[] }>(raw, {
    params: { registryId: 'string', repositoryNames: 'list', nextToken: 'string', maxResults: 'integer' },
  });
  if (!checked.ok) return checked.result;
  const foreign = checkRegistry(checked.input.registryId);
  if (foreign !== undefined) return foreign;
  const names = checked.input.repositoryNames;
  if (names === undefined) return ok({ repositories: [...ctx.state.repositories.values()].map(renderRepository) });
  const repositories = [];
  for (const name of names) {
    const found = findRepository(ctx, String(name));
    if (!found.ok) return found.result;
    repositories.push(renderRepository(found.repository));
  }
  return ok({ repositories });
}

/**
 * PutImageTagMutability: from now on, pushes follow the new setting; tags already pushed stay
 * where they point (AWS changes the repository's setting, not its images).
 */
export function putImageTagMutability(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams<{ registryId?: string; repositoryName: string; imageTagMutability: string }>(raw, {
    params: { registryId: 'string', repositoryName: 'string', imageTagMutability: 'string', imageTagMutabilityExclusionFilters: 'list' },
    required: ['repositoryName', 'imageTagMutability'],
  });
  if (!checked.ok) return checked.result;
  const { repositoryName, imageTagMutability: mutability } = checked.input;
  if (mutability !== 'MUTABLE' && mutability !== 'IMMUTABLE') return invalidParameter(ECR_MESSAGES.invalidMutability(mutability));
  const found = findRepository(ctx, repositoryName, checked.input.registryId);
  if (!found.ok) return found.result;
  const repository = found.repository;
  repository.imageTagMutability = mutability;
  ctx.emit(
    'ecr.repository.updated',
    `ECR repository ${repositoryName} now has ${mutability === 'IMMUTABLE' ? 'immutable tags: pushing a tag that exists is refused from now on' : 'mutable tags: pushing a tag that exists moves it to the new image'}; tags already pushed stay where they point.`,
    repository.repositoryArn,
  );
  return ok({ registryId: repository.registryId, repositoryName, imageTagMutability: mutability });
}

/** PutImageScanningConfiguration: scan on push applies to images pushed from now on. */
export function putImageScanningConfiguration(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams<{ registryId?: string; repositoryName: string; imageScanningConfiguration: { scanOnPush?: unknown } }>(raw, {
    params: { registryId: 'string', repositoryName: 'string', imageScanningConfiguration: 'structure' },
    required: ['repositoryName', 'imageScanningConfiguration'],
  });
  if (!checked.ok) return checked.result;
  const scanOnPush = checked.input.imageScanningConfiguration.scanOnPush ?? false;
  if (typeof scanOnPush !== 'boolean') return invalidParameter('imageScanningConfiguration.scanOnPush must be true or false.');
  const found = findRepository(ctx, checked.input.repositoryName, checked.input.registryId);
  if (!found.ok) return found.result;
  const repository = found.repository;
  repository.scanOnPush = scanOnPush;
  ctx.emit(
    'ecr.repository.updated',
    `ECR repository ${repository.repositoryName}: scan on push is ${scanOnPush ? 'on — images pushed from now on are scanned' : 'off — images pushed from now on are not scanned'}; images already there keep their findings.`,
    repository.repositoryArn,
  );
  return ok({ registryId: repository.registryId, repositoryName: repository.repositoryName, imageScanningConfiguration: { scanOnPush } });
}

export function deleteRepository(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams<{ repositoryName: string; registryId?: string; force?: boolean }>(raw, {
    params: { registryId: 'string', repositoryName: 'string', force: 'boolean' },
    required: ['repositoryName'],
  });
  if (!checked.ok) return checked.result;
  const found = findRepository(ctx, checked.input.repositoryName, checked.input.registryId);
  if (!found.ok) return found.result;
  const repository = found.repository;
  if (repository.images.length > 0 && checked.input.force !== true) {
    return fail('RepositoryNotEmptyException', ECR_MESSAGES.repositoryNotEmpty(repository.repositoryName, REGISTRY_ID));
  }
  ctx.state.repositories.delete(repository.repositoryName);
  const images = repository.images.length;
  ctx.emit(
    'ecr.repository.deleted',
    `ECR repository ${repository.repositoryName} was deleted${images > 0 ? ` with its ${images} image${images === 1 ? '' : 's'} (force)` : ''}; tasks whose images are in it can no longer pull them.`,
    repository.repositoryArn,
  );
  return ok({ repository: renderRepository(repository) });
}

// ---------------------------------------------------------------------------------------------
// Images
// ---------------------------------------------------------------------------------------------

interface Push {
  repository: RepositoryRecord;
  tag: string | undefined;
  manifest: string;
  mediaType: string;
  sizeBytes: number;
  vulnerabilities?: SeverityCounts;
}

type PushCheck = { ok: true; digest: string; existing?: ImageRecord; previous?: ImageRecord } | { ok: false; result: CommandResult };

/** Everything a push can refuse, checked before anything changes. */
function checkPush(push: Push): PushCheck {
  const { repository, tag } = push;
  const digest = `sha256:${sha256Hex(push.manifest)}`;
  const existing = repository.images.find((image) => image.imageDigest === digest);
  const previous = tag === undefined ? undefined : repository.images.find((image) => image.imageTags.includes(tag));
  if (existing !== undefined && (tag === undefined || existing.imageTags.includes(tag))) {
    return { ok: false, result: fail('ImageAlreadyExistsException', ECR_MESSAGES.imageAlreadyExists(digest, tag ?? '', repository.repositoryName, REGISTRY_ID)) };
  }
  if (tag !== undefined && previous !== undefined && repository.imageTagMutability === 'IMMUTABLE') {
    return { ok: false, result: fail('ImageTagAlreadyExistsException', ECR_MESSAGES.tagAlreadyExists(tag, repository.repositoryName)) };
  }
  if (existing === undefined && repository.images.length >= MAX_IMAGES_PER_REPOSITORY) {
    return { ok: false, result: fail('LimitExceededException', `A repository holds at most ${MAX_IMAGES_PER_REPOSITORY} images; ${repository.repositoryName} is full.`) };
  }
  return { ok: true, digest, ...(existing === undefined ? {} : { existing }), ...(previous === undefined ? {} : { previous }) };
}

function commitPush(ctx: EngineContext, push: Push, check: Extract<PushCheck, { ok: true }>): ImageRecord {
  const { repository, tag } = push;
  const where = `${repository.repositoryName}${tag === undefined ? '' : `:${tag}`}`;
  let moved = '';
  if (tag !== undefined && check.previous !== undefined && check.previous !== check.existing) {
    check.previous.imageTags = check.previous.imageTags.filter((t) => t !== tag);
    moved = check.previous.imageTags.length === 0
      ? `; tag ${tag} moved from ${shortDigest(check.previous.imageDigest)}, which is now untagged`
      : `; tag ${tag} moved from ${shortDigest(check.previous.imageDigest)}`;
  }
  let image = check.existing;
  if (image !== undefined) {
    if (tag !== undefined) image.imageTags.push(tag);
    ctx.emit('ecr.image.tagged', `Image ${shortDigest(image.imageDigest)} in ${repository.repositoryName} was tagged ${tag}${moved}.`, repository.repositoryArn);
    return image;
  }
  image = {
    imageDigest: check.digest,
    imageTags: tag === undefined ? [] : [tag],
    pushedMs: ctx.clock.now,
    imageSizeInBytes: push.sizeBytes,
    imageManifest: push.manifest,
    imageManifestMediaType: push.mediaType,
  };
  repository.images.push(image);
  ctx.emit(
    'ecr.image.pushed',
    `Image ${where} (${shortDigest(check.digest)}, ${(push.sizeBytes / MIB).toFixed(1)} MiB) was pushed${moved}.`,
    repository.repositoryArn,
  );
  if (repository.scanOnPush) {
    const findings = scanFindings(check.digest, push.vulnerabilities);
    image.scan = { completedMs: ctx.clock.now, findings };
    const counts = severityCounts(findings);
    const summary = Object.entries(counts).map(([severity, count]) => `${count} ${severity}`).join(', ');
    ctx.emit(
      'ecr.image.scanned',
      `Scan on push of ${where} found ${findings.length === 0 ? 'no vulnerabilities' : `${findings.length} finding${findings.length === 1 ? '' : 's'} (${summary})`} (simulated findings).`,
      repository.repositoryArn,
    );
  }
  scheduleLifecycleSweep(ctx);
  return image;
}

interface PutImageInput {
  repositoryName: string;
  registryId?: string;
  imageManifest: string;
  imageManifestMediaType?: string;
  imageTag?: string;
  imageDigest?: string;
}

export function putImage(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams<PutImageInput>(raw, {
    params: { registryId: 'string', repositoryName: 'string', imageManifest: 'string', imageManifestMediaType: 'string', imageTag: 'string', imageDigest: 'string' },
    required: ['repositoryName', 'imageManifest'],
  });
  if (!checked.ok) return checked.result;
  const input = checked.input;
  const found = findRepository(ctx, input.repositoryName, input.registryId);
  if (!found.ok) return found.result;
  if (input.imageTag !== undefined && !TAG.test(input.imageTag)) return invalidParameter(ECR_MESSAGES.invalidTag(input.imageTag));
  let manifest: unknown;
  try {
    manifest = JSON.parse(input.imageManifest);
  } catch {
    return invalidParameter(ECR_MESSAGES.invalidManifest());
  }
  const push: Push = {
    repository: found.repository,
    tag: input.imageTag,
    manifest: input.imageManifest,
    mediaType: input.imageManifestMediaType ?? (typeof (manifest as { mediaType?: unknown })?.mediaType === 'string' ? String((manifest as { mediaType: string }).mediaType) : DOCKER_MANIFEST_MEDIA_TYPE),
    sizeBytes: manifestSize(manifest),
  };
  const check = checkPush(push);
  if (!check.ok) return check.result;
  if (input.imageDigest !== undefined && input.imageDigest !== check.digest) {
    return invalidParameter(`imageDigest ${input.imageDigest} does not match the manifest's digest ${check.digest}.`);
  }
  const image = commitPush(ctx, push, check);
  return ok({
    image: {
      registryId: REGISTRY_ID,
      repositoryName: found.repository.repositoryName,
      imageId: { imageDigest: image.imageDigest, ...(input.imageTag === undefined ? {} : { imageTag: input.imageTag }) },
      imageManifest: image.imageManifest,
      imageManifestMediaType: image.imageManifestMediaType,
    },
  });
}

/** The size of the layers a manifest lists (plus its config), or a default of 30 MiB. */
function manifestSize(manifest: unknown): number {
  if (typeof manifest !== 'object' || manifest === null) return 30 * MIB;
  const { layers, config } = manifest as { layers?: unknown; config?: { size?: unknown } };
  let total = typeof config?.size === 'number' ? config.size : 0;
  if (Array.isArray(layers)) for (const layer of layers) if (typeof layer?.size === 'number') total += layer.size;
  return total > 0 ? total : 30 * MIB;
}

interface PushImageInput {
  repositoryName: string;
  imageTag?: string;
  sizeMiB?: number;
  vulnerabilities?: unknown;
}

/**
 * sim:PushImage — what `docker push <repositoryUri>:<tag>` does: a new image (a new build, so a new
 * digest, derived from the repository, tag and virtual time) tagged `imageTag` (default latest).
 */
export function pushImage(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams<PushImageInput>(raw, {
    params: { repositoryName: 'string', imageTag: 'string', sizeMiB: 'integer', vulnerabilities: 'map' },
    required: ['repositoryName'],
  });
  if (!checked.ok) return checked.result;
  const input = checked.input;
  const found = findRepository(ctx, input.repositoryName);
  if (!found.ok) return found.result;
  const tag = input.imageTag ?? 'latest';
  if (!TAG.test(tag)) return invalidParameter(ECR_MESSAGES.invalidTag(tag));
  const sizeMiB = input.sizeMiB ?? 30;
  if (sizeMiB < 1 || sizeMiB > 10_240) return invalidParameter(ECR_MESSAGES.invalidSize(input.sizeMiB));
  if (input.vulnerabilities !== undefined && !isSeverityCounts(input.vulnerabilities)) return invalidParameter(ECR_MESSAGES.invalidVulnerabilities());
  const build = `${found.repository.repositoryName}:${tag}@${ctx.clock.now}#${found.repository.images.length}`;
  const layer = (n: number): { mediaType: string; size: number; digest: string } => ({
    mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
    size: n === 0 ? Math.ceil(sizeMiB * MIB * 0.7) : Math.floor(sizeMiB * MIB * 0.3),
    digest: `sha256:${sha256Hex(`${build}/layer${n}`)}`,
  });
  const manifest = JSON.stringify({
    schemaVersion: 2,
    mediaType: DOCKER_MANIFEST_MEDIA_TYPE,
    config: { mediaType: 'application/vnd.docker.container.image.v1+json', size: 0, digest: `sha256:${sha256Hex(`${build}/config`)}` },
    layers: [layer(0), layer(1)],
  });
  const push: Push = {
    repository: found.repository,
    tag,
    manifest,
    mediaType: DOCKER_MANIFEST_MEDIA_TYPE,
    sizeBytes: sizeMiB * MIB,
    ...(input.vulnerabilities === undefined ? {} : { vulnerabilities: input.vulnerabilities as SeverityCounts }),
  };
  const check = checkPush(push);
  if (!check.ok) return check.result;
  const image = commitPush(ctx, push, check);
  return ok({ image: renderImage(found.repository, image), imageUri: `${found.repository.repositoryUri}:${tag}` });
}

interface ImageId {
  imageDigest?: string;
  imageTag?: string;
}

function checkImageIds(ids: unknown[]): ImageId[] | CommandResult {
  const out: ImageId[] = [];
  for (const id of ids) {
    if (typeof id !== 'object' || id === null) return invalidParameter(ECR_MESSAGES.imageIdsRequired());
    const { imageDigest, imageTag } = id as Record<string, unknown>;
    if ((imageDigest !== undefined && typeof imageDigest !== 'string') || (imageTag !== undefined && typeof imageTag !== 'string')) {
      return invalidParameter(ECR_MESSAGES.imageIdsRequired());
    }
    if (imageDigest === undefined && imageTag === undefined) return invalidParameter(ECR_MESSAGES.imageIdsRequired());
    out.push({ ...(imageDigest === undefined ? {} : { imageDigest }), ...(imageTag === undefined ? {} : { imageTag }) });
  }
  return out;
}

function findImage(repository: RepositoryRecord, id: ImageId): ImageRecord | undefined {
  return repository.images.find(
    (image) => (id.imageDigest === undefined || image.imageDigest === id.imageDigest) && (id.imageTag === undefined || image.imageTags.includes(id.imageTag)),
  );
}

const TAG_STATUS = ['TAGGED', 'UNTAGGED', 'ANY'];

function tagFilter(filter: { tagStatus?: unknown } | undefined): ((image: ImageRecord) => boolean) | CommandResult {
  const status = filter?.tagStatus ?? 'ANY';
  if (typeof status !== 'string' || !TAG_STATUS.includes(status)) return invalidParameter(`filter.tagStatus must be TAGGED, UNTAGGED or ANY, not ${JSON.stringify(status)}.`);
  return (image) => status === 'ANY' || (status === 'TAGGED') === image.imageTags.length > 0;
}

interface DescribeImagesInput {
  repositoryName: string;
  registryId?: string;
  imageIds?: unknown[];
  filter?: { tagStatus?: unknown };
}

export function describeImages(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams<DescribeImagesInput>(raw, {
    params: { registryId: 'string', repositoryName: 'string', imageIds: 'list', nextToken: 'string', maxResults: 'integer', filter: 'structure' },
    required: ['repositoryName'],
  });
  if (!checked.ok) return checked.result;
  const found = findRepository(ctx, checked.input.repositoryName, checked.input.registryId);
  if (!found.ok) return found.result;
  const repository = found.repository;
  if (checked.input.imageIds !== undefined) {
    const ids = checkImageIds(checked.input.imageIds);
    if (!Array.isArray(ids)) return ids;
    const details = [];
    for (const id of ids) {
      const image = findImage(repository, id);
      if (image === undefined) return fail('ImageNotFoundException', ECR_MESSAGES.imageNotFound(imageIdText(id), repository.repositoryName, REGISTRY_ID));
      details.push(renderImage(repository, image));
    }
    return ok({ imageDetails: details });
  }
  const keep = tagFilter(checked.input.filter);
  if (typeof keep !== 'function') return keep;
  return ok({ imageDetails: repository.images.filter(keep).map((image) => renderImage(repository, image)) });
}

export function listImages(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams<{ repositoryName: string; registryId?: string; filter?: { tagStatus?: unknown } }>(raw, {
    params: { registryId: 'string', repositoryName: 'string', nextToken: 'string', maxResults: 'integer', filter: 'structure' },
    required: ['repositoryName'],
  });
  if (!checked.ok) return checked.result;
  const found = findRepository(ctx, checked.input.repositoryName, checked.input.registryId);
  if (!found.ok) return found.result;
  const keep = tagFilter(checked.input.filter);
  if (typeof keep !== 'function') return keep;
  const imageIds: ImageId[] = [];
  for (const image of found.repository.images.filter(keep)) {
    if (image.imageTags.length === 0) imageIds.push({ imageDigest: image.imageDigest });
    for (const tag of image.imageTags) imageIds.push({ imageDigest: image.imageDigest, imageTag: tag });
  }
  return ok({ imageIds });
}

/**
 * BatchDeleteImage: by digest, the image and all its tags go; by tag, the tag goes, and the image
 * with it when that was its last tag (as ECR does). Unknown ids are failures, not errors.
 */
export function batchDeleteImage(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams<{ repositoryName: string; registryId?: string; imageIds: unknown[] }>(raw, {
    params: { registryId: 'string', repositoryName: 'string', imageIds: 'list' },
    required: ['repositoryName', 'imageIds'],
  });
  if (!checked.ok) return checked.result;
  const found = findRepository(ctx, checked.input.repositoryName, checked.input.registryId);
  if (!found.ok) return found.result;
  const ids = checkImageIds(checked.input.imageIds);
  if (!Array.isArray(ids)) return ids;
  if (ids.length === 0 || ids.length > 100) return invalidParameter(`imageIds must list 1 to 100 images, not ${ids.length}.`);
  const repository = found.repository;
  const deleted: ImageId[] = [];
  const failures: { imageId: ImageId; failureCode: string; failureReason: string }[] = [];
  for (const id of ids) {
    const image = findImage(repository, id);
    if (image === undefined) {
      failures.push({ imageId: id, failureCode: 'ImageNotFound', failureReason: 'Requested image not found' });
      continue;
    }
    if (id.imageTag !== undefined && id.imageDigest === undefined && image.imageTags.length > 1) {
      image.imageTags = image.imageTags.filter((tag) => tag !== id.imageTag);
      deleted.push({ imageDigest: image.imageDigest, imageTag: id.imageTag });
      ctx.emit('ecr.image.untagged', `Tag ${id.imageTag} was removed from image ${shortDigest(image.imageDigest)} in ${repository.repositoryName}.`, repository.repositoryArn);
      continue;
    }
    repository.images.splice(repository.images.indexOf(image), 1);
    if (image.imageTags.length === 0) deleted.push({ imageDigest: image.imageDigest });
    for (const tag of image.imageTags) deleted.push({ imageDigest: image.imageDigest, imageTag: tag });
    ctx.emit(
      'ecr.image.deleted',
      `Image ${shortDigest(image.imageDigest)}${image.imageTags.length > 0 ? ` (${image.imageTags.join(', ')})` : ''} was deleted from ${repository.repositoryName}.`,
      repository.repositoryArn,
    );
  }
  return ok({ imageIds: deleted, failures });
}

// ---------------------------------------------------------------------------------------------
// Lifecycle policies
// ---------------------------------------------------------------------------------------------

export function putLifecyclePolicy(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams<{ repositoryName: string; registryId?: string; lifecyclePolicyText: unknown }>(raw, {
    params: { registryId: 'string', repositoryName: 'string', lifecyclePolicyText: 'document' },
    required: ['repositoryName', 'lifecyclePolicyText'],
  });
  if (!checked.ok) return checked.result;
  const found = findRepository(ctx, checked.input.repositoryName, checked.input.registryId);
  if (!found.ok) return found.result;
  const given = checked.input.lifecyclePolicyText;
  const text = typeof given === 'string' ? given : JSON.stringify(given);
  // ECR's LifecyclePolicyText is at most 30,720 characters (API reference).
  if (text.length > 30_720) return invalidParameter(ECR_MESSAGES.lifecyclePolicyInvalid(`the policy text has ${text.length} characters; at most 30720 are allowed`));
  const parsed = parseLifecyclePolicy(text);
  if (!parsed.ok) return invalidParameter(ECR_MESSAGES.lifecyclePolicyInvalid(parsed.detail));
  const repository = found.repository;
  repository.lifecyclePolicyText = text;
  repository.lifecycleRules = parsed.rules;
  ctx.emit(
    'ecr.lifecycle.put',
    `Lifecycle policy of ${repository.repositoryName} set (${parsed.rules.length} rule${parsed.rules.length === 1 ? '' : 's'}): ${parsed.rules.map(describeRule).join('; ')}. It is evaluated on every whole virtual hour (AWS: within 24 hours).`,
    repository.repositoryArn,
  );
  scheduleLifecycleSweep(ctx);
  return ok({ registryId: REGISTRY_ID, repositoryName: repository.repositoryName, lifecyclePolicyText: text });
}

function describeRule(rule: LifecycleRule): string {
  const { tagStatus, tagPrefixList, tagPatternList, countType, countNumber } = rule.selection;
  const which = tagStatus === 'any'
    ? 'any image'
    : tagStatus === 'untagged'
      ? 'untagged images'
      : `images tagged ${(tagPrefixList ?? tagPatternList ?? []).join(' and ')}${tagPrefixList !== undefined ? '…' : ''}`;
  const what = countType === 'imageCountMoreThan' ? `keep the ${countNumber} newest` : `expire after ${countNumber} day${countNumber === 1 ? '' : 's'}`;
  return `rule ${rule.rulePriority}: ${which}, ${what}`;
}

/** The request's repository and its lifecycle policy text (Get and Delete share the lookup and its errors). */
function findLifecyclePolicy(
  ctx: EngineContext,
  raw: unknown,
): { ok: true; repository: RepositoryRecord; text: string } | { ok: false; result: CommandResult } {
  const checked = checkParams<{ repositoryName: string; registryId?: string }>(raw, {
    params: { registryId: 'string', repositoryName: 'string' },
    required: ['repositoryName'],
  });
  if (!checked.ok) return { ok: false, result: checked.result };
  const found = findRepository(ctx, checked.input.repositoryName, checked.input.registryId);
  if (!found.ok) return found;
  const text = found.repository.lifecyclePolicyText;
  if (text === undefined) {
    return { ok: false, result: fail('LifecyclePolicyNotFoundException', ECR_MESSAGES.lifecyclePolicyNotFound(found.repository.repositoryName, REGISTRY_ID)) };
  }
  return { ok: true, repository: found.repository, text };
}

export function getLifecyclePolicy(ctx: EngineContext, raw: unknown): CommandResult {
  const found = findLifecyclePolicy(ctx, raw);
  if (!found.ok) return found.result;
  return ok({ registryId: REGISTRY_ID, repositoryName: found.repository.repositoryName, lifecyclePolicyText: found.text });
}

export function deleteLifecyclePolicy(ctx: EngineContext, raw: unknown): CommandResult {
  const found = findLifecyclePolicy(ctx, raw);
  if (!found.ok) return found.result;
  const { repository, text } = found;
  delete repository.lifecyclePolicyText;
  delete repository.lifecycleRules;
  ctx.emit('ecr.lifecycle.deleted', `Lifecycle policy of ${repository.repositoryName} was deleted; its images no longer expire.`, repository.repositoryArn);
  return ok({ registryId: REGISTRY_ID, repositoryName: repository.repositoryName, lifecyclePolicyText: text });
}

function anyPolicy(ctx: EngineContext): boolean {
  for (const repository of ctx.state.repositories.values()) if (repository.lifecycleRules !== undefined) return true;
  return false;
}

/** Schedule the next hourly sweep, if a policy exists and none is scheduled. */
export function scheduleLifecycleSweep(ctx: EngineContext): void {
  if (ctx.state.lifecycleTimer !== undefined || !anyPolicy(ctx)) return;
  const due = (Math.floor(ctx.clock.now / HOUR_MS) + 1) * HOUR_MS;
  ctx.state.lifecycleTimer = ctx.clock.schedule(due, () => {
    ctx.state.lifecycleTimer = undefined;
    sweepLifecyclePolicies(ctx);
    scheduleLifecycleSweep(ctx);
  });
}

/** Apply every repository's lifecycle policy now: expired images are removed, one event each. */
export function sweepLifecyclePolicies(ctx: EngineContext): void {
  const now = ctx.clock.now;
  for (const repository of ctx.state.repositories.values()) {
    if (repository.lifecycleRules === undefined) continue;
    const expired = imagesToExpire(repository.lifecycleRules, repository.images, now);
    if (expired.size === 0) continue;
    repository.images = repository.images.filter((image) => {
      const rule = expired.get(image.imageDigest);
      if (rule === undefined) return true;
      const age = ((now - image.pushedMs) / 86_400_000).toFixed(1);
      ctx.emit(
        'ecr.image.expired',
        `Lifecycle policy of ${repository.repositoryName} expired image ${shortDigest(image.imageDigest)}${image.imageTags.length > 0 ? ` (${image.imageTags.join(', ')})` : ' (untagged)'}, pushed ${age} days ago, by ${describeRule(rule)}.`,
        repository.repositoryArn,
      );
      return false;
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Scan findings
// ---------------------------------------------------------------------------------------------

export function describeImageScanFindings(ctx: EngineContext, raw: unknown): CommandResult {
  const checked = checkParams<{ repositoryName: string; registryId?: string; imageId: unknown }>(raw, {
    params: { registryId: 'string', repositoryName: 'string', imageId: 'structure', nextToken: 'string', maxResults: 'integer' },
    required: ['repositoryName', 'imageId'],
  });
  if (!checked.ok) return checked.result;
  const found = findRepository(ctx, checked.input.repositoryName, checked.input.registryId);
  if (!found.ok) return found.result;
  const ids = checkImageIds([checked.input.imageId]);
  if (!Array.isArray(ids)) return ids;
  const id = ids[0]!;
  const repository = found.repository;
  const image = findImage(repository, id);
  if (image === undefined) return fail('ImageNotFoundException', ECR_MESSAGES.imageNotFound(imageIdText(id), repository.repositoryName, REGISTRY_ID));
  if (image.scan === undefined) return fail('ScanNotFoundException', ECR_MESSAGES.scanNotFound(imageIdText(id), repository.repositoryName, REGISTRY_ID));
  const completed = isoAt(image.scan.completedMs);
  return ok({
    registryId: REGISTRY_ID,
    repositoryName: repository.repositoryName,
    imageId: { imageDigest: image.imageDigest, ...(id.imageTag === undefined ? {} : { imageTag: id.imageTag }) },
    imageScanStatus: { status: 'COMPLETE', description: 'The scan was completed successfully.' },
    imageScanFindings: {
      imageScanCompletedAt: completed,
      vulnerabilitySourceUpdatedAt: completed,
      findingSeverityCounts: severityCounts(image.scan.findings),
      findings: structuredClone(image.scan.findings),
    },
  });
}
