/**
 * Settling an invoice: an operator marks an open invoice paid or void (the payment-provider port,
 * payment-provider.ts, would call `markInvoicePaid` too). Only `open` invoices change; the change and its
 * event commit together, guarded by the version that was read.
 */
import { toInvoiceRecord } from '#services/billing/invoice-view';
import { findInvoice, type InvoiceItem, invoices } from '#services/billing/store';
import type { Identity } from '#shared/auth/identity';
import { config } from '#shared/config';
import { asUpdate, commitWithEvents, WriteConflict } from '#shared/data/outbox';
import { ConflictError, NotFoundError } from '#shared/errors';
import { domainEvent } from '#shared/events/envelope';

async function settle(
  actor: Identity,
  tenantId: string,
  invoiceId: string,
  to: 'paid' | 'void',
  now: Date,
): Promise<InvoiceItem> {
  const current = await findInvoice(tenantId, invoiceId);
  if (!current) throw new NotFoundError('No such invoice', 'invoice_id');
  if (current.status !== 'open') {
    throw new ConflictError(
      `The invoice is ${current.status}; only an open invoice can be marked ${to}`,
      'invoice_id',
    );
  }
  const at = now.toISOString();
  const settled = to === 'paid' ? { paidAt: at } : { voidedAt: at };
  const next: InvoiceItem = { ...current, ...settled, status: to, version: current.version + 1 };
  const update = invoices
    .patch({ tenantId, invoiceId })
    .set({ status: to, ...settled, version: next.version })
    .where(({ version }, { eq }) => eq(version, current.version))
    .params({ table: config.tableName });
  const origin = { ...actor, tenantId };
  const data = { invoice: toInvoiceRecord(next) };
  const event =
    to === 'paid'
      ? domainEvent('invoice.paid', origin, data, now)
      : domainEvent('invoice.voided', origin, data, now);
  try {
    await commitWithEvents([asUpdate(update)], [event]);
  } catch (error) {
    if (error instanceof WriteConflict)
      throw new ConflictError('The invoice changed meanwhile; read it again', 'invoice_id');
    throw error;
  }
  return next;
}

/** @throws NotFoundError (404) for no such invoice; ConflictError (409) unless it is open. */
export function markInvoicePaid(actor: Identity, tenantId: string, invoiceId: string, now = new Date()) {
  return settle(actor, tenantId, invoiceId, 'paid', now);
}

/** @throws NotFoundError (404) for no such invoice; ConflictError (409) unless it is open. */
export function voidInvoice(actor: Identity, tenantId: string, invoiceId: string, now = new Date()) {
  return settle(actor, tenantId, invoiceId, 'void', now);
}
