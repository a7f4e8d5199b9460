/**
 * People: the users and invitations of a tenant (seed 1's `/users`, seed 4's members and invitations), and
 * accepting an invitation.
 */
import * as z from 'zod';
import { MEMBER_STATUSES, type MemberStatus } from '#services/identity/member-statuses';
import { email, orgIdParams, role } from '#services/identity/schemas';
import { singleLine } from '#shared/http/text-fields';
import { idPattern } from '#shared/ids';
import { LANGUAGES } from '#shared/languages';

const password = singleLine(256, { min: 0, trim: false }).min(12, 'Use at least 12 characters');

export const acceptInvitationBody = z
  .strictObject({
    token: singleLine(200, { min: 20, trim: false }),
    password,
    name: singleLine(200).optional(),
  })
  .meta({ id: 'AcceptInvitationRequest' });

/**
 * A person's standing in a tenant: `pending_invite` from the invitation (seed 4's add-member answer) until
 * it is accepted, `active` after; `disabled` cannot sign in.
 */
export { MEMBER_STATUSES, type MemberStatus };

export const member = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string().nullable(),
    role: z.string(),
    status: z.enum(MEMBER_STATUSES),
    created_at: z.iso.datetime(),
    last_login: z.iso
      .datetime()
      .nullable()
      .describe('When the person last signed in with their password; null until they first do.'),
  })
  .meta({ id: 'Member' });

const personName = singleLine(200);

export const userIdParams = z.strictObject({ id: z.string().regex(idPattern('user'), 'Not a user id') });
export const invitationIdParams = z.strictObject({
  id: z.string().regex(idPattern('invitation'), 'Not an invitation id'),
});
export const orgMemberParams = z.strictObject({
  org_id: orgIdParams.shape.org_id,
  user_id: z.string().regex(idPattern('user'), 'Not a user id'),
});
export const orgInvitationParams = z.strictObject({
  org_id: orgIdParams.shape.org_id,
  invitation_id: z.string().regex(idPattern('invitation'), 'Not an invitation id'),
});

export const inviteUserBody = z
  .strictObject({ email, name: personName.optional(), role })
  .meta({ id: 'InviteUserRequest' });
export const changeRoleBody = z.strictObject({ role }).meta({ id: 'ChangeRoleRequest' });
export const updateCurrentUserBody = z
  .strictObject({ name: personName.optional(), language: z.enum(LANGUAGES).optional() })
  .meta({ id: 'UpdateCurrentUserRequest' });

/** `expired` is a pending invitation past its expiry; it can still be resent. */
export const INVITATION_STATUSES = ['pending', 'accepted', 'revoked', 'expired'] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];
export const invitationStatusQuery = z
  .enum(INVITATION_STATUSES)
  .optional()
  .describe('Only invitations in this status.');

export const invitation = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string().nullable(),
    role: z.string(),
    status: z.enum(INVITATION_STATUSES),
    sent_at: z.iso.datetime(),
    expires_at: z.iso.datetime(),
    created_at: z.iso.datetime(),
  })
  .meta({ id: 'Invitation' });

/** The signed-in person: a member plus their language. */
export const currentUser = member
  .extend({ language: z.enum(LANGUAGES).nullable() })
  .meta({ id: 'CurrentUser' });

/** Seed 4's member, on the organization paths: ours plus whether MFA is on. */
export const organizationMember = member
  .extend({ mfa_enabled: z.boolean() })
  .meta({ id: 'OrganizationMember' });

/**
 * Seed 4's answer to adding a member: the person is invited and `pending_invite`; `id` is the member's
 * (`usr_…`), the same before and after they accept, and works with PATCH and DELETE `…/members/{user_id}`.
 */
export const invitedOrganizationMember = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string().nullable(),
    role: z.string(),
    status: z.literal('pending_invite'),
    invitation_sent_at: z.iso.datetime(),
  })
  .meta({ id: 'InvitedOrganizationMember' });

/** Seed 4's invitation, on the organization paths. */
export const organizationInvitation = z
  .object({
    id: z.string(),
    email: z.string(),
    role: z.string(),
    sent_at: z.iso.datetime(),
    expires_at: z.iso.datetime(),
    status: z.enum(INVITATION_STATUSES),
  })
  .meta({ id: 'OrganizationInvitation' });

export type InviteUserBody = z.output<typeof inviteUserBody>;
export type UpdateCurrentUserBody = z.output<typeof updateCurrentUserBody>;
