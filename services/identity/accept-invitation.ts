import { ensureCognitoUser } from '#services/identity/people';
import { sha256 } from '#services/identity/secrets';
import { invitations, type MemberItem, members } from '#services/identity/store';
import { config } from '#shared/config';
import { asPut, asUpdate, commitWithEvents, WriteConflict } from '#shared/data/outbox';
import { domainEvent } from '#shared/events/envelope';
import { ConflictError, NotFoundError } from '#shared/http/errors';
import { newId } from '#shared/ids';

/** Turns a pending invitation into a member who can sign in with the password chosen here. */
export async function acceptInvitation(
  input: { token: string; password: string; name?: string },
  now = new Date(),
): Promise<MemberItem> {
  const { data } = await invitations.query
    .byToken({ tokenHash: sha256(input.token) })
    .go({ table: config.tableName, limit: 1 });
  const invitation = data[0];
  // One answer for unknown, used, revoked and expired tokens: a token is either good or it is not.
  if (invitation?.status !== 'pending' || new Date(invitation.expiresAt) <= now) {
    throw new NotFoundError('This invitation is invalid or has expired', 'token');
  }
  const existing = await members.query
    .byEmail({ email: invitation.email })
    .go({ table: config.tableName, limit: 1 });
  if (existing.data.length > 0) throw new ConflictError('A user with this email already exists', 'email');

  const cognitoSub = await ensureCognitoUser({
    email: invitation.email,
    password: input.password,
    tenantId: invitation.tenantId,
    group: invitation.role,
  });
  const member: MemberItem = {
    tenantId: invitation.tenantId,
    userId: newId('user'),
    email: invitation.email,
    name: input.name ?? invitation.name,
    role: invitation.role,
    status: 'active',
    cognitoSub,
    createdAt: now.toISOString(),
  };
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
      [asPut(members.create(member).params({ table: config.tableName })), asUpdate(accepted)],
      [
        domainEvent(
          'user.joined',
          actor,
          { user: { id: member.userId, email: member.email, role: member.role } },
          now,
        ),
      ],
    );
  } catch (error) {
    if (error instanceof WriteConflict)
      throw new NotFoundError('This invitation is invalid or has expired', 'token');
    throw error;
  }
  return member;
}
