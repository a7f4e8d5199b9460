import MiniSearch, { type Query, type SearchOptions } from 'minisearch';

/**
 * Full-text search over a tenant's knowledge base entries: BM25-style ranking (MiniSearch's BM25+),
 * typo tolerance, prefix matching. Pure: no AWS, no I/O.
 *
 * Typos tolerated, per query word (Damerau-Levenshtein distance 1: one swap of adjacent letters, one
 * missing, extra, doubled or substituted letter): words of 3 letters and more (a 3-letter word missing
 * a letter is a 2-letter word, below). Words of 8 letters and more tolerate two Levenshtein edits (13
 * and more: three), a swap included. Words of 1-2 letters must match exactly or as a prefix: one edit
 * away from them is most short words. Recall on a typo set: test/unit/knowledge-base/search-typos.test.ts.
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

/** MiniSearch allows `round(length * ratio)` Levenshtein edits: 0 up to 2 letters, 1 for 3-7, 2 for 8-12. */
const FUZZY_RATIO = 0.2;

/**
 * A swap of adjacent letters is 2 Levenshtein edits, which MiniSearch's fuzzy matching (Levenshtein,
 * not Damerau) allows only from 8 letters. Shorter words get their swaps found in the index's
 * vocabulary instead, weighted as one fuzzy edit (MiniSearch's own formula, `weights.fuzzy` 0.45 times
 * length / (length + distance)) so that an exact match in the same field still ranks first.
 */
const MIN_SWAP_LENGTH = 3;
const FUZZY_WEIGHT = 0.45;

const OPTIONS: SearchOptions = {
  boost: BOOST,
  fuzzy: FUZZY_RATIO,
  prefix: true,
  weights: { fuzzy: FUZZY_WEIGHT, prefix: 0.375 },
  processTerm: normalizeTerm,
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
  // The index's vocabulary, gathered while indexing, against which a query word's swaps are checked.
  const vocabulary = new Set<string>();
  const index = new MiniSearch<{ id: string; question: string; answer: string; tags: string }>({
    fields: ['question', 'answer', 'tags'],
    processTerm: (term) => {
      const normalized = normalizeTerm(term);
      vocabulary.add(normalized);
      return normalized;
    },
  });
  index.addAll(
    candidates.map((entry) => ({
      id: entry.id,
      question: entry.question,
      answer: entry.answer,
      tags: entry.tags.join(' '),
    })),
  );

  const query = typoTolerantQuery(search.query, vocabulary);
  let results = index.search({ ...query.tree, combineWith: 'AND' }, OPTIONS);
  if (results.length === 0) results = index.search({ ...query.tree, combineWith: 'OR' }, OPTIONS);

  const byId = new Map(candidates.map((entry) => [entry.id, entry]));
  const hits = results
    .flatMap((result) => {
      const entry = byId.get(String(result.id));
      if (!entry) return [];
      // MiniSearch multiplies a score by the number of query terms matched; a word matched both as
      // typed and as a swap is still one word.
      const wordsMatched = new Set(result.queryTerms.map((term) => query.wordOf.get(term) ?? term)).size;
      return [{ entry, score: (result.score / Math.max(1, result.queryTerms.length)) * wordsMatched }];
    })
    // Equal scores in id order, so a response never reorders between identical requests.
    .sort((a, b) => b.score - a.score || a.entry.id.localeCompare(b.entry.id));
  return { hits: hits.slice(0, search.limit), total: hits.length };
}

/**
 * The query as a MiniSearch query tree: one subquery per word (normalized as the index is), each the
 * word itself (prefix and fuzzy) OR its adjacent-letter swaps that are words of the index. `wordOf`
 * maps each swap back to the word typed.
 */
function typoTolerantQuery(
  text: string,
  vocabulary: ReadonlySet<string>,
): { tree: { queries: Query[] }; wordOf: Map<string, string> } {
  const tokenize = MiniSearch.getDefault('tokenize') as (text: string) => string[];
  const words = [
    ...new Set(
      tokenize(text)
        .map(normalizeTerm)
        .filter((word) => word !== ''),
    ),
  ];
  const wordOf = new Map<string, string>();
  const queries = words.map((word): Query => {
    const swaps = swapsToLookUp(word).filter((swap) => vocabulary.has(swap) && !words.includes(swap));
    if (swaps.length === 0) return word;
    for (const swap of swaps) wordOf.set(swap, word);
    const swapWeight = (FUZZY_WEIGHT * word.length) / (word.length + 1);
    return {
      combineWith: 'OR',
      queries: [word, { queries: swaps, fuzzy: false, prefix: false, boostTerm: () => swapWeight }],
    };
  });
  return { tree: { queries }, wordOf };
}

/** The adjacent-letter swaps of `word` that MiniSearch's Levenshtein budget for it does not reach. */
function swapsToLookUp(word: string): string[] {
  const letters = [...word];
  const levenshteinBudget = Math.round(letters.length * FUZZY_RATIO);
  if (letters.length < MIN_SWAP_LENGTH || levenshteinBudget >= 2) return [];
  const swaps = new Set<string>();
  for (let i = 0; i + 1 < letters.length; i++) {
    if (letters[i] === letters[i + 1]) continue;
    const swapped = [...letters];
    [swapped[i], swapped[i + 1]] = [letters[i + 1] as string, letters[i] as string];
    swaps.add(swapped.join(''));
  }
  return [...swaps];
}
