import MiniSearch, { type SearchOptions } from 'minisearch';

/**
 * Full-text search over a tenant's knowledge base entries: BM25-style ranking (MiniSearch's BM25+),
 * typo tolerance, prefix matching. Pure: no AWS, no I/O.
 *
 * How this scales: the index is built per request from all of the tenant's entries, which costs a few
 * milliseconds per thousand entries and is fine to a few thousand entries per tenant (the store caps a
 * tenant at MAX_ENTRIES_PER_TENANT). Beyond that, cache the serialized index (`JSON.stringify(index)`,
 * `MiniSearch.loadJSON`) per tenant in S3 keyed by the tenant's knowledge base revision counter, or move
 * search to OpenSearch Serverless with a tenant filter on every query.
 */

export interface SearchableEntry {
  id: string;
  question: string;
  answer: string;
  tags: readonly string[];
  language: string;
}

export interface SearchHit<E extends SearchableEntry> {
  entry: E;
  score: number;
}

export interface EntrySearch {
  query: string;
  language?: string | undefined;
  limit: number;
}

/** A question's words count three times an answer's; a tag is a curated keyword, so twice. */
const BOOST = { question: 3, tags: 2, answer: 1 };

const OPTIONS: SearchOptions = {
  boost: BOOST,
  fuzzy: 0.2,
  prefix: true,
};

/**
 * Lower-cases and folds diacritics ("Verschlüsselung" ~ "verschlusselung"). Deliberately no stop-word
 * list: the entries are in three languages, and a word a list would drop ("who", "not", "kein") often
 * is the question.
 */
function normalizeTerm(term: string): string {
  return term
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

/**
 * The entries matching `query`, best first, and how many matched in all. Every query word must match
 * (AND, for precision); when no entry holds them all, any word may (OR), so a question asked in full
 * sentences still finds the entry that answers it.
 */
export function searchEntries<E extends SearchableEntry>(
  entries: readonly E[],
  search: EntrySearch,
): { hits: SearchHit<E>[]; total: number } {
  const candidates = entries.filter(
    (entry) => search.language === undefined || entry.language === search.language,
  );
  const index = new MiniSearch<{ id: string; question: string; answer: string; tags: string }>({
    fields: ['question', 'answer', 'tags'],
    processTerm: normalizeTerm,
  });
  index.addAll(
    candidates.map((entry) => ({
      id: entry.id,
      question: entry.question,
      answer: entry.answer,
      tags: entry.tags.join(' '),
    })),
  );

  let results = index.search(search.query, { ...OPTIONS, combineWith: 'AND' });
  if (results.length === 0) results = index.search(search.query, { ...OPTIONS, combineWith: 'OR' });

  const byId = new Map(candidates.map((entry) => [entry.id, entry]));
  const hits = results
    .flatMap((result) => {
      const entry = byId.get(String(result.id));
      return entry ? [{ entry, score: result.score }] : [];
    })
    // Equal scores in id order, so a response never reorders between identical requests.
    .sort((a, b) => b.score - a.score || a.entry.id.localeCompare(b.entry.id));
  return { hits: hits.slice(0, search.limit), total: hits.length };
}
