/**
 * The routes of the pages a visitor browses to (after the language prefix; '' is the overview): listed
 * in `/sitemap.xml`, checked by the accessibility suite in every language. The other pages answer forms
 * and links from email. A plain module, so that other services read it without the site's renderer.
 */
export const LISTED_ROUTES = ['', 'documents', 'request', 'faq', 'search', 'subprocessors'] as const;

/**
 * The pages that links in a visitor's mail open (each with `?token=`): the magic link's landing, and the
 * subprocessor subscription's confirmation and unsubscribe. The site's page table uses the same routes.
 */
export const MAIL_LINK_ROUTES = {
  magicLink: 'access',
  confirmSubscription: 'subprocessors/subscriptions/confirm',
  unsubscribe: 'subprocessors/subscriptions/unsubscribe',
} as const;
