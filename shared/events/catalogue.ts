import type * as z from 'zod';

/**
 * One event type of the platform: its name, what it means, and the schema of its `data`. Services
 * declare theirs in `services/<name>/events.ts`; the registry collects them into the event catalogue,
 * which the OpenAPI document publishes (webhooks section), webhook endpoints filter on, and the local
 * relay checks every published event against.
 */
export interface EventDefinition<T extends string = string, S extends z.ZodType = z.ZodType> {
  type: T;
  summary: string;
  data: S;
  /** False for events that stay inside the platform (never offered to webhooks). Default true. */
  webhook?: boolean;
}

export function defineEvent<const T extends string, S extends z.ZodType>(
  definition: EventDefinition<T, S>,
): EventDefinition<T, S> {
  return definition;
}

/**
 * Telemetry events (`visit.*`: a page served to a visitor, a file downloaded) come one per page view, not
 * one per change: only the consumers that name them receive them. A `'*'` consumer (audit log, webhooks,
 * notification rules) never does, so a page view costs no audit entry and no invocation of those functions.
 * Their definitions must say `webhook: false` (test/unit/event-catalogue.test.ts).
 */
export const TELEMETRY_TYPE_PREFIX = 'visit.';

/** Event types match `resource.action`: lowercase words joined by underscores. */
export const EVENT_TYPE_PATTERN = /^[a-z][a-z_]*\.[a-z][a-z_]*$/;

/**
 * Whether an event filter entry names a type: `*` names all, `resource.*` a resource's, else exactly one.
 * The one matcher behind webhook filters and notification rules; here, not in services/catalogue.ts,
 * so that matching a rule does not load every service's event schemas.
 */
export function eventPatternMatches(pattern: string, type: string): boolean {
  if (pattern === '*') return true;
  if (pattern.endsWith('.*')) return type.startsWith(pattern.slice(0, -1));
  return pattern === type;
}
