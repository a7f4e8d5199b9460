/**
 * How long a file whose name or URL holds its content hash may be kept: a year, the longest `max-age`
 * caches are asked to honour (RFC 9111 §5.2.2.1 advises no more). The site's built assets and the brands'
 * images (versioned by `?v=`) both answer with it; CloudFront's cache policies for them take it as TTL.
 */
export const IMMUTABLE_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;

/** `Cache-Control` of a content-addressed answer: any cache may keep it a year and never revalidate it (RFC 8246). */
export const IMMUTABLE_CACHE_CONTROL = `public, max-age=${IMMUTABLE_MAX_AGE_SECONDS}, immutable`;
