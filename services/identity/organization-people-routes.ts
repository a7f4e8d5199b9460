import * as z from 'zod';
import { mfaEnabled } from '#services/identity/cognito-membership';
import { inviteUser } from '#services/identity/invite-user';
import {
  countInvitations,
  listInvitations,
  resendInvitation,
  revokeInvitation,
} from '#services/identity/manage-invitations';
import { changeMemberRole, listMembers, removeMember } from '#services/identity/manage-members';
import { toOrganizationInvitationView, toOrganizationMemberView } from '#services/identity/member-view';
import { addressableOrganization, membersCount } from '#services/identity/organizations';
import {
  changeRoleBody,
  invitationStatusQuery,
  invitedOrganizationMember,
  inviteUserBody,
  organizationInvitation,
  organizationMember,
  orgInvitationParams,
  orgMemberParams,
} from '#services/identity/people-schemas';
import { orgIdParams } from '#services/identity/schemas';
import type { MemberItem } from '#services/identity/store';
import { errorBody } from '#shared/http/error-responses';
import {
  listingOf,
  offsetListBody,
  offsetListSchema,
  offsetPageQuery,
  readOffsetPage,
} from '#shared/http/pagination';
import { callerOf, defineRoute } from '#shared/http/route';

const service = 'identity';
const orgTags = ['Users', 'Organizations'];
const lastOwner = {
  description: 'The change would leave the organization without an owner',
  schema: errorBody,
};

/** Seed 4's member paths see invited people (`pending_invite`) by the id the add-member answer gave. */
const seed4Member = { param: 'user_id', includePending: true };

async function withMfa(item: MemberItem) {
  // An invited person has no sign-in of this organization yet, so no second factor either.
  const mfa = item.status === 'pending_invite' ? false : await mfaEnabled(item.email);
  return toOrganizationMemberView(item, mfa);
}

/** Seed 4's paths and shapes over the same data; members their own organization, operators any. */
export const organizationPeopleRoutes = [
  defineRoute({
    service,
    method: 'GET',
    path: '/api/v1/organizations/{org_id}/members',
    operationId: 'listOrganizationMembers',
    summary: "List an organization's members",
    description:
      'Invited people are members `pending_invite` until they accept; `total` counts them (as `members_count` does).',
    tags: orgTags,
    auth: 'tenant',
    scope: 'users:read',
    request: { params: orgIdParams, query: z.object(offsetPageQuery) },
    responses: {
      200: {
        description:
          'A page of members, oldest first, by cursor or by offset (seed 4), and how many there are',
        schema: offsetListSchema('members', organizationMember),
      },
    },
    async handler({ identity, params, query }) {
      const actor = callerOf(identity);
      const target = await addressableOrganization(actor, params.org_id);
      // Bound to caller and organization both: an operator's cursor for one org is refused for another.
      const listing = listingOf('listOrganizationMembers', actor.tenantId, { params, query });
      const [page, total] = await Promise.all([
        readOffsetPage(listing, query, (read) => listMembers(target.orgId, read, seed4Member)),
        membersCount(target.orgId),
      ]);
      const views = await Promise.all(page.items.map(withMfa));
      return {
        status: 200,
        body: await offsetListBody(
          'members',
          listing,
          { ...page, items: views },
          { limit: query.limit, total },
        ),
      };
    },
  }),
  defineRoute({
    service,
    method: 'POST',
    path: '/api/v1/organizations/{org_id}/members',
    operationId: 'addOrganizationMember',
    summary: 'Invite a member to an organization',
    description:
      'The person is emailed an invitation and is a member `pending_invite` until they accept, then ' +
      '`active`. `id` is the member id (`usr_…`) throughout: it works with PATCH and DELETE ' +
      "`…/members/{user_id}` at once (a pending member's role change changes the invitation; removing " +
      'one revokes it), and the members list and `members_count` include pending members. The invitation ' +
      'itself is listed under `…/invitations`. 409 when the email is already a member or has a live ' +
      'invitation (resend it instead).',
    tags: orgTags,
    auth: 'tenant',
    scope: 'users:write',
    request: { params: orgIdParams, body: inviteUserBody },
    responses: { 201: { description: 'The invited member', schema: invitedOrganizationMember } },
    async handler({ identity, params, body }) {
      const actor = callerOf(identity);
      const target = await addressableOrganization(actor, params.org_id);
      const invited = await inviteUser(actor, target.orgId, body);
      return {
        status: 201,
        body: {
          id: invited.userId,
          email: invited.email,
          name: invited.name ?? null,
          role: invited.role,
          status: 'pending_invite',
          invitation_sent_at: invited.sentAt,
        },
      };
    },
  }),
  defineRoute({
    service,
    method: 'PATCH',
    path: '/api/v1/organizations/{org_id}/members/{user_id}',
    operationId: 'updateOrganizationMember',
    summary: "Change a member's role",
    description:
      'Only an owner may grant or take away the owner role, and the last owner keeps it. For a member ' +
      '`pending_invite`, the invitation takes the new role too.',
    tags: orgTags,
    auth: 'tenant',
    scope: 'users:write',
    request: { params: orgMemberParams, body: changeRoleBody },
    responses: {
      200: { description: 'The member with the new role', schema: organizationMember },
      409: lastOwner,
    },
    async handler({ identity, params, body }) {
      const actor = callerOf(identity);
      const target = await addressableOrganization(actor, params.org_id);
      const changed = await changeMemberRole(actor, target.orgId, params.user_id, body.role, seed4Member);
      return { status: 200, body: await withMfa(changed) };
    },
  }),
  defineRoute({
    service,
    method: 'DELETE',
    path: '/api/v1/organizations/{org_id}/members/{user_id}',
    operationId: 'removeOrganizationMember',
    summary: 'Remove a member from an organization',
    description:
      'Only an owner may remove an owner, and never the last one. Removing a member `pending_invite` ' +
      'revokes their invitation.',
    tags: orgTags,
    auth: 'tenant',
    scope: 'users:write',
    request: { params: orgMemberParams },
    responses: { 204: { description: 'Removed' }, 409: lastOwner },
    async handler({ identity, params }) {
      const actor = callerOf(identity);
      const target = await addressableOrganization(actor, params.org_id);
      await removeMember(actor, target.orgId, params.user_id, seed4Member);
      return { status: 204 };
    },
  }),
  defineRoute({
    service,
    method: 'GET',
    path: '/api/v1/organizations/{org_id}/invitations',
    operationId: 'listOrganizationInvitations',
    summary: "List an organization's invitations, newest first",
    tags: orgTags,
    auth: 'tenant',
    scope: 'users:read',
    request: {
      params: orgIdParams,
      query: z.object({ ...offsetPageQuery, status: invitationStatusQuery }),
    },
    responses: {
      200: {
        description:
          'A page of invitations, newest first, by cursor or by offset (seed 4), and how many match',
        schema: offsetListSchema('invitations', organizationInvitation),
      },
    },
    async handler({ identity, params, query }) {
      const actor = callerOf(identity);
      const target = await addressableOrganization(actor, params.org_id);
      const listing = listingOf('listOrganizationInvitations', actor.tenantId, { params, query });
      const now = new Date();
      const [page, total] = await Promise.all([
        readOffsetPage(listing, query, (read) =>
          listInvitations(target.orgId, { ...read, status: query.status }, now),
        ),
        countInvitations(target.orgId, query.status, now),
      ]);
      const views = page.items.map((item) => toOrganizationInvitationView(item, now));
      return {
        status: 200,
        body: await offsetListBody(
          'invitations',
          listing,
          { ...page, items: views },
          { limit: query.limit, total },
        ),
      };
    },
  }),
  defineRoute({
    service,
    method: 'POST',
    path: '/api/v1/organizations/{org_id}/invitations/{invitation_id}/resend',
    operationId: 'resendOrganizationInvitation',
    summary: 'Email an invitation again, with a new link and a new expiry',
    description: 'The previous link stops working.',
    tags: orgTags,
    auth: 'tenant',
    scope: 'users:write',
    request: { params: orgInvitationParams },
    responses: { 200: { description: 'The invitation, sent again', schema: organizationInvitation } },
    async handler({ identity, params }) {
      const actor = callerOf(identity);
      const target = await addressableOrganization(actor, params.org_id);
      const resent = await resendInvitation(actor, target.orgId, params.invitation_id, 'invitation_id');
      return { status: 200, body: toOrganizationInvitationView(resent) };
    },
  }),
  defineRoute({
    service,
    method: 'DELETE',
    path: '/api/v1/organizations/{org_id}/invitations/{invitation_id}',
    operationId: 'revokeOrganizationInvitation',
    summary: "Revoke one of an organization's invitations",
    tags: orgTags,
    auth: 'tenant',
    scope: 'users:write',
    request: { params: orgInvitationParams },
    responses: {
      204: { description: 'Revoked' },
      409: { description: 'The invitation was already accepted', schema: errorBody },
    },
    async handler({ identity, params }) {
      const actor = callerOf(identity);
      const target = await addressableOrganization(actor, params.org_id);
      await revokeInvitation(actor, target.orgId, params.invitation_id, 'invitation_id');
      return { status: 204 };
    },
  }),
];
