import { timingSafeEqual } from 'node:crypto';
import { getSecret } from '@aws-lambda-powertools/parameters/secrets';
import { headerValue } from '#shared/http/headers';

/**
 * Whether a request provably came through the platform's CloudFront distribution: CloudFront adds this
 * origin custom header with the deployment's origin-verify secret, which no client knows (its viewer-request
 * function deletes any copy a viewer sent). Only such a request is believed about the viewer: its host
 * (`x-tc-viewer-host`, services/brand/hosts.ts) and its address (`x-tc-viewer-address`, viewer-address.ts),
 * both written by the same CloudFront Function over whatever the viewer sent.
 */
export const ORIGIN_VERIFY_HEADER = 'x-tc-origin-verify';

function env(name: string): string | undefined {
  const value = process.env[name];
  return value === undefined || value === '' ? undefined : value;
}

/** The secret: `TC_ORIGIN_VERIFY_SECRET` (tests), else the Secrets Manager secret `TC_ORIGIN_VERIFY_SECRET_ARN` names (AWS; cached 1 h). */
async function originVerifySecret(): Promise<string | undefined> {
  const fromEnvironment = env('TC_ORIGIN_VERIFY_SECRET');
  if (fromEnvironment) return fromEnvironment;
  const arn = env('TC_ORIGIN_VERIFY_SECRET_ARN');
  if (!arn) return undefined;
  const secret = await getSecret(arn, { maxAge: 3600 });
  return typeof secret === 'string' && secret.length > 0 ? secret : undefined;
}

/**
 * True when the request carries the origin-verify secret (compared in constant time); false without one,
 * with a wrong one, or where no secret is configured (the local platform, which has no CDN).
 */
export async function cameThroughCloudFront(
  headers: Readonly<Record<string, string | undefined>> | null | undefined,
): Promise<boolean> {
  const sent = headerValue(headers, ORIGIN_VERIFY_HEADER);
  if (!sent) return false;
  const expected = await originVerifySecret();
  if (!expected) return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
