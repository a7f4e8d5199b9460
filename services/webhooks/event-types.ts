import { eventCatalogue } from '#services/catalogue';

/** Pings go only to the endpoint under test, never to every subscriber. */
const PING = 'webhook.ping';

const offered = new Set<string>(
  eventCatalogue.filter((definition) => definition.webhook !== false).map((definition) => definition.type),
);

/** Event types an endpoint may subscribe to: those offered to webhooks. */
export function isSubscribable(type: string): boolean {
  return offered.has(type);
}

/** Whether an endpoint with this filter receives this event type. */
export function matchesFilter(filter: readonly string[], type: string): boolean {
  if (type === PING || !offered.has(type)) return false;
  return filter.includes('*') || filter.includes(type);
}
