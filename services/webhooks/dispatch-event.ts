import { attemptDelivery, createDelivery, deliveryIdFor, refOf } from '#services/webhooks/deliver';
import { matchesFilter } from '#services/webhooks/event-types';
import { allWebhooks } from '#services/webhooks/store';
import type { DomainEvent } from '#shared/events/envelope';

/**
 * Fans an event out to every enabled endpoint of its tenant whose filter takes it: one delivery record per
 * endpoint (keyed by the event, so a redelivered event creates none twice), then the first attempt of each.
 * Failed attempts are retried on their own schedule, not by throwing: the bus's retries are for this
 * function failing, not for an endpoint being down.
 */
export async function dispatchEvent(event: DomainEvent, now = new Date()): Promise<number> {
  const endpoints = (await allWebhooks(event.tenant_id)).filter(
    (endpoint) => endpoint.enabled && matchesFilter(endpoint.events, event.type),
  );
  await Promise.all(
    endpoints.map(async (endpoint) => {
      const { delivery, created } = await createDelivery(
        endpoint,
        event,
        { deliveryId: deliveryIdFor(event.id), retries: true },
        now,
      );
      // Redelivered: attempt only if the first run recorded the delivery but never got to its due attempt.
      const due = new Date(delivery.nextAttemptAt ?? delivery.createdAt).getTime() <= now.getTime();
      if (created || (delivery.status === 'pending' && due)) await attemptDelivery(refOf(delivery));
    }),
  );
  return endpoints.length;
}
