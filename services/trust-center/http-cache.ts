/**
 * Answers a visitor's read so that browsers and CloudFront may keep it: a strong ETag of the exact bytes
 * (SHA-256), `304 Not Modified` to an `If-None-Match` naming it, and a `Cache-Control` that lets shared caches
 * keep it for an hour and browsers for a minute. A content change never waits for those to expire in AWS:
 * the trust-center consumer invalidates the tenant's hosts in CloudFront (invalidate-cache.ts); a browser
 * revalidates after a minute and gets the new bytes under a new ETag.
 */
import { createHash } from 'node:crypto';
import type { RouteResponse } from '#shared/http/route';

/** Browsers: one minute; shared caches (CloudFront): one hour, since every content change invalidates them. */
export const PUBLIC_CACHE_CONTROL = 'public, max-age=60, s-maxage=3600';

/** The strong entity tag of a representation: the first 128 bits of its SHA-256, base64url. */
export function entityTag(bytes: string): string {
  return `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 22)}"`;
}

/**
 * Whether `If-None-Match` names `etag`: `*`, or any listed tag under the weak comparison RFC 9110 §13.1.2
 * prescribes for it (`W/"x"` matches `"x"`).
 */
export function noneMatch(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === opaque(etag));
}

/**
 * The 200 (or 304) answer of a cacheable read. `body` goes out as JSON, or as it is when a `contentType`
 * other than JSON is given; `vary` names the request headers that chose the representation.
 */
export function cacheableResponse(
  requestHeaders: Readonly<Record<string, string>>,
  body: unknown,
  options: { contentType?: string; vary?: string[] } = {},
): RouteResponse {
  const bytes = typeof body === 'string' && options.contentType ? body : JSON.stringify(body);
  const etag = entityTag(bytes);
  const headers: Record<string, string> = { ETag: etag, 'Cache-Control': PUBLIC_CACHE_CONTROL };
  if (options.vary && options.vary.length > 0) headers.Vary = options.vary.join(', ');
  if (noneMatch(requestHeaders['if-none-match'], etag)) return { status: 304, headers };
  if (options.contentType) headers['Content-Type'] = options.contentType;
  return { status: 200, body, headers };
}
