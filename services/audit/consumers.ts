import { recordAuditEntry } from '#services/audit/record-audit-entry';
import { defineConsumer } from '#shared/events/consumer';

export const auditConsumers = [
  defineConsumer({
    name: 'audit-writer',
    service: 'audit',
    summary: 'Records every domain event as an immutable audit log entry',
    events: '*',
    async handle(event) {
      await recordAuditEntry(event);
    },
  }),
];
