import { describe, expect, it } from 'vitest';
import { settle } from '../support/analytics.ts';
import { newTenant, type TestTenant } from '../support/api.ts';
import { getOnHost, trustCenterHost } from '../support/trust-center.ts';

/**
 * Content written without a `language` is in the trust center's default language (its brand's
 * `default_language`), wherever it is created: a German trust center's FAQ written without one is German,
 * and shows on its German pages. English only when the brand says so (or was never saved).
 */
async function germanTrustCenter(): Promise<{ tenant: TestTenant; host: string }> {
  const tenant = newTenant();
  const host = await trustCenterHost(tenant);
  const brand = await tenant.call('PATCH', '/api/v1/brand', {
    body: { languages: ['de'], default_language: 'de' },
  });
  expect(brand.status, brand.text).toBe(200);
  return { tenant, host };
}

async function created(tenant: TestTenant, path: string, body: Record<string, unknown>) {
  const response = await tenant.call<Record<string, unknown>>('POST', path, { body });
  expect(response.status, response.text).toBe(201);
  return response.body;
}

describe('content written without a language', () => {
  it("is in the trust center's default language on every route that creates content", async () => {
    const { tenant } = await germanTrustCenter();

    const document = await created(tenant, '/api/v1/documents', {
      title: 'ISO 27001',
      access_level: 'public',
    });
    const bulk = await tenant.call<{ results: { status: number; document: { language: string } }[] }>(
      'POST',
      '/api/v1/documents/bulk',
      {
        body: {
          operations: [
            { op: 'create', data: { title: 'Pen test', access_level: 'restricted' } },
            { op: 'create', data: { title: 'Policy', access_level: 'public', language: 'en' } },
          ],
        },
      },
    );
    const faq = await created(tenant, '/api/v1/faqs', { question: 'Verschlüsselt?', answer: 'Ja.' });
    const entry = await created(tenant, '/api/v1/knowledge-base', { question: 'SSO?', answer: 'SAML.' });
    const nda = await created(tenant, '/api/v1/ndas', { title: 'Geheimhaltung', body: 'Vertraulich.' });
    const named = await created(tenant, '/api/v1/faqs', {
      question: 'Encrypted?',
      answer: 'Yes.',
      language: 'en',
    });

    expect(document.language).toBe('de');
    expect(bulk.body.results.map((result) => [result.status, result.document.language])).toEqual([
      [201, 'de'],
      [201, 'en'],
    ]);
    expect(faq.language).toBe('de');
    expect(entry.language).toBe('de');
    expect(nda.language).toBe('de');
    expect(named.language).toBe('en');
  });

  it("shows a FAQ written without a language on the trust center's pages in its default language", async () => {
    const { tenant, host } = await germanTrustCenter();
    const question = `Gibt es ein Bug-Bounty-Programm ${Math.random().toString(36).slice(2, 8)}?`;

    await created(tenant, '/api/v1/faqs', { question, answer: 'Ja.', published: true });
    await settle();
    const page = await getOnHost(host, '/de/faq');

    expect(page.status).toBe(200);
    expect(page.text).toContain(question);
  });

  it('stays English on a trust center that never saved a brand', async () => {
    const tenant = newTenant();

    const faq = await created(tenant, '/api/v1/faqs', { question: 'Encrypted?', answer: 'Yes.' });

    expect(faq.language).toBe('en');
  });
});
