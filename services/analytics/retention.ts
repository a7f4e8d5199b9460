import { planOf } from '#services/billing/public';

/** Plans change rarely: the consumer rereads a tenant's at most every five minutes. */
const CACHE_MS = 5 * 60 * 1000;
/** Bounded: a container serving many tenants forgets them all at once rather than growing without end. */
const MAX_CACHED_TENANTS = 1000;
const cache = new Map<string, { days: number; until: number }>();

/**
 * How many days a tenant's analytics are kept: its plan's `analytics_retention_days` (cdk.json planTiers,
 * the one source). A plan change applies to the days counted after it.
 */
export async function retentionDaysOf(tenantId: string, now: Date): Promise<number> {
  const hit = cache.get(tenantId);
  if (hit && hit.until > now.getTime()) return hit.days;
  const days = (await planOf(tenantId)).limits.analytics_retention_days;
  if (cache.size >= MAX_CACHED_TENANTS) cache.clear();
  cache.set(tenantId, { days, until: now.getTime() + CACHE_MS });
  return days;
}
