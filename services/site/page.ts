import type { VNode } from 'preact';
import type { PageContext } from '#services/site/page-context';

/** What a page answers: a titled body inside the layout, or a redirect (with cookies to set). */
export type PageResult =
  | { status?: number; title: string; body: VNode }
  | { redirect: string; cookies?: string[] };

/** One method of one page; `params` are the `{name}` segments of its route. */
export type PageHandler = (
  context: PageContext,
  params: Readonly<Record<string, string>>,
) => Promise<PageResult>;

/**
 * A page of the site: its route after the language prefix (`documents/{id}/download`; '' is the overview)
 * and a handler per method. The table of pages (pages.ts) is the one list of the site's addresses.
 */
export interface SitePage {
  route: string;
  GET?: PageHandler;
  POST?: PageHandler;
}
