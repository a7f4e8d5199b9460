import { Entity, type EntityItem } from 'electrodb';
import { dynamo } from '#shared/aws/dynamodb';
import { config } from '#shared/config';

const options = () => ({ table: config.tableName, client: dynamo() });

/**
 * What billing keeps of an organization's subscription beside the plan (which identity keeps on the
 * organization item): where invoices go and whether the subscription renews. Absent until first changed.
 */
export const subscriptions = new Entity(
  {
    model: { entity: 'subscription', version: '1', service: 'tc' },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      billingEmail: { type: 'string' },
      autoRenew: { type: 'boolean', required: true },
      updatedAt: { type: 'string', required: true },
      version: { type: 'number', required: true },
    },
    indexes: {
      byTenant: {
        pk: { field: 'pk', composite: ['tenantId'], template: '${tenantId}#billing', casing: 'none' },
        sk: { field: 'sk', composite: [], template: 'subscription', casing: 'none' },
      },
    },
  },
  options(),
);

export const INVOICE_STATUSES = ['open', 'paid', 'void'] as const;

/**
 * One invoice of an organization for one calendar month (UTC), issued by the monthly job. A marker item
 * per month (`invoicePeriodMarker`), written in the invoice's transaction, refuses a second issue for the
 * same month. `number` is the deployment-wide gapless sequence (`sequence`) as printed (`INV-000001`).
 */
export const invoices = new Entity(
  {
    model: { entity: 'invoice', version: '1', service: 'tc' },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      invoiceId: { type: 'string', required: true, readOnly: true },
      sequence: { type: 'number', required: true, readOnly: true },
      number: { type: 'string', required: true, readOnly: true },
      plan: { type: 'string', required: true },
      planName: { type: 'string', required: true },
      /** Whole units of `currency`. */
      amount: { type: 'number', required: true },
      currency: { type: 'string', required: true },
      /** The month invoiced: first and last day, `YYYY-MM-DD`. */
      periodStart: { type: 'string', required: true },
      periodEnd: { type: 'string', required: true },
      /** Seed 4's `date` (the day it was issued) and `due_date`. */
      date: { type: 'string', required: true },
      dueDate: { type: 'string', required: true },
      status: { type: INVOICE_STATUSES, required: true },
      billingEmail: { type: 'string' },
      pdfKey: { type: 'string', required: true },
      issuedAt: { type: 'string', required: true },
      paidAt: { type: 'string' },
      voidedAt: { type: 'string' },
      version: { type: 'number', required: true },
    },
    indexes: {
      byTenant: {
        pk: { field: 'pk', composite: ['tenantId'], template: '${tenantId}#billing', casing: 'none' },
        sk: { field: 'sk', composite: ['invoiceId'], template: 'invoice#${invoiceId}', casing: 'none' },
      },
    },
  },
  options(),
);

/** The item that holds an organization's month once invoiced; its conditional Put makes issuing idempotent. */
export function invoicePeriodMarker(tenantId: string, month: string) {
  return { pk: `${tenantId}#billing`, sk: `invoice-period#${month}` };
}

export type SubscriptionItem = EntityItem<typeof subscriptions>;
export type InvoiceItem = EntityItem<typeof invoices>;

export async function findSubscription(tenantId: string): Promise<SubscriptionItem | null> {
  const { data } = await subscriptions.get({ tenantId }).go({ table: config.tableName });
  return data;
}

export async function findInvoice(tenantId: string, invoiceId: string): Promise<InvoiceItem | null> {
  const { data } = await invoices.get({ tenantId, invoiceId }).go({ table: config.tableName });
  return data;
}

/** A page of the organization's invoices, the last issued first. */
export async function listInvoices(tenantId: string, page: { limit: number; position: string | null }) {
  const { data, cursor } = await invoices.query
    .byTenant({ tenantId })
    .go({ table: config.tableName, limit: page.limit, cursor: page.position, order: 'desc' });
  return { items: data, position: cursor };
}
