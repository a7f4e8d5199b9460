import { storedRole } from '#services/identity/events';
import { INVITATION_DAYS } from '#services/identity/invitations';
import { mailInvitation } from '#services/identity/invite-user';
import { refuseIfPendingDeletion } from '#services/identity/organizations';
import type { InvitationStatus } from '#services/identity/people-schemas';
import { newInvitationToken, sha256 } from '#services/identity/secrets';
import { type InvitationItem, invitations, type MemberItem, members } from '#services/identity/store';
import { requireRoleAuthority } from '#shared/auth/authority';
import type { Identity } from '#shared/auth/identity';
import { config } from '#shared/config';
import { asDelete, asUpdate, commitWithEvents, WriteConflict } from '#shared/data/outbox';
import { ConflictError, NotFoundError } from '#shared/errors';
import { domainEvent } from '#shared/events/envelope';

export async function findInvitation(
  tenantId: string,
  invitationId: string,
  param = 'id',
): Promise<InvitationItem> {
  const { data } = await invitations.get({ tenantId, invitationId }).go({ table: config.tableName });
  if (!data) throw new NotFoundError('No such invitation', param);
  return data;
}

/** The invitations of a tenant in one status (`expired` is pending past its expiry). */
function inStatus(tenantId: string, status: InvitationStatus | undefined, now: Date) {
  const query = invitations.query.byTenant({ tenantId });
  const at = now.toISOString();
  switch (status) {
    case undefined:
      return query;
    case 'pending':
      return query.where(
        ({ status: stored, expiresAt }, { eq, gt }) => `${eq(stored, 'pending')} AND ${gt(expiresAt, at)}`,
      );
    case 'expired':
      return query.where(
        ({ status: stored, expiresAt }, { eq, lte }) => `${eq(stored, 'pending')} AND ${lte(expiresAt, at)}`,
      );
    default:
      return query.where(({ status: stored }, { eq }) => eq(stored, status as InvitationItem['status']));
  }
}

/** Newest first. With a status filter, pages are filled by reading on until `limit` items match. */
export async function listInvitations(
  tenantId: string,
  page: { limit: number; position: string | null; status?: InvitationStatus },
  now = new Date(),
) {
  const { data, cursor } = await inStatus(tenantId, page.status, now).go({
    table: config.tableName,
    ...(page.status ? { count: page.limit } : { limit: page.limit }),
    cursor: page.position,
    order: 'desc',
  });
  return { items: data, position: cursor };
}

export async function countInvitations(
  tenantId: string,
  status: InvitationStatus | undefined,
  now = new Date(),
): Promise<number> {
  const { data } = await inStatus(tenantId, status, now).go({
    table: config.tableName,
    pages: 'all',
    attributes: ['invitationId'],
  });
  return data.length;
}

/** A new token and a new expiry, mailed again; the old token stops working at once. */
export async function resendInvitation(
  actor: Identity,
  tenantId: string,
  invitationId: string,
  param = 'id',
  now = new Date(),
): Promise<InvitationItem> {
  const current = await findInvitation(tenantId, invitationId, param);
  if (current.status !== 'pending')
    throw new ConflictError(`This invitation was ${current.status}; only a pending one can be resent`, param);
  // A resend mails a new token for the invitation's role: the same authority as inviting.
  requireRoleAuthority(actor, current.role, 'This invitation cannot be resent');
  await refuseIfPendingDeletion(tenantId, 'issue');
  const token = newInvitationToken();
  const resent: InvitationItem = {
    ...current,
    tokenHash: sha256(token),
    sentAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + INVITATION_DAYS * 24 * 3600 * 1000).toISOString(),
  };
  const update = invitations
    .patch({ tenantId, invitationId })
    .set({ tokenHash: resent.tokenHash, sentAt: resent.sentAt, expiresAt: resent.expiresAt })
    .where(
      ({ status, tokenHash }, { eq }) => `${eq(status, 'pending')} AND ${eq(tokenHash, current.tokenHash)}`,
    )
    .params({ table: config.tableName });
  const event = domainEvent(
    'invitation.resent',
    { ...actor, tenantId },
    {
      invitation: {
        id: invitationId,
        email: current.email,
        role: storedRole(current.role),
        expires_at: resent.expiresAt,
      },
    },
    now,
  );
  try {
    await commitWithEvents([asUpdate(update)], [event]);
  } catch (error) {
    if (error instanceof WriteConflict)
      throw new ConflictError('The invitation changed meanwhile; fetch it again and retry', param);
    throw error;
  }
  await mailInvitation(resent, token);
  return resent;
}

/** The `pending_invite` member an invitation stands for, while it is still pending. */
async function pendingMemberOfInvitation(invitation: InvitationItem): Promise<MemberItem | undefined> {
  if (!invitation.userId) return undefined;
  const { data } = await members
    .get({ tenantId: invitation.tenantId, userId: invitation.userId })
    .go({ table: config.tableName });
  return data?.status === 'pending_invite' && data.invitationId === invitation.invitationId
    ? data
    : undefined;
}

/**
 * Revokes a pending invitation and deletes the `pending_invite` member it stands for, in one transaction,
 * so the person leaves the members list as the link stops working. Idempotent: an invitation revoked
 * meanwhile is no error.
 * @throws ConflictError (409, `param`) when it was accepted meanwhile.
 */
export async function withdrawInvitation(
  actor: Identity,
  invitation: InvitationItem,
  member: MemberItem | undefined,
  param: string,
  now = new Date(),
): Promise<void> {
  const { tenantId, invitationId } = invitation;
  const revoke = invitations
    .patch({ tenantId, invitationId })
    .set({ status: 'revoked' })
    .where(({ status }, { eq }) => eq(status, 'pending'))
    .params({ table: config.tableName });
  const writes = [asUpdate(revoke)];
  if (member)
    writes.push(
      asDelete(
        members
          .delete({ tenantId, userId: member.userId })
          .where(({ status }, { eq }) => eq(status, 'pending_invite'))
          .params({ table: config.tableName }),
      ),
    );
  const event = domainEvent(
    'invitation.revoked',
    { ...actor, tenantId },
    { invitation: { id: invitationId, email: invitation.email, role: storedRole(invitation.role) } },
    now,
  );
  try {
    await commitWithEvents(writes, [event]);
  } catch (error) {
    if (!(error instanceof WriteConflict)) throw error;
    const after = await findInvitation(tenantId, invitationId, param);
    if (after.status !== 'revoked')
      throw new ConflictError('This invitation was accepted; remove the user instead', param);
  }
}

/**
 * Revoking is idempotent; an accepted invitation is a member now, removed as a user instead. The pending
 * member the invitation stands for goes with it.
 * @throws NotFoundError (404); PermissionError (403) unless the caller may hand out the invitation's role;
 * ConflictError (409) for an accepted invitation.
 */
export async function revokeInvitation(
  actor: Identity,
  tenantId: string,
  invitationId: string,
  param = 'id',
  now = new Date(),
): Promise<void> {
  const current = await findInvitation(tenantId, invitationId, param);
  requireRoleAuthority(actor, current.role, 'This invitation cannot be revoked');
  if (current.status === 'revoked') return;
  if (current.status === 'accepted')
    throw new ConflictError('This invitation was accepted; remove the user instead', param);
  await withdrawInvitation(actor, current, await pendingMemberOfInvitation(current), param, now);
}
