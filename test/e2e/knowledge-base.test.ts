import { describe, expect, it } from 'vitest';
import { newTenant, type TestTenant } from '../support/api.ts';
import { partition } from '../support/table.ts';

interface Entry {
  id: string;
  question: string;
  answer: string;
  tags: string[];
  language: 'en' | 'de' | 'fr';
  created_at: string;
  updated_at: string;
}
interface EntryList {
  entries: Entry[];
  has_more: boolean;
  next_cursor: string | null;
}
interface SearchResponse {
  results: (Pick<Entry, 'id' | 'question' | 'answer' | 'tags' | 'language'> & { score: number })[];
  total: number;
}

const encryptionEntry = {
  question: 'Is customer data encrypted at rest?',
  answer: 'Yes, with AES-256 and keys managed in AWS KMS.',
  tags: ['Encryption', 'security'],
};

async function create(tenant: TestTenant, body: Record<string, unknown>): Promise<Entry> {
  const response = await tenant.call<Entry>('POST', '/api/v1/knowledge-base', { body });
  expect(response.status, response.text).toBe(201);
  return response.body;
}

async function search(tenant: TestTenant, query: string) {
  return tenant.call<SearchResponse>('GET', `/api/v1/knowledge-base/search?${query}`);
}

describe('knowledge base entries', () => {
  it('creates an entry with lower-cased tags and English as the default language', async () => {
    const tenant = newTenant();

    const created = await tenant.call<Entry>('POST', '/api/v1/knowledge-base', { body: encryptionEntry });

    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      ...encryptionEntry,
      tags: ['encryption', 'security'],
      language: 'en',
    });
    expect(created.body.id).toMatch(/^kb_[0-9A-Z]{26}$/);
    expect(created.headers.get('etag')).toBe('"1"');
  });

  it('gets one entry by id, and answers 404 for an id that does not exist', async () => {
    const tenant = newTenant();
    const created = await create(tenant, encryptionEntry);

    const found = await tenant.call<Entry>('GET', `/api/v1/knowledge-base/${created.id}`);
    const missing = await tenant.call('GET', '/api/v1/knowledge-base/kb_00000000000000000000000000');

    expect(found.status).toBe(200);
    expect(found.body).toEqual(created);
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ error: { type: 'not_found', param: 'id' } });
  });

  it('pages through entries newest first with an opaque cursor', async () => {
    const tenant = newTenant();
    for (const question of ['First?', 'Second?', 'Third?']) await create(tenant, { question, answer: 'A.' });

    const first = await tenant.call<EntryList>('GET', '/api/v1/knowledge-base?limit=2');
    const second = await tenant.call<EntryList>(
      'GET',
      `/api/v1/knowledge-base?limit=2&cursor=${encodeURIComponent(first.body.next_cursor ?? '')}`,
    );

    expect(first.body.entries.map((entry) => entry.question)).toEqual(['Third?', 'Second?']);
    expect(first.body.has_more).toBe(true);
    expect(second.body.entries.map((entry) => entry.question)).toEqual(['First?']);
    expect(second.body.has_more).toBe(false);
  });

  it('filters the list by language and by tag, case-insensitively', async () => {
    const tenant = newTenant();
    await create(tenant, { question: 'English, tagged?', answer: 'A.', tags: ['gdpr'] });
    await create(tenant, { question: 'Deutsch, markiert?', answer: 'A.', tags: ['gdpr'], language: 'de' });
    await create(tenant, { question: 'English, untagged?', answer: 'A.' });

    const german = await tenant.call<EntryList>('GET', '/api/v1/knowledge-base?language=de');
    const tagged = await tenant.call<EntryList>('GET', '/api/v1/knowledge-base?tag=GDPR');
    const both = await tenant.call<EntryList>('GET', '/api/v1/knowledge-base?tag=gdpr&language=en');

    expect(german.body.entries.map((entry) => entry.question)).toEqual(['Deutsch, markiert?']);
    expect(tagged.body.entries.map((entry) => entry.question)).toEqual([
      'Deutsch, markiert?',
      'English, tagged?',
    ]);
    expect(both.body.entries.map((entry) => entry.question)).toEqual(['English, tagged?']);
  });

  it('fills a filtered page even when non-matching entries lie between the matches', async () => {
    const tenant = newTenant();
    await create(tenant, { question: 'Old French?', answer: 'A.', language: 'fr' });
    for (const question of ['One?', 'Two?', 'Three?']) await create(tenant, { question, answer: 'A.' });
    await create(tenant, { question: 'New French?', answer: 'A.', language: 'fr' });

    const page = await tenant.call<EntryList>('GET', '/api/v1/knowledge-base?language=fr&limit=2');

    expect(page.body.entries.map((entry) => entry.question)).toEqual(['New French?', 'Old French?']);
  });

  it('updates with If-Match and answers 412 when the ETag is stale', async () => {
    const tenant = newTenant();
    const created = await create(tenant, encryptionEntry);
    const path = `/api/v1/knowledge-base/${created.id}`;

    const updated = await tenant.call<Entry>('PATCH', path, {
      body: { answer: 'Yes, AES-256.', tags: ['KMS'] },
      headers: { 'If-Match': '"1"' },
    });
    const stale = await tenant.call('PATCH', path, {
      body: { answer: 'No.' },
      headers: { 'If-Match': '"1"' },
    });
    const current = await tenant.call<Entry>('GET', path);

    expect(updated.status).toBe(200);
    expect(updated.headers.get('etag')).toBe('"2"');
    expect(stale.status).toBe(412);
    expect(stale.body).toMatchObject({ error: { type: 'precondition_failed' } });
    expect(current.body).toMatchObject({ answer: 'Yes, AES-256.', tags: ['kms'] });
  });

  it('deletes an entry with 204, after which it is gone from reads, lists and search', async () => {
    const tenant = newTenant();
    const created = await create(tenant, encryptionEntry);

    const deleted = await tenant.call('DELETE', `/api/v1/knowledge-base/${created.id}`);
    const get = await tenant.call('GET', `/api/v1/knowledge-base/${created.id}`);
    const list = await tenant.call<EntryList>('GET', '/api/v1/knowledge-base');
    const found = await search(tenant, 'q=encryption');

    expect(deleted.status).toBe(204);
    expect(get.status).toBe(404);
    expect(list.body.entries).toEqual([]);
    expect(found.body).toEqual({ results: [], total: 0 });
  });

  it('refuses a stale If-Match on delete with 412 and keeps the entry', async () => {
    const tenant = newTenant();
    const created = await create(tenant, encryptionEntry);
    const path = `/api/v1/knowledge-base/${created.id}`;
    await tenant.call('PATCH', path, { body: { answer: 'Changed.' } });

    const deleted = await tenant.call('DELETE', path, { headers: { 'If-Match': '"1"' } });
    const current = await tenant.call('GET', path);

    expect(deleted.status).toBe(412);
    expect(current.status).toBe(200);
  });

  it('names the invalid parameter in a validation error', async () => {
    const tenant = newTenant();

    const response = await tenant.call('POST', '/api/v1/knowledge-base', {
      body: { question: 'Q?', answer: 'A.', tags: ['ok', 'x'.repeat(41)] },
    });

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: { type: 'validation_error', param: 'tags[1]' } });
  });

  it('refuses an unknown field in the body', async () => {
    const tenant = newTenant();

    const response = await tenant.call('POST', '/api/v1/knowledge-base', {
      body: { question: 'Q?', answer: 'A.', category: 'security' },
    });

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: { type: 'validation_error', param: 'category' } });
  });

  it('refuses a language other than en, de and fr', async () => {
    const tenant = newTenant();

    const response = await tenant.call('POST', '/api/v1/knowledge-base', {
      body: { question: 'Q?', answer: 'A.', language: 'es' },
    });

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: { param: 'language' } });
  });

  it('refuses more than 20 tags', async () => {
    const tenant = newTenant();
    const tags = Array.from({ length: 21 }, (_, index) => `tag-${index}`);

    const response = await tenant.call('POST', '/api/v1/knowledge-base', {
      body: { question: 'Q?', answer: 'A.', tags },
    });

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: { param: 'tags' } });
  });

  it('answers 404 naming the id for a path id that is not a knowledge base id', async () => {
    const tenant = newTenant();

    const response = await tenant.call('GET', '/api/v1/knowledge-base/acc_00000000000000000000000000');

    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ error: { type: 'not_found', param: 'id' } });
  });

  it('commits a knowledge_base.created, .updated and .deleted event for each change', async () => {
    const tenant = newTenant();
    const created = await create(tenant, encryptionEntry);
    const path = `/api/v1/knowledge-base/${created.id}`;
    await tenant.call('PATCH', path, { body: { answer: 'Yes, AES-256.' } });
    await tenant.call('DELETE', path);

    const outbox = await partition(`${tenant.tenantId}#outbox`);

    const events = outbox.map((item) => item.event as { type: string; data: { entry: { id: string } } });
    expect(events.map((event) => event.type).sort()).toEqual([
      'knowledge_base.created',
      'knowledge_base.deleted',
      'knowledge_base.updated',
    ]);
    expect(events.every((event) => event.data.entry.id === created.id)).toBe(true);
  });

  it('never shows one tenant the entries of another', async () => {
    const owner = newTenant();
    const stranger = newTenant();
    const created = await create(owner, encryptionEntry);

    const list = await stranger.call<EntryList>('GET', '/api/v1/knowledge-base');
    const get = await stranger.call('GET', `/api/v1/knowledge-base/${created.id}`);

    expect(list.body.entries).toEqual([]);
    expect(get.status).toBe(404);
  });
});

describe('knowledge base search', () => {
  it('ranks an entry whose question matches above one whose answer mentions the word', async () => {
    const tenant = newTenant();
    const inAnswer = await create(tenant, {
      question: 'How often are backups taken?',
      answer: 'Daily; backups are encrypted too.',
    });
    const inQuestion = await create(tenant, encryptionEntry);

    const found = await search(tenant, 'q=encrypted');

    expect(found.status).toBe(200);
    expect(found.body.results.map((result) => result.id)).toEqual([inQuestion.id, inAnswer.id]);
    expect(found.body.results[0]?.score).toBeGreaterThan(found.body.results[1]?.score ?? Infinity);
    expect(found.body.total).toBe(2);
  });

  it('returns each result with its question, answer, tags, language and score', async () => {
    const tenant = newTenant();
    const created = await create(tenant, encryptionEntry);

    const found = await search(tenant, 'q=encryption');

    expect(found.body.results).toEqual([
      {
        id: created.id,
        question: created.question,
        answer: created.answer,
        tags: created.tags,
        language: 'en',
        score: expect.any(Number),
      },
    ]);
  });

  it('tolerates a typo: "encrypton" finds the entry tagged "encryption"', async () => {
    const tenant = newTenant();
    const created = await create(tenant, encryptionEntry);

    const found = await search(tenant, 'q=encrypton');

    expect(found.body.results.map((result) => result.id)).toEqual([created.id]);
  });

  it('tolerates two swapped letters: "ecnryption" and "rset" find the entry about encryption at rest', async () => {
    const tenant = newTenant();
    const created = await create(tenant, encryptionEntry);
    await create(tenant, { question: 'Do you support SSO?', answer: 'Yes, SAML.' });

    const ecnryption = await search(tenant, 'q=ecnryption');
    const rset = await search(tenant, 'q=rset');

    expect(ecnryption.status).toBe(200);
    expect(ecnryption.body.results.map((result) => result.id)).toEqual([created.id]);
    expect(rset.body.results.map((result) => result.id)).toEqual([created.id]);
  });

  it('matches a word prefix: "encr" finds "encrypted"', async () => {
    const tenant = newTenant();
    const created = await create(tenant, { question: 'Is data encrypted?', answer: 'Yes.' });

    const found = await search(tenant, 'q=encr');

    expect(found.body.results.map((result) => result.id)).toEqual([created.id]);
  });

  it('falls back to entries matching any word when none matches them all', async () => {
    const tenant = newTenant();
    const created = await create(tenant, encryptionEntry);
    await create(tenant, { question: 'Do you support SSO?', answer: 'Yes, SAML.' });

    const found = await search(tenant, `q=${encodeURIComponent('kubernetes encryption')}`);

    expect(found.body.results.map((result) => result.id)).toEqual([created.id]);
  });

  it('searches only the requested language', async () => {
    const tenant = newTenant();
    await create(tenant, encryptionEntry);
    const german = await create(tenant, {
      question: 'Werden Daten verschlüsselt?',
      answer: 'Ja, AES-256 encryption.',
      language: 'de',
    });

    const found = await search(tenant, 'q=encryption&language=de');

    expect(found.body.results.map((result) => result.id)).toEqual([german.id]);
  });

  it('returns at most `limit` results and the full match count in `total`', async () => {
    const tenant = newTenant();
    for (const question of ['Backups daily?', 'Backups encrypted?', 'Backups tested?']) {
      await create(tenant, { question, answer: 'Yes.' });
    }

    const found = await search(tenant, 'q=backups&limit=2');

    expect(found.body.results).toHaveLength(2);
    expect(found.body.total).toBe(3);
  });

  it("never returns another tenant's entries", async () => {
    const owner = newTenant();
    const stranger = newTenant();
    await create(owner, encryptionEntry);

    const found = await search(stranger, 'q=encryption');

    expect(found.status).toBe(200);
    expect(found.body).toEqual({ results: [], total: 0 });
  });

  it('answers 400 naming `q` when the query is missing', async () => {
    const tenant = newTenant();

    const response = await tenant.call('GET', '/api/v1/knowledge-base/search');

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: { type: 'validation_error', param: 'q' } });
  });

  it('answers 400 naming `q` when the query is longer than 200 characters', async () => {
    const tenant = newTenant();

    const response = await search(tenant, `q=${'a'.repeat(201)}`);

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: { param: 'q' } });
  });

  it('answers 400 naming `limit` when it is out of range', async () => {
    const tenant = newTenant();

    const response = await search(tenant, 'q=encryption&limit=0');

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: { param: 'limit' } });
  });
});
