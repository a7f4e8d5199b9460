/**
 * The monthly invoice job (use case): for the month containing `now`, one invoice per organization on a
 * paid plan, for the plan it is on when the job runs. Idempotent however often it runs: a marker item per
 * organization and month is written, conditionally, in the invoice's transaction. Numbers come from one deployment-wide counter, advanced
 * in the same transaction as the invoice, so they have no gaps: a number exists only with its invoice.
 * Primary course per organization: 1. skip if issued; 2. read the counter; 3. render and store the PDF;
 * 4. commit counter + marker + invoice + `invoice.issued`; on a race for the counter, retry from 2.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { daysAfter, monthKeyOf, monthOf } from '#services/billing/billing-period';
import { renderInvoicePdf } from '#services/billing/invoice-pdf';
import { toInvoiceRecord } from '#services/billing/invoice-view';
import { INVOICES_JOB } from '#services/billing/jobs';
import { planById } from '#services/billing/plans';
import { findSubscription, type InvoiceItem, invoicePeriodMarker, invoices } from '#services/billing/store';
import { everyOrganization } from '#services/identity/public';
import { dynamo } from '#shared/aws/dynamodb';
import { removeObjects, storeObject } from '#shared/aws/objects';
import { config } from '#shared/config';
import { sha256Hex } from '#shared/crypto/sha256-hex';
import { asPut, commitWithEvents, WriteConflict } from '#shared/data/outbox';
import { domainEvent } from '#shared/events/envelope';
import { newId } from '#shared/ids';
import { logger } from '#shared/observability/logger';

/** Seed 4: issued on the 1st, due on the 30th. */
const PAYMENT_TERMS_DAYS = 29;
const COUNTER = { pk: 'platform#billing', sk: 'invoice-counter' };

const invoiceNumber = (sequence: number) => `INV-${String(sequence).padStart(6, '0')}`;

async function lastSequence(): Promise<number> {
  const { Item } = await dynamo().send(
    new GetCommand({ TableName: config.tableName, Key: COUNTER, ConsistentRead: true }),
  );
  return typeof Item?.last === 'number' ? Item.last : 0;
}

interface Organization {
  orgId: string;
  name: string;
  plan: string;
  ownerEmail: string;
}

/** Issues the organization's invoice for the month; 'exists' when it was issued before. */
async function issueInvoice(organization: Organization, now: Date): Promise<'issued' | 'exists' | 'free'> {
  const month = monthOf(now);
  const tenantId = organization.orgId;
  const marker = invoicePeriodMarker(tenantId, monthKeyOf(month));
  const { Item: issued } = await dynamo().send(
    new GetCommand({ TableName: config.tableName, Key: marker, ConsistentRead: true }),
  );
  if (issued) return 'exists';
  const plan = planById(organization.plan);
  if (plan.price.amount === 0) return 'free';
  const subscription = await findSubscription(tenantId);
  const billingEmail = subscription?.billingEmail ?? organization.ownerEmail;
  const date = now.toISOString().slice(0, 10);
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const sequence = (await lastSequence()) + 1;
    const invoiceId = newId('invoice');
    const item: InvoiceItem = {
      tenantId,
      invoiceId,
      sequence,
      number: invoiceNumber(sequence),
      plan: plan.id,
      planName: plan.name,
      amount: plan.price.amount,
      currency: plan.price.currency,
      periodStart: month.firstDay,
      periodEnd: month.lastDay,
      date,
      dueDate: daysAfter(date, PAYMENT_TERMS_DAYS),
      status: 'open',
      billingEmail,
      pdfKey: `tenants/${tenantId}/invoices/${invoiceId}.pdf`,
      issuedAt: now.toISOString(),
      version: 1,
    };
    const pdf = await renderInvoicePdf({ ...item, organizationName: organization.name });
    await storeObject(item.pdfKey, pdf, 'application/pdf', sha256Hex(pdf));
    const advanceCounter = {
      Update: {
        TableName: config.tableName,
        Key: COUNTER,
        UpdateExpression: 'SET #last = :next',
        ConditionExpression: sequence === 1 ? 'attribute_not_exists(#last)' : '#last = :previous',
        ExpressionAttributeNames: { '#last': 'last' },
        ExpressionAttributeValues: {
          ':next': sequence,
          ...(sequence === 1 ? {} : { ':previous': sequence - 1 }),
        },
      },
    };
    const markMonth = {
      Put: {
        TableName: config.tableName,
        Item: { ...marker, invoiceId },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    };
    const put = asPut(invoices.create(item).params({ table: config.tableName }));
    const event = domainEvent(
      'invoice.issued',
      { tenantId, system: INVOICES_JOB },
      { invoice: toInvoiceRecord(item) },
      now,
    );
    try {
      await commitWithEvents([advanceCounter, markMonth, put], [event]);
      return 'issued';
    } catch (error) {
      await removeObjects([item.pdfKey]);
      if (!(error instanceof WriteConflict)) throw error;
      // Another run issued this invoice meanwhile; else another organization's invoice took the number.
      if (error.failedIndexes.includes(1)) return 'exists';
    }
  }
  throw new Error(`Could not take an invoice number for ${tenantId} after 20 attempts`);
}

/** Runs the month's issue for every organization; the summary counts what happened. */
export async function issueInvoices(now: Date) {
  const summary = { issued: 0, already_issued: 0, free_plan: 0, pending_deletion: 0, failed: 0 };
  for await (const organization of everyOrganization()) {
    // An organization its owner deleted is not billed while it waits for its purge (or a restore).
    if (organization.status === 'pending_deletion') {
      summary.pending_deletion += 1;
      continue;
    }
    try {
      const outcome = await issueInvoice(organization, now);
      if (outcome === 'issued') summary.issued += 1;
      else if (outcome === 'exists') summary.already_issued += 1;
      else summary.free_plan += 1;
    } catch (error) {
      // One organization's failure must not stop the others; the next run retries it.
      summary.failed += 1;
      logger.error('Could not issue an invoice', { tenantId: organization.orgId, error: error as Error });
    }
  }
  return summary;
}
