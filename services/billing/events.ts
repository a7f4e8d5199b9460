import * as z from 'zod';
import { apiQuotaThreshold } from '#services/billing/api-usage-schemas';
import { invoiceRecord, subscription, updateSubscriptionBody } from '#services/billing/schemas';
import { defineEvent } from '#shared/events/catalogue';

/** The events of subscriptions and invoices. */
export const billingEvents = [
  defineEvent({
    type: 'subscription.updated',
    summary:
      'The subscription changed: its plan (every meter moved to the new tier), billing email or auto-renewal; `changed` names the fields the request set.',
    data: z.strictObject({
      subscription,
      previous_plan: z.string(),
      changed: z.array(updateSubscriptionBody.keyof()),
    }),
  }),
  defineEvent({
    type: 'invoice.issued',
    summary: 'The monthly job issued an invoice for an organization’s plan and month.',
    data: z.strictObject({ invoice: invoiceRecord }),
  }),
  defineEvent({
    type: 'invoice.paid',
    summary: 'An operator (or, once one is connected, the payment provider) marked an invoice paid.',
    data: z.strictObject({ invoice: invoiceRecord }),
  }),
  defineEvent({
    type: 'api_quota.threshold_reached',
    summary:
      'The organization’s API requests this month (all its credentials), or one API key’s, reached 80 % or 100 % of the plan’s monthly quota. Sent once per threshold, subject and month, from the usage counters (never on the request path).',
    data: apiQuotaThreshold,
  }),
  defineEvent({
    type: 'invoice.voided',
    summary: 'An operator voided an invoice: it is no longer owed.',
    data: z.strictObject({ invoice: invoiceRecord }),
  }),
];
