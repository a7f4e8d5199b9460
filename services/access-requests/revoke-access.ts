// Use case (domain): an admin ends the grant an approved access request created.
// Primary course: 1. read the request and its grant; 2. mark the grant revoked and the request's grant view in
// one transaction with the `access.revoked` event; 3. from then on every session and magic link of the grant
// is refused, because both read the grant (visitor-access.ts).
import type { RevokeAccessBody } from '#services/access-requests/schemas';
import {
  type AccessGrantItem,
  type AccessRequestItem,
  accessGrants,
  accessRequests,
  findAccessRequest,
  findGrant,
} from '#services/access-requests/store';
import { toAccessRequestView, toGrantView } from '#services/access-requests/view';
import type { Identity } from '#shared/auth/identity';
import { config } from '#shared/config';
import { asUpdate, commitWithEvents, WriteConflict } from '#shared/data/outbox';
import { ConflictError, NotFoundError, PreconditionFailedError } from '#shared/errors';
import { domainEvent } from '#shared/events/envelope';
import { checkIfMatch } from '#shared/http/etag';

function noGrant(item: AccessRequestItem): ConflictError {
  return new ConflictError(
    `This access request is ${item.reviewStatus.replace('_', ' ')} and has no grant to revoke`,
    'id',
  );
}

/**
 * Revokes the grant of an approved access request (by a reviewer or an auto-approval rule), ending every
 * visitor session and every magic link of it at once, expired or not.
 *
 * Returns the access request with `grant.revoked_at` set. Idempotent: revoking a revoked grant changes nothing,
 * raises no second event and returns the request as it is (as `DELETE /integrations/api-keys/{id}` does).
 * Throws `NotFoundError` (no such request in the tenant), `ConflictError` (the request is not approved, so
 * there is no grant), `PreconditionFailedError` (`ifMatch` is not the request's current ETag, or it changed
 * meanwhile). Emits `access.revoked`, which the audit writer records and webhooks deliver.
 */
export async function revokeAccess(
  identity: Identity,
  requestId: string,
  body: RevokeAccessBody,
  ifMatch: string | undefined,
  now = new Date(),
): Promise<AccessRequestItem> {
  const { tenantId } = identity;
  const current = await findAccessRequest(tenantId, requestId);
  if (!current) throw new NotFoundError('No such access request', 'id');
  if (current.reviewStatus !== 'approved' || !current.grantId) throw noGrant(current);
  const grantItem = await findGrant(tenantId, current.grantId);
  if (!grantItem) throw noGrant(current);
  if (grantItem.revokedAt) return withRevocation(current, grantItem);
  checkIfMatch(ifMatch, current.version);

  const timestamp = now.toISOString();
  const reason = body?.reason || undefined;
  const revokedGrant: AccessGrantItem = {
    ...grantItem,
    revokedAt: timestamp,
    revokedBy: identity.principalId,
    revokeReason: reason,
  };
  const next: AccessRequestItem = {
    ...current,
    grantRevokedAt: timestamp,
    updatedAt: timestamp,
    version: current.version + 1,
  };
  const table = { table: config.tableName };
  const endGrant = accessGrants
    .patch({ tenantId, grantId: grantItem.grantId })
    .set({
      revokedAt: timestamp,
      revokedBy: identity.principalId,
      ...(reason ? { revokeReason: reason } : {}),
    })
    .where(({ revokedAt }, { notExists }) => notExists(revokedAt))
    .params(table);
  const markRequest = accessRequests
    .patch({ tenantId, requestId })
    .set({ grantRevokedAt: timestamp, updatedAt: timestamp, version: next.version })
    .where(({ version }, { eq }) => eq(version, current.version))
    .params(table);
  const event = domainEvent(
    'access.revoked',
    identity,
    {
      grant: toGrantView(revokedGrant),
      access_request: toAccessRequestView(next),
      ...(grantItem.accountId ? { account: { id: grantItem.accountId } } : {}),
      reason: reason ?? null,
      changes: [
        { field: 'revoked_at' as const, before: null, after: timestamp },
        ...(reason ? [{ field: 'revoke_reason' as const, before: null, after: reason }] : []),
      ],
    },
    now,
  );

  try {
    await commitWithEvents([asUpdate(endGrant), asUpdate(markRequest)], [event]);
  } catch (error) {
    if (!(error instanceof WriteConflict)) throw error;
    // Another revocation won the race: the outcome the caller asked for holds.
    const [latest, latestGrant] = await Promise.all([
      findAccessRequest(tenantId, requestId),
      findGrant(tenantId, grantItem.grantId),
    ]);
    if (latest && latestGrant?.revokedAt) return withRevocation(latest, latestGrant);
    throw new PreconditionFailedError();
  }
  return next;
}

/** The request as its view should show a revoked grant, even if the request item lags the grant. */
function withRevocation(request: AccessRequestItem, grant: AccessGrantItem): AccessRequestItem {
  return { ...request, grantRevokedAt: request.grantRevokedAt ?? grant.revokedAt };
}
