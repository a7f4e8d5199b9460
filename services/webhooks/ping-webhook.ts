import { requireWebhookAuthority } from '#services/webhooks/create-webhook';
import { attemptDelivery, createDelivery, deliveryIdFor, refOf } from '#services/webhooks/deliver';
import { type DeliveryItem, findWebhook } from '#services/webhooks/store';
import type { Identity } from '#shared/auth/identity';
import { NotFoundError } from '#shared/errors';
import { domainEvent } from '#shared/events/envelope';

/**
 * Sends a `webhook.ping` to one endpoint now (enabled or not) and returns how it went. The ping is not put on
 * the bus, so no other endpoint receives it, and it is not retried.
 */
export async function pingWebhook(
  identity: Identity,
  webhookId: string,
  now = new Date(),
): Promise<DeliveryItem> {
  const endpoint = await findWebhook(identity.tenantId, webhookId);
  if (!endpoint) throw new NotFoundError('No such webhook', 'id');
  await requireWebhookAuthority(identity, endpoint.events, 'This endpoint cannot be tested by this caller');
  const event = domainEvent(
    'webhook.ping',
    identity,
    { webhook_id: webhookId, message: 'A test delivery from your trust center.' },
    now,
  );
  const { delivery } = await createDelivery(
    endpoint,
    event,
    { deliveryId: deliveryIdFor(event.id), retries: false },
    now,
  );
  return (await attemptDelivery(refOf(delivery))) ?? delivery;
}
