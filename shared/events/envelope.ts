import type { Identity } from '#shared/auth/identity';
import { newId } from '#shared/ids';

/** The event envelope of DESIGN.md: what the outbox stores, the bus carries and webhooks deliver. */
export interface DomainEvent<T extends string = string, D = unknown> {
  id: string;
  type: T;
  tenant_id: string;
  occurred_at: string;
  /** Who did it; `ip` and `user_agent` for the audit trail when the change came through the API. */
  actor: { type: Identity['principalType'] | 'system'; id: string; ip?: string; user_agent?: string };
  data: D;
}

/** `resource.action` in lower case (EVENT_TYPE_PATTERN), so a misspelt type fails to compile. */
export type EventTypeName = `${Lowercase<string>}.${Lowercase<string>}`;

export function domainEvent<T extends EventTypeName, D>(
  type: T,
  identity: Identity,
  data: D,
  now = new Date(),
): DomainEvent<T, D> {
  return {
    id: newId('event'),
    type,
    tenant_id: identity.tenantId,
    occurred_at: now.toISOString(),
    actor: {
      type: identity.principalType,
      id: identity.principalId,
      ...(identity.source?.ip ? { ip: identity.source.ip } : {}),
      ...(identity.source?.userAgent ? { user_agent: identity.source.userAgent } : {}),
    },
    data,
  };
}
