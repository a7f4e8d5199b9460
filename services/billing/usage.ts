/**
 * Seed 4's usage and quotas: this month's API requests (API Gateway's own counts through identity's
 * usage keys) and every meter's use against the plan's limits.
 */
import { monthOf } from '#services/billing/billing-period';
import { allMeterUsage } from '#services/billing/meters';
import { planOf } from '#services/billing/quota';
import { organizationApiRequests } from '#services/identity/public';

const gigabytes = (bytes: number) => Math.round(bytes / 1e6) / 1000;

export async function readUsage(tenantId: string, now = new Date()) {
  const month = monthOf(now);
  const period = { start: month.firstDay, end: month.lastDay };
  const [plan, used, requests] = await Promise.all([
    planOf(tenantId),
    allMeterUsage(tenantId),
    organizationApiRequests(tenantId, period),
  ]);
  return {
    period,
    api_requests: { limit: plan.limits.api_requests_per_month, used: requests },
    members: { limit: plan.limits.members, used: used.members },
    documents: { limit: plan.limits.documents, used: used.documents },
    storage_bytes: { limit: plan.limits.storage_bytes, used: used.storage_bytes },
    storage_gb: { limit: gigabytes(plan.limits.storage_bytes), used: gigabytes(used.storage_bytes) },
    custom_domains: { limit: plan.limits.custom_domains, used: used.custom_domains },
  };
}
