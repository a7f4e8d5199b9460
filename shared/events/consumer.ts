import type { BusEvent } from '#shared/events/bus';
import { EVENT_SOURCE } from '#shared/events/bus';
import { TELEMETRY_TYPE_PREFIX } from '#shared/events/catalogue';
import type { CataloguedEvent, EventType } from '#shared/events/envelope';

/**
 * What a consumer may reach beyond the table (its grants in AWS); `cdn`: invalidate CloudFront;
 * `tenantExport`: read everything of a tenant (Scan, files under `tenants/`) and store the archive, with
 * the longest timeout Lambda allows.
 */
export type ConsumerAccess = 'email' | 'documents' | 'outbound' | 'cdn' | 'tenantExport';

/**
 * A consumer of domain events, declared as data like a route: the registry collects them; CDK makes one
 * rule, one function, one dead-letter queue and one alarm per consumer; the local platform adds the same
 * rule to the local bus. Delivery is at least once, so `handle` must be idempotent; `runConsumer` skips
 * an event this consumer has already finished.
 */
/** What a consumer subscribed to `Events` receives: those events, each with its catalogued data. */
export type ConsumedEvent<Events extends readonly EventType[] | '*'> = CataloguedEvent<
  Events extends readonly EventType[] ? Events[number] : EventType
>;

export interface Consumer<Events extends readonly EventType[] | '*' = readonly EventType[] | '*'> {
  /** Unique, kebab-case: names the rule, the function and the dedupe markers. */
  name: string;
  /** The service folder whose `events-handler.ts` runs it. */
  service: string;
  summary: string;
  /** Event types it receives (catalogued ones only); `'*'` for all. */
  events: Events;
  access?: readonly ConsumerAccess[];
  handle(event: ConsumedEvent<Events>, context: ConsumerContext): Promise<void>;
}

export interface ConsumerContext {
  /** The bus event's id: distinct per delivery attempt source, stable across retries. */
  busEventId: string;
  now: Date;
}

/** Declares a consumer: its `events` must be catalogued types, and `handle` sees their data typed. */
export function defineConsumer<const Events extends readonly EventType[] | '*'>(
  consumer: Consumer<Events>,
): Consumer<Events> {
  return consumer;
}

/**
 * The consumer's EventBridge rule pattern, in AWS and on the local bus alike. `'*'` means every event but
 * telemetry (TELEMETRY_TYPE_PREFIX), which only a consumer naming its types receives.
 */
export function consumerEventPattern(consumer: Consumer): Record<string, unknown> {
  return consumer.events === '*'
    ? { source: [EVENT_SOURCE], 'detail-type': [{ 'anything-but': { prefix: TELEMETRY_TYPE_PREFIX } }] }
    : { source: [EVENT_SOURCE], 'detail-type': [...consumer.events] };
}

export type { BusEvent };
