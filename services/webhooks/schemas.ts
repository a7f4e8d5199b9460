import * as z from 'zod';
import { SUBSCRIBABLE_EVENT_TYPES } from '#services/webhooks/subscribable-event-types';
import { pageQuery } from '#shared/http/pagination';
import { multiLine } from '#shared/http/text-fields';
import { idPattern } from '#shared/ids';
import { urlField } from '#shared/openapi/url-pattern';

export { SUBSCRIBABLE_EVENT_TYPES };

/** How many endpoints one tenant may register: each event fans out to every one of them. */
export const MAX_WEBHOOKS_PER_TENANT = 50;
export const MAX_EVENT_FILTERS = 100;

export const DELIVERY_STATUSES = ['pending', 'succeeded', 'failed', 'dead'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

const url = urlField(['https', 'http'], 2048).describe(
  'Where deliveries are POSTed. A deployment accepts https only, to a public address; http and private ' +
    'addresses are accepted by a local platform only.',
);
const eventFilter = z
  .enum(['*', ...SUBSCRIBABLE_EVENT_TYPES])
  .describe('An event type of the catalogue (see the webhooks section), or `*` for every event.')
  .meta({ example: 'account.created' });
const events = z
  .array(eventFilter)
  .min(1)
  .max(MAX_EVENT_FILTERS)
  .transform((values) => [...new Set(values)]);
const description = multiLine(500, { min: 0 });

export const createWebhookBody = z
  .strictObject({
    url,
    events,
    description: description.optional(),
    enabled: z.boolean().default(true),
  })
  .meta({ id: 'CreateWebhookRequest' });

export const updateWebhookBody = z
  .strictObject({
    url: url.optional(),
    events: events.optional(),
    description: description.nullable().optional(),
    enabled: z.boolean().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'Provide at least one field to update' })
  .meta({ id: 'UpdateWebhookRequest', minProperties: 1 });

export const webhook = z
  .object({
    id: z.string().meta({ example: 'whk_01JD3Q6V9Z8X7W6V5T4S3R2Q1P' }),
    url: z.string(),
    events: z.array(z.string()),
    description: z.string().nullable(),
    enabled: z.boolean(),
    /** Why it is off, when it is: `manual` (someone turned it off) or `failing` (it failed for too long). */
    disabled_reason: z.enum(['manual', 'failing']).nullable(),
    consecutive_failures: z.number().int().describe('Failed attempts since the last success.'),
    failing_since: z.iso.datetime().nullable(),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
  })
  .meta({ id: 'Webhook' });

const secret = z
  .string()
  .describe(
    'The signing secret (`whsec_` + base64), shown only in this response. Keep it to verify deliveries.',
  );

export const createdWebhook = webhook.extend({ secret }).meta({ id: 'CreatedWebhook' });
export const rotatedWebhookSecret = z.object({ id: z.string(), secret }).meta({ id: 'RotatedWebhookSecret' });

export const delivery = z
  .object({
    id: z.string().meta({ example: 'whd_01JD3Q6V9Z8X7W6V5T4S3R2Q1P' }),
    webhook_id: z.string(),
    event_id: z.string(),
    event_type: z.string(),
    status: z
      .enum(DELIVERY_STATUSES)
      .describe(
        '`pending`: an attempt is due at `next_attempt_at`; `succeeded`: answered 2xx; `failed`: given up without ' +
          'retrying (a test ping, a refused destination, an endpoint deleted or disabled); `dead`: every retry failed.',
      ),
    attempts: z.number().int(),
    last_response_code: z.number().int().nullable(),
    latency_ms: z.number().int().nullable().describe('Duration of the last attempt.'),
    last_error: z.string().nullable(),
    next_attempt_at: z.iso.datetime().nullable(),
    replay_of: z.string().nullable().describe('The delivery this one replays.'),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
  })
  .meta({ id: 'WebhookDelivery' });

export const webhookIdParams = z.strictObject({
  id: z.string().regex(idPattern('webhook'), 'Not a webhook id'),
});

export const deliveryIdParams = z.strictObject({
  id: z.string().regex(idPattern('webhook'), 'Not a webhook id'),
  delivery_id: z.string().regex(idPattern('webhookDelivery'), 'Not a delivery id'),
});

export const listWebhooksQuery = z.object({ ...pageQuery });

export const listDeliveriesQuery = z.object({
  ...pageQuery,
  status: z
    .enum(DELIVERY_STATUSES)
    .optional()
    .describe('Only deliveries in this state (`dead`: the dead letters).'),
});

export type CreateWebhookBody = z.output<typeof createWebhookBody>;
export type UpdateWebhookBody = z.output<typeof updateWebhookBody>;
export type WebhookView = z.output<typeof webhook>;
export type DeliveryView = z.output<typeof delivery>;
