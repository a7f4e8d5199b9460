import { Entity, type EntityItem } from 'electrodb';
import { type CertificationStatus, expiryRangeOf } from '#services/certifications/certification-status';
import { dynamo } from '#shared/aws/dynamodb';
import { config } from '#shared/config';

/** The tenant's compliance certifications (SOC 2, ISO 27001, …); their status is computed, never stored. */
export const certifications = new Entity(
  {
    model: { entity: 'certification', version: '1', service: 'tc' },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      certificationId: { type: 'string', required: true, readOnly: true },
      framework: { type: 'string', required: true },
      issuer: { type: 'string', required: true },
      /** ISO dates (`YYYY-MM-DD`): they compare as strings, so status filters are plain comparisons. */
      issuedAt: { type: 'string', required: true },
      expiresAt: { type: 'string', required: true },
      description: { type: 'string' },
      createdAt: { type: 'string', required: true, readOnly: true },
      updatedAt: { type: 'string', required: true },
      /** Optimistic locking: the ETag is this number. */
      version: { type: 'number', required: true },
    },
    indexes: {
      byId: {
        pk: { field: 'pk', composite: ['tenantId'], template: '${tenantId}#certification', casing: 'none' },
        sk: { field: 'sk', composite: ['certificationId'], template: '${certificationId}', casing: 'none' },
      },
    },
  },
  { table: config.tableName, client: dynamo() },
);

export type CertificationItem = EntityItem<typeof certifications>;

export async function findCertification(
  tenantId: string,
  certificationId: string,
): Promise<CertificationItem | null> {
  const { data } = await certifications.get({ tenantId, certificationId }).go({ table: config.tableName });
  return data;
}

/**
 * Newest first. A status filter becomes a range of expiry dates for the given day; `count` makes ElectroDB
 * keep reading until a page is full of matches.
 */
export async function listCertifications(
  tenantId: string,
  filter: { status?: CertificationStatus; today: string; windowDays: number },
  page: { limit: number; position: string | null },
): Promise<{ items: CertificationItem[]; position: string | null }> {
  const range = filter.status ? expiryRangeOf(filter.status, filter.today, filter.windowDays) : {};
  const { data, cursor } = await certifications.query
    .byId({ tenantId })
    .where(({ expiresAt }, { gte, lte }) =>
      [
        range.from === undefined ? '' : gte(expiresAt, range.from),
        range.through === undefined ? '' : lte(expiresAt, range.through),
      ]
        .filter(Boolean)
        .join(' AND '),
    )
    .go({ table: config.tableName, count: page.limit, cursor: page.position, order: 'desc' });
  return { items: data, position: cursor };
}
