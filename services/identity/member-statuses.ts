/**
 * A member's states, for the entity (store.ts) and the API schemas (schemas.ts) alike. A module of its own
 * so that the authorizer, which reads members through the store, does not load the API's zod schemas.
 */
export const MEMBER_STATUSES = ['active', 'disabled', 'pending_invite'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];
