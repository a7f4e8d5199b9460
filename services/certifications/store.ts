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
      /** `{language: {description}}` (shared/translations.ts); absent on items written before it existed. */
      translations: { type: 'any' },
      /** The current certificate file; its object key is derived from the ids (see certificate-files.ts). */
      file: {
        type: 'map',
        properties: {
          fileId: { type: 'string', required: true },
          contentType: { type: 'string', required: true },
          size: { type: 'number', required: true },
          sha256: { type: 'string', required: true },
          uploadedAt: { type: 'string', required: true },
        },
      },
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
      /**
       * Every tenant's certifications by expiry date, for the renewal reminder job: one partition per day,
       * so a run queries the few dates it needs instead of scanning. Not tenant-scoped on purpose; only
       * the job reads it.
       */
      byExpiry: {
        index: 'gsi2',
        pk: {
          field: 'gsi2pk',
          composite: ['expiresAt'],
          template: 'cert-expiry#${expiresAt}',
          casing: 'none',
        },
        sk: {
          field: 'gsi2sk',
          composite: ['tenantId', 'certificationId'],
          template: '${tenantId}#${certificationId}',
          casing: 'none',
        },
      },
    },
  },
  { table: config.tableName, client: dynamo() },
);

export type CertificationItem = EntityItem<typeof certifications>;
export type CertificateFile = NonNullable<CertificationItem['file']>;

/**
 * One item per renewal reminder sent, written in the same transaction as its event: its conditional put
 * is what makes a reminder go out once per (certification, offset, expiry date), however often the job runs.
 */
export const certificationReminders = new Entity(
  {
    model: { entity: 'certificationReminder', version: '1', service: 'tc' },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      certificationId: { type: 'string', required: true, readOnly: true },
      expiresAt: { type: 'string', required: true, readOnly: true },
      offsetDays: { type: 'number', required: true, readOnly: true },
      sentAt: { type: 'string', required: true, readOnly: true },
      /** Epoch seconds; kept until well after the expiry date, when no run can send this reminder again. */
      ttl: { type: 'number', required: true, readOnly: true },
    },
    indexes: {
      byCertification: {
        pk: {
          field: 'pk',
          composite: ['tenantId'],
          template: '${tenantId}#certification-reminder',
          casing: 'none',
        },
        sk: {
          field: 'sk',
          composite: ['certificationId', 'expiresAt', 'offsetDays'],
          template: '${certificationId}#${expiresAt}#${offsetDays}',
          casing: 'none',
        },
      },
    },
  },
  { table: config.tableName, client: dynamo() },
);

export type CertificationReminderItem = EntityItem<typeof certificationReminders>;

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

/** One page of every tenant's certifications that expire on a date (eventually consistent: a GSI). */
export async function certificationsExpiringOn(
  expiresAt: string,
  position: string | null,
): Promise<{ items: CertificationItem[]; position: string | null }> {
  const { data, cursor } = await certifications.query
    .byExpiry({ expiresAt })
    .go({ table: config.tableName, cursor: position, limit: 100 });
  return { items: data, position: cursor };
}
