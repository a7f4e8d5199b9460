import { describe, expect, it } from 'vitest';
import { newTenant, type TestTenant } from '../support/api.ts';
import { partition } from '../support/table.ts';

interface Faq {
  id: string;
  question: string;
  answer: string;
  category: string | null;
  language: 'en' | 'de' | 'fr';
  published: boolean;
  position: number;
  created_at: string;
  updated_at: string;
}
interface FaqList {
  faqs: Faq[];
  has_more: boolean;
  next_cursor: string | null;
}

const encryption = {
  question: 'Is customer data encrypted at rest?',
  answer: 'Yes, with AES-256 through AWS KMS.',
  category: 'Security',
};

async function ask(tenant: TestTenant, question: string, extra: Record<string, unknown> = {}): Promise<Faq> {
  const created = await tenant.call<Faq>('POST', '/api/v1/faqs', {
    body: { question, answer: 'An answer.', ...extra },
  });
  return created.body;
}

const questions = (list: { body: FaqList }) => list.body.faqs.map((faq) => faq.question);

describe('FAQs', () => {
  it('adds an FAQ in English, unpublished, at the first position by default', async () => {
    const tenant = newTenant();

    const created = await tenant.call<Faq>('POST', '/api/v1/faqs', { body: encryption });

    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ...encryption, language: 'en', published: false, position: 0 });
    expect(created.body.id).toMatch(/^faq_[0-9A-Z]{26}$/);
    expect(created.headers.get('etag')).toBe('"1"');
  });

  it('puts each new FAQ after the last one', async () => {
    const tenant = newTenant();
    await ask(tenant, 'First?', { position: 7 });

    const next = await ask(tenant, 'Second?');

    expect(next.position).toBe(8);
  });

  it('gets one FAQ by id, and answers 404 for an id that does not exist', async () => {
    const tenant = newTenant();
    const created = await tenant.call<Faq>('POST', '/api/v1/faqs', { body: encryption });

    const found = await tenant.call<Faq>('GET', `/api/v1/faqs/${created.body.id}`);
    const missing = await tenant.call('GET', '/api/v1/faqs/faq_00000000000000000000000000');

    expect(found.status).toBe(200);
    expect(found.body).toEqual(created.body);
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ error: { type: 'not_found', param: 'id' } });
  });

  it('lists FAQs by position, then by creation', async () => {
    const tenant = newTenant();
    await ask(tenant, 'Ten?', { position: 10 });
    await ask(tenant, 'Two, first?', { position: 2 });
    await ask(tenant, 'Two, second?', { position: 2 });
    await ask(tenant, 'Last?');

    const listed = await tenant.call<FaqList>('GET', '/api/v1/faqs');

    expect(questions(listed)).toEqual(['Two, first?', 'Two, second?', 'Ten?', 'Last?']);
  });

  it('moves an FAQ in the list when its position changes', async () => {
    const tenant = newTenant();
    await ask(tenant, 'A?');
    await ask(tenant, 'B?');
    const c = await ask(tenant, 'C?');

    await tenant.call('PATCH', `/api/v1/faqs/${c.id}`, { body: { position: 0 } });
    const listed = await tenant.call<FaqList>('GET', '/api/v1/faqs');

    expect(questions(listed)).toEqual(['A?', 'C?', 'B?']);
  });

  it('filters by language, category and published together', async () => {
    const tenant = newTenant();
    await ask(tenant, 'Match?', { language: 'de', category: 'Security', published: true });
    await ask(tenant, 'Wrong language?', { language: 'fr', category: 'Security', published: true });
    await ask(tenant, 'Wrong category?', { language: 'de', category: 'Privacy', published: true });
    await ask(tenant, 'Unpublished?', { language: 'de', category: 'Security' });

    const listed = await tenant.call<FaqList>(
      'GET',
      '/api/v1/faqs?language=de&category=Security&published=true',
    );

    expect(questions(listed)).toEqual(['Match?']);
  });

  it('lists only unpublished FAQs with published=false', async () => {
    const tenant = newTenant();
    await ask(tenant, 'Draft?');
    await ask(tenant, 'Live?', { published: true });

    const listed = await tenant.call<FaqList>('GET', '/api/v1/faqs?published=false');

    expect(questions(listed)).toEqual(['Draft?']);
  });

  it('pages through FAQs in order with an opaque cursor', async () => {
    const tenant = newTenant();
    for (const question of ['One?', 'Two?', 'Three?']) await ask(tenant, question);

    const first = await tenant.call<FaqList>('GET', '/api/v1/faqs?limit=2');
    const second = await tenant.call<FaqList>(
      'GET',
      `/api/v1/faqs?limit=2&cursor=${encodeURIComponent(first.body.next_cursor ?? '')}`,
    );

    expect(questions(first)).toEqual(['One?', 'Two?']);
    expect(first.body.has_more).toBe(true);
    expect(questions(second)).toEqual(['Three?']);
    expect(second.body.has_more).toBe(false);
  });

  it('refuses a language other than en, de and fr, naming it', async () => {
    const tenant = newTenant();

    const response = await tenant.call('POST', '/api/v1/faqs', { body: { ...encryption, language: 'es' } });

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: { type: 'validation_error', param: 'language' } });
  });

  it('refuses a position that is not a non-negative integer, naming it', async () => {
    const tenant = newTenant();

    const response = await tenant.call('POST', '/api/v1/faqs', { body: { ...encryption, position: 1.5 } });

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: { param: 'position' } });
  });

  it('refuses an unknown field, naming it', async () => {
    const tenant = newTenant();

    const response = await tenant.call('POST', '/api/v1/faqs', { body: { ...encryption, tags: ['x'] } });

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: { type: 'validation_error', param: 'tags' } });
  });

  it('refuses a published filter that is not true or false, naming it', async () => {
    const tenant = newTenant();

    const response = await tenant.call('GET', '/api/v1/faqs?published=yes');

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: { param: 'published' } });
  });

  it('updates with If-Match and answers 412 when the ETag is stale', async () => {
    const tenant = newTenant();
    const created = await tenant.call<Faq>('POST', '/api/v1/faqs', { body: encryption });
    const path = `/api/v1/faqs/${created.body.id}`;

    const updated = await tenant.call<Faq>('PATCH', path, {
      body: { published: true, category: null },
      headers: { 'If-Match': '"1"' },
    });
    const stale = await tenant.call('PATCH', path, {
      body: { answer: 'No.' },
      headers: { 'If-Match': '"1"' },
    });
    const current = await tenant.call<Faq>('GET', path);

    expect(updated.status).toBe(200);
    expect(updated.headers.get('etag')).toBe('"2"');
    expect(updated.body).toMatchObject({ published: true, category: null });
    expect(stale.status).toBe(412);
    expect(current.body.answer).toBe(encryption.answer);
  });

  it('deletes an FAQ with 204, after which it is gone and a second delete is a 404', async () => {
    const tenant = newTenant();
    const created = await tenant.call<Faq>('POST', '/api/v1/faqs', { body: encryption });
    const path = `/api/v1/faqs/${created.body.id}`;

    const deleted = await tenant.call('DELETE', path);
    const listed = await tenant.call<FaqList>('GET', '/api/v1/faqs');
    const again = await tenant.call('DELETE', path);

    expect(deleted.status).toBe(204);
    expect(listed.body.faqs).toEqual([]);
    expect(again.status).toBe(404);
  });

  it('commits created, updated and deleted events to the outbox', async () => {
    const tenant = newTenant();
    const created = await tenant.call<Faq>('POST', '/api/v1/faqs', { body: encryption });
    await tenant.call('PATCH', `/api/v1/faqs/${created.body.id}`, { body: { published: true } });
    await tenant.call('DELETE', `/api/v1/faqs/${created.body.id}`);

    const events = (await partition(`${tenant.tenantId}#outbox`)).map(
      (item) => (item as { event: { type: string; data: { faq: { id: string } } } }).event,
    );

    expect(events.map((event) => event.type).sort()).toEqual(['faq.created', 'faq.deleted', 'faq.updated']);
    expect(events.every((event) => event.data.faq.id === created.body.id)).toBe(true);
  });

  it('never shows one tenant the FAQs of another', async () => {
    const owner = newTenant();
    const stranger = newTenant();
    const created = await owner.call<Faq>('POST', '/api/v1/faqs', { body: encryption });

    const list = await stranger.call<FaqList>('GET', '/api/v1/faqs');
    const get = await stranger.call('GET', `/api/v1/faqs/${created.body.id}`);

    expect(list.body.faqs).toEqual([]);
    expect(get.status).toBe(404);
  });
});
