/**
 * Amazon S3's error codes and texts (S3 API Reference, ErrorResponses "List of error codes"; the
 * messages are those S3 answers, e.g. `aws s3api delete-bucket` on a bucket with objects prints
 * "An error occurred (BucketNotEmpty) when calling the DeleteBucket operation: The bucket you tried to
 * delete is not empty"). After AWS's text, a sandbox sentence says why with the values.
 * And the bucket naming rules (S3 User Guide, bucketnamingrules, general purpose buckets).
 */
export const S3_ERRORS = {
  InvalidBucketName: 'The specified bucket is not valid.',
  NoSuchBucket: 'The specified bucket does not exist',
  BucketNotEmpty: 'The bucket you tried to delete is not empty',
  BucketAlreadyOwnedByYou: 'Your previous request to create the named bucket succeeded and you already own it.',
  KeyTooLongError: 'Your key is too long',
  /** As real PutObject answers quote it (e.g. boto3 issue 1123). */
  EntityTooLarge: 'Your proposed upload exceeds the maximum allowed size',
  InvalidArgument: 'Invalid Argument',
  MalformedXML: 'The XML you provided was not well-formed or did not validate against our published schema',
  /** The text S3 answers when a LocationConstraint names a Region other than the endpoint's (us-east-1 here). */
  IllegalLocationConstraintException: (region: string) => `The ${region} location constraint is incompatible for the region specific endpoint this request was sent to.`,
} as const;

export const KEY_MAX_BYTES = 1024;
export const MAX_KEYS_LIMIT = 1000;

const RESERVED_PREFIXES = ['xn--', 'sthree-', 'amzn-s3-demo-'];
const RESERVED_SUFFIXES = ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'];

/** Why a name breaks the general purpose bucket naming rules, or undefined when it is a valid name. */
export function bucketNameProblem(name: string): string | undefined {
  if (name.length < 3 || name.length > 63) return `a bucket name is 3 to 63 characters long; "${name}" has ${name.length}.`;
  if (!/^[a-z0-9.-]+$/.test(name)) return `a bucket name has only lowercase letters, numbers, dots (.) and hyphens (-); "${name}" has ${JSON.stringify(name.replace(/[a-z0-9.-]/g, '').slice(0, 5))}.`;
  if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name)) return `a bucket name begins and ends with a letter or a number; "${name}" does not.`;
  if (name.includes('..')) return `a bucket name has no two adjacent dots; "${name}" has.`;
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name)) return `a bucket name is not formatted as an IP address; "${name}" is.`;
  const prefix = RESERVED_PREFIXES.find((p) => name.startsWith(p));
  if (prefix !== undefined) return `a bucket name does not start with the reserved prefix "${prefix}".`;
  const suffix = RESERVED_SUFFIXES.find((s) => name.endsWith(s));
  if (suffix !== undefined) return `a bucket name does not end with the reserved suffix "${suffix}".`;
  return undefined;
}

/** UTF-8 length of a string (S3 measures keys and bodies in bytes). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}
