/**
 * Quotas: the limits of the organization's plan, checked where a thing is created. Use case layer: reads
 * the plan and the meter, throws QuotaExceededError (403 quota_exceeded) naming the limit. The check that
 * holds under concurrency is quota-guard.ts's; this file has the plan, the message and the early refusal.
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
 * The refusal of adding `adding` to `meter` when the organization holds `used`: names the limit, the plan
 * and what is used (and, for stored bytes, what the file adds).
 */
export function quotaExceeded(plan: Plan, meter: Meter, used: number, adding: number): QuotaExceededError {
  const more = meter === 'storage_bytes' ? ` and this adds ${adding} bytes` : '';
  return new QuotaExceededError(
    meter,
    plan.limits[meter],
    used,
    `Quota exceeded for ${meter}: ${quotaMessage(plan, meter, used)}${more}. Upgrade the plan or remove some first.`,
  );
}

/**
 * Refuses early, before any work, what the plan has no room for: a courtesy (a presigned upload URL is
 * refused before any bytes travel), not the guarantee. The guarantee is commitWithinQuota
 * (quota-guard.ts), which checks again inside the creating transaction.
 * @throws QuotaExceededError naming the limit, the plan and what is used.
 */
export async function assertWithinQuota(tenantId: string, meter: Meter, adding: number): Promise<void> {
  const [plan, used] = await Promise.all([planOf(tenantId), meterUsage(tenantId, meter)]);
  if (used + adding > plan.limits[meter]) throw quotaExceeded(plan, meter, used, adding);
}
