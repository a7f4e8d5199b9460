import type { DeliveryView, WebhookView } from '#services/webhooks/schemas';
import type { DeliveryItem, WebhookItem } from '#services/webhooks/store';

/** What callers see of an endpoint: never its secret. */
export function toWebhookView(item: WebhookItem): WebhookView {
  return {
    id: item.webhookId,
    url: item.url,
    events: [...item.events],
    description: item.description ?? null,
    enabled: item.enabled,
    disabled_reason: item.enabled ? null : (item.disabledReason ?? 'manual'),
    consecutive_failures: item.failureStreak ?? 0,
    failing_since: item.failingSince ?? null,
    created_at: item.createdAt,
    updated_at: item.updatedAt,
  };
}

export function toDeliveryView(item: DeliveryItem): DeliveryView {
  return {
    id: item.deliveryId,
    webhook_id: item.webhookId,
    event_id: item.eventId,
    event_type: item.eventType,
    status: item.status,
    attempts: item.attempts,
    last_response_code: item.lastResponseCode ?? null,
    latency_ms: item.lastLatencyMs ?? null,
    last_error: item.lastError ?? null,
    next_attempt_at: item.status === 'pending' ? (item.nextAttemptAt ?? null) : null,
    replay_of: item.replayOf ?? null,
    created_at: item.createdAt,
    updated_at: item.updatedAt,
  };
}
