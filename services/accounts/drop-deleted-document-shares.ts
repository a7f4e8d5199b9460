import { type AccountItem, accounts, findAccount, listAccounts } from '#services/accounts/store';
import { config } from '#shared/config';
import { asUpdate, commitWithEvents, WriteConflict } from '#shared/data/outbox';
import { type DomainEvent, domainEvent } from '#shared/events/envelope';

const PAGE_SIZE = 100;
/** A concurrent change to an account (its version moved) is re-read and retried this often. */
const ATTEMPTS = 5;

/**
 * When a document is deleted, every account that shared it stops sharing it: each such account is updated
 * (version bumped, `account.documents_unshared` emitted) in its own transaction. The tenant's accounts are
 * read page by page (a Query of its partition; accounts hold their shares, there is no index by document).
 * Idempotent: a second run finds no account still sharing the document.
 */
export async function dropDeletedDocumentShares(deleted: DomainEvent, now = new Date()): Promise<number> {
  const documentId = (deleted.data as { document?: { id?: string } }).document?.id;
  if (!documentId) return 0;
  let dropped = 0;
  let position: string | null = null;
  do {
    const page = await listAccounts(deleted.tenant_id, { limit: PAGE_SIZE, position });
    for (const account of page.items) {
      if (sharesDocument(account, documentId)) {
        await unshare(deleted, account, documentId, now);
        dropped += 1;
      }
    }
    position = page.position;
  } while (position);
  return dropped;
}

const sharesDocument = (account: AccountItem, documentId: string) =>
  (account.sharedDocuments ?? []).some((shared) => shared.documentId === documentId);

async function unshare(deleted: DomainEvent, first: AccountItem, documentId: string, now: Date) {
  let account: AccountItem | null = first;
  for (let attempt = 1; account && sharesDocument(account, documentId); attempt += 1) {
    const version = account.version + 1;
    const sharedDocuments = (account.sharedDocuments ?? []).filter(
      (shared) => shared.documentId !== documentId,
    );
    const update = accounts
      .patch({ tenantId: account.tenantId, accountId: account.accountId })
      .set({ sharedDocuments, updatedAt: now.toISOString(), version })
      .where(({ version: stored }, { eq }) => eq(stored, (account as AccountItem).version))
      .params({ table: config.tableName });
    const event = domainEvent(
      'account.documents_unshared',
      { tenantId: deleted.tenant_id, system: 'document-share-cleanup' },
      { account_id: account.accountId, document_ids: [documentId], reason: 'document_deleted' },
      now,
    );
    try {
      await commitWithEvents([asUpdate(update)], [event]);
      return;
    } catch (error) {
      if (!(error instanceof WriteConflict) || attempt >= ATTEMPTS) throw error;
      account = await findAccount(account.tenantId, account.accountId);
    }
  }
}
