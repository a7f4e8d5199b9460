/**
 * An organization slug is a DNS label (RFC 1123): lower-case letters, digits and inner hyphens, at most 63
 * characters. A module of its own so that resolving slugs (slugs.ts, which other services reach through
 * public.ts) does not load the API's zod schemas.
 */
export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
