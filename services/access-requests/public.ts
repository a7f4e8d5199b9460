/**
 * What the access-requests service offers other services (DESIGN.md, "Service boundaries"): reads only.
 */
export { currentNda, ndaInForce } from '#services/access-requests/ndas';
export type { NdaTextView } from '#services/access-requests/schemas';
