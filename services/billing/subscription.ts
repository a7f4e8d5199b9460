/**
 * The subscription (seed 4): the organization's plan (kept by identity) with what billing keeps beside it.
 * Reading builds the view; changing it checks that the organization fits the new plan, moves the plan
 * (identity moves every usage key at once), then records the rest and the event in one transaction.
 */
import { monthOf } from '#services/billing/billing-period';
import { allMeterUsage } from '#services/billing/meters';
import { METERS, type Plan, planById } from '#services/billing/plans';
import { planOf } from '#services/billing/quota';
import type { UpdateSubscriptionBody } from '#services/billing/schemas';
import { findSubscription, type SubscriptionItem, subscriptions } from '#services/billing/store';
import { changeOrganizationPlan } from '#services/identity/public';
import type { Identity } from '#shared/auth/identity';
import { config } from '#shared/config';
import { asPut, commitWithEvents } from '#shared/data/outbox';
import { ConflictError } from '#shared/errors';
import { domainEvent } from '#shared/events/envelope';

/** The organization as billing needs it: its id and its owner's address (the default billing email). */
export interface BilledOrganization {
  orgId: string;
  ownerEmail: string;
}

/** Seed 4's subscription; the cycle is the calendar month (UTC) containing `now`. */
export function toSubscriptionView(
  organization: BilledOrganization,
  plan: Plan,
  stored: SubscriptionItem | null,
  now: Date,
) {
  const cycle = monthOf(now);
  const { api_requests_per_month, ...limits } = plan.limits;
  return {
    id: `subs_${organization.orgId.slice(organization.orgId.indexOf('_') + 1)}`,
    organization_id: organization.orgId,
    plan: plan.id,
    plan_name: plan.name,
    status: 'active' as const,
    billing_cycle_start: cycle.start.toISOString(),
    billing_cycle_end: cycle.end.toISOString(),
    amount: plan.price.amount,
    currency: plan.price.currency,
    billing_email: stored?.billingEmail ?? organization.ownerEmail,
    auto_renew: stored?.autoRenew ?? true,
    features: { ...plan.features, api_requests_per_month },
    limits,
  };
}

export async function readSubscription(organization: BilledOrganization, now = new Date()) {
  const [plan, stored] = await Promise.all([
    planOf(organization.orgId),
    findSubscription(organization.orgId),
  ]);
  return toSubscriptionView(organization, plan, stored, now);
}

/**
 * What the organization holds beyond `plan`'s limits, as `members: 5 of 3`; empty when it fits.
 * Only the meters a plan limits at once count (not this month's API requests: the quota resets).
 */
async function overLimits(tenantId: string, plan: Plan): Promise<string[]> {
  const used = await allMeterUsage(tenantId);
  return METERS.filter((meter) => used[meter] > plan.limits[meter]).map(
    (meter) => `${meter}: ${used[meter]} of ${plan.limits[meter]}`,
  );
}

/**
 * Changes the plan, the billing email and auto-renewal. A plan change moves every meter of the
 * organization to the new tier before this returns (the next response's X-RateLimit-Limit shows it).
 * @throws ValidationError (400) for a plan the deployment does not have; ConflictError (409) naming every
 * limit the organization is over on the new plan (nothing changes); NotFoundError (404) without an
 * organization item.
 */
export async function updateSubscription(
  actor: Identity,
  organization: BilledOrganization,
  body: UpdateSubscriptionBody,
  now = new Date(),
) {
  const tenantId = organization.orgId;
  const [current, stored] = await Promise.all([planOf(tenantId), findSubscription(tenantId)]);
  const next = body.plan === undefined ? current : planById(body.plan);
  if (next.id !== current.id) {
    const over = await overLimits(tenantId, next);
    if (over.length > 0) {
      throw new ConflictError(
        `The organization does not fit the ${next.name} plan (${over.join('; ')}); remove some first`,
        'plan',
      );
    }
    await changeOrganizationPlan(tenantId, next.id, now);
  }
  const item: SubscriptionItem = {
    tenantId,
    billingEmail: body.billing_email ?? stored?.billingEmail,
    autoRenew: body.auto_renew ?? stored?.autoRenew ?? true,
    updatedAt: now.toISOString(),
    version: (stored?.version ?? 0) + 1,
  };
  const view = toSubscriptionView(organization, next, item, now);
  const changed = (Object.keys(body) as (keyof UpdateSubscriptionBody)[]).filter(
    (field) => body[field] !== undefined,
  );
  await commitWithEvents(
    [asPut(subscriptions.put(item).params({ table: config.tableName }))],
    [
      domainEvent(
        'subscription.updated',
        { ...actor, tenantId },
        { subscription: view, previous_plan: current.id, changed },
        now,
      ),
    ],
  );
  return view;
}
