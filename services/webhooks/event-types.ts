import { SUBSCRIBABLE_EVENT_TYPES } from '#services/webhooks/subscribable-event-types';

/** Pings go only to the endpoint under test, never to every subscriber. */
const PING = 'webhook.ping';

// The list, not the catalogue: the catalogue is every service's schemas, which the dispatcher's cold start
// would evaluate for this set alone (test/unit/openapi/webhook-event-types.test.ts keeps the two equal).
const offered = new Set<string>(SUBSCRIBABLE_EVENT_TYPES);

/** Event types an endpoint may subscribe to: those offered to webhooks. */
export function isSubscribable(type: string): boolean {
  return offered.has(type);
}

/** Whether an endpoint with this filter receives this event type. */
export function matchesFilter(filter: readonly string[], type: string): boolean {
  if (type === PING || !offered.has(type)) return false;
  return filter.includes('*') || filter.includes(type);
}
