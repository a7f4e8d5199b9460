/**
 * A custom domain's states, for the entity (store.ts) and the API schemas (schemas.ts) alike. A module of
 * its own so that what reads domains through the store (the site, the notices job) does not load the
 * API's zod schemas.
 */
export const DOMAIN_STATUSES = ['active', 'pending'] as const;
export type DomainStatus = (typeof DOMAIN_STATUSES)[number];
