import * as z from 'zod';
import { updateWebhookBody, webhook } from '#services/webhooks/schemas';
import { defineEvent } from '#shared/events/catalogue';

/** The events of webhook endpoints. No event is emitted per delivery attempt: deliveries must not feed themselves. */
export const webhookEvents = [
  defineEvent({
    type: 'webhook.created',
    summary: 'A webhook endpoint was registered.',
    data: z.strictObject({ webhook }),
  }),
  defineEvent({
    type: 'webhook.updated',
    summary: 'A webhook endpoint was changed; `changed` names the fields the request set.',
    data: z.strictObject({
      webhook,
      changed: z.array(z.union([updateWebhookBody.keyof(), z.literal('secret')])),
    }),
  }),
  defineEvent({
    type: 'webhook.deleted',
    summary: 'A webhook endpoint was deleted; `webhook` is how it was just before.',
    data: z.strictObject({ webhook }),
  }),
  defineEvent({
    type: 'webhook.disabled',
    summary: 'A webhook endpoint was turned off because its deliveries kept failing.',
    data: z.strictObject({
      webhook,
      reason: z.literal('failing'),
      consecutive_failures: z.number().int(),
      failing_since: z.iso.datetime(),
    }),
  }),
  defineEvent({
    type: 'webhook.ping',
    summary:
      'Sent only to the endpoint under test by `POST /api/v1/webhooks/{id}/test`; never published on the bus.',
    data: z.strictObject({ webhook_id: z.string(), message: z.string() }),
    webhook: true,
  }),
];
