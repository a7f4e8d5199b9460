import type { Identity } from '#shared/auth/identity';
import { newId } from '#shared/ids';

/**
 * Every catalogued event type and the type of its `data`. Empty here so that shared/ stays below the
 * services: services/catalogue.ts fills it, by module augmentation, from the events each service declares
 * in its events.ts (the one source of truth). Never add a member by hand.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by declaration merging in services/catalogue.ts
export interface EventMap {}

/** The union of every catalogued event type (`account.created` | …): a misspelt type fails to compile. */
export type EventType = keyof EventMap & string;

/** What `data` holds for one event type: the output of its schema in the catalogue. */
export type EventData<T extends EventType> = EventMap[T];

/** Who caused an event: a credential's principal, or the platform itself (a job, a rule, a public form). */
export interface EventActor {
  type: Identity['principalType'] | 'system';
  id: string;
  /** Where the request came from, for the audit trail, when the change came through the API or a form. */
  ip?: string;
  user_agent?: string;
}

/**
 * The event envelope of DESIGN.md: what the outbox stores, the bus carries and webhooks deliver. Code that
 * only moves events (outbox, bus, audit, webhook delivery) takes it as is; code that reads `data` takes a
 * CataloguedEvent.
 */
export interface DomainEvent<T extends string = string, D = unknown> {
  id: string;
  type: T;
  tenant_id: string;
  occurred_at: string;
  actor: EventActor;
  data: D;
}

/**
 * A catalogued event: its `data` is what the catalogue declares for its type. With no argument, the union
 * of them all, so narrowing on `type` narrows `data`; `CataloguedEvent<'a' | 'b'>` is what a consumer
 * subscribed to `a` and `b` receives.
 */
export type CataloguedEvent<T extends EventType = EventType> = {
  [K in T]: DomainEvent<K, EventData<K>>;
}[T];

/** The platform itself as the cause of an event: a job, a rule or a public form, named by `system`. */
export interface SystemOrigin {
  tenantId: string;
  system: string;
  /** The visitor's request behind a public form, recorded like a credential's. */
  source?: { ip: string; userAgent?: string } | undefined;
}

/** Who raised an event: the identity of a credential, or the platform (see SystemOrigin). */
export type EventOrigin = Identity | SystemOrigin;

function actorOf(origin: EventOrigin): { tenantId: string; actor: EventActor } {
  const [type, id, source] =
    'system' in origin
      ? (['system', origin.system, origin.source] as const)
      : ([origin.principalType, origin.principalId, origin.source] as const);
  return {
    tenantId: origin.tenantId,
    actor: {
      type,
      id,
      ...(source?.ip ? { ip: source.ip } : {}),
      ...(source?.userAgent ? { user_agent: source.userAgent } : {}),
    },
  };
}

/**
 * The one way to build an event, whoever raised it: the type must be in the catalogue and the data must
 * match that type's schema, or the call fails to compile.
 */
export function domainEvent<T extends EventType>(
  type: T,
  origin: EventOrigin,
  data: EventData<T>,
  now = new Date(),
): CataloguedEvent<T> {
  const { tenantId, actor } = actorOf(origin);
  const event: DomainEvent<T, EventData<T>> = {
    id: newId('event'),
    type,
    tenant_id: tenantId,
    occurred_at: now.toISOString(),
    actor,
    data,
  };
  // A single T makes the mapped type this very envelope; TypeScript cannot see it for a generic T.
  return event as unknown as CataloguedEvent<T>;
}

/**
 * The fields a PATCH body set, typed as that body's keys: the `changed` list of `*.updated` events, which
 * the catalogue declares as the body schema's `keyof()`. `Object.keys` would widen them to `string`.
 */
export function changedFields<Body extends object>(body: Body): (keyof Body & string)[] {
  return Object.keys(body) as (keyof Body & string)[];
}
