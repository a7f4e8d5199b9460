/**
 * Quotas: the limits of the organization's plan, checked where a thing is created. Use case layer: reads
 * the plan and the meter, throws QuotaExceededError (403 quota_exceeded) naming the limit.
 */
import { meterUsage } from '#services/billing/meters';
import { type Meter, mostGenerousPlan, type Plan, planById } from '#services/billing/plans';
import { organizationPlanId } from '#services/identity/public';
import { QuotaExceededError } from '#shared/errors';

/** The organization's plan; a tenant without an organization item (local development) the most generous. */
export async function planOf(tenantId: string): Promise<Plan> {
  const id = await organizationPlanId(tenantId);
  return id === null ? mostGenerousPlan() : planById(id);
}

const NOUNS: Record<Meter, (n: number) => string> = {
  members: (n) => `${n} member${n === 1 ? '' : 's'} (invitations included)`,
  documents: (n) => `${n} document${n === 1 ? '' : 's'}`,
  storage_bytes: (n) => `${n} bytes of stored files`,
  custom_domains: (n) => `${n} custom domain${n === 1 ? '' : 's'}`,
};

/** "The Free plan allows 3 members (invitations included); the organization has 3" */
export function quotaMessage(plan: Plan, meter: Meter, used: number): string {
  return `The ${plan.name} plan allows ${NOUNS[meter](plan.limits[meter])}; the organization has ${used}`;
}

/**
 * Refuses to add `adding` (items, or bytes for `storage_bytes`) to `meter` when the organization's plan
 * does not leave room for it. Two creations racing may both pass and overshoot by one: the check is a
 * guard at creation, not a transaction.
 * @throws QuotaExceededError naming the limit, the plan and what is used.
 */
export async function assertWithinQuota(tenantId: string, meter: Meter, adding: number): Promise<void> {
  const [plan, used] = await Promise.all([planOf(tenantId), meterUsage(tenantId, meter)]);
  const limit = plan.limits[meter];
  if (used + adding > limit) {
    const more = meter === 'storage_bytes' ? ` and this adds ${adding} bytes` : '';
    throw new QuotaExceededError(
      meter,
      limit,
      used,
      `Quota exceeded for ${meter}: ${quotaMessage(plan, meter, used)}${more}. Upgrade the plan or remove some first.`,
    );
  }
}
