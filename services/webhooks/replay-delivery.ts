import { requireWebhookAuthority } from '#services/webhooks/create-webhook';
import { attemptDelivery, createDelivery, refOf } from '#services/webhooks/deliver';
import { type DeliveryItem, findDelivery, findWebhook } from '#services/webhooks/store';
import type { Identity } from '#shared/auth/identity';
import { ConflictError, NotFoundError } from '#shared/errors';
import type { DomainEvent } from '#shared/events/envelope';
import { newId } from '#shared/ids';

/**
 * Sends a delivery's event again as a new delivery (`replay_of` names the original), attempted now and, if that
 * fails, retried like the original would be. The event id, and so `webhook-id`, stays the same: receivers that
 * deduplicate see a replay as the same message.
 */
export async function replayDelivery(
  identity: Identity,
  webhookId: string,
  deliveryId: string,
  now = new Date(),
): Promise<DeliveryItem> {
  const endpoint = await findWebhook(identity.tenantId, webhookId);
  if (!endpoint) throw new NotFoundError('No such webhook', 'id');
  await requireWebhookAuthority(
    identity,
    endpoint.events,
    'This endpoint’s deliveries cannot be replayed by this caller',
  );
  const original = await findDelivery({ tenantId: identity.tenantId, webhookId, deliveryId });
  if (!original) throw new NotFoundError('No such delivery', 'delivery_id');
  if (!endpoint.enabled && original.retries)
    throw new ConflictError('The webhook is disabled; enable it before replaying its deliveries', 'id');
  const { delivery } = await createDelivery(
    endpoint,
    JSON.parse(original.event) as DomainEvent,
    { deliveryId: newId('webhookDelivery'), retries: original.retries, replayOf: original.deliveryId },
    now,
  );
  return (await attemptDelivery(refOf(delivery))) ?? delivery;
}
