import { headerValue } from '#shared/http/headers';
import { cameThroughCloudFront, ORIGIN_VERIFY_HEADER } from '#shared/net/origin-verify';
import { VIEWER_HOST_HEADER } from '#shared/net/viewer-address';

/**
 * Where a visitor's host name comes from, and the platform's own host (pure but for reading the
 * environment and, in AWS, the origin-verify secret).
 *
 * - `TC_PLATFORM_HOST`: the platform's own host, `trust.example.net` (AWS, from `cdk.json`'s `domainName`)
 *   or `localhost:3000` (the local platform). A tenant's default host is `<slug>.<platform host>`.
 * - `TC_APEX_TENANT_ID`: the tenant the platform host itself shows (the demo tenant locally; unset in AWS).
 * - `TC_VIEWER_HOST_SOURCE`: `host-header` (the local gateway: the Host header is the viewer's) or
 *   `cloudfront` (AWS: only the `x-tc-viewer-host` header that the CloudFront Function writes counts, and
 *   only on a request carrying the origin-verify secret CloudFront adds). Unset: no host is trusted.
 */
export { ORIGIN_VERIFY_HEADER, VIEWER_HOST_HEADER };

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

function env(name: string): string | undefined {
  const value = process.env[name];
  return value === undefined || value === '' ? undefined : value;
}

/** The platform's host as configured (with a port locally), or undefined when it has none (AWS without a domain). */
export function platformHost(): string | undefined {
  return env('TC_PLATFORM_HOST')?.toLowerCase();
}

/** The tenant the bare platform host shows, if any. */
export function apexTenantId(): string | undefined {
  return env('TC_APEX_TENANT_ID');
}

/**
 * A host as compared: lower case, no port, no trailing dot; null when it is not a DNS name of letters,
 * digits and hyphens (so `127.0.0.1`, `[::1]` and junk resolve to no tenant).
 */
export function hostName(host: string | undefined): string | null {
  if (!host) return null;
  const name = host
    .trim()
    .toLowerCase()
    .replace(/:\d{1,5}$/, '')
    .replace(/\.$/, '');
  if (name.length === 0 || name.length > 253) return null;
  const labels = name.split('.');
  if (!labels.every((label) => LABEL.test(label))) return null;
  // A dotted quad is an address, not a name.
  if (labels.length === 4 && labels.every((label) => /^\d+$/.test(label))) return null;
  return name;
}

/** What a host names on this platform: the apex, a tenant's default host (by slug), or a custom domain. */
export type HostKind =
  | { kind: 'apex' }
  | { kind: 'default'; slug: string }
  | { kind: 'custom'; host: string };

/** Classifies a normalized host name against the platform host. */
export function classifyHost(name: string): HostKind {
  const apex = hostName(platformHost());
  if (apex && name === apex) return { kind: 'apex' };
  if (apex && name.endsWith(`.${apex}`)) {
    const slug = name.slice(0, -(apex.length + 1));
    if (LABEL.test(slug)) return { kind: 'default', slug };
  }
  return { kind: 'custom', host: name };
}

/** A tenant's default host, `<slug>.<platform host>` (with the port locally); null without a platform host. */
export function defaultHostOf(slug: string): string | null {
  const apex = platformHost();
  return apex ? `${slug}.${apex}` : null;
}

/**
 * The viewer's host as the platform may trust it (see the module comment), normalized; null when none
 * can be trusted. A client that writes `x-tc-viewer-host` itself gains nothing: locally it is ignored, and
 * behind CloudFront the function overwrites it and the origin-verify secret never reaches a client.
 */
export async function trustedViewerHost(
  headers: Readonly<Record<string, string | undefined>> | null,
): Promise<string | null> {
  const source = env('TC_VIEWER_HOST_SOURCE');
  if (source === 'host-header') return hostName(headerValue(headers, 'host'));
  if (source !== 'cloudfront') return null;
  if (!(await cameThroughCloudFront(headers))) return null;
  return hostName(headerValue(headers, VIEWER_HOST_HEADER));
}
