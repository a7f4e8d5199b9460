import { randomBytes } from 'node:crypto';
import { commitWithinQuota } from '#services/billing/public';
import { disableDistributionTenant } from '#services/brand/distribution-tenants';
import { customDomainsAllowed } from '#services/brand/organizations';
import { type DomainItem, domains, findDomain } from '#services/brand/store';
import { toDomainView } from '#services/brand/view';
import type { Identity } from '#shared/auth/identity';
import { config } from '#shared/config';
import { asDelete, asPut, commitWithEvents, type TransactItem, WriteConflict } from '#shared/data/outbox';
import { ConflictError, PermissionError } from '#shared/errors';
import { type DomainEvent, domainEvent } from '#shared/events/envelope';
import { logger } from '#shared/observability/logger';

/** A domain change worked out: the writes, the events, and which write claims which host. */
export interface DomainPlan {
  writes: TransactItem[];
  events: DomainEvent[];
  /** The host each claiming write is for, by its index in `writes`. */
  claims: Map<number, string>;
  added: DomainItem[];
  removed: DomainItem[];
}

/**
 * Custom domains need a plan that includes them (seed 1: "Available in non-free plans").
 * @throws PermissionError (403) on the free plan.
 */
export async function assertCustomDomainsAllowed(tenantId: string): Promise<void> {
  if (await customDomainsAllowed(tenantId)) return;
  throw new PermissionError(
    'Custom domains are available on paid plans; this organization is on the free plan. Its trust center stays on its default host.',
  );
}

/**
 * The writes that take the tenant's custom domains from `current` to `desired`: a claim per new host (a
 * `DOMAIN#host` item that must not exist yet) and a release per dropped one (only while the tenant holds
 * it), each with its event. `offset` is where these writes will sit in the transaction.
 */
export function planDomainChanges(
  identity: Identity,
  current: readonly DomainItem[],
  desired: readonly string[],
  now: Date,
  offset = 0,
): DomainPlan {
  const held = new Set(current.map((domain) => domain.host));
  const wanted = new Set(desired);
  const plan: DomainPlan = { writes: [], events: [], claims: new Map(), added: [], removed: [] };
  for (const host of desired) {
    if (held.has(host)) continue;
    const item: DomainItem = {
      host,
      tenantId: identity.tenantId,
      status: 'pending',
      token: randomBytes(18).toString('base64url'),
      createdAt: now.toISOString(),
    };
    plan.claims.set(offset + plan.writes.length, host);
    plan.writes.push(asPut(domains.create(item).params({ table: config.tableName })));
    plan.events.push(domainEvent('domain.added', identity, { domain: toDomainView(item) }, now));
    plan.added.push(item);
  }
  for (const domain of current) {
    if (wanted.has(domain.host)) continue;
    plan.writes.push(
      asDelete(
        domains
          .delete({ host: domain.host })
          .where(({ tenantId }, { eq }) => eq(tenantId, identity.tenantId))
          .params({ table: config.tableName }),
      ),
    );
    plan.events.push(domainEvent('domain.removed', identity, { domain: toDomainView(domain) }, now));
    plan.removed.push(domain);
  }
  return plan;
}

/**
 * Commits `writes` and `events` (a domain change's, with whatever the use case writes beside them, the
 * plan's writes at their planned offset) within the plan's `custom_domains` limit: billing's quota guard
 * joins the transaction after `writes`, so claims racing cannot pass the limit together. Every change of
 * the count comes through here (releases too): the guard keeps the count, since the tenant's domains are
 * listed through a GSI, which a consistent read cannot reach. Pending domains count: they are claimed.
 * Giving domains up always fits.
 * @throws QuotaExceededError (403 quota_exceeded) naming the limit; WriteConflict as commitWithEvents.
 */
export function commitDomainChanges(
  tenantId: string,
  plan: DomainPlan,
  writes: TransactItem[],
  events: DomainEvent[],
): Promise<void> {
  return commitWithinQuota(tenantId, 'custom_domains', plan.added.length - plan.removed.length, (guard) =>
    commitWithEvents([...writes, ...guard], events),
  );
}

/**
 * What a refused transaction means for a domain change: a claim that failed is a host another tenant holds
 * (409 naming it); anything else is returned for the caller to map (a stale version, a concurrent change).
 */
export async function claimConflict(error: unknown, plan: DomainPlan, tenantId: string): Promise<unknown> {
  if (!(error instanceof WriteConflict)) return error;
  for (const index of error.failedIndexes) {
    const host = plan.claims.get(index);
    if (host === undefined) continue;
    const holder = await findDomain(host);
    if (holder && holder.tenantId !== tenantId)
      return new ConflictError(`The domain ${host} belongs to another trust center`, 'deployment_domains', {
        cause: error,
      });
    return new ConflictError(`The domain ${host} was claimed at the same time; retry`, 'deployment_domains', {
      cause: error,
    });
  }
  return error;
}

/**
 * After a commit that gave domains up: their CloudFront distribution tenants (AWS) stop serving. Best
 * effort, since the change has happened: the host already resolves to no tenant, so a tenant left enabled
 * serves nothing of the trust center; it is logged for an operator.
 */
export async function releaseDistributionTenants(removed: readonly DomainItem[]): Promise<void> {
  // Best effort, unlike the purge's releaseTenantDistributions: the domains are already given up.
  for (const domain of removed) {
    if (!domain.distributionTenantId) continue;
    await disableDistributionTenant(domain.distributionTenantId).catch((error: unknown) =>
      logger.error('Could not disable a distribution tenant', {
        host: domain.host,
        distribution_tenant_id: domain.distributionTenantId,
        error: error as Error,
      }),
    );
  }
}
