/**
 * What the access-requests service offers other services (DESIGN.md, "Service boundaries"): reads only.
 */
export { ndaInForce } from '#services/access-requests/ndas';
