import type { Language, SearchResponse } from '#services/knowledge-base/schemas';
import { searchEntries } from '#services/knowledge-base/search-entries';
import { allEntries } from '#services/knowledge-base/store';
import { toEntryView } from '#services/knowledge-base/view';

/**
 * Use case: search one tenant's knowledge base. 1. Query the tenant's entries (in `language` when given).
 * 2. Rank them with MiniSearch, typos tolerated (search-entries.ts). 3. The best `limit`, and how many matched.
 */
export async function searchKnowledgeBase(
  tenantId: string,
  search: { query: string; language?: Language | undefined; limit: number },
): Promise<SearchResponse> {
  const entries = (await allEntries(tenantId, { language: search.language })).map(toEntryView);
  const { hits, total } = searchEntries(entries, search);
  return {
    results: hits.map(({ entry, score }) => ({
      id: entry.id,
      question: entry.question,
      answer: entry.answer,
      tags: entry.tags,
      language: entry.language,
      score,
    })),
    total,
  };
}
