import * as z from 'zod';
import {
  apiKeyParams,
  apiKeySummary,
  createdOrgApiKey,
  createOrganizationApiKeyBody,
} from '#services/identity/api-key-schemas';
import { toApiKeyViews, toCreatedOrgApiKey } from '#services/identity/api-key-view';
import { OPERATOR_TENANT } from '#services/identity/authorize';
import { createApiKey } from '#services/identity/create-api-key';
import { listApiKeys, revokeApiKey } from '#services/identity/manage-api-keys';
import { addressableOrganization } from '#services/identity/organizations';
import { listBody, listingOf, listSchema, openCursor, pageQuery } from '#shared/http/pagination';
import { callerOf, defineRoute } from '#shared/http/route';

// Seed 3's admin API: `POST /admin/v1/api-keys {organization_id, name, scopes}`, here at /api/v1/api-keys.
// Without `organization_id` the key is a platform key: it belongs to the operators and calls the operator
// routes (and an organization's routes by its id) with the scopes it holds, so seed 3's client, written
// around an admin API key, runs as the seed shows it.

const service = 'identity';
const tags = ['API keys', 'Platform'];

export const platformKeyRoutes = [
  defineRoute({
    service,
    method: 'POST',
    path: '/api/v1/api-keys',
    operationId: 'createPlatformApiKey',
    summary: 'Create an API key for an organization, or a platform key (seed 3)',
    description:
      'Seed 3’s admin API. With `organization_id`, a key of that organization, as `POST /api/v1/organizations/{org_id}/api-keys` makes it. ' +
      'Without it, a **platform key**: it acts as a platform operator on the operator routes and on `/api/v1/organizations/{org_id}/…`, limited to its scopes ' +
      '(`admin:orgs` = `organization:read`/`write`, `admin:keys` = `api_keys:read`/`write`, `admin:users` = `users:read`/`write`; `audit_logs:read` for `GET /audit-logs?org_id=`). ' +
      'A key never holds a scope its creator lacks, so a platform key that mints organization keys holds their scopes too. The token is shown this once.',
    tags,
    auth: 'operator',
    scope: 'api_keys:write',
    request: { body: createOrganizationApiKeyBody },
    responses: { 201: { description: 'The key; `token` is shown this once', schema: createdOrgApiKey } },
    async handler({ identity, body }) {
      const creator = callerOf(identity);
      const { organization_id: organizationId, ...options } = body;
      const owner =
        organizationId === undefined
          ? OPERATOR_TENANT
          : (await addressableOrganization(creator, organizationId, 'organization_id')).orgId;
      const { key, secret } = await createApiKey(creator, owner, options);
      return { status: 201, body: toCreatedOrgApiKey(key, secret) };
    },
  }),
  defineRoute({
    service,
    method: 'GET',
    path: '/api/v1/api-keys',
    operationId: 'listPlatformApiKeys',
    summary: 'List the platform keys (never their secrets)',
    tags,
    auth: 'operator',
    scope: 'api_keys:read',
    request: { query: z.object(pageQuery) },
    responses: { 200: { description: 'A page of keys', schema: listSchema('api_keys', apiKeySummary) } },
    async handler({ identity, query }) {
      const caller = callerOf(identity);
      const listing = listingOf('listPlatformApiKeys', caller.tenantId, { query });
      const page = await listApiKeys(OPERATOR_TENANT, {
        limit: query.limit,
        position: await openCursor(listing, query.cursor),
      });
      return {
        status: 200,
        body: await listBody(
          'api_keys',
          listing,
          await toApiKeyViews(OPERATOR_TENANT, page.items),
          page.position,
        ),
      };
    },
  }),
  defineRoute({
    service,
    method: 'DELETE',
    path: '/api/v1/api-keys/{id}',
    operationId: 'revokePlatformApiKey',
    summary: 'Revoke a platform key',
    tags,
    auth: 'operator',
    scope: 'api_keys:write',
    request: { params: apiKeyParams },
    responses: { 204: { description: 'Revoked' } },
    async handler({ identity, params }) {
      await revokeApiKey(callerOf(identity), OPERATOR_TENANT, params.id);
      return { status: 204 };
    },
  }),
];
