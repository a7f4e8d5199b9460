/**
 * The routes of the pages a visitor browses to (after the language prefix; '' is the overview): listed
 * in `/sitemap.xml`, checked by the accessibility suite in every language. The other pages answer forms
 * and links from email. A plain module, so that other services read it without the site's renderer.
 */
export const LISTED_ROUTES = ['', 'documents', 'request', 'faq', 'search', 'subprocessors'] as const;
