/**
 * What the brand service offers other services (DESIGN.md, "Service boundaries"): reads, and the release of
 * a purged tenant's CloudFront distribution tenants. The site and the public trust-center API build on the
 * reads; every other module of services/brand/ is private.
 */
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { apexTenantId, classifyHost, trustedViewerHost } from '#services/brand/hosts';
import { organizationName, tenantOfSlug } from '#services/brand/organizations';
import { defaultHostOfTenant, readBrand } from '#services/brand/read-brand';
import type { BrandView } from '#services/brand/schemas';
import { findDomain, tenantDomains } from '#services/brand/store';
import { NotFoundError } from '#shared/errors';
import type { Language } from '#shared/languages';

export { BRAND_FONTS, type BrandFontId, fontFiles } from '#services/brand/fonts';
export type { BrandView } from '#services/brand/schemas';

/**
 * Everything a visitor-facing page shows of the tenant's brand (GET /api/v1/brand's answer): title,
 * colours with the readable text colour on each (black or white, WCAG AA 4.5:1 or better), font (id, CSS
 * family, files under web/fonts/), footer, tagline and intro per language, security contact, privacy
 * policy URL, default and enabled languages, logo and favicon paths (on the tenant's own host), default
 * host and custom domains. Defaults when the tenant never saved a brand. Never throws for an unknown
 * tenant: it gets the defaults.
 */
export async function brandOf(tenantId: string): Promise<BrandView> {
  return (await readBrand(tenantId)).view;
}

/**
 * The trust center's default language (the brand's `default_language`; English while it never saved a
 * brand): the language of content whose author names none, and of what a visitor who names none reads.
 */
export async function defaultLanguageOf(tenantId: string): Promise<Language> {
  return (await readBrand(tenantId)).view.default_language;
}

/** How many custom domains the tenant holds, pending and verified alike (the default host not counted). */
export async function customDomainCount(tenantId: string): Promise<number> {
  return (await tenantDomains(tenantId)).length;
}

/**
 * The tenant of the host the visitor asked for, and that host (normalized: lower case, no port); null
 * for a host no tenant holds, a pending custom domain, or a host the platform cannot trust (behind
 * CloudFront: a request without the origin-verify secret). Takes the event, or anything with its headers
 * (a route handler passes `{ headers }`). The bare platform host is the apex tenant (`demo` locally).
 */
export async function viewerTenant(
  event: Pick<APIGatewayProxyEvent, 'headers'>,
): Promise<{ tenantId: string; host: string } | null> {
  const host = await trustedViewerHost(event.headers);
  if (!host) return null;
  const tenantId = await tenantOfHost(host);
  return tenantId ? { tenantId, host } : null;
}

/** The tenant a normalized host name serves, or null. */
export async function tenantOfHost(host: string): Promise<string | null> {
  const kind = classifyHost(host);
  if (kind.kind === 'apex') return apexTenantId() ?? null;
  if (kind.kind === 'default') return tenantOfSlug(kind.slug);
  const domain = await findDomain(kind.host);
  return domain?.status === 'active' ? domain.tenantId : null;
}

/** The hosts a tenant's trust center answers on: its default host first, then its verified custom domains. */
export async function tenantHosts(tenantId: string): Promise<string[]> {
  const [defaultHost, domains] = await Promise.all([defaultHostOfTenant(tenantId), tenantDomains(tenantId)]);
  const active = domains.filter((domain) => domain.status === 'active').map((domain) => domain.host);
  return defaultHost ? [defaultHost, ...active] : active;
}

/**
 * The trust center a public request is for: the tenant of the viewer's host. `org_id` (deprecated, still
 * accepted for one release) may name it too: on a host of a trust center it must name that one; on a host
 * of none (a client calling the API by its own address) it picks the organization, as before hosts.
 * @throws NotFoundError (404) when neither names an existing trust center, or they disagree.
 */
export async function publicTrustCenter(
  headers: Readonly<Record<string, string | undefined>>,
  orgId: string | undefined,
): Promise<{ tenantId: string; name: string }> {
  const viewer = await viewerTenant({ headers: { ...headers } });
  if (viewer) {
    if (orgId !== undefined && orgId !== viewer.tenantId)
      throw new NotFoundError('No such trust center at this address', 'org_id');
    return { tenantId: viewer.tenantId, name: (await organizationName(viewer.tenantId)) ?? '' };
  }
  if (orgId === undefined) throw new NotFoundError('No trust center at this address');
  const name = await organizationName(orgId);
  if (name === null) throw new NotFoundError('No such trust center', 'org_id');
  return { tenantId: orgId, name };
}

/**
 * Stops the CloudFront distribution tenant (AWS) of every custom domain of the tenant, for the organization
 * purge, which calls it before it deletes the domain items that name them; answers how many it holds.
 * Domains without one (pending, or on the local platform) need nothing.
 * @throws the first CloudFront error, so that the purge stops and the next run retries it (each step is
 * idempotent: a disabled or deleted tenant is left as it is).
 */
export async function releaseTenantDistributions(tenantId: string): Promise<number> {
  const ids = (await tenantDomains(tenantId)).flatMap((domain) =>
    domain.distributionTenantId ? [domain.distributionTenantId] : [],
  );
  if (ids.length === 0) return 0;
  // The CloudFront client loads for the purge only, not in every function that reads brands.
  const { disableDistributionTenant } = await import('#services/brand/distribution-tenants');
  for (const id of ids) await disableDistributionTenant(id);
  return ids.length;
}
