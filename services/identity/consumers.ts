import { buildOrganizationExport } from '#services/identity/organization-export-archive';
import { defineConsumer } from '#shared/events/consumer';

/** The identity service's event consumers; services/registry.ts collects them. */
export const identityConsumers = [
  defineConsumer({
    name: 'organization-export',
    service: 'identity',
    summary: 'Builds an organization export archive (every resource and file) when one is requested',
    events: ['organization.export_requested'],
    access: ['tenantExport'],
    async handle(event, { now }) {
      await buildOrganizationExport(event.tenant_id, event.data.export.id, now);
    },
  }),
];
