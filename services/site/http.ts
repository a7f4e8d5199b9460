import { randomBytes } from 'node:crypto';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { SECURITY_HEADERS } from '#shared/http/security-headers';
import { viewerAddress, viewerHostHeader } from '#shared/net/viewer-address';

/** One visitor request as the site's pages see it: names of headers and cookies lower-cased. */
export interface SiteRequest {
  method: string;
  /** The URL path, percent-decoding left to the pages. */
  path: string;
  query: URLSearchParams;
  headers: Readonly<Record<string, string>>;
  cookies: Readonly<Record<string, string>>;
  /** The body of an `application/x-www-form-urlencoded` POST; empty otherwise. */
  form: URLSearchParams;
  /** The viewer's host name with port, as the browser addressed it (behind CloudFront, its trusted header). */
  host: string;
  /** The viewer's address (behind CloudFront, its trusted header; shared/net/viewer-address.ts). */
  sourceIp: string;
  userAgent: string | undefined;
  /** `https` behind CloudFront, `http` on the local platform. */
  scheme: 'http' | 'https';
}

/** Reads the REST proxy event that CloudFront's default behaviour (locally the gateway) hands the site. */
export async function siteRequestOf(event: APIGatewayProxyEvent): Promise<SiteRequest> {
  const headers: Record<string, string> = Object.create(null);
  for (const [name, value] of Object.entries(event.headers ?? {})) {
    if (value !== undefined) headers[name.toLowerCase()] = value;
  }
  const cookies: Record<string, string> = Object.create(null);
  for (const pair of (headers.cookie ?? '').split(';')) {
    const at = pair.indexOf('=');
    if (at > 0) cookies[pair.slice(0, at).trim()] = pair.slice(at + 1).trim();
  }
  const query = new URLSearchParams();
  for (const [name, values] of Object.entries(event.multiValueQueryStringParameters ?? {})) {
    for (const value of values ?? []) query.append(name, value);
  }
  const body = event.body
    ? event.isBase64Encoded
      ? Buffer.from(event.body, 'base64').toString()
      : event.body
    : '';
  const isForm = (headers['content-type'] ?? '')
    .toLowerCase()
    .startsWith('application/x-www-form-urlencoded');
  return {
    method: event.httpMethod.toUpperCase(),
    path: event.path,
    query,
    headers,
    cookies,
    form: new URLSearchParams(isForm ? body : ''),
    host: await viewerHostHeader(headers),
    sourceIp: await viewerAddress(headers, event.requestContext?.identity?.sourceIp ?? '0.0.0.0'),
    userAgent: headers['user-agent']?.slice(0, 512),
    scheme:
      headers['x-forwarded-proto'] === 'https' || headers['cloudfront-forwarded-proto'] === 'https'
        ? 'https'
        : 'http',
  };
}

/**
 * Whether a form post comes from the trust center's own pages (CSRF, OWASP's "Verifying Origin With
 * Standard Headers"): browsers send `Origin` on every cross-site POST, and `Referer` where an old one
 * omits it; a post with neither is refused too. The session cookie is also `SameSite=Lax`, so a cross-site
 * post carries no session.
 */
export function isSameOrigin(request: SiteRequest): boolean {
  const source = request.headers.origin ?? request.headers.referer;
  if (!source || source === 'null') return false;
  try {
    return new URL(source).host === request.host;
  } catch {
    return false;
  }
}

/** A fresh CSP nonce for one response (128 random bits, CSP Level 3 §6.7.2.3). */
export function newNonce(): string {
  return randomBytes(16).toString('base64');
}

/**
 * The headers every page carries. The policy allows only this response's nonce'd script (and what it
 * loads: the proof-of-work worker), the site's own styles, fonts and images (the brand's logo and favicon
 * among them: served from the trust center's own host), posts to the site itself, and no framing; nothing
 * names the platform.
 */
export function pageHeaders(nonce: string): Record<string, string> {
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}' 'strict-dynamic'`,
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
  return {
    // Cache-Control: no-store (every answer is per visitor: a nonce, maybe a session), nosniff, HSTS.
    ...SECURITY_HEADERS,
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': csp,
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'same-origin',
    'Permissions-Policy':
      'accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
}

/** A redirect; `303` after a form post (RFC 9110 §15.4.4), `302` for a negotiated language. */
export function redirect(
  location: string,
  status: 302 | 303 = 303,
  headers: Record<string, string> = {},
  cookies: string[] = [],
): APIGatewayProxyResult {
  return {
    statusCode: status,
    // HSTS and the rest on a redirect too: the first answer a visitor gets is often the language redirect.
    headers: { Location: location, ...SECURITY_HEADERS, ...headers },
    ...(cookies.length > 0 ? { multiValueHeaders: { 'Set-Cookie': cookies } } : {}),
    body: '',
  };
}
