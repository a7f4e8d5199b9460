/**
 * Use case: a visitor searches a trust center's knowledge base (every entry of it is public). 1. Search the
 * entries in the visitor's language, typos tolerated (the knowledge-base service's own search). 2. Nothing
 * found and the language is not the default: search the default language's entries instead.
 */
import { searchKnowledgeBase } from '#services/knowledge-base/public';
import { brandFacts } from '#services/trust-center/brand-facts';
import type { TrustCenterSearch } from '#services/trust-center/schemas';
import type { Language } from '#shared/languages';

/** Knowledge-base hits for `query` in `language` (else the default language), best first; `limit` 1 to 50. */
export async function searchTrustCenter(
  tenantId: string,
  language: Language,
  query: string,
  limit = 10,
): Promise<TrustCenterSearch> {
  const found = await searchKnowledgeBase(tenantId, { query, language, limit });
  if (found.total > 0) return { language, ...found };
  const { defaultLanguage } = await brandFacts(tenantId);
  if (defaultLanguage === language) return { language, ...found };
  return {
    language: defaultLanguage,
    ...(await searchKnowledgeBase(tenantId, { query, language: defaultLanguage, limit })),
  };
}
