import { NO_RULES } from '#services/access-requests/auto-approval';
import { documentSummaries, planGrant } from '#services/access-requests/grants';
import type { ReviewAccessRequestBody } from '#services/access-requests/schemas';
import {
  type AccessRequestItem,
  accessRequests,
  findAccessRequest,
  findAutoApproval,
} from '#services/access-requests/store';
import { toAccessRequestView, toGrantView, toRules } from '#services/access-requests/view';
import { findDocument } from '#services/documents/public';
import { requireScopes } from '#shared/auth/authority';
import type { Identity } from '#shared/auth/identity';
import { config } from '#shared/config';
import { asUpdate, commitWithEvents, type TransactItem, WriteConflict } from '#shared/data/outbox';
import { ConflictError, NotFoundError, PreconditionFailedError } from '#shared/errors';
import { type DomainEvent, domainEvent } from '#shared/events/envelope';
import { checkIfMatch } from '#shared/http/etag';

function alreadyDecided(item: AccessRequestItem): ConflictError {
  const revokeInstead =
    item.reviewStatus === 'approved' ? '; to end its access, POST /api/v1/access-requests/{id}/revoke' : '';
  return new ConflictError(
    `This access request is already ${item.reviewStatus}${revokeInstead}`,
    'review_status',
  );
}

/**
 * A reviewer's decision (seed 1's PATCH). Approval creates a time-limited grant of the requested
 * documents; both outcomes raise an event the access-request mailer answers with an email. A request is
 * decided once: deciding it again is a 409.
 */
export async function reviewAccessRequest(
  identity: Identity,
  requestId: string,
  review: ReviewAccessRequestBody,
  ifMatch: string | undefined,
  now = new Date(),
): Promise<AccessRequestItem> {
  const { tenantId } = identity;
  const current = await findAccessRequest(tenantId, requestId);
  if (!current) throw new NotFoundError('No such access request', 'id');
  checkIfMatch(ifMatch, current.version);
  if (current.reviewStatus !== 'to_review') throw alreadyDecided(current);
  // An approval hands the requested documents to the visitor: only someone who may read them gives them out.
  if (review.review_status === 'approved')
    requireScopes(identity, ['documents:read'], 'Approving hands out documents this caller may not read');

  const timestamp = now.toISOString();
  const approved =
    review.review_status === 'approved'
      ? planGrant(
          current,
          review.expires_in_days ?? toRules(await findAutoApproval(tenantId), NO_RULES).grant_days,
          now,
        )
      : null;
  const next: AccessRequestItem = {
    ...current,
    reviewStatus: review.review_status,
    reviewedBy: identity.principalId,
    reviewedAt: timestamp,
    reviewNote: review.note || undefined,
    grantId: approved?.grant.grantId,
    grantExpiresAt: approved?.grant.expiresAt,
    updatedAt: timestamp,
    version: current.version + 1,
  };
  const update = accessRequests
    .patch({ tenantId, requestId })
    .set({
      reviewStatus: next.reviewStatus,
      reviewedBy: next.reviewedBy,
      reviewedAt: timestamp,
      updatedAt: timestamp,
      version: next.version,
      ...(next.reviewNote ? { reviewNote: next.reviewNote } : {}),
      ...(approved ? { grantId: approved.grant.grantId, grantExpiresAt: approved.grant.expiresAt } : {}),
    })
    .where(
      ({ version, reviewStatus }, { eq }) =>
        `${eq(version, current.version)} AND ${eq(reviewStatus, 'to_review')}`,
    )
    .params({ table: config.tableName });

  const view = toAccessRequestView(next);
  const writes: TransactItem[] = [asUpdate(update)];
  const events: DomainEvent[] = [];
  if (approved) {
    writes.push(approved.write);
    const grant = toGrantView(approved.grant);
    const documents = await Promise.all(current.documentIds.map((id) => findDocument(tenantId, id)));
    events.push(
      domainEvent('access_request.approved', identity, { access_request: view, grant }, now),
      domainEvent(
        'access.granted',
        identity,
        {
          grant,
          ...(current.accountId ? { account: { id: current.accountId } } : {}),
          documents: documentSummaries(documents),
        },
        now,
      ),
    );
  } else {
    events.push(domainEvent('access_request.rejected', identity, { access_request: view }, now));
  }

  try {
    await commitWithEvents(writes, events);
  } catch (error) {
    if (!(error instanceof WriteConflict)) throw error;
    const latest = await findAccessRequest(tenantId, requestId);
    if (latest && latest.reviewStatus !== 'to_review') throw alreadyDecided(latest);
    throw new PreconditionFailedError();
  }
  return next;
}
