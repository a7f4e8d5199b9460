import type { GrantedDocumentSummary } from '#services/access-requests/events';
import type { AccessGrantItem } from '#services/access-requests/store';
import { accessGrants } from '#services/access-requests/store';
import { type DocumentItem, findDocument } from '#services/documents/public';
import { config } from '#shared/config';
import { asPut, type TransactItem } from '#shared/data/outbox';
import { ValidationError } from '#shared/errors';
import { newId } from '#shared/ids';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The requested documents, each read from the documents service's items; a missing one is a 400. */
export async function requestedDocuments(
  tenantId: string,
  documentIds: readonly string[],
): Promise<DocumentItem[]> {
  const found = await Promise.all(documentIds.map((documentId) => findDocument(tenantId, documentId)));
  const missing = documentIds.filter((_, index) => !found[index]);
  if (missing.length > 0)
    throw new ValidationError(`No such document: ${missing.join(', ')}`, 'document_ids');
  return found as DocumentItem[];
}

export function documentSummaries(items: readonly (DocumentItem | null)[]): GrantedDocumentSummary[] {
  return items
    .filter((item): item is DocumentItem => item !== null)
    .map((item) => ({
      id: item.documentId,
      title: item.title,
      access_level: item.accessLevel as GrantedDocumentSummary['access_level'],
    }));
}

/** A grant of the request's documents to its email for `days` days, and the write that creates it. */
export function planGrant(
  request: { tenantId: string; requestId: string; email: string; documentIds: string[]; accountId?: string },
  days: number,
  now: Date,
): { grant: AccessGrantItem; write: TransactItem } {
  const grant: AccessGrantItem = {
    tenantId: request.tenantId,
    grantId: newId('accessGrant'),
    requestId: request.requestId,
    email: request.email,
    documentIds: request.documentIds,
    accountId: request.accountId,
    expiresAt: new Date(now.getTime() + days * DAY_MS).toISOString(),
    createdAt: now.toISOString(),
  };
  return { grant, write: asPut(accessGrants.create(grant).params({ table: config.tableName })) };
}
