import type { AuditLogView } from '#services/audit/schemas';
import type { AuditEntryItem } from '#services/audit/store';

export function toAuditLogView(item: AuditEntryItem): AuditLogView {
  return {
    id: item.eventId,
    tenant_id: item.tenantId,
    occurred_at: item.occurredAt,
    action: item.action,
    actor: {
      type: item.actor.type,
      id: item.actor.id,
      credential: item.actor.credential ?? null,
      ip: item.actor.ip ?? null,
      user_agent: item.actor.userAgent ?? null,
    },
    target: item.target ? { type: item.target.type, id: item.target.id } : null,
    summary: item.summary,
  };
}
