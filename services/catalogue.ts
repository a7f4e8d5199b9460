import type * as z from 'zod';
import { accessRequestEvents } from '#services/access-requests/events';
import { accountEvents } from '#services/accounts/events';
import { analyticsEvents } from '#services/analytics/events';
import { billingEvents } from '#services/billing/events';
import { brandEvents } from '#services/brand/events';
import { certificationEvents } from '#services/certifications/events';
import { documentEvents } from '#services/documents/events';
import { faqEvents } from '#services/faqs/events';
import { identityEvents } from '#services/identity/events';
import { knowledgeBaseEvents } from '#services/knowledge-base/events';
import { notificationEvents } from '#services/notifications/events';
import { subprocessorEvents } from '#services/subprocessors/events';
import { webhookEvents } from '#services/webhooks/events';
import type { Scope } from '#shared/auth/scopes';
import { type EventDefinition, eventPatternMatches } from '#shared/events/catalogue';

/**
 * The event catalogue: every event type the platform emits, with its data schema. Published in the OpenAPI
 * document's webhooks section; webhook endpoints subscribe to its types; the local relay checks every event
 * against it. Its own module (the registry re-exports it) because the webhooks service reads it, and a
 * service importing the registry would import itself.
 */
export const eventCatalogue = [
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
  ...brandEvents,
  ...billingEvents,
  ...analyticsEvents,
] as const satisfies readonly EventDefinition[];

type CataloguedEvent = (typeof eventCatalogue)[number];

/** Each catalogued type with the output of its data schema: what `EventMap` (shared/events/envelope.ts) holds. */
export type CatalogueEventMap = {
  [Definition in CataloguedEvent as Definition['type']]: z.output<Definition['data']>;
};

// Fills shared/'s empty EventMap from the catalogue, so shared code checks event types and data without
// importing any service (shared/ stays below services/).
declare module '#shared/events/envelope' {
  interface EventMap extends CatalogueEventMap {}
}

/**
 * The scope a principal needs to read an event's data, by the resource part of its type (`account` of
 * `account.created`). Receiving an event (through a webhook or a notification rule) exposes its data, so
 * subscribing needs the same scope as reading the resource. A type whose resource is missing here needs
 * `*`: it fails closed, and test/unit/event-authority.test.ts fails until it is added.
 */
export const EVENT_READ_SCOPES: Readonly<Record<string, Scope>> = {
  account: 'accounts:read',
  access_request: 'access_requests:read',
  access: 'access_requests:read',
  nda: 'access_requests:read',
  organization: 'organization:read',
  user: 'users:read',
  invitation: 'users:read',
  auth: 'users:read',
  api_key: 'api_keys:read',
  knowledge_base: 'knowledge_base:read',
  certification: 'certifications:read',
  faq: 'faqs:read',
  subprocessor: 'subprocessors:read',
  subprocessor_subscription: 'subprocessors:read',
  subprocessor_notice: 'subprocessors:read',
  document: 'documents:read',
  webhook: 'webhooks:read',
  notification_settings: 'notifications:read',
  brand: 'brand:read',
  domain: 'brand:read',
  subscription: 'organization:read',
  invoice: 'organization:read',
  api_quota: 'organization:read',
  visit: 'analytics:read',
};

/** The read scope of one event type; `*` (nobody but full access) when its resource is unmapped. */
export function eventReadScope(type: string): string {
  return EVENT_READ_SCOPES[type.split('.')[0] ?? ''] ?? '*';
}

/**
 * The scopes needed to receive every catalogued event the patterns name (a pattern naming no type needs
 * none). Callers pass them to `requireScopes` before they store a webhook filter or notification rules.
 */
export function eventReadScopes(patterns: readonly string[]): string[] {
  const types = eventCatalogue
    .map((definition) => definition.type)
    .filter((type) => patterns.some((pattern) => eventPatternMatches(pattern, type)));
  return [...new Set(types.map(eventReadScope))].sort();
}
