import type { SitePage } from '#services/site/page';
import { accessPage, grantedDocumentsPage, grantedDownloadPage } from '#services/site/pages/access.tsx';
import { documentsPage, publicDownloadPage } from '#services/site/pages/documents.tsx';
import { faqPage } from '#services/site/pages/faq.tsx';
import { overviewPage } from '#services/site/pages/overview.tsx';
import { requestPage, requestSentPage } from '#services/site/pages/request.tsx';
import { searchPage } from '#services/site/pages/search.tsx';
import {
  confirmSubscriptionPage,
  subprocessorsPage,
  subscribePage,
  unsubscribePage,
} from '#services/site/pages/subprocessors.tsx';

/** Every page of the site, each under every language prefix: the one list the handler and the tests read. */
export const SITE_PAGES: readonly SitePage[] = [
  overviewPage,
  documentsPage,
  publicDownloadPage,
  requestPage,
  requestSentPage,
  accessPage,
  grantedDocumentsPage,
  grantedDownloadPage,
  faqPage,
  searchPage,
  subprocessorsPage,
  subscribePage,
  confirmSubscriptionPage,
  unsubscribePage,
];

/** The page of `route` (the path after the language prefix), with its `{name}` segments; null for none. */
export function matchPage(route: string): { page: SitePage; params: Record<string, string> } | null {
  const segments = route === '' ? [] : route.split('/');
  for (const page of SITE_PAGES) {
    const pattern = page.route === '' ? [] : page.route.split('/');
    if (pattern.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const matches = pattern.every((part, index) => {
      const segment = segments[index] ?? '';
      if (part.startsWith('{') && part.endsWith('}')) {
        params[part.slice(1, -1)] = segment;
        return segment.length > 0;
      }
      return part === segment;
    });
    if (matches) return { page, params };
  }
  return null;
}
