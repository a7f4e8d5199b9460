/**
 * What the identity service offers other services (DESIGN.md, "Service boundaries"): reads only. Every
 * other module of services/identity/ is private; `npm run check` refuses imports of them from elsewhere.
 */
import { ensureSlugClaim } from '#services/identity/slugs';
import { apiKeys, members, organizationSlugs, organizations } from '#services/identity/store';
import { config } from '#shared/config';

/** The organization's name (the brand its mail is signed with), or null when there is no such tenant. */
export async function organizationName(tenantId: string): Promise<string | null> {
  const { data } = await organizations
    .get({ orgId: tenantId })
    .go({ table: config.tableName, attributes: ['name'] });
  return data?.name ?? null;
}

/**
 * Whether the tenant exists and is active (public routes name it and must not reach a made-up one; an
 * organization pending deletion has gone dark for visitors too).
 */
export async function organizationExists(tenantId: string): Promise<boolean> {
  const { data } = await organizations
    .get({ orgId: tenantId })
    .go({ table: config.tableName, attributes: ['orgId', 'status'] });
  return data !== null && data.status !== 'pending_deletion';
}

/**
 * The organization's slug (a DNS label, unique on the platform: its default host is
 * `<slug>.<platform domain>`), or null when there is no such tenant. An organization made before slugs
 * were claimed gets its claim now. One GetItem (two the first time).
 */
export async function organizationSlug(tenantId: string): Promise<string | null> {
  const { data } = await organizations.get({ orgId: tenantId }).go({ table: config.tableName });
  if (!data) return null;
  return data.slugClaimed ? data.slug : ensureSlugClaim(data);
}

/**
 * The organization's name and slug from one GetItem (`organizationName` and `organizationSlug` together, for
 * a reader that needs both), or null when there is no such tenant. Claims a missing slug as
 * `organizationSlug` does.
 */
export async function organizationNameAndSlug(
  tenantId: string,
): Promise<{ name: string; slug: string } | null> {
  const { data } = await organizations.get({ orgId: tenantId }).go({ table: config.tableName });
  if (!data) return null;
  return { name: data.name, slug: data.slugClaimed ? data.slug : await ensureSlugClaim(data) };
}

/**
 * The tenant that holds this slug, or null: no such slug, or its organization is pending deletion (its
 * site is dark). By key: the slug's claim item, then the organization; never a Scan.
 */
export async function tenantOfSlug(slug: string): Promise<string | null> {
  const normalized = slug.toLowerCase();
  const { data: claim } = await organizationSlugs.get({ slug: normalized }).go({ table: config.tableName });
  if (!claim) return null;
  return (await organizationExists(claim.orgId)) ? claim.orgId : null;
}

/** The language a member of the tenant with this address chose, or undefined (no such member, or none chosen). */
export async function memberLanguage(tenantId: string, email: string): Promise<string | undefined> {
  const { data } = await members.query
    .byEmail({ email, tenantId })
    .go({ table: config.tableName, limit: 1, attributes: ['language'] });
  return data[0]?.language;
}

/** The names of the tenant's API keys among `keyIds`, by id; a key that no longer exists is absent. */
export async function apiKeyNames(tenantId: string, keyIds: readonly string[]): Promise<Map<string, string>> {
  if (keyIds.length === 0) return new Map();
  const { data } = await apiKeys
    .get(keyIds.map((keyId) => ({ tenantId, keyId })))
    .go({ table: config.tableName, attributes: ['keyId', 'name'] });
  return new Map(data.map((key) => [key.keyId, key.name]));
}

export {
  changeOrganizationPlan,
  everyOrganization,
  organizationApiRequests,
  organizationPlanId,
} from '#services/identity/organization-plan';
export { addressableOrganization, membersCount } from '#services/identity/organizations';
