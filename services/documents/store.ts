import { Entity, type EntityItem } from 'electrodb';
import { dynamo } from '#shared/aws/dynamodb';
import { config } from '#shared/config';
import { logger } from '#shared/observability/logger';

/**
 * The tenant's compliance documents: metadata plus the list of uploaded versions (newest last in the
 * item, current = newest). The bytes live in S3 under a key derived from the ids (see document-files.ts).
 */
export const documents = new Entity(
  {
    model: { entity: 'document', version: '1', service: 'tc' },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      documentId: { type: 'string', required: true, readOnly: true },
      title: { type: 'string', required: true },
      description: { type: 'string' },
      accessLevel: { type: 'string', required: true },
      category: { type: 'string' },
      featured: { type: 'boolean', required: true },
      language: { type: 'string', required: true },
      /** `{language: {title, description}}` (shared/translations.ts); absent on items written before it existed. */
      translations: { type: 'any' },
      versions: {
        type: 'list',
        required: true,
        items: {
          type: 'map',
          properties: {
            versionId: { type: 'string', required: true },
            contentType: { type: 'string', required: true },
            size: { type: 'number', required: true },
            sha256: { type: 'string', required: true },
            uploadedAt: { type: 'string', required: true },
            /** A PDF's page count, counted at upload (absent for other types and older versions). */
            pages: { type: 'number' },
            /** Whether a PDF is encrypted, so it can never be watermarked (absent for other types and older versions). */
            encrypted: { type: 'boolean' },
          },
        },
      },
      createdAt: { type: 'string', required: true, readOnly: true },
      updatedAt: { type: 'string', required: true },
      /** Optimistic locking: the ETag is this number. */
      version: { type: 'number', required: true },
    },
    indexes: {
      byId: {
        pk: { field: 'pk', composite: ['tenantId'], template: '${tenantId}#document', casing: 'none' },
        sk: { field: 'sk', composite: ['documentId'], template: '${documentId}', casing: 'none' },
      },
    },
  },
  { table: config.tableName, client: dynamo() },
);

/**
 * A presigned upload waiting for its confirm: what the uploader declared, so the confirm can hold the
 * object to it. Kept in the document's own partition (so a delete finds its staged objects) until `ttl`.
 */
export const documentUploads = new Entity(
  {
    model: { entity: 'documentUpload', version: '1', service: 'tc' },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      documentId: { type: 'string', required: true, readOnly: true },
      uploadId: { type: 'string', required: true, readOnly: true },
      contentType: { type: 'string', required: true, readOnly: true },
      sizeBytes: { type: 'number', required: true, readOnly: true },
      sha256: { type: 'string', readOnly: true },
      status: { type: ['pending', 'confirmed'] as const, required: true },
      /** The version the upload became, once confirmed. */
      versionId: { type: 'string' },
      createdAt: { type: 'string', required: true, readOnly: true },
      /** When the presigned PUT stops working. */
      urlExpiresAt: { type: 'string', required: true, readOnly: true },
      /** Epoch seconds: the end of the confirm window. DynamoDB Local never expires items: readers check it. */
      ttl: { type: 'number', required: true, readOnly: true },
    },
    indexes: {
      byDocument: {
        pk: {
          field: 'pk',
          composite: ['tenantId', 'documentId'],
          template: '${tenantId}#document#${documentId}#upload',
          casing: 'none',
        },
        sk: { field: 'sk', composite: ['uploadId'], template: '${uploadId}', casing: 'none' },
      },
    },
  },
  { table: config.tableName, client: dynamo() },
);

/**
 * A watermarked copy made for one viewer: S3 objects cannot be listed by the services (no `s3:ListBucket`),
 * so this record is how a document's delete finds the copies to delete with it.
 */
export const documentCopies = new Entity(
  {
    model: { entity: 'documentCopy', version: '1', service: 'tc' },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      documentId: { type: 'string', required: true, readOnly: true },
      /** The copy's S3 key, under the document's prefix. */
      objectKey: { type: 'string', required: true, readOnly: true },
      versionId: { type: 'string', required: true, readOnly: true },
      createdAt: { type: 'string', required: true, readOnly: true },
    },
    indexes: {
      byDocument: {
        pk: {
          field: 'pk',
          composite: ['tenantId', 'documentId'],
          template: '${tenantId}#document#${documentId}#copy',
          casing: 'none',
        },
        sk: { field: 'sk', composite: ['objectKey'], template: '${objectKey}', casing: 'none' },
      },
    },
  },
  { table: config.tableName, client: dynamo() },
);

export type DocumentItem = EntityItem<typeof documents>;
export type DocumentCopyItem = EntityItem<typeof documentCopies>;
export type DocumentUploadItem = EntityItem<typeof documentUploads>;
export type StoredVersion = DocumentItem['versions'][number];

export interface DocumentFilter {
  accessLevel?: string;
  category?: string;
  featured?: boolean;
}

export async function findDocument(tenantId: string, documentId: string): Promise<DocumentItem | null> {
  const { data } = await documents.get({ tenantId, documentId }).go({ table: config.tableName });
  return data;
}

/** Newest first; `count` makes ElectroDB keep reading until a page is full of matches. */
export async function listDocuments(
  tenantId: string,
  filter: DocumentFilter,
  page: { limit: number; position: string | null },
): Promise<{ items: DocumentItem[]; position: string | null }> {
  const { data, cursor } = await documents.query
    .byId({ tenantId })
    .where((attributes, { eq }) =>
      [
        filter.accessLevel === undefined ? '' : eq(attributes.accessLevel, filter.accessLevel),
        filter.category === undefined ? '' : eq(attributes.category, filter.category),
        filter.featured === undefined ? '' : eq(attributes.featured, filter.featured),
      ]
        .filter(Boolean)
        .join(' AND '),
    )
    .go({ table: config.tableName, count: page.limit, cursor: page.position, order: 'desc' });
  return { items: data, position: cursor };
}

/** The current file: the newest upload. */
export function currentVersion(item: DocumentItem): StoredVersion | undefined {
  return item.versions.at(-1);
}

export async function findDocumentUpload(
  tenantId: string,
  documentId: string,
  uploadId: string,
): Promise<DocumentUploadItem | null> {
  const { data } = await documentUploads
    .get({ tenantId, documentId, uploadId })
    .go({ table: config.tableName });
  return data;
}

/** The document's uploads still waiting for a confirm (their staged objects may exist). */
export async function pendingDocumentUploads(
  tenantId: string,
  documentId: string,
): Promise<DocumentUploadItem[]> {
  const { data } = await documentUploads.query
    .byDocument({ tenantId, documentId })
    .where(({ status }, { eq }) => eq(status, 'pending'))
    .go({ table: config.tableName, pages: 'all' });
  return data;
}

/** Every watermarked copy recorded for the document. */
export async function documentCopiesOf(tenantId: string, documentId: string): Promise<DocumentCopyItem[]> {
  const { data } = await documentCopies.query
    .byDocument({ tenantId, documentId })
    .go({ table: config.tableName, pages: 'all' });
  return data;
}

/**
 * Drops the records of copies whose objects were just deleted with their document. Bookkeeping after the
 * `document.deleted` event, best effort: a record left behind points at nothing and harms nothing.
 */
export async function forgetDocumentCopies(copies: readonly DocumentCopyItem[]): Promise<void> {
  if (copies.length === 0) return;
  await documentCopies
    .delete(copies.map(({ tenantId, documentId, objectKey }) => ({ tenantId, documentId, objectKey })))
    .go({ table: config.tableName })
    .catch((error: unknown) =>
      logger.warn('Could not drop the records of deleted watermarked copies', { error: error as Error }),
    );
}
