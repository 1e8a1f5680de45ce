// Proves ECR in the sandbox: repositories (create, describe, delete with force), pushes (SHA-256
// digests, immutable tags refused with ImageTagAlreadyExistsException, mutable tags moving and
// leaving an untagged image), reads and deletes of images, lifecycle policies (validation with
// clear errors, evaluation on the virtual clock, pure rule semantics) and deterministic scan
// findings — each error with its exact code and message.
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../workers/engine/index.ts';
import { imagesToExpire, parseLifecyclePolicy, DAY_MS } from '../../../workers/engine/ecr/lifecycle.ts';
import { parseImageRef } from '../../../workers/engine/ecr/image-uri.ts';
import { scanFindings } from '../../../workers/engine/ecr/scan.ts';
import type { SandboxEngine } from '../../../workers/protocol.ts';
import { expectError, responseOf } from './helpers.ts';

const URI = '123456789012.dkr.ecr.us-east-1.amazonaws.com';

function ecrEngine(seed = 3, repository: Record<string, unknown> = {}): SandboxEngine {
  const engine = createEngine({ seed });
  responseOf(engine.dispatch({ 'ecr:CreateRepository': { repositoryName: 'app', ...repository } }));
  return engine;
}

function push(engine: SandboxEngine, imageTag: string, extra: Record<string, unknown> = {}): Record<string, any> {
  return responseOf(engine.dispatch({ 'sim:PushImage': { repositoryName: 'app', imageTag, ...extra } }));
}

function tagsOf(engine: SandboxEngine): (string[] | undefined)[] {
  return engine.snapshot().repositories![0]!.images.map((image) => image.imageTags);
}

const lifecycle = (rules: unknown[]): string => JSON.stringify({ rules });

describe('repositories', () => {
  it('CreateRepository answers with the repository, its ARN and URI; DescribeRepositories reads it', () => {
    const engine = createEngine({ seed: 1 });
    const created = responseOf(engine.dispatch({ 'ecr:CreateRepository': { repositoryName: 'team/web', imageTagMutability: 'IMMUTABLE', imageScanningConfiguration: { scanOnPush: true } } }));
    expect(created.repository).toEqual({
      repositoryArn: 'arn:aws:ecr:us-east-1:123456789012:repository/team/web',
      registryId: '123456789012',
      repositoryName: 'team/web',
      repositoryUri: `${URI}/team/web`,
      createdAt: '2026-01-01T00:00:00.000Z',
      imageTagMutability: 'IMMUTABLE',
      imageScanningConfiguration: { scanOnPush: true },
      encryptionConfiguration: { encryptionType: 'AES256' },
    });
    expect(responseOf(engine.dispatch({ 'ecr:DescribeRepositories': { repositoryNames: ['team/web'] } })).repositories).toEqual([created.repository]);
    expect(engine.snapshot().repositories).toEqual([{ ...created.repository, images: [] }]);
  });

  const errors: [string, Record<string, unknown>, string, string | RegExp][] = [
    ['duplicate', { 'ecr:CreateRepository': { repositoryName: 'app' } }, 'RepositoryAlreadyExistsException', "The repository with name 'app' already exists in the registry with id '123456789012'"],
    ['upper-case name', { 'ecr:CreateRepository': { repositoryName: 'App' } }, 'InvalidParameterException', /^Invalid parameter at 'repositoryName' failed to satisfy constraint/],
    ['double slash', { 'ecr:CreateRepository': { repositoryName: 'a//b' } }, 'InvalidParameterException', /repositoryName/],
    ['bad mutability', { 'ecr:CreateRepository': { repositoryName: 'x1', imageTagMutability: 'LOCKED' } }, 'InvalidParameterException', 'imageTagMutability must be MUTABLE or IMMUTABLE, not "LOCKED".'],
    ['other registry', { 'ecr:CreateRepository': { repositoryName: 'x1', registryId: '999999999999' } }, 'InvalidParameterException', /registryId 999999999999 is not it/],
    ['describe missing', { 'ecr:DescribeRepositories': { repositoryNames: ['nope'] } }, 'RepositoryNotFoundException', "The repository with name 'nope' does not exist in the registry with id '123456789012'"],
    ['delete missing', { 'ecr:DeleteRepository': { repositoryName: 'nope' } }, 'RepositoryNotFoundException', "The repository with name 'nope' does not exist in the registry with id '123456789012'"],
    ['delete not empty', { 'ecr:DeleteRepository': { repositoryName: 'app' } }, 'RepositoryNotEmptyException', "The repository with name 'app' in registry with id '123456789012' cannot be deleted because it still contains images"],
    ['push to missing repo', { 'sim:PushImage': { repositoryName: 'nope', imageTag: 'v1' } }, 'RepositoryNotFoundException', "The repository with name 'nope' does not exist in the registry with id '123456789012'"],
    ['push bad tag', { 'sim:PushImage': { repositoryName: 'app', imageTag: 'v 1' } }, 'InvalidParameterException', /^Invalid parameter at 'imageTag'/],
    ['push bad size', { 'sim:PushImage': { repositoryName: 'app', sizeMiB: 0 } }, 'InvalidParameterException', 'sizeMiB must be a whole number of MiB between 1 and 10240, not 0.'],
    ['push bad vulnerabilities', { 'sim:PushImage': { repositoryName: 'app', vulnerabilities: { SEVERE: 1 } } }, 'InvalidParameterException', /^vulnerabilities must map severities/],
    ['PutImage bad manifest', { 'ecr:PutImage': { repositoryName: 'app', imageManifest: '{', imageTag: 'x' } }, 'InvalidParameterException', "Invalid parameter at 'ImageManifest' failed to satisfy constraint: 'Invalid JSON syntax'"],
    ['describe missing image', { 'ecr:DescribeImages': { repositoryName: 'app', imageIds: [{ imageTag: 'v9' }] } }, 'ImageNotFoundException', "The image with imageId {'imageTag': 'v9'} does not exist within the repository with name 'app' in the registry with id '123456789012'"],
    ['image id without digest or tag', { 'ecr:DescribeImages': { repositoryName: 'app', imageIds: [{}] } }, 'InvalidParameterException', 'Each imageId needs an imageDigest or an imageTag.'],
    ['scan findings without scan', { 'ecr:DescribeImageScanFindings': { repositoryName: 'app', imageId: { imageTag: 'v1' } } }, 'ScanNotFoundException', /^Image scan does not exist for the image with '\{'imageTag': 'v1'\}' in the repository with name 'app'/],
    ['get missing lifecycle policy', { 'ecr:GetLifecyclePolicy': { repositoryName: 'app' } }, 'LifecyclePolicyNotFoundException', "Lifecycle policy does not exist for the repository with name 'app' in the registry with id '123456789012'"],
    ['delete missing lifecycle policy', { 'ecr:DeleteLifecyclePolicy': { repositoryName: 'app' } }, 'LifecyclePolicyNotFoundException', "Lifecycle policy does not exist for the repository with name 'app' in the registry with id '123456789012'"],
  ];
  it.each(errors)('%s', (_name, step, code, message) => {
    const engine = ecrEngine();
    push(engine, 'v1');
    const before = JSON.stringify(engine.snapshot());
    const timer = engine.nextTimerAt();
    expectError(engine.dispatch(step), code, message);
    expect(JSON.stringify(engine.snapshot())).toBe(before);
    expect(engine.nextTimerAt()).toBe(timer);
  });

  it('DeleteRepository with force deletes a repository and its images', () => {
    const engine = ecrEngine();
    push(engine, 'v1');
    expect(responseOf(engine.dispatch({ 'ecr:DeleteRepository': { repositoryName: 'app', force: true } })).repository.repositoryName).toBe('app');
    expect(engine.snapshot().repositories).toEqual([]);
  });
});

describe('pushing images', () => {
  it('gives each push a SHA-256 digest, deterministic per seed, and the image URI', () => {
    const first = push(ecrEngine(3), 'v1');
    expect(first.image.imageDigest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(first.imageUri).toBe(`${URI}/app:v1`);
    expect(first.image).toMatchObject({ repositoryName: 'app', imageTags: ['v1'], imageSizeInBytes: 30 * 1_048_576, imagePushedAt: '2026-01-01T00:00:00.000Z' });
    expect(push(ecrEngine(3), 'v1').image.imageDigest).toBe(first.image.imageDigest);
  });

  it('an IMMUTABLE repository refuses to move a tag, with ECR\'s message, and keeps the image', () => {
    const engine = ecrEngine(3, { imageTagMutability: 'IMMUTABLE' });
    push(engine, 'v1');
    const before = JSON.stringify(engine.snapshot());
    expectError(
      engine.dispatch({ 'sim:PushImage': { repositoryName: 'app', imageTag: 'v1' } }),
      'ImageTagAlreadyExistsException',
      "The image tag 'v1' already exists in the 'app' repository and cannot be overwritten because the repository is immutable.",
    );
    expect(JSON.stringify(engine.snapshot())).toBe(before);
    push(engine, 'v2');
    expect(tagsOf(engine)).toEqual([['v2'], ['v1']]);
  });

  it('PutImageTagMutability changes what later pushes may do; tags already pushed stay where they point', () => {
    const engine = ecrEngine();
    push(engine, 'v1');
    expect(responseOf(engine.dispatch({ 'ecr:PutImageTagMutability': { repositoryName: 'app', imageTagMutability: 'IMMUTABLE' } }))).toEqual({
      registryId: '123456789012', repositoryName: 'app', imageTagMutability: 'IMMUTABLE',
    });
    expect(engine.snapshot().repositories![0]!.imageTagMutability).toBe('IMMUTABLE');
    expect(engine.snapshot().events.at(-1)!.message).toMatch(/^ECR repository app now has immutable tags/);
    expectError(engine.dispatch({ 'sim:PushImage': { repositoryName: 'app', imageTag: 'v1' } }), 'ImageTagAlreadyExistsException');
    // Refusals change nothing and say why.
    const before = JSON.stringify(engine.snapshot());
    expectError(engine.dispatch({ 'ecr:PutImageTagMutability': { repositoryName: 'app', imageTagMutability: 'FROZEN' } }), 'InvalidParameterException', 'imageTagMutability must be MUTABLE or IMMUTABLE, not "FROZEN".');
    expectError(engine.dispatch({ 'ecr:PutImageTagMutability': { repositoryName: 'nope', imageTagMutability: 'MUTABLE' } }), 'RepositoryNotFoundException', "The repository with name 'nope' does not exist in the registry with id '123456789012'");
    expect(JSON.stringify(engine.snapshot())).toBe(before);
    responseOf(engine.dispatch({ 'ecr:PutImageTagMutability': { repositoryName: 'app', imageTagMutability: 'MUTABLE' } }));
    engine.advance(60_000);
    push(engine, 'v1');
    expect(tagsOf(engine)).toEqual([['v1'], undefined]);
  });

  it('a MUTABLE repository moves the tag; the old image stays, untagged', () => {
    const engine = ecrEngine();
    const old = push(engine, 'latest').image.imageDigest;
    engine.advance(60_000);
    const fresh = push(engine, 'latest').image.imageDigest;
    expect(fresh).not.toBe(old);
    const images = engine.snapshot().repositories![0]!.images;
    expect(images.map((image) => [image.imageDigest, image.imageTags])).toEqual([[fresh, ['latest']], [old, undefined]]);
    expect(engine.snapshot().events.at(-1)!.message).toMatch(/tag latest moved from sha256:[0-9a-f]{12}…, which is now untagged/);
    expect(responseOf(engine.dispatch({ 'ecr:ListImages': { repositoryName: 'app', filter: { tagStatus: 'UNTAGGED' } } }))).toEqual({ imageIds: [{ imageDigest: old }] });
  });

  it('PutImage digests the manifest; the same manifest again is ImageAlreadyExistsException, a new tag retags it', () => {
    const engine = ecrEngine();
    const manifest = JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.docker.distribution.manifest.v2+json', config: { size: 100, digest: 'sha256:' + 'a'.repeat(64) }, layers: [{ size: 2_000_000, digest: 'sha256:' + 'b'.repeat(64) }] });
    const put = responseOf(engine.dispatch({ 'ecr:PutImage': { repositoryName: 'app', imageManifest: manifest, imageTag: 'v1' } }));
    expect(put.image.imageId.imageDigest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expectError(
      engine.dispatch({ 'ecr:PutImage': { repositoryName: 'app', imageManifest: manifest, imageTag: 'v1' } }),
      'ImageAlreadyExistsException',
      `Image with digest '${put.image.imageId.imageDigest}' and tag 'v1' already exists in the repository with name 'app' in registry with id '123456789012'`,
    );
    responseOf(engine.dispatch({ 'ecr:PutImage': { repositoryName: 'app', imageManifest: manifest, imageTag: 'stable' } }));
    const [image] = responseOf(engine.dispatch({ 'ecr:DescribeImages': { repositoryName: 'app' } })).imageDetails;
    expect(image).toMatchObject({ imageTags: ['v1', 'stable'], imageSizeInBytes: 2_000_100 });
  });

  it('BatchDeleteImage removes a tag, the image with its last tag, and reports unknown ids as failures', () => {
    const engine = ecrEngine();
    const manifest = JSON.stringify({ schemaVersion: 2, layers: [] });
    const digest = responseOf(engine.dispatch({ 'ecr:PutImage': { repositoryName: 'app', imageManifest: manifest, imageTag: 'a' } })).image.imageId.imageDigest;
    responseOf(engine.dispatch({ 'ecr:PutImage': { repositoryName: 'app', imageManifest: manifest, imageTag: 'b' } }));
    expect(responseOf(engine.dispatch({ 'ecr:BatchDeleteImage': { repositoryName: 'app', imageIds: [{ imageTag: 'a' }, { imageTag: 'zz' }] } }))).toEqual({
      imageIds: [{ imageDigest: digest, imageTag: 'a' }],
      failures: [{ imageId: { imageTag: 'zz' }, failureCode: 'ImageNotFound', failureReason: 'Requested image not found' }],
    });
    expect(tagsOf(engine)).toEqual([['b']]);
    responseOf(engine.dispatch({ 'ecr:BatchDeleteImage': { repositoryName: 'app', imageIds: [{ imageTag: 'b' }] } }));
    expect(tagsOf(engine)).toEqual([]);
  });
});

describe('scan on push', () => {
  it('findings are deterministic per digest, and follow given severity counts', () => {
    const digest = `sha256:${'c0ffee12'.repeat(8)}`;
    expect(scanFindings(digest)).toEqual(scanFindings(digest));
    expect(scanFindings(digest)).not.toEqual(scanFindings(`sha256:${'deadbeef'.repeat(8)}`));
    const given = scanFindings(digest, { CRITICAL: 2, LOW: 1 });
    expect(given.map((finding) => finding.severity)).toEqual(['CRITICAL', 'CRITICAL', 'LOW']);
    for (const finding of scanFindings(digest)) expect(finding.name).toMatch(/^SIM-2026-\d{7}$/);
  });

  it('a repository with scanOnPush scans each push: summary in DescribeImages, findings in DescribeImageScanFindings', () => {
    const engine = ecrEngine(3, { imageScanningConfiguration: { scanOnPush: true } });
    push(engine, 'v1', { vulnerabilities: { CRITICAL: 1, HIGH: 2 } });
    const [detail] = responseOf(engine.dispatch({ 'ecr:DescribeImages': { repositoryName: 'app', imageIds: [{ imageTag: 'v1' }] } })).imageDetails;
    expect(detail.imageScanStatus).toEqual({ status: 'COMPLETE', description: 'The scan was completed successfully.' });
    expect(detail.imageScanFindingsSummary.findingSeverityCounts).toEqual({ CRITICAL: 1, HIGH: 2 });
    const findings = responseOf(engine.dispatch({ 'ecr:DescribeImageScanFindings': { repositoryName: 'app', imageId: { imageTag: 'v1' } } }));
    expect(findings.imageScanFindings.findings.map((finding: { severity: string }) => finding.severity)).toEqual(['CRITICAL', 'HIGH', 'HIGH']);
    expect(engine.snapshot().events.at(-1)!.message).toBe('Scan on push of app:v1 found 3 findings (1 CRITICAL, 2 HIGH) (simulated findings).');
    // Drawn findings: the same seed gives the same summary.
    const summary = (seed: number) => {
      const other = ecrEngine(seed, { imageScanningConfiguration: { scanOnPush: true } });
      push(other, 'v1');
      return other.snapshot().repositories![0]!.images[0]!.imageScanFindingsSummary;
    };
    expect(summary(8)).toEqual(summary(8));
  });
});

describe('scan on push, changed later', () => {
  it('PutImageScanningConfiguration turns scanning on for later pushes; earlier images keep no findings', () => {
    const engine = ecrEngine();
    push(engine, 'v1');
    expect(responseOf(engine.dispatch({ 'ecr:PutImageScanningConfiguration': { repositoryName: 'app', imageScanningConfiguration: { scanOnPush: true } } }))).toEqual({
      registryId: '123456789012', repositoryName: 'app', imageScanningConfiguration: { scanOnPush: true },
    });
    push(engine, 'v2', { vulnerabilities: { HIGH: 1 } });
    const images = engine.snapshot().repositories![0]!.images;
    expect(images.map((image) => [image.imageTags, image.imageScanFindingsSummary?.findingSeverityCounts])).toEqual([[['v2'], { HIGH: 1 }], [['v1'], undefined]]);
    const before = JSON.stringify(engine.snapshot());
    expectError(engine.dispatch({ 'ecr:PutImageScanningConfiguration': { repositoryName: 'app', imageScanningConfiguration: { scanOnPush: 'yes' } } }), 'InvalidParameterException', /scanOnPush must be true or false/);
    expectError(engine.dispatch({ 'ecr:PutImageScanningConfiguration': { repositoryName: 'app' } }), 'ParamValidationError' as string, /imageScanningConfiguration/);
    expect(JSON.stringify(engine.snapshot())).toBe(before);
  });
});

describe('lifecycle policies', () => {
  const invalid: [string, string, string][] = [
    ['not JSON', '{rules', 'the policy text is not valid JSON'],
    ['no rules', lifecycle([]), 'the policy needs "rules": a non-empty list of rules'],
    ['tagged without prefixes', lifecycle([{ rulePriority: 1, selection: { tagStatus: 'tagged', countType: 'imageCountMoreThan', countNumber: 3 }, action: { type: 'expire' } }]), 'rules[0].selection: tagStatus "tagged" needs a tagPrefixList (or tagPatternList) saying which tags the rule selects'],
    ['prefixes on untagged', lifecycle([{ rulePriority: 1, selection: { tagStatus: 'untagged', tagPrefixList: ['v'], countType: 'imageCountMoreThan', countNumber: 3 }, action: { type: 'expire' } }]), 'rules[0].selection: tagPrefixList and tagPatternList are only allowed with tagStatus "tagged"'],
    ['days without unit', lifecycle([{ rulePriority: 1, selection: { tagStatus: 'any', countType: 'sinceImagePushed', countNumber: 3 }, action: { type: 'expire' } }]), 'rules[0].selection: countType sinceImagePushed needs countUnit "days"'],
    ['unit with count', lifecycle([{ rulePriority: 1, selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countUnit: 'days', countNumber: 3 }, action: { type: 'expire' } }]), 'rules[0].selection: countUnit is only allowed with countType sinceImagePushed'],
    ['zero count', lifecycle([{ rulePriority: 1, selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 0 }, action: { type: 'expire' } }]), 'rules[0].selection.countNumber must be a whole number greater than 0, not 0'],
    ['bad action', lifecycle([{ rulePriority: 1, selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 1 }, action: { type: 'delete' } }]), 'rules[0].action must be {"type": "expire"} (expire is the only action)'],
    ['duplicate priority', lifecycle([
      { rulePriority: 1, selection: { tagStatus: 'untagged', countType: 'imageCountMoreThan', countNumber: 1 }, action: { type: 'expire' } },
      { rulePriority: 1, selection: { tagStatus: 'tagged', tagPrefixList: ['v'], countType: 'imageCountMoreThan', countNumber: 1 }, action: { type: 'expire' } },
    ]), 'rulePriority 1 is used by more than one rule; priorities must be unique'],
    ['any not last', lifecycle([
      { rulePriority: 1, selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 1 }, action: { type: 'expire' } },
      { rulePriority: 2, selection: { tagStatus: 'untagged', countType: 'imageCountMoreThan', countNumber: 1 }, action: { type: 'expire' } },
    ]), 'the rule with tagStatus "any" (rulePriority 1) must have the highest rulePriority value (2 is higher)'],
  ];
  it.each(invalid)('refuses %s', (_name, text, detail) => {
    expect(parseLifecyclePolicy(text)).toEqual({ ok: false, detail });
    const engine = ecrEngine();
    expectError(
      engine.dispatch({ 'ecr:PutLifecyclePolicy': { repositoryName: 'app', lifecyclePolicyText: text } }),
      'InvalidParameterException',
      `Invalid parameter at 'LifecyclePolicyText' failed to satisfy constraint: 'Lifecycle policy validation failure: ${detail}'`,
    );
  });

  it('rules apply by priority; an image selected by a higher rule is not expired by a lower one', () => {
    const parsed = parseLifecyclePolicy(lifecycle([
      { rulePriority: 1, selection: { tagStatus: 'tagged', tagPrefixList: ['prod'], countType: 'imageCountMoreThan', countNumber: 1 }, action: { type: 'expire' } },
      { rulePriority: 2, selection: { tagStatus: 'any', countType: 'sinceImagePushed', countUnit: 'days', countNumber: 7 }, action: { type: 'expire' } },
    ]));
    if (!parsed.ok) throw new Error(parsed.detail);
    const images = [
      { imageDigest: 'p1', imageTags: ['prod-1'], pushedMs: 0 },
      { imageDigest: 'p2', imageTags: ['prod-2'], pushedMs: DAY_MS },
      { imageDigest: 'd1', imageTags: ['dev-1'], pushedMs: 0 },
      { imageDigest: 'u1', imageTags: [], pushedMs: 9 * DAY_MS },
    ];
    const expired = imagesToExpire(parsed.rules, images, 10 * DAY_MS);
    // p1: rule 1 keeps only the newest prod image; p2 is old but claimed by rule 1; d1 is 10 days old (rule 2).
    expect([...expired].map(([digest, rule]) => [digest, rule.rulePriority])).toEqual([['p1', 1], ['d1', 2]]);
  });

  it('tagPatternList selects by wildcard; an image must match every pattern', () => {
    const parsed = parseLifecyclePolicy(lifecycle([
      { rulePriority: 1, selection: { tagStatus: 'tagged', tagPatternList: ['prod*', '*-2026*'], countType: 'imageCountMoreThan', countNumber: 1 }, action: { type: 'expire' } },
    ]));
    if (!parsed.ok) throw new Error(parsed.detail);
    const images = [
      { imageDigest: 'a', imageTags: ['prod-2026-01'], pushedMs: 0 },
      { imageDigest: 'b', imageTags: ['prod-2026-02'], pushedMs: 1 },
      { imageDigest: 'c', imageTags: ['prod-2025-12'], pushedMs: 0 },
      { imageDigest: 'd', imageTags: ['dev-2026-01'], pushedMs: 0 },
    ];
    expect([...imagesToExpire(parsed.rules, images, 10).keys()]).toEqual(['a']);
  });

  it('expires images on the next whole virtual hour, with an event naming the rule', () => {
    const engine = ecrEngine();
    for (const tag of ['v1', 'v2', 'v3']) {
      push(engine, tag);
      engine.advance(60_000);
    }
    const text = lifecycle([{ rulePriority: 1, description: 'keep two', selection: { tagStatus: 'tagged', tagPrefixList: ['v'], countType: 'imageCountMoreThan', countNumber: 2 }, action: { type: 'expire' } }]);
    expect(responseOf(engine.dispatch({ 'ecr:PutLifecyclePolicy': { repositoryName: 'app', lifecyclePolicyText: text } }))).toEqual({ registryId: '123456789012', repositoryName: 'app', lifecyclePolicyText: text });
    expect(engine.nextTimerAt()).toBe(3_600_000);
    expect(tagsOf(engine)).toEqual([['v3'], ['v2'], ['v1']]);
    engine.advance(3_600_000);
    expect(tagsOf(engine)).toEqual([['v3'], ['v2']]);
    const event = engine.snapshot().events.find((candidate) => candidate.kind === 'ecr.image.expired')!;
    expect(event.time).toBe(3_600_000);
    expect(event.message).toMatch(/^Lifecycle policy of app expired image sha256:[0-9a-f]{12}… \(v1\), pushed 0\.0 days ago, by rule 1: images tagged v…, keep the 2 newest\.$/);
    expect(engine.snapshot().repositories![0]!.lifecyclePolicyText).toBe(text);
    // The sweep keeps running hourly while a policy exists, and stops when it is deleted.
    expect(engine.nextTimerAt()).toBe(7_200_000);
    responseOf(engine.dispatch({ 'ecr:DeleteLifecyclePolicy': { repositoryName: 'app' } }));
    engine.advance(3_600_000);
    expect(engine.nextTimerAt()).toBeNull();
  });

  it('sinceImagePushed counts days of virtual time', () => {
    const engine = ecrEngine();
    push(engine, 'old');
    responseOf(engine.dispatch({ 'ecr:PutLifecyclePolicy': { repositoryName: 'app', lifecyclePolicyText: { rules: [{ rulePriority: 1, selection: { tagStatus: 'any', countType: 'sinceImagePushed', countUnit: 'days', countNumber: 2 }, action: { type: 'expire' } }] } } }));
    engine.advance(2 * DAY_MS);
    expect(tagsOf(engine)).toEqual([['old']]);
    engine.advance(3_600_000);
    expect(tagsOf(engine)).toEqual([]);
  });
});

describe('image references', () => {
  it.each([
    ['nginx:latest', { kind: 'public' }],
    ['public.ecr.aws/nginx/nginx:1.27', { kind: 'public' }],
    ['library/busybox', { kind: 'public' }],
    [`${URI}/app:v2`, { kind: 'ecr', registry: URI, repositoryName: 'app', tag: 'v2' }],
    [`${URI}/team/web`, { kind: 'ecr', registry: URI, repositoryName: 'team/web', tag: 'latest' }],
    [`${URI}/app@sha256:${'a'.repeat(64)}`, { kind: 'ecr', registry: URI, repositoryName: 'app', digest: `sha256:${'a'.repeat(64)}` }],
    ['111122223333.dkr.ecr.eu-west-1.amazonaws.com/app:v1', { kind: 'foreign-ecr', registryId: '111122223333', region: 'eu-west-1', repositoryName: 'app' }],
  ])('%s', (image, expected) => {
    expect(parseImageRef(image)).toMatchObject(expected);
  });
});
