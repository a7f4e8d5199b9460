import { auditRecordOf } from '#services/audit/audit-entry';
import { putAuditEntry } from '#services/audit/store';
import { config } from '#shared/config';
import { epochSeconds } from '#shared/data/table';
import type { DomainEvent } from '#shared/events/envelope';

const DAY_SECONDS = 24 * 60 * 60;

/**
 * Records one domain event in its tenant's audit log, once: a redelivery (or two deliveries racing) finds
 * the entry keyed by the event id already written. Retention runs from when the event happened.
 */
export async function recordAuditEntry(event: DomainEvent): Promise<boolean> {
  const record = auditRecordOf(event);
  return putAuditEntry({
    tenantId: record.tenantId,
    eventId: record.id,
    occurredAt: record.occurredAt,
    action: record.action,
    actor: {
      type: record.actor.type,
      id: record.actor.id,
      credential: record.actor.credential ?? undefined,
      ip: record.actor.ip ?? undefined,
      userAgent: record.actor.userAgent ?? undefined,
    },
    target: record.target ?? undefined,
    summary: record.summary,
    ttl: epochSeconds(new Date(record.occurredAt)) + config.auditRetentionDays * DAY_SECONDS,
  });
}
