import { Entity, type EntityItem } from 'electrodb';
import { ACCESS_LEVELS } from '#shared/access-levels';
import { dynamo } from '#shared/aws/dynamodb';
import { config } from '#shared/config';

/** Customer accounts of a tenant: one item each, contacts embedded (at most 100 per account). */
export const accounts = new Entity(
  {
    model: { entity: 'account', version: '1', service: 'tc' },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      accountId: { type: 'string', required: true, readOnly: true },
      title: { type: 'string', required: true },
      description: { type: 'string' },
      contacts: {
        type: 'list',
        required: true,
        items: {
          type: 'map',
          properties: {
            contactId: { type: 'string', required: true },
            email: { type: 'string', required: true },
            firstName: { type: 'string', required: true },
            lastName: { type: 'string', required: true },
            title: { type: 'string' },
          },
        },
      },
      // Optional so items written before these fields existed still read; the view applies the defaults.
      nda: {
        type: 'map',
        properties: {
          status: { type: ['none', 'click_through', 'master_nda'] as const, required: true },
          signedAt: { type: 'string' },
        },
      },
      accessExpiresAt: { type: 'string' },
      emailDomains: { type: 'list', items: { type: 'string' } },
      /** Documents shared with this account and at which access level (seed 1's PATCH …/documents). */
      sharedDocuments: {
        type: 'list',
        items: {
          type: 'map',
          properties: {
            documentId: { type: 'string', required: true },
            accessLevel: { type: ACCESS_LEVELS, required: true },
            sharedAt: { type: 'string', required: true },
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
        pk: { field: 'pk', composite: ['tenantId'], template: '${tenantId}#account', casing: 'none' },
        sk: { field: 'sk', composite: ['accountId'], template: '${accountId}', casing: 'none' },
      },
    },
  },
  { table: config.tableName, client: dynamo() },
);

export type AccountItem = EntityItem<typeof accounts>;
export type ContactItem = AccountItem['contacts'][number];

export async function findAccount(tenantId: string, accountId: string): Promise<AccountItem | null> {
  const { data } = await accounts.get({ tenantId, accountId }).go({ table: config.tableName });
  return data;
}

/** Newest first; `position` is ElectroDB's continuation token, sealed into a cursor by the caller. */
export async function listAccounts(
  tenantId: string,
  page: { limit: number; position: string | null },
): Promise<{ items: AccountItem[]; position: string | null }> {
  const { data, cursor } = await accounts.query
    .byId({ tenantId })
    .go({ table: config.tableName, limit: page.limit, cursor: page.position, order: 'desc' });
  return { items: data, position: cursor };
}
