import { Entity, type EntityItem } from 'electrodb';
import { dynamo } from '#shared/aws/dynamodb';
import { config } from '#shared/config';

/** The tenant's FAQs, in every language, kept in one order by position (then creation) through gsi1. */
export const faqs = new Entity(
  {
    model: { entity: 'faq', version: '1', service: 'tc' },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      faqId: { type: 'string', required: true, readOnly: true },
      question: { type: 'string', required: true },
      answer: { type: 'string', required: true },
      category: { type: 'string' },
      language: { type: 'string', required: true },
      published: { type: 'boolean', required: true },
      // Zero-padded in the key so that positions sort as numbers.
      position: { type: 'number', required: true, padding: { length: 10, char: '0' } },
      createdAt: { type: 'string', required: true, readOnly: true },
      updatedAt: { type: 'string', required: true },
      /** Optimistic locking: the ETag is this number. */
      version: { type: 'number', required: true },
    },
    indexes: {
      byId: {
        pk: { field: 'pk', composite: ['tenantId'], template: '${tenantId}#faq', casing: 'none' },
        sk: { field: 'sk', composite: ['faqId'], template: '${faqId}', casing: 'none' },
      },
      // faq ids are ULIDs, so equal positions fall back to creation order.
      byPosition: {
        index: 'gsi1',
        pk: { field: 'gsi1pk', composite: ['tenantId'], template: '${tenantId}#faq', casing: 'none' },
        sk: {
          field: 'gsi1sk',
          composite: ['position', 'faqId'],
          template: '${position}#${faqId}',
          casing: 'none',
        },
      },
    },
  },
  { table: config.tableName, client: dynamo() },
);

export type FaqItem = EntityItem<typeof faqs>;

export interface FaqFilter {
  language?: string;
  category?: string;
  published?: boolean;
}

export async function findFaq(tenantId: string, faqId: string): Promise<FaqItem | null> {
  const { data } = await faqs.get({ tenantId, faqId }).go({ table: config.tableName });
  return data;
}

/** The highest position in use, or null when the tenant has no FAQ yet. */
export async function lastFaqPosition(tenantId: string): Promise<number | null> {
  const { data } = await faqs.query
    .byPosition({ tenantId })
    .go({ table: config.tableName, limit: 1, order: 'desc' });
  return data[0]?.position ?? null;
}

/** By position, then creation; `count` makes ElectroDB keep reading until a page is full of matches. */
export async function listFaqs(
  tenantId: string,
  filter: FaqFilter,
  page: { limit: number; position: string | null },
): Promise<{ items: FaqItem[]; position: string | null }> {
  const { data, cursor } = await faqs.query
    .byPosition({ tenantId })
    .where((attributes, { eq }) =>
      [
        filter.language === undefined ? '' : eq(attributes.language, filter.language),
        filter.category === undefined ? '' : eq(attributes.category, filter.category),
        filter.published === undefined ? '' : eq(attributes.published, filter.published),
      ]
        .filter(Boolean)
        .join(' AND '),
    )
    .go({ table: config.tableName, count: page.limit, cursor: page.position, order: 'asc' });
  return { items: data, position: cursor };
}
