import { Entity, type EntityItem } from 'electrodb';
import { dynamo } from '#shared/aws/dynamodb';
import { config } from '#shared/config';

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

export type DocumentItem = EntityItem<typeof documents>;
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
