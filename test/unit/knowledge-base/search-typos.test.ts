import { describe, expect, it } from 'vitest';
import { type SearchableEntry, searchEntries } from '#services/knowledge-base/search-entries';
import { type TypoClass, typoCorpus, typoSet } from './typo-corpus.ts';

function entry(id: string, question: string, answer = ''): SearchableEntry {
  return { id, question, answer, tags: [], language: 'en' };
}

/** The typos whose intended entry is not among the first three hits. */
function missesInTop3(typos: ReturnType<typeof typoSet>): string[] {
  return typos.flatMap((typo) => {
    const ids = searchEntries(typoCorpus, { query: typo.typo, limit: 3 }).hits.map((hit) => hit.entry.id);
    return ids.includes(typo.target) ? [] : [`${typo.typo} (${typo.word})`];
  });
}

// Extra and substituted letters are drawn from QWERTY neighbours to keep the suite quick; the
// exhaustive a-z set gives the same result (measured when the tolerance was built).
const typos = typoSet(3, Number.POSITIVE_INFINITY, 'neighbours');
const classes: { kind: TypoClass; name: string }[] = [
  { kind: 'swap', name: 'swap of two adjacent letters' },
  { kind: 'missing', name: 'missing letter' },
  { kind: 'extra', name: 'extra letter' },
  { kind: 'doubled', name: 'doubled letter' },
  { kind: 'substituted', name: 'substituted letter' },
];

describe('searchEntries with a misspelt word', () => {
  it.each(classes)(
    'finds the entry in the top 3 for every $name in a word of 4 letters or more',
    ({ kind }) => {
      const ofKind = typos.filter((typo) => typo.kind === kind && typo.word.length >= 4);

      const misses = missesInTop3(ofKind);

      expect(ofKind.length).toBeGreaterThan(100);
      expect(misses).toEqual([]);
    },
  );

  it.each(classes.filter(({ kind }) => kind !== 'missing'))(
    'finds the entry in the top 3 for every $name in a word of 3 letters (SOC, ISO, SSO, MFA)',
    ({ kind }) => {
      const ofKind = typos.filter((typo) => typo.kind === kind && typo.word.length === 3);

      const misses = missesInTop3(ofKind);

      expect(ofKind.length).toBeGreaterThan(5);
      expect(misses).toEqual([]);
    },
  );

  it('finds "encryption" from the swap "ecnryption" and "rest" from the swap "rset"', () => {
    const ecnryption = searchEntries(typoCorpus, { query: 'ecnryption', limit: 3 });
    const rset = searchEntries(typoCorpus, { query: 'rset', limit: 1 });

    expect(ecnryption.hits.map((hit) => hit.entry.id)).toContain('kb_encryption_rest');
    expect(rset.hits.map((hit) => hit.entry.id)).toEqual(['kb_encryption_rest']);
  });

  it('tolerates no edit in a word of 2 letters, where one edit reaches most short words', () => {
    const result = searchEntries(typoCorpus, { query: 'ks', limit: 10 });

    expect(result.total).toBe(0);
  });

  it('ranks an exact match above an entry matching the word with two letters swapped', () => {
    const trial = entry('kb_trial', 'Is there a free trial?');
    const trail = entry('kb_trail', 'Do you keep an audit trail?');

    const forTrial = searchEntries([trial, trail], { query: 'trial', limit: 10 });
    const forTrail = searchEntries([trial, trail], { query: 'trail', limit: 10 });

    expect(forTrial.hits.map((hit) => hit.entry.id)).toEqual(['kb_trial', 'kb_trail']);
    expect(forTrail.hits.map((hit) => hit.entry.id)).toEqual(['kb_trail', 'kb_trial']);
  });

  it('never scores a misspelt word above the same word spelt right, even matched twice', () => {
    // "rset" reaches "rest" as a swap and "reset" as one inserted letter: still one word of the query.
    const both = entry('kb_1', 'Can a reset of keys at rest be undone?');

    const misspelt = searchEntries([both], { query: 'rset', limit: 1 });
    const spelt = searchEntries([both], { query: 'rest', limit: 1 });

    expect(misspelt.hits[0]?.score).toBeLessThan(spelt.hits[0]?.score ?? 0);
  });

  it('requires every word when a misspelt word is one of several', () => {
    const result = searchEntries(typoCorpus, { query: 'bakcups daily', limit: 10 });

    expect(result.hits.map((hit) => hit.entry.id)).toEqual(['kb_backups']);
  });
});
