// Use cases of /api/v1/brand/domains: list the default host and the custom domains, claim one, give one up.
import {
  assertCustomDomainsAllowed,
  claimConflict,
  commitDomainChanges,
  planDomainChanges,
  releaseDistributionTenants,
} from '#services/brand/domain-changes';
import { defaultHostOfTenant } from '#services/brand/read-brand';
import type { DomainView } from '#services/brand/schemas';
import { tenantDomains } from '#services/brand/store';
import { defaultHostView, toDomainView } from '#services/brand/view';
import type { Identity } from '#shared/auth/identity';
import { NotFoundError } from '#shared/errors';

/** The default host (when the tenant has one) first, then every custom domain by host, with its status. */
export async function listDomains(tenantId: string): Promise<DomainView[]> {
  const [defaultHost, custom] = await Promise.all([defaultHostOfTenant(tenantId), tenantDomains(tenantId)]);
  return [...(defaultHost ? [defaultHostView(defaultHost)] : []), ...custom.map(toDomainView)];
}

/**
 * Claims a custom domain, `pending` until its TXT record is found. Claiming one the tenant holds already
 * answers it as it is.
 * @throws PermissionError (403) on the free plan; QuotaExceededError (403) past the plan's custom domains;
 *   ConflictError (409) when another tenant holds it.
 */
export async function addDomain(
  identity: Identity,
  host: string,
  now = new Date(),
): Promise<{ domain: DomainView; created: boolean }> {
  const current = await tenantDomains(identity.tenantId);
  const held = current.find((domain) => domain.host === host);
  if (held) return { domain: toDomainView(held), created: false };
  await assertCustomDomainsAllowed(identity.tenantId);
  const plan = planDomainChanges(identity, current, [...current.map((domain) => domain.host), host], now);
  try {
    await commitDomainChanges(identity.tenantId, plan, plan.writes, plan.events);
  } catch (error) {
    const mapped = await claimConflict(error, plan, identity.tenantId);
    if (mapped !== error) throw mapped;
    throw error;
  }
  const added = plan.added[0];
  if (!added) throw new Error('A new domain was planned without a claim');
  return { domain: toDomainView(added), created: true };
}

/**
 * Gives up a custom domain: the trust center stops answering on it at once.
 * @throws NotFoundError (404) when the tenant holds no such custom domain (the default host cannot be removed).
 */
export async function removeDomain(identity: Identity, host: string, now = new Date()): Promise<void> {
  const current = await tenantDomains(identity.tenantId);
  if (!current.some((domain) => domain.host === host))
    throw new NotFoundError('This trust center has no such custom domain', 'host');
  const plan = planDomainChanges(
    identity,
    current,
    current.map((domain) => domain.host).filter((held) => held !== host),
    now,
  );
  await commitDomainChanges(identity.tenantId, plan, plan.writes, plan.events);
  await releaseDistributionTenants(plan.removed);
}
