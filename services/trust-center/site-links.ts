/**
 * Where things are on a trust center's host: the machine-readable paths this service serves (each a route
 * of routes.ts) and the site's pages it links to (served by the site service under a language prefix).
 */
import type { Language } from '#shared/languages';

/** The machine-readable documents of a trust center, absolute on `origin`. */
export interface TrustCenterLinks {
  trustJson: string;
  llmsTxt: string;
  securityTxt: string;
  sitemap: string;
  mcp: string;
  overviewApi: string;
}

export function machineLinks(origin: string): TrustCenterLinks {
  return {
    trustJson: `${origin}/trust.json`,
    llmsTxt: `${origin}/llms.txt`,
    securityTxt: `${origin}/.well-known/security.txt`,
    sitemap: `${origin}/sitemap.xml`,
    mcp: `${origin}/mcp`,
    overviewApi: `${origin}/api/v1/public/trust-center`,
  };
}

/**
 * The site's pages a visitor (or a search engine) starts from, after the language prefix (`/de/faq`):
 * the overview, documents, FAQs, search, subprocessors and the access-request form.
 */
export const SITE_ENTRY_PAGES = ['', 'documents', 'faq', 'subprocessors', 'request'] as const;

/** A page of the site in a language: `https://trust.acme.com/de/faq`. */
export function pageUrl(origin: string, language: Language, page: string): string {
  return `${origin}/${language}/${page}`;
}

/**
 * The site's access-request form with documents chosen (`/en/request?document_ids=doc_…`): where a person,
 * or an agent on their behalf, asks for restricted and NDA-gated documents. Access is granted only through
 * that form's review, never by this link.
 */
export function requestAccessUrl(origin: string, language: Language, documentIds: readonly string[]): string {
  const query = new URLSearchParams({ document_ids: documentIds.join(',') });
  return `${pageUrl(origin, language, 'request')}?${query.toString()}`;
}
