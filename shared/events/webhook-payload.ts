import * as z from 'zod';
import type { EventDefinition } from '#shared/events/catalogue';
import type { DomainEvent } from '#shared/events/envelope';
import { webhookDataSchema } from '#shared/events/seed-webhook-fields';

const ACTOR_TYPES = ['user', 'api_key', 'operator', 'development', 'system'] as const;
// Fails to compile when the envelope gains an actor type this list lacks.
const everyActorType: [Exclude<DomainEvent['actor']['type'], (typeof ACTOR_TYPES)[number]>] extends [never]
  ? true
  : false = true;
void everyActorType;

/**
 * The body a webhook endpoint receives for one event type: the event envelope of DESIGN.md, plus seed 2's
 * fields (`event`, `timestamp`, `signature`, and in `data`, for the events seed 2 names, its flat fields such as
 * `account_id`, `name`, `status`: see seed-webhook-fields.ts) so that a receiver written against seed 2 works
 * unchanged.
 * The OpenAPI document publishes it for every catalogue event (webhooks section); the dispatcher builds it.
 */
export function webhookPayloadSchema<const T extends string, S extends z.ZodType>(
  definition: EventDefinition<T, S>,
) {
  return z.object({
    id: z.string().describe('The event id (`evt_…`): the same in every delivery and retry of this event.'),
    type: z.literal(definition.type),
    tenant_id: z.string().describe('The organization the event belongs to.'),
    occurred_at: z.iso.datetime().describe('When the change was committed (ISO 8601 UTC).'),
    actor: z
      .object({
        type: z.enum(ACTOR_TYPES).describe('What made the change: a person, an API key, or the platform.'),
        id: z.string(),
      })
      .describe('Who made the change.'),
    data: webhookDataSchema(definition.type, definition.data),
    event: z.literal(definition.type).describe('Seed 2: the event type again.'),
    timestamp: z.iso.datetime().describe('Seed 2: when the event occurred (ISO 8601 UTC).'),
    signature: z
      .string()
      .regex(/^sha256=/)
      .describe(
        'Seed 2: `sha256=` and an HMAC-SHA256 made with the endpoint secret. Prefer verifying the Standard Webhooks `webhook-signature` header.',
      ),
  });
}

/** The Standard Webhooks headers every delivery carries (https://www.standardwebhooks.com). */
export const webhookHeadersSchema = z.object({
  'webhook-id': z
    .string()
    .describe('The message id: the same on every retry of one delivery, so receivers can deduplicate.'),
  'webhook-timestamp': z
    .string()
    .regex(/^\d+$/)
    .describe('Seconds since the Unix epoch when this attempt was sent; reject ones too far from now.'),
  'webhook-signature': z
    .string()
    .describe(
      'Space-separated signatures `v1,<base64 HMAC-SHA256>` of `<webhook-id>.<webhook-timestamp>.<body>` with the endpoint secret.',
    ),
});
