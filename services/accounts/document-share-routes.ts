import * as z from 'zod';
import { accountIdParams, shareAccessLevel, shareDocumentsBody } from '#services/accounts/schemas';
import { shareDocuments } from '#services/accounts/share-documents';
import { findAccount } from '#services/accounts/store';
import { NotFoundError } from '#shared/errors';
import { etagOf } from '#shared/http/etag';
import { callerOf, defineRoute } from '#shared/http/route';

const service = 'accounts';
const tags = ['Accounts'];
export const sharedDocuments = z
  .object({
    account_id: z.string(),
    documents: z.array(
      z.object({ document_id: z.string(), access_level: shareAccessLevel, shared_at: z.iso.datetime() }),
    ),
  })
  .meta({ id: 'SharedDocuments' });

const toView = (
  accountId: string,
  documents: { documentId: string; accessLevel: string; sharedAt: string }[],
) => ({
  account_id: accountId,
  documents: documents.map((document) => ({
    document_id: document.documentId,
    access_level: document.accessLevel as z.output<typeof shareAccessLevel>,
    shared_at: document.sharedAt,
  })),
});

export const documentShareRoutes = [
  defineRoute({
    service,
    method: 'PATCH',
    path: '/api/v1/accounts/{id}/documents',
    operationId: 'shareDocumentsWithAccount',
    summary: 'Share documents with a customer account at an access level',
    description:
      'Sharing a document that is already shared changes its access level. `If-Match` names the account version.',
    tags,
    auth: 'tenant',
    scope: 'accounts:write',
    request: { params: accountIdParams, body: shareDocumentsBody },
    responses: {
      200: { description: 'Every document now shared with the account', schema: sharedDocuments },
    },
    async handler({ identity, params, body, headers }) {
      const shared = await shareDocuments(callerOf(identity), params.id, body, headers['if-match']);
      return {
        status: 200,
        body: toView(params.id, shared.documents),
        headers: { ETag: etagOf(shared.account.version) },
      };
    },
  }),
  defineRoute({
    service,
    method: 'GET',
    path: '/api/v1/accounts/{id}/documents',
    operationId: 'listAccountDocuments',
    summary: 'The documents shared with a customer account',
    tags,
    auth: 'tenant',
    scope: 'accounts:read',
    request: { params: accountIdParams },
    responses: {
      200: { description: 'The shared documents and their access levels', schema: sharedDocuments },
    },
    async handler({ identity, params }) {
      const account = await findAccount(callerOf(identity).tenantId, params.id);
      if (!account) throw new NotFoundError('No such account', 'id');
      return {
        status: 200,
        body: toView(params.id, account.sharedDocuments ?? []),
        headers: { ETag: etagOf(account.version) },
      };
    },
  }),
];
