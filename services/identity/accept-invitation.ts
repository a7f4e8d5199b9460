import { storedRole } from '#services/identity/events';
import { refuseIfPendingDeletion } from '#services/identity/organizations';
import { ensureCognitoUser } from '#services/identity/people';
import { sha256 } from '#services/identity/secrets';
import { type InvitationItem, invitations, type MemberItem, members } from '#services/identity/store';
import { config } from '#shared/config';
import { asPut, asUpdate, commitWithEvents, type TransactItem, WriteConflict } from '#shared/data/outbox';
import { ConflictError, NotFoundError } from '#shared/errors';
import { domainEvent } from '#shared/events/envelope';
import { newId } from '#shared/ids';

const invalidToken = () => new NotFoundError('This invitation is invalid or has expired', 'token');

/**
 * The write that makes the invited person an active member. The `pending_invite` member the invitation
 * stands for becomes active under the same id (seed 4: the id answered when the member was added); an
 * invitation from before pending members existed makes a new member.
 */
async function activation(
  invitation: InvitationItem,
  member: MemberItem,
): Promise<{ write: TransactItem; member: MemberItem }> {
  const pending = invitation.userId
    ? (
        await members
          .get({ tenantId: invitation.tenantId, userId: invitation.userId })
          .go({ table: config.tableName })
      ).data
    : null;
  if (pending?.status !== 'pending_invite') {
    const created = { ...member, userId: invitation.userId ?? newId('user') };
    return { write: asPut(members.create(created).params({ table: config.tableName })), member: created };
  }
  // The role is the pending member's: a role change commits to it and to the invitation together.
  const activated: MemberItem = {
    ...member,
    userId: pending.userId,
    role: pending.role,
    createdAt: pending.createdAt,
  };
  const update = members
    .patch({ tenantId: pending.tenantId, userId: pending.userId })
    .set({
      status: 'active',
      cognitoSub: member.cognitoSub,
      ...(member.name === undefined ? {} : { name: member.name }),
    })
    .where(({ status }, { eq }) => eq(status, 'pending_invite'))
    .params({ table: config.tableName });
  return { write: asUpdate(update), member: activated };
}

/**
 * Turns a pending invitation into a member who can sign in with the password chosen here: the member
 * keeps the id it had while `pending_invite`, now `active`.
 * @throws NotFoundError (404, `token`) for an unknown, used, revoked or expired token; ConflictError (409,
 * `email`) when the address is already a member somewhere or signs in elsewhere; PermissionError (403)
 * when the organization is pending deletion.
 */
export async function acceptInvitation(
  input: { token: string; password: string; name?: string },
  now = new Date(),
): Promise<MemberItem> {
  const { data } = await invitations.query
    .byToken({ tokenHash: sha256(input.token) })
    .go({ table: config.tableName, limit: 1 });
  const invitation = data[0];
  // One answer for unknown, used, revoked and expired tokens: a token is either good or it is not.
  if (invitation?.status !== 'pending' || new Date(invitation.expiresAt) <= now) throw invalidToken();
  const existing = await members.query
    .byEmail({ email: invitation.email })
    .go({ table: config.tableName, pages: 'all' });
  // Pending invitations (of this tenant or others) are no membership yet.
  if (existing.data.some((member) => member.status !== 'pending_invite'))
    throw new ConflictError('A user with this email already exists', 'email');

  // Joining is signing in for the first time: not into an organization pending deletion.
  await refuseIfPendingDeletion(invitation.tenantId, 'sign_in');
  const cognitoSub = await ensureCognitoUser({
    email: invitation.email,
    password: input.password,
    tenantId: invitation.tenantId,
    group: invitation.role,
  });
  const { write, member } = await activation(invitation, {
    tenantId: invitation.tenantId,
    userId: '',
    email: invitation.email,
    name: input.name ?? invitation.name,
    role: invitation.role,
    status: 'active',
    cognitoSub,
    invitationId: invitation.invitationId,
    createdAt: now.toISOString(),
  });
  const accepted = invitations
    .patch({ tenantId: invitation.tenantId, invitationId: invitation.invitationId })
    .set({ status: 'accepted' })
    .where(({ status }, { eq }) => eq(status, 'pending'))
    .params({ table: config.tableName });
  const actor = {
    tenantId: member.tenantId,
    principalId: member.userId,
    principalType: 'user' as const,
    role: member.role,
    scopes: [],
  };
  try {
    await commitWithEvents(
      [write, asUpdate(accepted)],
      [
        domainEvent(
          'user.joined',
          actor,
          { user: { id: member.userId, email: member.email, role: storedRole(member.role) } },
          now,
        ),
      ],
    );
  } catch (error) {
    if (error instanceof WriteConflict) throw invalidToken();
    throw error;
  }
  return member;
}
