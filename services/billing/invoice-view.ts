import type { InvoiceItem } from '#services/billing/store';
import { presignDownload } from '#shared/aws/objects';
import { attachmentDisposition } from '#shared/content-disposition';

/** How long an invoice's `pdf_url` works. */
export const INVOICE_LINK_SECONDS = 300;

/** The invoice as events carry it (no link). */
export function toInvoiceRecord(item: InvoiceItem) {
  return {
    id: item.invoiceId,
    number: item.number,
    organization_id: item.tenantId,
    plan: item.plan,
    amount: item.amount,
    currency: item.currency,
    period: { start: item.periodStart, end: item.periodEnd },
    date: item.date,
    due_date: item.dueDate,
    status: item.status,
    billing_email: item.billingEmail ?? null,
    paid_at: item.paidAt ?? null,
    voided_at: item.voidedAt ?? null,
  };
}

/** Seed 4's invoice, with `pdf_url` a presigned GET of its PDF valid for INVOICE_LINK_SECONDS. */
export async function toInvoiceView(item: InvoiceItem) {
  const pdf_url = await presignDownload(item.pdfKey, {
    contentDisposition: attachmentDisposition(`Invoice ${item.number}`, 'pdf', 'invoice'),
    contentType: 'application/pdf',
    expiresInSeconds: INVOICE_LINK_SECONDS,
  });
  return { ...toInvoiceRecord(item), pdf_url };
}
