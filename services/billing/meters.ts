/**
 * What an organization holds now, per meter, counted where the owning service keeps it: members
 * (identity, pending invitations included), documents (documents), stored bytes (the counter of
 * usage-store.ts), custom domains (every domain the brand service holds for the tenant, pending or verified).
 */
import type { Meter } from '#services/billing/plans';
import { storedBytes } from '#services/billing/usage-store';
import { customDomainCount } from '#services/brand/public';
import { documentsCount } from '#services/documents/public';
import { membersCount } from '#services/identity/public';

// Arrows, not the functions themselves: identity and documents import billing too, and a module cycle
// must not read an import before it is evaluated.
const counters: Record<Meter, (tenantId: string) => Promise<number>> = {
  members: (tenantId) => membersCount(tenantId),
  documents: (tenantId) => documentsCount(tenantId),
  storage_bytes: (tenantId) => storedBytes(tenantId),
  // Every claimed custom domain, pending ones included: a claim holds the host whether or not it is verified.
  custom_domains: (tenantId) => customDomainCount(tenantId),
};

/** How much of `meter` the tenant uses now. */
export function meterUsage(tenantId: string, meter: Meter): Promise<number> {
  return counters[meter](tenantId);
}

/** Every meter's current use. */
export async function allMeterUsage(tenantId: string): Promise<Record<Meter, number>> {
  const [members, documents, storage_bytes, custom_domains] = await Promise.all([
    meterUsage(tenantId, 'members'),
    meterUsage(tenantId, 'documents'),
    meterUsage(tenantId, 'storage_bytes'),
    meterUsage(tenantId, 'custom_domains'),
  ]);
  return { members, documents, storage_bytes, custom_domains };
}
