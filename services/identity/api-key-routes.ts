import * as z from 'zod';
import {
  apiKeyParams,
  apiKeySummary,
  createApiKeyBody,
  createdApiKey,
  createdOrgApiKey,
  createOrganizationApiKeyBody,
  orgApiKeyParams,
  rotatedApiKey,
} from '#services/identity/api-key-schemas';
import { toApiKeyViews, toCreatedOrgApiKey } from '#services/identity/api-key-view';
import { createApiKey } from '#services/identity/create-api-key';
import {
  listApiKeys,
  ROTATION_GRACE_HOURS,
  revokeApiKey,
  rotateApiKey,
} from '#services/identity/manage-api-keys';
import { addressableOrganization } from '#services/identity/organizations';
import { orgIdParams } from '#services/identity/schemas';
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

/** Seed 1's API keys and seed 4's organization keys: create, list, revoke, rotate. */
export const apiKeyRoutes = [
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
        body: await listBody('api_keys', listing, await toApiKeyViews(tenantId, page.items), page.position),
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
      return { status: 201, body: toCreatedOrgApiKey(key, secret) };
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
          { ...page, items: await toApiKeyViews(target.orgId, page.items) },
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
