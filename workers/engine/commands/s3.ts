/** PLACEHOLDER (issue 7 contract): the owner replaces each handler with the real one. */
import { notBuiltYet } from './placeholder.ts';
import type { CommandHandler } from './handler.ts';

export const s3CreateBucket: CommandHandler = notBuiltYet('s3:CreateBucket');
export const s3DeleteBucket: CommandHandler = notBuiltYet('s3:DeleteBucket');
export const s3ListBuckets: CommandHandler = notBuiltYet('s3:ListBuckets');
export const s3PutBucketNotificationConfiguration: CommandHandler = notBuiltYet('s3:PutBucketNotificationConfiguration');
export const s3GetBucketNotificationConfiguration: CommandHandler = notBuiltYet('s3:GetBucketNotificationConfiguration');
export const s3PutObject: CommandHandler = notBuiltYet('s3:PutObject');
export const s3ListObjectsV2: CommandHandler = notBuiltYet('s3:ListObjectsV2');
export const simPutObject: CommandHandler = notBuiltYet('sim:PutObject');
