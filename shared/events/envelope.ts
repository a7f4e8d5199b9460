import type { Identity } from '#shared/auth/identity';
import { newId } from '#shared/ids';

/** The event envelope of DESIGN.md: what the outbox stores, the bus carries and webhooks deliver. */
export interface DomainEvent<T extends string = string, D = unknown> {
  id: string;
  type: T;
  tenant_id: string;
  occurred_at: string;
  actor: { type: Identity['principalType'] | 'system'; id: string };
  data: D;
}

export function domainEvent<T extends string, D>(
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
    actor: { type: identity.principalType, id: identity.principalId },
    data,
  };
}
