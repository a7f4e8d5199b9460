/**
 * Headers every API answer carries, whoever produces it: the service pipeline, the local gateway, and API
 * Gateway's own responses (401, 403, 429…). They are set at the source, not only by CloudFront's response
 * headers policy, so an answer fetched from the `execute-api` endpoint directly carries them too.
 * - `Cache-Control: no-store`: answers carry credentials (sign-in, new API keys and webhook secrets) and
 *   tenant data; no browser, proxy or CDN may keep them (RFC 9111 §5.2.2.5). A route that serves something
 *   public may set its own.
 * - `X-Content-Type-Options: nosniff`: a JSON or CSV answer is never rendered as HTML (Fetch standard).
 * - `Strict-Transport-Security`: two years, subdomains included (RFC 6797); browsers ignore it over plain
 *   http, so the local platform sends it harmlessly.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'Strict-Transport-Security': 'max-age=63072000; includeSubDomains',
};
