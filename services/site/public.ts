/**
 * What the site offers other services (DESIGN.md, "Service boundaries"): the addresses of its pages, for
 * machine-readable indexes such as `/sitemap.xml` and for the links in a visitor's mail.
 */
import { LISTED_ROUTES } from '#services/site/site-map';
import { LANGUAGES, type Language } from '#shared/languages';

export { trustCenterPageUrl } from '#services/site/links';
export { LISTED_ROUTES, MAIL_LINK_ROUTES } from '#services/site/site-map';

/** The path of every listed page in every language (`/de/documents`), overview first. */
export function sitePagePaths(languages: readonly Language[] = LANGUAGES): string[] {
  return languages.flatMap((language) =>
    LISTED_ROUTES.map((route) => `/${language}${route ? `/${route}` : ''}`),
  );
}
