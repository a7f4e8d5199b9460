import * as z from 'zod';
import { currentMember, updateCurrentUser } from '#services/identity/current-user';
import { inviteUser } from '#services/identity/invite-user';
import { listInvitations, resendInvitation, revokeInvitation } from '#services/identity/manage-invitations';
import { changeMemberRole, findMember, listMembers, removeMember } from '#services/identity/manage-members';
import { toCurrentUserView, toInvitationView, toMemberView } from '#services/identity/member-view';
import { organizationPeopleRoutes } from '#services/identity/organization-people-routes';
import {
  changeRoleBody,
  currentUser,
  invitation,
  invitationIdParams,
  invitationStatusQuery,
  inviteUserBody,
  member,
  updateCurrentUserBody,
  userIdParams,
} from '#services/identity/people-schemas';
import { errorBody } from '#shared/http/error-responses';
import { listBody, listingOf, listSchema, openCursor, pageQuery } from '#shared/http/pagination';
import { callerOf, defineRoute } from '#shared/http/route';

/** The people of a tenant: seed 1's `/users` and the invitations behind them; seed 4's paths beside. */
const service = 'identity';
const tags = ['Users'];
const lastOwner = {
  description: 'The change would leave the organization without an owner',
  schema: errorBody,
};

const userRoutes = [
  defineRoute({
    service,
    method: 'GET',
    path: '/api/v1/users',
    operationId: 'listUsers',
    summary: 'List the users of the organization',
    description:
      "The people who joined; invited people are listed under `/invitations` (seed 4's members list shows " +
      'them as `pending_invite`).',
    tags,
    auth: 'tenant',
    scope: 'users:read',
    request: { query: z.object(pageQuery) },
    responses: { 200: { description: 'A page of users, oldest first', schema: listSchema('users', member) } },
    async handler({ identity, query }) {
      const { tenantId } = callerOf(identity);
      const listing = listingOf('listUsers', tenantId, { query });
      const page = await listMembers(tenantId, {
        limit: query.limit,
        position: await openCursor(listing, query.cursor),
      });
      return {
        status: 200,
        body: await listBody('users', listing, page.items.map(toMemberView), page.position),
      };
    },
  }),
  defineRoute({
    service,
    method: 'POST',
    path: '/api/v1/users',
    operationId: 'inviteUser',
    summary: 'Invite a user by email',
    description:
      'The person is emailed a link to accept and choose a password, and becomes a user then. Only an ' +
      'owner may invite an owner. 409 when the email already belongs to a user or has a pending invitation.',
    tags,
    auth: 'tenant',
    scope: 'users:write',
    request: { body: inviteUserBody },
    responses: { 201: { description: 'The invitation, which was emailed', schema: invitation } },
    async handler({ identity, body }) {
      const actor = callerOf(identity);
      const invited = await inviteUser(actor, actor.tenantId, body);
      return { status: 201, body: toInvitationView(invited) };
    },
  }),
  defineRoute({
    service,
    method: 'GET',
    path: '/api/v1/users/me',
    operationId: 'getCurrentUser',
    summary: 'The signed-in user',
    description: 'For people only: an API key is answered 403.',
    tags,
    auth: 'tenant',
    scope: 'profile:read',
    responses: { 200: { description: 'The signed-in user', schema: currentUser } },
    async handler({ identity }) {
      return { status: 200, body: toCurrentUserView(await currentMember(callerOf(identity))) };
    },
  }),
  defineRoute({
    service,
    method: 'PATCH',
    path: '/api/v1/users/me',
    operationId: 'updateCurrentUser',
    summary: 'Change your own name or language',
    description:
      "For people only: an API key is answered 403. Seed 4's own settings: every role but `viewer` " +
      '(read-only) may change them.',
    tags,
    auth: 'tenant',
    scope: 'profile:write',
    request: { body: updateCurrentUserBody },
    responses: { 200: { description: 'The signed-in user, changed', schema: currentUser } },
    async handler({ identity, body }) {
      return { status: 200, body: toCurrentUserView(await updateCurrentUser(callerOf(identity), body)) };
    },
  }),
  defineRoute({
    service,
    method: 'GET',
    path: '/api/v1/users/{id}',
    operationId: 'getUser',
    summary: 'Get a user',
    tags,
    auth: 'tenant',
    scope: 'users:read',
    request: { params: userIdParams },
    responses: { 200: { description: 'The user', schema: member } },
    async handler({ identity, params }) {
      return { status: 200, body: toMemberView(await findMember(callerOf(identity).tenantId, params.id)) };
    },
  }),
  defineRoute({
    service,
    method: 'PATCH',
    path: '/api/v1/users/{id}',
    operationId: 'changeUserRole',
    summary: "Change a user's role",
    description:
      'Only an owner may grant or take away the owner role, and the last owner keeps it. The new ' +
      "role's scopes apply once the authorizer's cached decision for the user's token expires.",
    tags,
    auth: 'tenant',
    scope: 'users:write',
    request: { params: userIdParams, body: changeRoleBody },
    responses: { 200: { description: 'The user with the new role', schema: member }, 409: lastOwner },
    async handler({ identity, params, body }) {
      const actor = callerOf(identity);
      const changed = await changeMemberRole(actor, actor.tenantId, params.id, body.role);
      return { status: 200, body: toMemberView(changed) };
    },
  }),
  defineRoute({
    service,
    method: 'DELETE',
    path: '/api/v1/users/{id}',
    operationId: 'removeUser',
    summary: 'Remove a user and delete their sign-in',
    description: 'Only an owner may remove an owner, and never the last one.',
    tags,
    auth: 'tenant',
    scope: 'users:write',
    request: { params: userIdParams },
    responses: { 204: { description: 'Removed' }, 409: lastOwner },
    async handler({ identity, params }) {
      const actor = callerOf(identity);
      await removeMember(actor, actor.tenantId, params.id);
      return { status: 204 };
    },
  }),
];

const invitationRoutes = [
  defineRoute({
    service,
    method: 'GET',
    path: '/api/v1/invitations',
    operationId: 'listInvitations',
    summary: 'List invitations, newest first',
    tags,
    auth: 'tenant',
    scope: 'users:read',
    request: { query: z.object({ ...pageQuery, status: invitationStatusQuery }) },
    responses: {
      200: { description: 'A page of invitations', schema: listSchema('invitations', invitation) },
    },
    async handler({ identity, query }) {
      const { tenantId } = callerOf(identity);
      const listing = listingOf('listInvitations', tenantId, { query });
      const page = await listInvitations(tenantId, {
        limit: query.limit,
        position: await openCursor(listing, query.cursor),
        status: query.status,
      });
      const views = page.items.map((item) => toInvitationView(item));
      return { status: 200, body: await listBody('invitations', listing, views, page.position) };
    },
  }),
  defineRoute({
    service,
    method: 'POST',
    path: '/api/v1/invitations/{id}/resend',
    operationId: 'resendInvitation',
    summary: 'Email an invitation again, with a new link and a new expiry',
    description: 'The previous link stops working.',
    tags,
    auth: 'tenant',
    scope: 'users:write',
    request: { params: invitationIdParams },
    responses: { 200: { description: 'The invitation, sent again', schema: invitation } },
    async handler({ identity, params }) {
      const actor = callerOf(identity);
      return {
        status: 200,
        body: toInvitationView(await resendInvitation(actor, actor.tenantId, params.id)),
      };
    },
  }),
  defineRoute({
    service,
    method: 'DELETE',
    path: '/api/v1/invitations/{id}',
    operationId: 'revokeInvitation',
    summary: 'Revoke an invitation; its link stops working',
    tags,
    auth: 'tenant',
    scope: 'users:write',
    request: { params: invitationIdParams },
    responses: {
      204: { description: 'Revoked' },
      409: { description: 'The invitation was already accepted', schema: errorBody },
    },
    async handler({ identity, params }) {
      const actor = callerOf(identity);
      await revokeInvitation(actor, actor.tenantId, params.id);
      return { status: 204 };
    },
  }),
];

export const peopleRoutes = [...userRoutes, ...invitationRoutes, ...organizationPeopleRoutes];
