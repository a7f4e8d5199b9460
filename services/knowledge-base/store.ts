import { Entity, type EntityItem } from 'electrodb';
import { dynamo } from '#shared/aws/dynamodb';
import { config } from '#shared/config';
import type { TransactItem } from '#shared/data/outbox';
import { LANGUAGES } from '#shared/languages';

/** The most entries one tenant may keep: search builds its index from all of them on each request. */
export const MAX_ENTRIES_PER_TENANT = 5000;

/** Q&A entries of a tenant's knowledge base: one item each. */
export const knowledgeBaseEntries = new Entity(
  {
    model: { entity: 'knowledgeBaseEntry', version: '1', service: 'tc' },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      entryId: { type: 'string', required: true, readOnly: true },
      question: { type: 'string', required: true },
      answer: { type: 'string', required: true },
      tags: { type: 'list', required: true, items: { type: 'string' } },
      language: { type: LANGUAGES, required: true },
      createdAt: { type: 'string', required: true, readOnly: true },
      updatedAt: { type: 'string', required: true },
      /** Optimistic locking: the ETag is this number. */
      version: { type: 'number', required: true },
    },
    indexes: {
      byId: {
        pk: { field: 'pk', composite: ['tenantId'], template: '${tenantId}#knowledge_base', casing: 'none' },
        sk: { field: 'sk', composite: ['entryId'], template: '${entryId}', casing: 'none' },
      },
    },
  },
  { table: config.tableName, client: dynamo() },
);

export type EntryItem = EntityItem<typeof knowledgeBaseEntries>;

export interface EntryFilter {
  language?: EntryItem['language'];
  tag?: string;
}

export async function findEntry(tenantId: string, entryId: string): Promise<EntryItem | null> {
  const { data } = await knowledgeBaseEntries.get({ tenantId, entryId }).go({ table: config.tableName });
  return data;
}

function filtered(tenantId: string, filter: EntryFilter) {
  const query = knowledgeBaseEntries.query.byId({ tenantId });
  if (filter.language === undefined && filter.tag === undefined) return query;
  return query.where((attributes, { eq, contains }) =>
    [
      filter.language === undefined ? '' : eq(attributes.language, filter.language),
      filter.tag === undefined ? '' : contains(attributes.tags, filter.tag),
    ]
      .filter(Boolean)
      .join(' AND '),
  );
}

/**
 * Newest first; `position` is ElectroDB's continuation token, sealed into a cursor by the caller.
 * `count` (not `limit`) so a filtered page keeps reading until it is full rather than coming back short.
 */
export async function listEntries(
  tenantId: string,
  filter: EntryFilter,
  page: { limit: number; position: string | null },
): Promise<{ items: EntryItem[]; position: string | null }> {
  const { data, cursor } = await filtered(tenantId, filter).go({
    table: config.tableName,
    count: page.limit,
    cursor: page.position,
    order: 'desc',
  });
  return { items: data, position: cursor };
}

/** Every entry of the tenant (bounded by MAX_ENTRIES_PER_TENANT), for building the search index. */
export async function allEntries(tenantId: string, filter: EntryFilter = {}): Promise<EntryItem[]> {
  const { data } = await filtered(tenantId, filter).go({ table: config.tableName, pages: 'all' });
  return data;
}

/**
 * The tenant's entry count and revision, kept in one item beside the entries and changed in the same
 * transaction as every write: the count enforces the cap, the revision can key a cached search index.
 */
export function statsChange(tenantId: string, entries: -1 | 0 | 1): TransactItem {
  const key = { pk: `${tenantId}#knowledge_base_stats`, sk: 'stats' };
  if (entries === 1) {
    return {
      Update: {
        TableName: config.tableName,
        Key: key,
        UpdateExpression: 'ADD entries :one, revision :one',
        ConditionExpression: 'attribute_not_exists(entries) OR entries < :max',
        ExpressionAttributeValues: { ':one': 1, ':max': MAX_ENTRIES_PER_TENANT },
      },
    };
  }
  return {
    Update: {
      TableName: config.tableName,
      Key: key,
      UpdateExpression: 'ADD entries :change, revision :one',
      ExpressionAttributeValues: { ':change': entries, ':one': 1 },
    },
  };
}
