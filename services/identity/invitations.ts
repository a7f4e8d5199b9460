import { SendEmailCommand } from '@aws-sdk/client-sesv2';
import { newInvitationToken, sha256 } from '#services/identity/secrets';
import { type InvitationItem, type MemberItem, pendingSub } from '#services/identity/store';
import type { Identity } from '#shared/auth/identity';
import { ses } from '#shared/aws/ses';
import { config } from '#shared/config';
import { toSingleLine } from '#shared/http/text-fields';
import { newId } from '#shared/ids';

/** How long an invitation link works. */
export const INVITATION_DAYS = 7;

/**
 * A new invitation and its token (the token is mailed, only its SHA-256 is stored). `userId` is the member
 * id the person has from now on (seed 4: the add-member answer's `id`); a re-invitation of a person still
 * `pending_invite` passes theirs, so the id never changes.
 */
export function newInvitation(
  tenantId: string,
  invitee: { email: string; role: string; name?: string; userId?: string },
  inviter: Identity,
  now: Date,
): { invitation: InvitationItem & { userId: string }; token: string } {
  const token = newInvitationToken();
  return {
    token,
    invitation: {
      tenantId,
      invitationId: newId('invitation'),
      userId: invitee.userId ?? newId('user'),
      email: invitee.email,
      name: invitee.name,
      role: invitee.role,
      status: 'pending',
      tokenHash: sha256(token),
      invitedBy: inviter.principalId,
      sentAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + INVITATION_DAYS * 24 * 3600 * 1000).toISOString(),
      createdAt: now.toISOString(),
    },
  };
}

/**
 * The member record an invitation stands for until it is accepted: seed 4's `pending_invite` member, with
 * the invitation's id, role and name. It cannot sign in (its `cognitoSub` is a placeholder).
 */
export function pendingMemberOf(invitation: InvitationItem & { userId: string }): MemberItem {
  return {
    tenantId: invitation.tenantId,
    userId: invitation.userId,
    email: invitation.email,
    name: invitation.name,
    role: invitation.role,
    status: 'pending_invite',
    cognitoSub: pendingSub(invitation.userId),
    invitationId: invitation.invitationId,
    createdAt: invitation.createdAt,
  };
}

export function invitationLink(token: string): string {
  return `${config.publicUrl}/invitations/accept?token=${encodeURIComponent(token)}`;
}

/** The invitation mail; the token travels only here, never in a log or an API response. */
export async function sendInvitationEmail(input: {
  email: string;
  organizationName: string;
  role: string;
  token: string;
}) {
  const link = invitationLink(input.token);
  await ses().send(
    new SendEmailCommand({
      FromEmailAddress: config.senderAddress,
      Destination: { ToAddresses: [input.email] },
      Content: {
        Simple: {
          Subject: { Data: toSingleLine(`You are invited to ${input.organizationName}'s trust center`) },
          Body: {
            Text: {
              Data:
                `You have been invited to manage ${input.organizationName}'s trust center as ${input.role}.\n\n` +
                `Accept the invitation and choose your password: ${link}\n\n` +
                `Or call POST /api/v1/invitations/accept with {"token": "${input.token}", "password": "…"}.\n` +
                `The invitation expires in ${INVITATION_DAYS} days.`,
            },
          },
        },
      },
    }),
  );
}
