/**
 * ECR repositories and images as the engine keeps them, and their names and ARNs. The rendering
 * into DescribeRepositories / DescribeImages shapes lives in snapshot.ts.
 */
import { ACCOUNT_ID, REGION } from '../ids/arn.ts';
import { REGISTRY_HOST } from './image-uri.ts';
import type { LifecycleRule } from './lifecycle.ts';
import type { ScanFinding } from './scan.ts';

export interface ImageRecord {
  imageDigest: string;
  /** Tags pointing at this image; empty for an untagged image. */
  imageTags: string[];
  pushedMs: number;
  imageSizeInBytes: number;
  imageManifest: string;
  imageManifestMediaType: string;
  /** Set when the image was scanned (scan on push). */
  scan?: { completedMs: number; findings: ScanFinding[] };
}

export interface RepositoryRecord {
  repositoryName: string;
  repositoryArn: string;
  registryId: string;
  repositoryUri: string;
  createdAt: string;
  imageTagMutability: 'MUTABLE' | 'IMMUTABLE';
  scanOnPush: boolean;
  lifecyclePolicyText?: string;
  lifecycleRules?: LifecycleRule[];
  /** In push order. */
  images: ImageRecord[];
}

/** Repository names (ECR API pattern): lower-case components separated by `/`, each with . _ - inside. */
export const REPOSITORY_NAME = /^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/;

export const repositoryArn = (name: string): string => `arn:aws:ecr:${REGION}:${ACCOUNT_ID}:repository/${name}`;
export const repositoryUri = (name: string): string => `${REGISTRY_HOST}/${name}`;
export const REGISTRY_ID = ACCOUNT_ID;
