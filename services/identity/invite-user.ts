import { commitWithinQuota } from '#services/billing/public';
import { storedRole } from '#services/identity/events';
import { newInvitation, pendingMemberOf, sendInvitationEmail } from '#services/identity/invitations';
import { refuseIfPendingDeletion } from '#services/identity/organizations';
import { requireEmailFree } from '#services/identity/people';
import type { InviteUserBody } from '#services/identity/people-schemas';
import {
  type InvitationItem,
  invitations,
  type MemberItem,
  members,
  organizations,
} from '#services/identity/store';
import { requireRoleAuthority } from '#shared/auth/authority';
import type { Identity } from '#shared/auth/identity';
import { config } from '#shared/config';
import { asPut, asUpdate, commitWithEvents, WriteConflict } from '#shared/data/outbox';
import { ConflictError } from '#shared/errors';
import { domainEvent } from '#shared/events/envelope';
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

/**
 * A person belongs to one tenant, and has at most one live invitation per tenant. Returns the person's
 * `pending_invite` member record in `tenantId` when there is one whose invitation is no longer live
 * (expired): the re-invitation keeps its id.
 * @throws ConflictError (409) when the address is a member (active or disabled) anywhere, signs in
 * elsewhere, or has a live invitation here.
 */
async function pendingInvitee(tenantId: string, email: string, now: Date): Promise<MemberItem | undefined> {
  const known = await members.query.byEmail({ email }).go({ table: config.tableName, pages: 'all' });
  // Invitations of other tenants are no membership: two organizations may invite the same person.
  if (known.data.some((member) => member.status !== 'pending_invite'))
    throw new ConflictError('A user with this email already exists', 'email');
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
  return known.data.find((member) => member.tenantId === tenantId);
}

/**
 * The writes that hand a `pending_invite` member over to a new invitation: the member takes the new role,
 * name and invitation; its previous invitation (expired, or it would have been refused) is revoked.
 */
function reinvitation(previous: MemberItem, invitation: InvitationItem, actor: Identity, now: Date) {
  const member = members
    .patch({ tenantId: previous.tenantId, userId: previous.userId })
    .set({
      role: invitation.role,
      invitationId: invitation.invitationId,
      ...(invitation.name === undefined ? {} : { name: invitation.name }),
    })
    .where(({ status }, { eq }) => eq(status, 'pending_invite'))
    .params({ table: config.tableName });
  if (!previous.invitationId) return { writes: [asUpdate(member)], events: [] };
  const revoked = invitations
    .patch({ tenantId: previous.tenantId, invitationId: previous.invitationId })
    .set({ status: 'revoked' })
    .where(({ status }, { eq }) => eq(status, 'pending'))
    .params({ table: config.tableName });
  const event = domainEvent(
    'invitation.revoked',
    { ...actor, tenantId: previous.tenantId },
    { invitation: { id: previous.invitationId, email: previous.email, role: storedRole(previous.role) } },
    now,
  );
  return { writes: [asUpdate(member), asUpdate(revoked)], events: [event] };
}

/**
 * Invites a person into a tenant by email; they become an active member when they accept. From now on the
 * person is a `pending_invite` member whose id (`invitation.userId`, `usr_…`) stays theirs (seed 4).
 * @throws PermissionError (403) when the caller may not hand out `body.role` (shared/auth/authority.ts);
 * QuotaExceededError (403) when the plan's members are all taken;
 * ConflictError (409) as `pendingInvitee` says, when the person changed meanwhile, or when the
 * organization is pending deletion.
 */
export async function inviteUser(
  actor: Identity,
  tenantId: string,
  body: InviteUserBody,
  now = new Date(),
): Promise<InvitationItem & { userId: string }> {
  requireRoleAuthority(actor, body.role, `Nobody can be invited as ${body.role} by this caller`);
  await refuseIfPendingDeletion(tenantId, 'issue');
  const previous = await pendingInvitee(tenantId, body.email, now);
  const { invitation, token } = newInvitation(tenantId, { ...body, userId: previous?.userId }, actor, now);
  const handOver = previous
    ? reinvitation(previous, invitation, actor, now)
    : {
        writes: [asPut(members.create(pendingMemberOf(invitation)).params({ table: config.tableName }))],
        events: [],
      };
  try {
    // A re-invitation keeps its member; only a new person counts against the plan's members, and the
    // quota guard commits with the invitation so that invitations racing cannot pass the limit together.
    await commitWithinQuota(tenantId, 'members', previous ? 0 : 1, (guard) =>
      commitWithEvents(
        [
          asPut(invitations.create(invitation).params({ table: config.tableName })),
          ...handOver.writes,
          ...guard,
        ],
        [
          ...handOver.events,
          domainEvent(
            'user.invited',
            { ...actor, tenantId },
            {
              invitation: {
                id: invitation.invitationId,
                email: invitation.email,
                role: storedRole(invitation.role),
              },
            },
            now,
          ),
        ],
      ),
    );
  } catch (error) {
    // Two invitations of one address at once: the member record exists already, or changed meanwhile.
    if (error instanceof WriteConflict)
      throw new ConflictError('This email has a pending invitation; resend it instead', 'email');
    throw error;
  }
  // The invitation stands either way: a mail that failed is sent again with `resend`.
  await mailInvitation(invitation, token).catch((error: unknown) =>
    logger.error('Could not send the invitation', {
      invitationId: invitation.invitationId,
      error: error as Error,
    }),
  );
  return invitation;
}
