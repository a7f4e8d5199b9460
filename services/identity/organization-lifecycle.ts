/**
 * Use cases: delete an organization (its owner, or an operator) and restore it (an operator). Deleting
 * marks it `pending_deletion` for GRACE_DAYS: from that commit on the authorizer refuses every credential
 * of it (services/identity/organization-gate.ts) and the authorizer cache is flushed, so the refusal holds
 * at once; the purge job (purge-organizations.ts) removes everything after the grace period.
 */
import { flushAuthorizerCache } from '#services/identity/authorizer-cache';
import { addressableOrganization, requireOwnerOrOperator } from '#services/identity/organizations';
import { type OrganizationItem, organizations } from '#services/identity/store';
import type { Identity } from '#shared/auth/identity';
import { config } from '#shared/config';
import { asUpdate } from '#shared/data/outbox';
import { ConflictError } from '#shared/errors';
import { domainEvent } from '#shared/events/envelope';
import { commitIfCurrent } from '#shared/http/etag';

/** How long a deleted organization's data is kept (and it can be restored) before the purge. */
export const GRACE_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Seed 4's roles table: the owner deletes the organization (requireOwnerOrOperator).
 * @throws NotFoundError (not addressable), PermissionError (not the owner), ConflictError (already deleted).
 */
export async function deleteOrganization(
  caller: Identity,
  orgId: string,
  now = new Date(),
): Promise<OrganizationItem> {
  const current = await addressableOrganization(caller, orgId);
  requireOwnerOrOperator(caller, 'delete it');
  if (current.status === 'pending_deletion')
    throw new ConflictError('The organization is already pending deletion', 'org_id');
  const next: OrganizationItem = {
    ...current,
    status: 'pending_deletion',
    deletionRequestedAt: now.toISOString(),
    deletionRequestedBy: caller.principalId,
    purgeAfter: new Date(now.getTime() + GRACE_DAYS * DAY_MS).toISOString(),
    updatedAt: now.toISOString(),
    version: current.version + 1,
  };
  const update = organizations
    .patch({ orgId })
    .set({
      status: 'pending_deletion',
      deletionRequestedAt: now.toISOString(),
      deletionRequestedBy: caller.principalId,
      purgeAfter: next.purgeAfter,
      updatedAt: next.updatedAt,
      version: next.version,
    })
    .where(({ version }, { eq }) => eq(version, current.version))
    .params({ table: config.tableName });
  const event = domainEvent(
    'organization.deleted',
    { ...caller, tenantId: orgId },
    { organization: { id: orgId, name: current.name }, purge_after: next.purgeAfter as string },
    now,
  );
  await commitIfCurrent([asUpdate(update)], [event]);
  await flushAuthorizerCache();
  return next;
}

/**
 * An operator takes a deletion back during the grace period: the organization is active again and its
 * credentials work as before. @throws ConflictError when it is not pending deletion.
 */
export async function restoreOrganization(
  operator: Identity,
  orgId: string,
  now = new Date(),
): Promise<OrganizationItem> {
  const current = await addressableOrganization(operator, orgId);
  if (current.status !== 'pending_deletion')
    throw new ConflictError('The organization is not pending deletion', 'org_id');
  const update = organizations
    .patch({ orgId })
    .set({ status: 'active', updatedAt: now.toISOString(), version: current.version + 1 })
    .remove(['deletionRequestedAt', 'deletionRequestedBy', 'purgeAfter'])
    .where(({ version }, { eq }) => eq(version, current.version))
    .params({ table: config.tableName });
  const event = domainEvent(
    'organization.restored',
    { ...operator, tenantId: orgId },
    { organization: { id: orgId, name: current.name } },
    now,
  );
  await commitIfCurrent([asUpdate(update)], [event]);
  // Denials may be cached too.
  await flushAuthorizerCache();
  const { deletionRequestedAt: _at, deletionRequestedBy: _by, purgeAfter: _after, ...rest } = current;
  return { ...rest, status: 'active', updatedAt: now.toISOString(), version: current.version + 1 };
}
