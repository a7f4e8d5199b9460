import { newInvitation, sendInvitationEmail } from '#services/identity/invitations';
import { requireEmailFree } from '#services/identity/people';
import type { InviteUserBody } from '#services/identity/schemas';
import { type InvitationItem, invitations, members, organizations } from '#services/identity/store';
import { requireRoleAuthority } from '#shared/auth/authority';
import type { Identity } from '#shared/auth/identity';
import { config } from '#shared/config';
import { asPut, commitWithEvents } from '#shared/data/outbox';
import { domainEvent } from '#shared/events/envelope';
import { ConflictError } from '#shared/http/errors';
import { logger } from '#shared/observability/logger';

/** Mails an invitation's link, naming the organization the person is invited to. */
export async function mailInvitation(invitation: InvitationItem, token: string): Promise<void> {
  const { data: organization } = await organizations
    .get({ orgId: invitation.tenantId })
    .go({ table: config.tableName });
  await sendInvitationEmail({
    email: invitation.email,
    organizationName: organization?.name ?? 'your organization',
    role: invitation.role,
    token,
  });
}

/** A person belongs to one tenant, and has at most one live invitation per tenant. */
async function refuseKnownEmail(tenantId: string, email: string, now: Date): Promise<void> {
  const member = await members.query.byEmail({ email }).go({ table: config.tableName, limit: 1 });
  if (member.data.length > 0) throw new ConflictError('A user with this email already exists', 'email');
  // A platform operator (or anyone whose sign-in is not this tenant's) cannot be invited into it.
  await requireEmailFree(email, tenantId);
  const pending = await invitations.query
    .byTenant({ tenantId })
    .where(
      ({ email: invited, status, expiresAt }, { eq, gt }) =>
        `${eq(invited, email)} AND ${eq(status, 'pending')} AND ${gt(expiresAt, now.toISOString())}`,
    )
    .go({ table: config.tableName, count: 1, attributes: ['invitationId'] });
  if (pending.data.length > 0)
    throw new ConflictError('This email has a pending invitation; resend it instead', 'email');
}

/** Invites a person into a tenant by email; they become a member when they accept. */
export async function inviteUser(
  actor: Identity,
  tenantId: string,
  body: InviteUserBody,
  now = new Date(),
): Promise<InvitationItem> {
  requireRoleAuthority(actor, body.role, `Nobody can be invited as ${body.role} by this caller`);
  await refuseKnownEmail(tenantId, body.email, now);
  const { invitation, token } = newInvitation(tenantId, body, actor, now);
  await commitWithEvents(
    [asPut(invitations.create(invitation).params({ table: config.tableName }))],
    [
      domainEvent(
        'user.invited',
        { ...actor, tenantId },
        { invitation: { id: invitation.invitationId, email: invitation.email, role: invitation.role } },
        now,
      ),
    ],
  );
  // The invitation stands either way: a mail that failed is sent again with `resend`.
  await mailInvitation(invitation, token).catch((error: unknown) =>
    logger.error('Could not send the invitation', {
      invitationId: invitation.invitationId,
      error: error as Error,
    }),
  );
  return invitation;
}
