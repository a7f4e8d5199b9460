import { z } from 'zod';
import { acceptInvitation } from '#services/identity/accept-invitation';
import { toApiKeyView } from '#services/identity/api-key-view';
import { createApiKey } from '#services/identity/create-api-key';
import { createOrganization } from '#services/identity/create-organization';
import { login, refresh } from '#services/identity/login';
import {
  listApiKeys,
  ROTATION_GRACE_HOURS,
  revokeApiKey,
  rotateApiKey,
} from '#services/identity/manage-api-keys';
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
  apiKeyParams,
  apiKeySummary,
  createApiKeyBody,
  createdApiKey,
  createdOrgApiKey,
  createOrganizationApiKeyBody,
  createOrganizationBody,
  loginBody,
  loginResponse,
  member,
  orgApiKeyParams,
  organization,
  orgIdParams,
  refreshBody,
  refreshResponse,
  rotatedApiKey,
} from '#services/identity/schemas';
import { ROLES } from '#shared/auth/scopes';
import { ValidationError } from '#shared/errors';
import {
  countAll,
  listBody,
  listingOf,
  listSchema,
  offsetListBody,
  offsetListSchema,
  offsetPageQuery,
  openCursor,
  pageQuery,
  readOffsetPage,
} from '#shared/http/pagination';
import { callerOf, defineRoute } from '#shared/http/route';

const service = 'identity';
const WARNING = 'This is the only time the API key will be displayed. Store it securely.';

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

const apiKeyRoutes = [
  defineRoute({
    service,
    method: 'POST',
    path: '/api/v1/integrations/api-keys',
    operationId: 'createApiKey',
    summary: 'Create an API key (shown once)',
    description:
      'Give a `role` (seed 1), a `key_type` (`read_only`, `read_write`, `admin`, `webhook`) or explicit `scopes`; ' +
      'a key never holds a scope its creator lacks.',
    tags: ['API keys'],
    auth: 'tenant',
    scope: 'api_keys:write',
    request: { body: createApiKeyBody },
    responses: { 201: { description: 'The key, with its secret, this once', schema: createdApiKey } },
    async handler({ identity, body }) {
      const creator = callerOf(identity);
      const { key, secret } = await createApiKey(creator, creator.tenantId, body);
      return {
        status: 201,
        body: {
          success: true,
          data: {
            apiKey: {
              id: key.keyId,
              name: key.name,
              key: secret,
              role: key.role ?? null,
              scopes: key.scopes,
              expires_at: key.expiresAt ?? null,
            },
            warning: WARNING,
          },
        },
      };
    },
  }),
  defineRoute({
    service,
    method: 'GET',
    path: '/api/v1/integrations/api-keys',
    operationId: 'listApiKeys',
    summary: 'List API keys (never their secrets)',
    tags: ['API keys'],
    auth: 'tenant',
    scope: 'api_keys:read',
    request: { query: z.object(pageQuery) },
    responses: { 200: { description: 'A page of keys', schema: listSchema('api_keys', apiKeySummary) } },
    async handler({ identity, query }) {
      const { tenantId } = callerOf(identity);
      const listing = listingOf('listApiKeys', tenantId, { query });
      const page = await listApiKeys(tenantId, {
        limit: query.limit,
        position: await openCursor(listing, query.cursor),
      });
      return {
        status: 200,
        body: await listBody('api_keys', listing, page.items.map(toApiKeyView), page.position),
      };
    },
  }),
  defineRoute({
    service,
    method: 'DELETE',
    path: '/api/v1/integrations/api-keys/{id}',
    operationId: 'revokeApiKey',
    summary: 'Revoke an API key',
    tags: ['API keys'],
    auth: 'tenant',
    scope: 'api_keys:write',
    request: { params: apiKeyParams },
    responses: { 204: { description: 'Revoked' } },
    async handler({ identity, params }) {
      const actor = callerOf(identity);
      await revokeApiKey(actor, actor.tenantId, params.id);
      return { status: 204 };
    },
  }),
  defineRoute({
    service,
    method: 'POST',
    path: '/api/v1/integrations/api-keys/{id}/rotate',
    operationId: 'rotateApiKey',
    summary: `Rotate an API key; the old secret keeps working for ${ROTATION_GRACE_HOURS} hours`,
    tags: ['API keys'],
    auth: 'tenant',
    scope: 'api_keys:write',
    request: { params: apiKeyParams },
    responses: { 200: { description: 'The new secret, this once', schema: rotatedApiKey } },
    async handler({ identity, params }) {
      const actor = callerOf(identity);
      const rotated = await rotateApiKey(actor, actor.tenantId, params.id);
      return {
        status: 200,
        body: {
          id: rotated.keyId,
          key: rotated.secret,
          previous_key_expires_at: rotated.previousExpiresAt,
          warning: WARNING,
        },
      };
    },
  }),
  defineRoute({
    service,
    method: 'POST',
    path: '/api/v1/organizations/{org_id}/api-keys',
    operationId: 'createOrganizationApiKey',
    summary: 'Create an API key for an organization (operators: any organization)',
    tags: ['API keys', 'Organizations'],
    auth: 'tenant',
    scope: 'api_keys:write',
    request: { params: orgIdParams, body: createOrganizationApiKeyBody },
    responses: { 201: { description: 'The key; `token` is shown this once', schema: createdOrgApiKey } },
    async handler({ identity, params, body }) {
      const creator = callerOf(identity);
      const target = await addressableOrganization(creator, params.org_id);
      if (body.organization_id !== undefined && body.organization_id !== params.org_id) {
        throw new ValidationError(
          'organization_id must match the organization in the path',
          'organization_id',
        );
      }
      const { organization_id: _path, ...options } = body;
      const { key, secret } = await createApiKey(creator, target.orgId, options);
      return {
        status: 201,
        body: {
          id: key.keyId,
          name: key.name,
          token: secret,
          scopes: key.scopes,
          expires_at: key.expiresAt ?? null,
        },
      };
    },
  }),
  defineRoute({
    service,
    method: 'GET',
    path: '/api/v1/organizations/{org_id}/api-keys',
    operationId: 'listOrganizationApiKeys',
    summary: "List an organization's API keys",
    tags: ['API keys', 'Organizations'],
    auth: 'tenant',
    scope: 'api_keys:read',
    request: { params: orgIdParams, query: z.object(offsetPageQuery) },
    responses: {
      200: {
        description: 'A page of keys, newest first, by cursor or by offset (seed 4)',
        schema: offsetListSchema('api_keys', apiKeySummary),
      },
    },
    async handler({ identity, params, query }) {
      const actor = callerOf(identity);
      const target = await addressableOrganization(actor, params.org_id);
      // Bound to caller and organization both: an operator's cursor for one org is refused for another.
      const listing = listingOf('listOrganizationApiKeys', actor.tenantId, { params, query });
      const read = (page: { limit: number; position: string | null }) => listApiKeys(target.orgId, page);
      const [page, total] = await Promise.all([readOffsetPage(listing, query, read), countAll(read)]);
      return {
        status: 200,
        body: await offsetListBody(
          'api_keys',
          listing,
          { ...page, items: page.items.map(toApiKeyView) },
          { limit: query.limit, total },
        ),
      };
    },
  }),
  defineRoute({
    service,
    method: 'DELETE',
    path: '/api/v1/organizations/{org_id}/api-keys/{key_id}',
    operationId: 'revokeOrganizationApiKey',
    summary: "Revoke one of an organization's API keys",
    tags: ['API keys', 'Organizations'],
    auth: 'tenant',
    scope: 'api_keys:write',
    request: { params: orgApiKeyParams },
    responses: { 204: { description: 'Revoked' } },
    async handler({ identity, params }) {
      const actor = callerOf(identity);
      const target = await addressableOrganization(actor, params.org_id);
      await revokeApiKey(actor, target.orgId, params.key_id);
      return { status: 204 };
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
