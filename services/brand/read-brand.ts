import { defaultHostOf } from '#services/brand/hosts';
import { organizationNameAndSlug, organizationSlug } from '#services/brand/organizations';
import type { BrandView } from '#services/brand/schemas';
import { type BrandItem, type DomainItem, findBrand, tenantDomains } from '#services/brand/store';
import { type BrandContext, toBrandView } from '#services/brand/view';

/** The tenant's default host (`<slug>.<platform host>`), or null without a slug or a platform host. */
export async function defaultHostOfTenant(tenantId: string): Promise<string | null> {
  const slug = await organizationSlug(tenantId);
  return slug ? defaultHostOf(slug) : null;
}

/**
 * The brand item (null before the first change), its custom domains and the answer built from them. Three
 * reads side by side: the brand, the domains, and the organization (its name and slug from one item).
 */
export async function readBrand(
  tenantId: string,
): Promise<{ item: BrandItem | null; domains: DomainItem[]; context: BrandContext; view: BrandView }> {
  const [item, domains, organization] = await Promise.all([
    findBrand(tenantId),
    tenantDomains(tenantId),
    organizationNameAndSlug(tenantId),
  ]);
  const context = {
    organizationName: organization?.name ?? null,
    defaultHost: organization ? defaultHostOf(organization.slug) : null,
    domains,
  };
  return { item, domains, context, view: toBrandView(item, context) };
}
