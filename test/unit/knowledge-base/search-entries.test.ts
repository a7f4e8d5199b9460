import { describe, expect, it } from 'vitest';
import { type SearchableEntry, searchEntries } from '#services/knowledge-base/search-entries';

function entry(id: string, fields: Partial<SearchableEntry> = {}): SearchableEntry {
  return { id, question: '', answer: '', tags: [], language: 'en', ...fields };
}

const encryption = entry('kb_1', {
  question: 'Is customer data encrypted at rest?',
  answer: 'Yes, with AES-256 and keys managed in AWS KMS.',
  tags: ['encryption', 'security'],
});
const backups = entry('kb_2', {
  question: 'How often are backups taken?',
  answer: 'Daily, with point-in-time recovery; backups are encrypted.',
  tags: ['backup'],
});
const sso = entry('kb_3', {
  question: 'Do you support single sign-on?',
  answer: 'Yes, SAML 2.0 and OpenID Connect.',
  tags: ['identity'],
});
const german = entry('kb_4', {
  question: 'Werden Daten verschlüsselt gespeichert?',
  answer: 'Ja, mit AES-256 encryption.',
  language: 'de',
});
const entries = [encryption, backups, sso, german];

const ids = (result: ReturnType<typeof searchEntries>) => result.hits.map((hit) => hit.entry.id);

describe('searchEntries', () => {
  it('ranks an entry whose question matches above one whose answer matches', () => {
    const result = searchEntries(entries, { query: 'encrypted', limit: 10 });

    expect(ids(result).slice(0, 2)).toEqual(['kb_1', 'kb_2']);
    expect(result.hits[0]?.score).toBeGreaterThan(result.hits[1]?.score ?? Number.POSITIVE_INFINITY);
  });

  it('finds "encryption" when the query is misspelt "encrypton"', () => {
    const result = searchEntries(entries, { query: 'encrypton', limit: 10 });

    expect(ids(result)).toContain('kb_1');
  });

  it('finds "encryption" from the prefix "encr"', () => {
    const result = searchEntries(entries, { query: 'encr', limit: 10 });

    expect(ids(result)).toContain('kb_1');
  });

  it('matches tags as well as questions and answers', () => {
    const result = searchEntries(entries, { query: 'identity', limit: 10 });

    expect(ids(result)).toEqual(['kb_3']);
  });

  it('searches only the entries in the requested language', () => {
    const result = searchEntries(entries, { query: 'encryption', language: 'de', limit: 10 });

    expect(ids(result)).toEqual(['kb_4']);
  });

  it('ignores case and diacritics in both the entries and the query', () => {
    const result = searchEntries(entries, { query: 'VERSCHLUSSELT', limit: 10 });

    expect(ids(result)).toEqual(['kb_4']);
  });

  it('requires every word to match when some entry holds them all', () => {
    const result = searchEntries(entries, { query: 'backups daily', limit: 10 });

    expect(ids(result)).toEqual(['kb_2']);
  });

  it('falls back to any word matching when no entry holds them all', () => {
    const result = searchEntries(entries, { query: 'kubernetes backups', limit: 10 });

    expect(ids(result)).toEqual(['kb_2']);
  });

  it('keeps common words a stop-word list would drop, so they still find entries', () => {
    const withWho = entry('kb_5', { question: 'Who can see our data?', answer: 'Only named staff.' });

    const result = searchEntries([...entries, withWho], { query: 'who', limit: 10 });

    expect(ids(result)).toEqual(['kb_5']);
  });

  it('returns at most `limit` hits but counts every match in `total`', () => {
    const result = searchEntries(entries, { query: 'encrypted', language: 'en', limit: 1 });

    expect(result.hits).toHaveLength(1);
    expect(result.total).toBe(2);
  });

  it('finds nothing in an empty knowledge base', () => {
    const result = searchEntries([], { query: 'encryption', limit: 10 });

    expect(result).toEqual({ hits: [], total: 0 });
  });
});
