/** The NDA side of access requests: published NDA versions and the acceptance records, with their reads. */
import { CustomAttributeType, Entity, type EntityItem } from 'electrodb';
import { dynamo } from '#shared/aws/dynamodb';
import { config } from '#shared/config';

// ElectroDB types a union's base as "string" | "number" but accepts only one value; "any" stores either.
const ANY = 'any' as never;
const options = () => ({ table: config.tableName, client: dynamo() });
const table = () => ({ table: config.tableName });

/** Which NDA text an acceptance names: a tenant's version number, or a platform default's version. */
export type NdaVersionRef = number | `default-${string}`;

/** NDA texts: each version immutable once written, numbered from 1. */
export const ndaVersions = new Entity(
  {
    model: { entity: 'ndaVersion', version: '1', service: 'tc' },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      ndaVersion: { type: 'number', required: true, readOnly: true, padding: { length: 8, char: '0' } },
      title: { type: 'string', required: true, readOnly: true },
      body: { type: 'string', required: true, readOnly: true },
      language: { type: 'string', required: true, readOnly: true },
      sha256: { type: 'string', required: true, readOnly: true },
      createdBy: { type: 'string', required: true, readOnly: true },
      createdAt: { type: 'string', required: true, readOnly: true },
    },
    indexes: {
      byVersion: {
        pk: { field: 'pk', composite: ['tenantId'], template: '${tenantId}#nda', casing: 'none' },
        // A prefix keeps the key a string; the padding keeps versions in numeric order.
        sk: { field: 'sk', composite: ['ndaVersion'], template: 'v${ndaVersion}', casing: 'none' },
      },
    },
  },
  options(),
);

/**
 * One record per NDA acceptance, never updated: found by the signer's email domain (gsi1) and by the
 * customer account the request matched (gsi2, only when there was one).
 */
export const ndaRecords = new Entity(
  {
    model: { entity: 'ndaRecord', version: '1', service: 'tc' },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      recordId: { type: 'string', required: true, readOnly: true },
      /** A published version's number, or a platform default's `default-<lang>-<n>` (default-nda.ts). */
      ndaVersion: { type: CustomAttributeType<NdaVersionRef>(ANY), required: true, readOnly: true },
      ndaSha256: { type: 'string', required: true, readOnly: true },
      signerName: { type: 'string', required: true, readOnly: true },
      signerEmail: { type: 'string', required: true, readOnly: true },
      signerDomain: { type: 'string', required: true, readOnly: true },
      signerCompany: { type: 'string', required: true, readOnly: true },
      ip: { type: 'string', required: true, readOnly: true },
      userAgent: { type: 'string', readOnly: true },
      acceptedAt: { type: 'string', required: true, readOnly: true },
      requestId: { type: 'string', required: true, readOnly: true },
      accountId: { type: 'string', readOnly: true },
      /** The account id for gsi2, or `-` without one (ElectroDB writes no sparse index on a put). */
      accountKey: { type: 'string', required: true, readOnly: true },
    },
    indexes: {
      byId: {
        pk: { field: 'pk', composite: ['tenantId'], template: '${tenantId}#nda-record', casing: 'none' },
        sk: { field: 'sk', composite: ['recordId'], template: '${recordId}', casing: 'none' },
      },
      byDomain: {
        index: 'gsi1',
        pk: {
          field: 'gsi1pk',
          composite: ['tenantId', 'signerDomain'],
          template: '${tenantId}#nda-record#domain#${signerDomain}',
          casing: 'none',
        },
        sk: { field: 'gsi1sk', composite: ['recordId'], template: '${recordId}', casing: 'none' },
      },
      byAccount: {
        index: 'gsi2',
        pk: {
          field: 'gsi2pk',
          composite: ['tenantId', 'accountKey'],
          template: '${tenantId}#nda-record#account#${accountKey}',
          casing: 'none',
        },
        sk: { field: 'gsi2sk', composite: ['recordId'], template: '${recordId}', casing: 'none' },
      },
    },
  },
  options(),
);

export type NdaVersionItem = EntityItem<typeof ndaVersions>;
export type NdaRecordItem = EntityItem<typeof ndaRecords>;

export async function findNdaVersion(tenantId: string, ndaVersion: number): Promise<NdaVersionItem | null> {
  return (await ndaVersions.get({ tenantId, ndaVersion }).go(table())).data;
}

/** The newest NDA version, in one language when asked. */
export async function currentNdaVersion(tenantId: string, language?: string): Promise<NdaVersionItem | null> {
  const { data } = await ndaVersions.query
    .byVersion({ tenantId })
    .where((attributes, { eq }) => (language === undefined ? '' : eq(attributes.language, language)))
    .go({ ...table(), count: 1, order: 'desc' });
  return data[0] ?? null;
}

/** Newest first. */
export async function listNdaVersions(
  tenantId: string,
  page: { limit: number; position: string | null },
): Promise<{ items: NdaVersionItem[]; position: string | null }> {
  const { data, cursor } = await ndaVersions.query
    .byVersion({ tenantId })
    .go({ ...table(), limit: page.limit, cursor: page.position, order: 'desc' });
  return { items: data, position: cursor };
}

export async function ndaRecordsOfDomain(tenantId: string, signerDomain: string): Promise<NdaRecordItem[]> {
  const { data } = await ndaRecords.query
    .byDomain({ tenantId, signerDomain })
    .go({ ...table(), pages: 'all' });
  return data;
}

export async function ndaRecordsOfAccount(tenantId: string, accountId: string): Promise<NdaRecordItem[]> {
  const { data } = await ndaRecords.query
    .byAccount({ tenantId, accountKey: accountId })
    .go({ ...table(), pages: 'all' });
  return data;
}
