/** What the trust center's routes (routes.ts, machine-routes.ts, mcp-route.ts) share. */
import * as z from 'zod';
import { brandFacts } from '#services/trust-center/brand-facts';
import { visitorLanguage } from '#services/trust-center/visitor-language';
import { errorBody } from '#shared/http/error-responses';
import type { Language } from '#shared/languages';

export const service = 'trust-center';
export const tags = ['Trust center'];

/** What every visitor-facing route says about where its tenant comes from, caching and languages. */
export const VISITOR_ROUTE =
  "Public: no credential. The trust center is the one of the host the request reaches (its default host or a verified custom domain); an unknown host is a 404. Published content only. Answers carry a strong `ETag` (send it back as `If-None-Match` for a 304) and `Cache-Control: public`; every content change invalidates the CDN copies of the tenant's hosts.";

export const notModified = { description: 'Not modified: the `If-None-Match` names the current ETag' };
export const noTrustCenter = { description: 'No trust center answers on this host', schema: errorBody };

/** The visitor's language: `?lang=`, else `Accept-Language`, among the trust center's, else its default. */
export async function languageOfRequest(
  tenantId: string,
  lang: string | undefined,
  headers: Readonly<Record<string, string>>,
): Promise<Language> {
  const brand = await brandFacts(tenantId);
  return visitorLanguage(
    { lang, acceptLanguage: headers['accept-language'] },
    { enabled: brand.languages, fallback: brand.defaultLanguage },
  );
}

/** A plain text answer's schema, for routes that answer `text/plain` (or another text type). */
export const textBody = z.string();
