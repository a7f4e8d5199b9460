import { accessRequestEvents } from '#services/access-requests/events';
import { accountEvents } from '#services/accounts/events';
import { certificationEvents } from '#services/certifications/events';
import { documentEvents } from '#services/documents/events';
import { faqEvents } from '#services/faqs/events';
import { identityEvents } from '#services/identity/events';
import { knowledgeBaseEvents } from '#services/knowledge-base/events';
import { notificationEvents } from '#services/notifications/events';
import { subprocessorEvents } from '#services/subprocessors/events';
import { webhookEvents } from '#services/webhooks/events';
import type { EventDefinition } from '#shared/events/catalogue';

/**
 * The event catalogue: every event type the platform emits, with its data schema. Published in the OpenAPI
 * document's webhooks section; webhook endpoints subscribe to its types; the local relay checks every event
 * against it. Its own module (the registry re-exports it) because the webhooks service reads it, and a
 * service importing the registry would import itself.
 */
export const eventCatalogue: readonly EventDefinition[] = [
  ...accountEvents,
  ...accessRequestEvents,
  ...identityEvents,
  ...knowledgeBaseEvents,
  ...certificationEvents,
  ...faqEvents,
  ...subprocessorEvents,
  ...documentEvents,
  ...webhookEvents,
  ...notificationEvents,
];
