/**
 * What a page view records about its visitor, worked out from the request alone (pure, no I/O): whether it
 * is a bot, the device class, the referring domain, the country. Nothing here keeps the address or the
 * user agent; the visitor's pseudonym is made in daily-salt.ts.
 */
import Bowser from 'bowser';
import { isbot } from 'isbot';
import type { DeviceClass } from '#services/analytics/events';

/**
 * Whether a user agent is a bot, by isbot's list (crawlers, link previews, monitors, headless browsers).
 * A request with no user agent is taken for one too: browsers always send it.
 */
export function isBotAgent(userAgent: string | undefined): boolean {
  return !userAgent?.trim() || isbot(userAgent);
}

/** desktop, mobile or tablet by bowser's platform type; `other` for TVs, consoles and the unknown. */
export function deviceClassOf(userAgent: string): DeviceClass {
  const type = Bowser.parse(userAgent).platform.type;
  return type === 'desktop' || type === 'mobile' || type === 'tablet' ? type : 'other';
}

const MAX_DOMAIN_LENGTH = 253;

/**
 * The host of the `Referer` (lower case, no port, no `www.` kept as is), or null: none sent, not an http(s)
 * URL, or the trust center's own host (`ownHost`, with or without its port), whose links are navigation.
 */
export function referrerDomainOf(referer: string | undefined, ownHost: string): string | null {
  if (!referer) return null;
  let url: URL;
  try {
    url = new URL(referer);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  const own = ownHost.toLowerCase().replace(/:\d+$/, '').replace(/\.$/, '');
  if (!host || host === own || host.length > MAX_DOMAIN_LENGTH) return null;
  return host;
}

/**
 * The header CloudFront adds with the viewer's country (ISO 3166-1 alpha-2), lower-cased as the site reads
 * headers; the site's cache policy names it (infra/constructs/visitor-behaviours.ts), or it never arrives.
 */
export const VIEWER_COUNTRY_HEADER = 'cloudfront-viewer-country';

/** The viewer's country from CloudFront-Viewer-Country (ISO 3166-1 alpha-2), else `unknown`. */
export function countryOf(header: string | undefined): string {
  const code = header?.trim().toUpperCase();
  return code && /^[A-Z]{2}$/.test(code) ? code : 'unknown';
}

/** The UTC day of an instant, `YYYY-MM-DD`: the unit of every counter and of the visitor salt. */
export function utcDayOf(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** A page's name in the counters: its route (`documents/{id}/download`), `overview` for the empty one. */
export function pageNameOf(route: string): string {
  return route === '' ? 'overview' : route;
}
