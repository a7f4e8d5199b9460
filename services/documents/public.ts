/**
 * What the documents service offers other services (DESIGN.md, "Service boundaries"): reads of its
 * documents, and the one operation access-requests performs on them (a granted visitor's download). Every
 * other module of services/documents/ is private; `npm run check` refuses imports of them from elsewhere.
 */
import type { DocumentView } from '#services/documents/schemas';
import { documents } from '#services/documents/store';
import { toDocumentView } from '#services/documents/view';
import { config } from '#shared/config';

export { type DocumentDownload, documentDownloadForViewer } from '#services/documents/document-download-url';
export {
  DOCUMENT_TRANSLATED_FIELDS,
  type DocumentView,
  documentDownloadUrl,
} from '#services/documents/schemas';
export { currentVersion, type DocumentItem, findDocument } from '#services/documents/store';

/**
 * The ids of `documentIds` that name no document of the tenant (another tenant's ids included), in the
 * order given; empty when all exist. One BatchGetItem per 100 ids (DynamoDB's limit), through ElectroDB.
 */
export async function missingDocuments(tenantId: string, documentIds: readonly string[]): Promise<string[]> {
  const unique = [...new Set(documentIds)];
  if (unique.length === 0) return [];
  const { data, unprocessed } = await documents
    .get(unique.map((documentId) => ({ tenantId, documentId })))
    .go({ table: config.tableName, attributes: ['documentId'] });
  if (unprocessed.length > 0) throw new Error('DynamoDB left document lookups unprocessed; retry');
  const found = new Set(data.map((item) => item.documentId));
  return documentIds.filter((id, index) => !found.has(id) && documentIds.indexOf(id) === index);
}

/**
 * How many documents the tenant holds (billing's `documents` meter); one paged, strongly consistent Query
 * of ids (billing's quota guard counts after reading its version, and must see every creation before it).
 */
export async function documentsCount(tenantId: string): Promise<number> {
  const { data } = await documents.query
    .byId({ tenantId })
    .go({ table: config.tableName, pages: 'all', attributes: ['documentId'], consistent: true });
  return data.length;
}

/**
 * The documents a trust center lists, featured first, then by title: every document that has a file (one
 * without a file yet is still being prepared, a draft, and is never listed). Whoever lists them shows each
 * one's access level; only the access-request flow hands out the files of restricted ones.
 */
export async function listedDocuments(tenantId: string): Promise<DocumentView[]> {
  const { data } = await documents.query.byId({ tenantId }).go({ table: config.tableName, pages: 'all' });
  return data
    .filter((item) => item.versions.length > 0)
    .map(toDocumentView)
    .sort(
      (a, b) =>
        Number(b.featured) - Number(a.featured) || a.title.localeCompare(b.title) || a.id.localeCompare(b.id),
    );
}
