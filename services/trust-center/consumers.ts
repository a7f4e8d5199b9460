import { organizationExists } from '#services/identity/public';
import { invalidateTrustCenter } from '#services/trust-center/invalidate-cache';
import { rebuildSnapshot } from '#services/trust-center/snapshot';
import { defineConsumer } from '#shared/events/consumer';
import type { EventType } from '#shared/events/envelope';
import { logger } from '#shared/observability/logger';

/**
 * The events that change what a visitor sees of a trust center, or the hosts it is seen on. An
 * organization's name is its brand's title until the brand names one; a certificate file's upload dates
 * the certification.
 */
export const CONTENT_EVENTS = [
  'brand.updated',
  'domain.verified',
  'domain.removed',
  'organization.updated',
  'certification.created',
  'certification.updated',
  'certification.deleted',
  'certification.file_uploaded',
  'document.created',
  'document.updated',
  'document.uploaded',
  'document.deleted',
  'faq.created',
  'faq.updated',
  'faq.deleted',
  'knowledge_base.created',
  'knowledge_base.updated',
  'knowledge_base.deleted',
  'subprocessor.added',
  'subprocessor.updated',
  'subprocessor.removed',
  'nda.created',
] as const;

/**
 * The content events whose change a published snapshot holds (snapshot.ts): all but the knowledge base's,
 * which the site's search reads live.
 */
export const SNAPSHOT_EVENTS = CONTENT_EVENTS.filter(
  (type): type is Exclude<(typeof CONTENT_EVENTS)[number], `knowledge_base.${string}`> =>
    !type.startsWith('knowledge_base.'),
) satisfies readonly EventType[];

export const trustCenterConsumers = [
  defineConsumer({
    name: 'trust-center-cache',
    service: 'trust-center',
    summary: "Invalidates the CDN's copies of a trust center's hosts when its content changes",
    events: CONTENT_EVENTS,
    access: ['cdn'],
    async handle(event) {
      await invalidateTrustCenter(event.tenant_id, event.id);
    },
  }),
  defineConsumer({
    name: 'trust-center-snapshot',
    service: 'trust-center',
    summary:
      "Rebuilds a trust center's published snapshot, which the site's pages read, when its content changes",
    events: SNAPSHOT_EVENTS,
    // Table items only (every consumer's): it reads the tenant's content and writes one item.
    access: [],
    async handle(event) {
      // An event may arrive after its organization's purge: no snapshot for a tenant that is gone.
      if (!(await organizationExists(event.tenant_id))) return;
      const outcome = await rebuildSnapshot(event.tenant_id);
      logger.debug('Trust center snapshot rebuilt', { tenant_id: event.tenant_id, outcome });
    },
  }),
];
