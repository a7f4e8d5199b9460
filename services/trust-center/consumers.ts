import { invalidateTrustCenter } from '#services/trust-center/invalidate-cache';
import { defineConsumer } from '#shared/events/consumer';

/** The events that change what a visitor sees of a trust center, or the hosts it is seen on. */
export const CONTENT_EVENTS = [
  'brand.updated',
  'domain.verified',
  'domain.removed',
  'certification.created',
  'certification.updated',
  'certification.deleted',
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
];
