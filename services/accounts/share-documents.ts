import { type AccountItem, accounts, findAccount } from '#services/accounts/store';
import { missingDocuments } from '#services/documents/public';
import type { AccessLevel } from '#shared/access-levels';
import { requireScopes } from '#shared/auth/authority';
import type { Identity } from '#shared/auth/identity';
import { config } from '#shared/config';
import { asUpdate } from '#shared/data/outbox';
import { ConflictError, NotFoundError } from '#shared/errors';
import { domainEvent } from '#shared/events/envelope';
import { checkIfMatch, commitIfCurrent } from '#shared/http/etag';

export type SharedDocument = NonNullable<AccountItem['sharedDocuments']>[number];

/** An account holds at most this many shares, which keeps its item far below DynamoDB's 400 KB. */
export const MAX_SHARED_DOCUMENTS = 500;

/**
 * Shares documents with an account at one access level (seed 1). Sharing a document again changes
 * its level. Every id must name a document of the tenant (checked through the documents service's
 * public reads); when a document is deleted, the document-share-cleanup consumer drops its shares.
 * @throws NotFoundError (404, `document_ids`) naming the first id that names no document.
 */
export async function shareDocuments(
  identity: Identity,
  accountId: string,
  share: { document_ids: string[]; access_level: AccessLevel },
  ifMatch: string | undefined,
  now = new Date(),
): Promise<{ account: AccountItem; documents: SharedDocument[] }> {
  // Sharing gives the account's people the documents: only someone who may read them shares them.
  requireScopes(identity, ['documents:read'], 'Sharing hands out documents this caller may not read');
  const current = await findAccount(identity.tenantId, accountId);
  if (!current) throw new NotFoundError('No such account', 'id');
  checkIfMatch(ifMatch, current.version);
  // A share refers to documents of this tenant that exist: an unknown or another tenant's id writes nothing.
  const [missing] = await missingDocuments(identity.tenantId, share.document_ids);
  if (missing) throw new NotFoundError(`No such document: ${missing}`, 'document_ids');

  const sharedAt = now.toISOString();
  const byId = new Map((current.sharedDocuments ?? []).map((document) => [document.documentId, document]));
  for (const documentId of new Set(share.document_ids)) {
    byId.set(documentId, { documentId, accessLevel: share.access_level, sharedAt });
  }
  const documents = [...byId.values()];
  if (documents.length > MAX_SHARED_DOCUMENTS) {
    throw new ConflictError(
      `An account can have at most ${MAX_SHARED_DOCUMENTS} shared documents`,
      'document_ids',
    );
  }
  const version = current.version + 1;
  const update = accounts
    .patch({ tenantId: identity.tenantId, accountId })
    .set({ sharedDocuments: documents, updatedAt: sharedAt, version })
    .where(({ version: stored }, { eq }) => eq(stored, current.version))
    .params({ table: config.tableName });
  const event = domainEvent(
    'account.documents_shared',
    identity,
    { account_id: accountId, document_ids: share.document_ids, access_level: share.access_level },
    now,
  );
  await commitIfCurrent([asUpdate(update)], [event]);
  return { account: { ...current, sharedDocuments: documents, updatedAt: sharedAt, version }, documents };
}
