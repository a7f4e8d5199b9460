/**
 * What the FAQs service offers other services (DESIGN.md, "Service boundaries"): the published FAQs, the only
 * ones a visitor may see. Every other module of services/faqs/ is private.
 */
import type { FaqView } from '#services/faqs/schemas';
import { faqs } from '#services/faqs/store';
import { toFaqView } from '#services/faqs/view';
import { config } from '#shared/config';

export type { FaqView } from '#services/faqs/schemas';

/**
 * The tenant's published FAQs in every language, by position then creation. Drafts (`published: false`)
 * are filtered out by the query itself and checked again here, so no caller can receive one.
 */
export async function publishedFaqs(tenantId: string): Promise<FaqView[]> {
  const { data } = await faqs.query
    .byPosition({ tenantId })
    .where(({ published }, { eq }) => eq(published, true))
    .go({ table: config.tableName, pages: 'all', order: 'asc' });
  return data.filter((item) => item.published === true).map(toFaqView);
}
