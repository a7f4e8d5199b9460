import * as z from 'zod';
import { INVOICE_STATUSES } from '#services/billing/store';
import { singleLine } from '#shared/http/text-fields';
import { idPattern } from '#shared/ids';

const orgId = z.string().regex(idPattern('organization'), 'Not an organization id');
export const orgIdParams = z.strictObject({ org_id: orgId });

export const invoiceIdParams = z.strictObject({
  org_id: orgId,
  invoice_id: z.string().regex(idPattern('invoice'), 'Not an invoice id'),
});

const day = z.string().meta({ format: 'date', example: '2024-01-01' });
const instant = z.string().meta({ format: 'date-time', example: '2024-01-01T00:00:00Z' });
const money = z.number().int().min(0).describe('Whole units of `currency` per month, as seed 4 shows');
const currency = z.string().meta({ example: 'usd' }).describe('ISO 4217, lower case');

export const planLimits = z
  .object({
    members: z.number().int().describe('People, invitations included'),
    documents: z.number().int(),
    storage_bytes: z
      .number()
      .int()
      .describe('Bytes of stored files: document versions and certificate files'),
    custom_domains: z.number().int(),
    analytics_retention_days: z
      .number()
      .int()
      .describe('Days visitor analytics are kept: each day’s counters expire that long after the day'),
  })
  .meta({ id: 'PlanLimits' });

export const subscription = z
  .object({
    id: z.string().meta({ example: 'subs_01HX0000000000000000000000' }),
    organization_id: z.string(),
    plan: z.string().meta({ example: 'enterprise' }),
    plan_name: z.string().meta({ example: 'Enterprise' }),
    status: z.enum(['active']).describe('Active while the organization exists'),
    billing_cycle_start: instant,
    billing_cycle_end: instant.describe('Exclusive: the start of the next cycle (calendar months, UTC)'),
    amount: money,
    currency,
    billing_email: z.string().describe('Where invoices go: as set, else the owner’s address'),
    auto_renew: z.boolean(),
    features: z
      .object({ api_requests_per_month: z.number().int(), custom_domains: z.boolean() })
      .catchall(z.union([z.boolean(), z.number()]))
      .describe('What the plan includes (cdk.json planTiers), and its monthly API requests'),
    limits: planLimits,
  })
  .meta({ id: 'Subscription' });

export const updateSubscriptionBody = z
  .strictObject({
    plan: singleLine(40, { trim: false })
      .meta({ example: 'business' })
      .describe(
        'A plan of the deployment (`planTiers` in cdk.json context; by default `free`, `business`, `enterprise`). Moves every meter of the organization to the plan at once; a plan the organization’s members, documents, stored bytes or custom domains do not fit is refused with 409 naming what is over, and nothing changes.',
      )
      .optional(),
    auto_renew: z.boolean().optional(),
    billing_email: z.email().max(254).optional(),
  })
  .meta({ id: 'UpdateSubscriptionRequest' });
export type UpdateSubscriptionBody = z.output<typeof updateSubscriptionBody>;

const meterUse = (what: string) =>
  z.object({ limit: z.number(), used: z.number() }).describe(`${what}: the plan's limit and what is used`);

export const usage = z
  .object({
    period: z.object({ start: day, end: day }).describe('This calendar month (UTC), first and last day'),
    api_requests: meterUse('API requests this month, counted by the API Gateway usage plans'),
    members: meterUse('Members, invitations included'),
    documents: meterUse('Documents'),
    storage_bytes: meterUse('Bytes of stored files'),
    storage_gb: meterUse('The same in GB (10^9 bytes), to three decimals, as seed 4 shows'),
    custom_domains: meterUse('Custom domains'),
  })
  .meta({ id: 'Usage' });

export const invoice = z
  .object({
    id: z.string().meta({ example: 'invc_01HX0000000000000000000000' }),
    number: z.string().meta({ example: 'INV-000001' }).describe('Gapless across the deployment'),
    organization_id: z.string(),
    plan: z.string(),
    amount: money,
    currency,
    period: z.object({ start: day, end: day }),
    date: day.describe('The day it was issued'),
    due_date: day,
    status: z.enum(INVOICE_STATUSES),
    billing_email: z.string().nullable(),
    pdf_url: z.string().describe('A link to the PDF, valid for 5 minutes'),
    paid_at: instant.nullable(),
    voided_at: instant.nullable(),
  })
  .meta({ id: 'Invoice' });

/** The invoice as events carry it: no link (it would expire long before a webhook is replayed). */
export const invoiceRecord = invoice.omit({ pdf_url: true }).meta({ id: 'InvoiceRecord' });
