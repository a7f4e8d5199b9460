/**
 * What an organization holds now, per meter, counted where the owning service keeps it: members
 * (identity, pending invitations included), documents (documents), stored bytes (the counter of
 * usage-store.ts), custom domains (the brand service's hosts of the tenant less its default host).
 */
import type { Meter } from '#services/billing/plans';
import { storedBytes } from '#services/billing/usage-store';
import { tenantHosts } from '#services/brand/public';
import { documentsCount } from '#services/documents/public';
import { membersCount } from '#services/identity/public';

// Arrows, not the functions themselves: identity and documents import billing too, and a module cycle
// must not read an import before it is evaluated.
const counters: Record<Meter, (tenantId: string) => Promise<number>> = {
  members: (tenantId) => membersCount(tenantId),
  documents: (tenantId) => documentsCount(tenantId),
  storage_bytes: (tenantId) => storedBytes(tenantId),
  // tenantHosts: the default host first, then the verified custom domains.
  custom_domains: async (tenantId) => Math.max(0, (await tenantHosts(tenantId)).length - 1),
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
