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
import { asPut } from '#shared/data/outbox';
import { ConflictError } from '#shared/errors';
import { domainEvent } from '#shared/events/envelope';
import { checkIfMatch, commitIfCurrent } from '#shared/http/etag';

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

/**
 * The subscription's version, its ETag's source: the stored item's version, 0 before the first change.
 * Every change of the subscription (plan included) writes that item, so the version moves with each.
 */
function versionOf(stored: SubscriptionItem | null): number {
  return stored?.version ?? 0;
}

/** The subscription as it stands, and its version (the ETag). */
export async function readSubscription(organization: BilledOrganization, now = new Date()) {
  const [plan, stored] = await Promise.all([
    planOf(organization.orgId),
    findSubscription(organization.orgId),
  ]);
  return { view: toSubscriptionView(organization, plan, stored, now), version: versionOf(stored) };
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
 * Changes the plan, the billing email and auto-renewal, once `ifMatch` (the ETag of a read, optional)
 * names the current version. The change is committed on the condition that nobody wrote since it was read,
 * then a plan change moves every meter of the organization to the new tier before this returns (the next
 * response's X-RateLimit-Limit shows it); moving is idempotent, so a move that failed is completed by
 * asking again.
 * @throws ValidationError (400) for a plan the deployment does not have; ConflictError (409) naming every
 * limit the organization is over on the new plan (nothing changes); PreconditionFailedError (412) for a
 * stale `ifMatch`, or a change committed meanwhile; NotFoundError (404) without an organization item.
 */
export async function updateSubscription(
  actor: Identity,
  organization: BilledOrganization,
  body: UpdateSubscriptionBody,
  options: { ifMatch?: string | undefined } = {},
  now = new Date(),
) {
  const tenantId = organization.orgId;
  const [current, stored] = await Promise.all([planOf(tenantId), findSubscription(tenantId)]);
  checkIfMatch(options.ifMatch, versionOf(stored));
  const next = body.plan === undefined ? current : planById(body.plan);
  if (next.id !== current.id) {
    const over = await overLimits(tenantId, next);
    if (over.length > 0) {
      throw new ConflictError(
        `The organization does not fit the ${next.name} plan (${over.join('; ')}); remove some first`,
        'plan',
      );
    }
  }
  const item: SubscriptionItem = {
    tenantId,
    billingEmail: body.billing_email ?? stored?.billingEmail,
    autoRenew: body.auto_renew ?? stored?.autoRenew ?? true,
    updatedAt: now.toISOString(),
    version: versionOf(stored) + 1,
  };
  const view = toSubscriptionView(organization, next, item, now);
  const changed = (Object.keys(body) as (keyof UpdateSubscriptionBody)[]).filter(
    (field) => body[field] !== undefined,
  );
  // Two changes read at the same version: the second one's condition fails (412), before any plan moves.
  const unchangedSinceRead = stored
    ? subscriptions.put(item).where(({ version }, { eq }) => eq(version, stored.version))
    : subscriptions.create(item);
  await commitIfCurrent(
    [asPut(unchangedSinceRead.params({ table: config.tableName }))],
    [
      domainEvent(
        'subscription.updated',
        { ...actor, tenantId },
        { subscription: view, previous_plan: current.id, changed },
        now,
      ),
    ],
  );
  if (next.id !== current.id) await changeOrganizationPlan(tenantId, next.id, now);
  return { view, version: item.version };
}
