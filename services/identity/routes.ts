import * as z from 'zod';
import { acceptInvitation } from '#services/identity/accept-invitation';
import { apiKeyRoutes } from '#services/identity/api-key-routes';
import { createOrganization } from '#services/identity/create-organization';
import { login, refresh } from '#services/identity/login';
import {
  addressableOrganization,
  listOrganizations,
  membersCount,
  organizationsCount,
  toOrganizationView,
} from '#services/identity/organizations';
import { peopleRoutes } from '#services/identity/people-routes';
import { platformKeyRoutes } from '#services/identity/platform-key-routes';
import {
  acceptInvitationBody,
  createOrganizationBody,
  loginBody,
  loginResponse,
  member,
  organization,
  orgIdParams,
  refreshBody,
  refreshResponse,
} from '#services/identity/schemas';
import { ROLES } from '#shared/auth/scopes';
import {
  listingOf,
  offsetListBody,
  offsetListSchema,
  offsetPageQuery,
  readOffsetPage,
} from '#shared/http/pagination';
import { callerOf, defineRoute } from '#shared/http/route';

const service = 'identity';

const sessionRoutes = [
  defineRoute({
    service,
    method: 'POST',
    path: '/api/v1/login',
    operationId: 'login',
    summary: 'Sign in with email and password',
    tags: ['Authentication'],
    auth: 'public',
    request: { body: loginBody },
    responses: { 200: { description: 'An access token (and a refresh token)', schema: loginResponse } },
    async handler({ body, sourceIp, headers }) {
      const source = { ip: sourceIp, userAgent: headers['user-agent']?.slice(0, 512) };
      return { status: 200, body: await login(body.email, body.password, source) };
    },
  }),
  defineRoute({
    service,
    method: 'POST',
    path: '/api/v1/login/refresh',
    operationId: 'refreshLogin',
    summary: 'Exchange a refresh token for a new access token',
    tags: ['Authentication'],
    auth: 'public',
    request: { body: refreshBody },
    responses: { 200: { description: 'A new access token', schema: refreshResponse } },
    async handler({ body }) {
      return { status: 200, body: await refresh(body.refreshToken) };
    },
  }),
  defineRoute({
    service,
    method: 'POST',
    path: '/api/v1/invitations/accept',
    operationId: 'acceptInvitation',
    summary: 'Accept an invitation and choose a password',
    tags: ['Users'],
    auth: 'public',
    request: { body: acceptInvitationBody },
    responses: { 201: { description: 'The new member, who can now sign in', schema: member } },
    async handler({ body }) {
      const joined = await acceptInvitation(body);
      return {
        status: 201,
        body: {
          id: joined.userId,
          email: joined.email,
          name: joined.name ?? null,
          role: joined.role,
          status: joined.status,
          created_at: joined.createdAt,
          last_login: null,
        },
      };
    },
  }),
  defineRoute({
    service,
    method: 'GET',
    path: '/api/v1/roles',
    operationId: 'listRoles',
    summary: 'The roles and the scopes each grants',
    tags: ['Users'],
    auth: 'tenant',
    operators: true,
    responses: {
      200: {
        description: 'Every role',
        schema: z.object({
          roles: z.array(
            z.object({ name: z.string(), description: z.string(), scopes: z.array(z.string()) }),
          ),
        }),
      },
    },
    async handler() {
      const roles = Object.entries(ROLES).map(([name, role]) => ({
        name,
        description: role.description,
        scopes: [...role.scopes],
      }));
      return { status: 200, body: { roles } };
    },
  }),
];

const organizationRoutes = [
  defineRoute({
    service,
    method: 'POST',
    path: '/api/v1/organizations',
    operationId: 'createOrganization',
    summary: 'Create an organization (tenant) and invite its owner',
    tags: ['Organizations'],
    auth: 'operator',
    // Operators who sign in hold every scope; a platform key needs admin:orgs.
    scope: 'organization:write',
    request: { body: createOrganizationBody },
    responses: {
      201: { description: 'The organization; its owner was sent an invitation', schema: organization },
    },
    async handler({ identity, body }) {
      const created = await createOrganization(callerOf(identity), body);
      return { status: 201, body: toOrganizationView(created, 0) };
    },
  }),
  defineRoute({
    service,
    method: 'GET',
    path: '/api/v1/organizations',
    operationId: 'listOrganizations',
    summary: 'List every organization',
    tags: ['Organizations'],
    auth: 'operator',
    scope: 'organization:read',
    request: { query: z.object(offsetPageQuery) },
    responses: {
      200: {
        description: 'A page of organizations, newest first, by cursor or by offset (seed 4)',
        schema: offsetListSchema('organizations', organization),
      },
    },
    async handler({ identity, query }) {
      const { tenantId } = callerOf(identity);
      const listing = listingOf('listOrganizations', tenantId, { query });
      const [page, total] = await Promise.all([
        readOffsetPage(listing, query, listOrganizations),
        organizationsCount(),
      ]);
      const views = await Promise.all(
        page.items.map(async (item) => toOrganizationView(item, await membersCount(item.orgId))),
      );
      return {
        status: 200,
        body: await offsetListBody(
          'organizations',
          listing,
          { ...page, items: views },
          { limit: query.limit, total },
        ),
      };
    },
  }),
  defineRoute({
    service,
    method: 'GET',
    path: '/api/v1/organizations/{org_id}',
    operationId: 'getOrganization',
    summary: 'Get an organization',
    description: 'Members may read their own organization; platform operators any.',
    tags: ['Organizations'],
    auth: 'tenant',
    scope: 'organization:read',
    request: { params: orgIdParams },
    responses: { 200: { description: 'The organization', schema: organization } },
    async handler({ identity, params }) {
      const found = await addressableOrganization(callerOf(identity), params.org_id);
      return { status: 200, body: toOrganizationView(found, await membersCount(found.orgId)) };
    },
  }),
];

export const identityRoutes = [
  ...sessionRoutes,
  ...organizationRoutes,
  ...apiKeyRoutes,
  ...platformKeyRoutes,
  ...peopleRoutes,
];
