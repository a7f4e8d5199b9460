import * as z from 'zod';
import { acceptInvitation } from '#services/identity/accept-invitation';
import { apiKeyRoutes } from '#services/identity/api-key-routes';
import { exportRoutes } from '#services/identity/export-routes';
import { login, refresh } from '#services/identity/login';
import { organizationRoutes } from '#services/identity/organization-routes';
import { peopleRoutes } from '#services/identity/people-routes';
import { acceptInvitationBody, member } from '#services/identity/people-schemas';
import { platformKeyRoutes } from '#services/identity/platform-key-routes';
import { loginBody, loginResponse, refreshBody, refreshResponse } from '#services/identity/schemas';
import { ROLES } from '#shared/auth/scopes';
import { defineRoute } from '#shared/http/route';

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

export const identityRoutes = [
  ...sessionRoutes,
  ...organizationRoutes,
  ...exportRoutes,
  ...apiKeyRoutes,
  ...platformKeyRoutes,
  ...peopleRoutes,
];
