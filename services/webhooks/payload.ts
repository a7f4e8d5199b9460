import { createHmac } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { WEBHOOK_SECRET_PREFIX } from '#services/webhooks/secret-box';
import type { DomainEvent } from '#shared/events/envelope';
import { SeedWebhookFieldsMismatch, seedWebhookFields } from '#shared/events/seed-webhook-fields';
import { logger } from '#shared/observability/logger';

/**
 * What an endpoint receives. The body is the event envelope (the actor without ip and user agent) plus seed 2's
 * fields: `event` (the type), `timestamp` (when it happened) and `signature`, always the last member:
 * `"sha256=" + hex(HMAC-SHA256(secret bytes, body without it))`, where the secret bytes are the base64 after
 * `whsec_`, and "the body without it" is the exact bytes received with the trailing `,"signature":"sha256=…"`
 * removed (so the signed bytes are recovered without re-serialising JSON). The Standard Webhooks headers
 * (`webhook-id` = the event id, stable across retries; `webhook-timestamp` = the attempt; `webhook-signature`)
 * sign the whole body and are what receivers should verify. For the events seed 2 names, `data` also carries seed
 * 2's flat fields (`account_id`, `name`, `status`, …; shared/events/seed-webhook-fields.ts) beside the event's own.
 */
export const SIGNATURE_DESCRIPTION =
  'Each delivery is a POST whose JSON body is the event envelope (`id`, `type`, `tenant_id`, `occurred_at`, ' +
  '`actor`, `data`) plus `event` (the type), `timestamp` (the time it happened) and, as the last member, ' +
  '`signature`: `sha256=` + hex HMAC-SHA256, keyed by the secret bytes (the base64 after `whsec_`), of the body ' +
  'as received with its trailing `,"signature":"sha256=…"` removed. Deliveries also carry the Standard Webhooks ' +
  'headers `webhook-id` (the event id, the same on every retry), `webhook-timestamp` and `webhook-signature` ' +
  '(verify with any Standard Webhooks library and the same secret). For the events seed 2 names ' +
  '(`account.created`, `document.uploaded`, `access.granted`, `certification.updated`, `user.invited`), `data` ' +
  "also carries seed 2's flat fields (`account_id`, `name`, `status`, …) beside the event's own; each webhook's " +
  'payload schema lists them.';

export interface SignedRequest {
  body: string;
  headers: Record<string, string>;
}

function secretBytes(secret: string): Buffer {
  return Buffer.from(
    secret.startsWith(WEBHOOK_SECRET_PREFIX) ? secret.slice(WEBHOOK_SECRET_PREFIX.length) : secret,
    'base64',
  );
}

/** Seed 2's `signature` value over the unsigned body. */
export function bodySignature(unsignedBody: string, secret: string): string {
  return `sha256=${createHmac('sha256', secretBytes(secret)).update(unsignedBody, 'utf8').digest('hex')}`;
}

/** The bytes seed 2's signature covers, recovered from a received body. */
export function unsignedBodyOf(body: string): string {
  const at = body.lastIndexOf(',"signature":"');
  return at < 0 ? body : `${body.slice(0, at)}}`;
}

/**
 * The `data` an endpoint receives: the event's own data, then seed 2's fields for the types seed 2 names. An event
 * whose data lacks their sources (its schema moved under the mapping) is still delivered with its own data, and
 * the mismatch is logged: a missing convenience field must not hold back every delivery.
 */
export function webhookData(event: Pick<DomainEvent, 'id' | 'type' | 'data'>): unknown {
  try {
    const seedFields = seedWebhookFields(event.type, event.data);
    if (Object.keys(seedFields).length === 0) return event.data;
    return { ...(event.data as Record<string, unknown>), ...seedFields };
  } catch (error) {
    if (!(error instanceof SeedWebhookFieldsMismatch)) throw error;
    logger.error('Webhook data lacks its seed 2 fields', { eventId: event.id, type: event.type, error });
    return event.data;
  }
}

/** The body and headers of one attempt: the body is the same on every attempt, the headers' timestamp is not. */
export function signedRequest(event: DomainEvent, secret: string, attemptAt: Date): SignedRequest {
  const unsigned = JSON.stringify({
    id: event.id,
    type: event.type,
    tenant_id: event.tenant_id,
    occurred_at: event.occurred_at,
    actor: { type: event.actor.type, id: event.actor.id },
    data: webhookData(event),
    event: event.type,
    timestamp: event.occurred_at,
  });
  const body = `${unsigned.slice(0, -1)},"signature":${JSON.stringify(bodySignature(unsigned, secret))}}`;
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'user-agent': 'TrustCenter-Webhooks/1',
      'webhook-id': event.id,
      'webhook-timestamp': String(Math.floor(attemptAt.getTime() / 1000)),
      'webhook-signature': new Webhook(secret).sign(event.id, attemptAt, body),
    },
  };
}
