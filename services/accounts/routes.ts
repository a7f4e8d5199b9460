import * as z from 'zod';
import { bulkAccountSchemas, bulkAccounts } from '#services/accounts/bulk-accounts';
import { contactRoutes } from '#services/accounts/contact-routes';
import { createAccount } from '#services/accounts/create-account';
import { deleteAccount } from '#services/accounts/delete-account';
import { documentShareRoutes } from '#services/accounts/document-share-routes';
import { account, accountIdParams, createAccountBody, updateAccountBody } from '#services/accounts/schemas';
import { findAccount, listAccounts } from '#services/accounts/store';
import { updateAccount } from '#services/accounts/update-account';
import { toAccountView } from '#services/accounts/view';
import { NotFoundError } from '#shared/errors';
import { BULK_MAX_BODY_BYTES, bulkRouteDescription } from '#shared/http/bulk-schemas';
import { etagOf } from '#shared/http/etag';
import { listBody, listingOf, listSchema, openCursor, pageQuery } from '#shared/http/pagination';
import { callerOf, defineRoute } from '#shared/http/route';

const service = 'accounts';
const tags = ['Accounts'];

export const accountRoutes = [
  defineRoute({
    service,
    method: 'GET',
    path: '/api/v1/accounts',
    operationId: 'listAccounts',
    summary: 'List customer accounts',
    tags,
    auth: 'tenant',
    scope: 'accounts:read',
    request: { query: z.object(pageQuery) },
    responses: {
      200: { description: 'A page of accounts, newest first', schema: listSchema('accounts', account) },
    },
    async handler({ identity, query }) {
      const { tenantId } = callerOf(identity);
      const listing = listingOf('listAccounts', tenantId, { query });
      const page = await listAccounts(tenantId, {
        limit: query.limit,
        position: await openCursor(listing, query.cursor),
      });
      return {
        status: 200,
        body: await listBody('accounts', listing, page.items.map(toAccountView), page.position),
      };
    },
  }),
  defineRoute({
    service,
    method: 'POST',
    path: '/api/v1/accounts',
    operationId: 'createAccount',
    summary: 'Create a customer account with its contacts',
    tags,
    auth: 'tenant',
    scope: 'accounts:write',
    request: { body: createAccountBody },
    responses: { 201: { description: 'The account was created', schema: account } },
    async handler({ identity, body }) {
      const item = await createAccount(callerOf(identity), body);
      return { status: 201, body: toAccountView(item), headers: { ETag: etagOf(item.version) } };
    },
  }),
  defineRoute({
    service,
    method: 'POST',
    path: '/api/v1/accounts/bulk',
    operationId: 'bulkAccounts',
    summary: 'Create and update customer accounts in bulk',
    description: bulkRouteDescription('account', 'POST /api/v1/accounts', 'PATCH /api/v1/accounts/{id}'),
    tags,
    auth: 'tenant',
    scope: 'accounts:write',
    request: { body: bulkAccountSchemas.body, maxBodyBytes: BULK_MAX_BODY_BYTES },
    responses: {
      200: { description: 'Every operation was tried; one result each', schema: bulkAccountSchemas.response },
      400: {
        description: 'Invalid request, or (all_or_nothing) an operation failed and nothing was written',
        schema: bulkAccountSchemas.failure,
      },
      409: {
        description: 'all_or_nothing: a concurrent change refused the transaction; nothing was written',
        schema: bulkAccountSchemas.failure,
      },
    },
    async handler({ identity, body, correlationId }) {
      return { status: 200, body: await bulkAccounts(callerOf(identity), body, correlationId) };
    },
  }),
  defineRoute({
    service,
    method: 'GET',
    path: '/api/v1/accounts/{id}',
    operationId: 'getAccount',
    summary: 'Get a customer account',
    tags,
    auth: 'tenant',
    scope: 'accounts:read',
    request: { params: accountIdParams },
    responses: { 200: { description: 'The account', schema: account } },
    async handler({ identity, params }) {
      const item = await findAccount(callerOf(identity).tenantId, params.id);
      if (!item) throw new NotFoundError('No such account', 'id');
      return { status: 200, body: toAccountView(item), headers: { ETag: etagOf(item.version) } };
    },
  }),
  defineRoute({
    service,
    method: 'PATCH',
    path: '/api/v1/accounts/{id}',
    operationId: 'updateAccount',
    summary: 'Update a customer account',
    description:
      'Send `If-Match` with the ETag from a previous read to refuse the update (412) if the account changed since.',
    tags,
    auth: 'tenant',
    scope: 'accounts:write',
    request: { params: accountIdParams, body: updateAccountBody },
    responses: { 200: { description: 'The updated account', schema: account } },
    async handler({ identity, params, body, headers }) {
      const item = await updateAccount(callerOf(identity), params.id, body, headers['if-match']);
      return { status: 200, body: toAccountView(item), headers: { ETag: etagOf(item.version) } };
    },
  }),
  defineRoute({
    service,
    method: 'DELETE',
    path: '/api/v1/accounts/{id}',
    operationId: 'deleteAccount',
    summary: 'Delete a customer account with its contacts',
    description: 'An `If-Match` header, when sent, must name the current version (else 412).',
    tags,
    auth: 'tenant',
    scope: 'accounts:write',
    request: { params: accountIdParams },
    responses: { 204: { description: 'The account was deleted' } },
    async handler({ identity, params, headers }) {
      await deleteAccount(callerOf(identity), params.id, headers['if-match']);
      return { status: 204 };
    },
  }),
  ...contactRoutes,
  ...documentShareRoutes,
];
