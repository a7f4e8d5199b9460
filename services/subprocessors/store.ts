import { Entity, type EntityItem } from 'electrodb';
import { dynamo } from '#shared/aws/dynamodb';
import { config } from '#shared/config';

/** The third parties that process the tenant's customers' data, as the trust center discloses them. */
export const subprocessors = new Entity(
  {
    model: { entity: 'subprocessor', version: '1', service: 'tc' },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      subprocessorId: { type: 'string', required: true, readOnly: true },
      name: { type: 'string', required: true },
      purpose: { type: 'string', required: true },
      dataCategories: { type: 'list', required: true, items: { type: 'string' } },
      location: { type: 'string', required: true },
      website: { type: 'string' },
      status: { type: 'string', required: true },
      /** `{language: {purpose}}` (shared/translations.ts); absent on items written before it existed. */
      translations: { type: 'any' },
      createdAt: { type: 'string', required: true, readOnly: true },
      updatedAt: { type: 'string', required: true },
      /** Optimistic locking: the ETag is this number. */
      version: { type: 'number', required: true },
    },
    indexes: {
      byId: {
        pk: { field: 'pk', composite: ['tenantId'], template: '${tenantId}#subprocessor', casing: 'none' },
        sk: { field: 'sk', composite: ['subprocessorId'], template: '${subprocessorId}', casing: 'none' },
      },
    },
  },
  { table: config.tableName, client: dynamo() },
);

export type SubprocessorItem = EntityItem<typeof subprocessors>;

export async function findSubprocessor(
  tenantId: string,
  subprocessorId: string,
): Promise<SubprocessorItem | null> {
  const { data } = await subprocessors.get({ tenantId, subprocessorId }).go({ table: config.tableName });
  return data;
}

/** Newest first; `count` makes ElectroDB keep reading until a page is full of matches. */
export async function listSubprocessors(
  tenantId: string,
  filter: { status?: string },
  page: { limit: number; position: string | null },
): Promise<{ items: SubprocessorItem[]; position: string | null }> {
  const { data, cursor } = await subprocessors.query
    .byId({ tenantId })
    .where((attributes, { eq }) => (filter.status === undefined ? '' : eq(attributes.status, filter.status)))
    .go({ table: config.tableName, count: page.limit, cursor: page.position, order: 'desc' });
  return { items: data, position: cursor };
}
