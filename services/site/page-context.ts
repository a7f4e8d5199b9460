import type { SiteBrand } from '#services/site/content';
import type { SiteRequest } from '#services/site/http';
import type { Translator } from '#services/site/i18n';
import type { Language } from '#shared/languages';

/** Everything a page renders from: the request, the tenant and its brand, the language, the CSP nonce. */
export interface PageContext {
  request: SiteRequest;
  tenantId: string;
  brand: SiteBrand;
  language: Language;
  i18n: Translator;
  nonce: string;
  /** The page's path after the language prefix, without slashes around it: '' for the overview. */
  route: string;
}

/** The site URL of `route` ('' for the overview) in `language`: `/de/documents`. */
export function href(language: Language, route: string, query?: Record<string, string>): string {
  const path = `/${language}${route ? `/${route}` : ''}`;
  const search = query ? new URLSearchParams(query).toString() : '';
  return search ? `${path}?${search}` : path;
}
