/**
 * Use case: the monthly API quota's warnings. After a batch is folded, the organization's requests this
 * month (all its credentials) and each key's are compared with the plan's `api_requests_per_month`; each
 * threshold reached (80 %, 100 %) emits `api_quota.threshold_reached` once per subject and month: the event
 * commits with a marker item that may not exist yet, so a later batch, a repeated one or a concurrent one
 * finds it and sends nothing. The notifications service mails the event where a rule names it.
 */
import {
  getItems,
  keyTotalsKey,
  monthAttribute,
  organizationTotalsKey,
  recordWarning,
  warningMarkerKey,
} from '#services/billing/api-usage-store';
import { type Plan, planById } from '#services/billing/plans';
import { organizationPlanId } from '#services/identity/public';
import { domainEvent } from '#shared/events/envelope';

export const QUOTA_WARNING_PERCENTS = [80, 100] as const;
const FOLDER = 'api-usage';
/** A plan change reaches the warnings within this long. */
const PLAN_CACHE_MS = 60_000;

const plans = new Map<string, { plan: Plan | null; until: number }>();
/** Warnings this container has seen recorded: a warm function does not try them again. */
const recorded = new Set<string>();

/** The organization's plan, or null for a tenant without an organization (the operators' own keys). */
async function planOfOrganization(tenantId: string, now: number): Promise<Plan | null> {
  const cached = plans.get(tenantId);
  if (cached && cached.until > now) return cached.plan;
  const id = await organizationPlanId(tenantId);
  const plan = id === null ? null : planById(id);
  plans.set(tenantId, { plan, until: now + PLAN_CACHE_MS });
  return plan;
}

/**
 * Checks the organization's and these keys' quota use in each month (`YYYY-MM`) and emits the warnings
 * reached and not yet sent. Returns how many it emitted.
 */
export async function warnOnQuotas(
  tenantId: string,
  months: readonly string[],
  keyIds: readonly string[],
  now: Date,
): Promise<number> {
  const plan = await planOfOrganization(tenantId, now.getTime());
  if (!plan) return 0;
  const limit = plan.limits.api_requests_per_month;
  const items = await getItems([
    organizationTotalsKey(tenantId),
    ...keyIds.map((keyId) => keyTotalsKey(tenantId, keyId)),
  ]);
  const subjects = [
    { subject: 'organization' as const, id: 'organization', sk: organizationTotalsKey(tenantId).sk },
    ...keyIds.map((keyId) => ({
      subject: 'api_key' as const,
      id: keyId,
      sk: keyTotalsKey(tenantId, keyId).sk,
    })),
  ];
  let emitted = 0;
  for (const month of months) {
    for (const { subject, id, sk } of subjects) {
      const used = Number(items.get(sk)?.[monthAttribute(month)] ?? 0);
      for (const percent of QUOTA_WARNING_PERCENTS) {
        const marker = warningMarkerKey(tenantId, month, id, percent);
        if (used * 100 < limit * percent || recorded.has(`${marker.pk}|${marker.sk}`)) continue;
        const event = domainEvent(
          'api_quota.threshold_reached',
          { tenantId, system: FOLDER },
          {
            subject,
            api_key_id: subject === 'api_key' ? id : null,
            percent,
            used,
            limit,
            month,
            plan: plan.id,
          },
          now,
        );
        if (await recordWarning(marker, event, now)) emitted++;
        recorded.add(`${marker.pk}|${marker.sk}`);
      }
    }
  }
  return emitted;
}
