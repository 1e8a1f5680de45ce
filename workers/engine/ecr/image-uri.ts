/**
 * Container images as a task definition names them, sorted into what the agent does with them:
 * an image in the sandbox account's private ECR registry (`<account>.dkr.ecr.us-east-1.amazonaws.com
 * /<repo>:<tag>` or `@sha256:<digest>`) is resolved against the sandbox's repositories and needs
 * pull permissions; an ECR registry of another account or Region is out of the sandbox's reach;
 * everything else (Docker Hub names such as `nginx:latest` or `library/busybox`, `public.ecr.aws/…`,
 * other public registries) is a public image and always pulls.
 */
import { ACCOUNT_ID, REGION } from '../ids/arn.ts';

export type ImageRef =
  | {
      kind: 'ecr';
      /** `123456789012.dkr.ecr.us-east-1.amazonaws.com` */
      registry: string;
      repositoryName: string;
      /** The tag asked for (`latest` when the image names neither a tag nor a digest). */
      tag?: string;
      digest?: string;
    }
  | { kind: 'foreign-ecr'; registry: string; registryId: string; region: string; repositoryName: string }
  | { kind: 'public' };

export const REGISTRY_HOST = `${ACCOUNT_ID}.dkr.ecr.${REGION}.amazonaws.com`;

const ECR_IMAGE = /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com\/([a-z0-9._/-]+?)(?::([\w][\w.-]{0,127}))?(?:@(sha256:[a-f0-9]{64}))?$/;

export function parseImageRef(image: string): ImageRef {
  const match = ECR_IMAGE.exec(image.trim());
  if (match === null) return { kind: 'public' };
  const [, registryId, region, repositoryName, tag, digest] = match as unknown as [string, string, string, string, string | undefined, string | undefined];
  const registry = `${registryId}.dkr.ecr.${region}.amazonaws.com`;
  if (registryId !== ACCOUNT_ID || region !== REGION) return { kind: 'foreign-ecr', registry, registryId, region, repositoryName };
  if (digest !== undefined) return { kind: 'ecr', registry, repositoryName, digest, ...(tag === undefined ? {} : { tag }) };
  return { kind: 'ecr', registry, repositoryName, tag: tag ?? 'latest' };
}

/** `registry/repo:tag` or `registry/repo@digest`, as the pull refers to it. */
export function refText(ref: Extract<ImageRef, { kind: 'ecr' }>): string {
  return ref.digest !== undefined ? `${ref.registry}/${ref.repositoryName}@${ref.digest}` : `${ref.registry}/${ref.repositoryName}:${ref.tag}`;
}
