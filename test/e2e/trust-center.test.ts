import { describe, expect, it } from 'vitest';
import { newTenant, request, type TestTenant } from '../support/api.ts';
import { getOnHost, trustCenterHost } from '../support/trust-center.ts';

interface Overview {
  language: string;
  default_language: string;
  languages: string[];
  brand: { title: string; tagline: string | null };
  contact: { security_email: string | null };
  certifications: { id: string; framework: string; description: string | null; status: string }[];
  documents: { id: string; title: string; description: string | null; access_level: string }[];
  faqs: { id: string; question: string; language: string }[];
  subprocessors: { id: string; name: string; purpose: string; status: string }[];
  nda: { source: string; body: string; language: string };
  updated_at: string | null;
}
interface Search {
  language: string;
  results: { id: string; question: string }[];
  total: number;
}

const OVERVIEW = '/api/v1/public/trust-center';

async function addDocument(
  tenant: TestTenant,
  body: Record<string, unknown>,
  withFile = true,
): Promise<string> {
  const created = await tenant.call<{ id: string }>('POST', '/api/v1/documents', { body });
  if (withFile) {
    await tenant.call('PUT', `/api/v1/documents/${created.body.id}/file`, {
      rawBody: 'Our security policy.\n',
      headers: { 'Content-Type': 'text/plain' },
    });
  }
  return created.body.id;
}

async function addCertification(tenant: TestTenant, extra: Record<string, unknown> = {}): Promise<string> {
  const created = await tenant.call<{ id: string }>('POST', '/api/v1/certifications', {
    body: {
      framework: 'ISO 27001',
      issuer: 'TÜV',
      issued_at: '2025-01-01',
      expires_at: '2099-01-01',
      ...extra,
    },
  });
  return created.body.id;
}

async function overviewOf(host: string, headers: Record<string, string> = {}, query = '') {
  return getOnHost<Overview>(host, `${OVERVIEW}${query}`, headers);
}

describe('the public trust center of a host', () => {
  it('shows each tenant only its own content, and an unknown host nothing', async () => {
    const acme = newTenant();
    const globex = newTenant();
    const acmeCertification = await addCertification(acme, { framework: 'SOC 2 Type II' });
    const globexCertification = await addCertification(globex, { framework: 'ISO 27701' });
    const acmeDocument = await addDocument(acme, { title: 'Acme pentest', access_level: 'restricted' });

    const acmeView = await overviewOf(await trustCenterHost(acme));
    const globexView = await overviewOf(await trustCenterHost(globex));
    const nobody = await overviewOf('nobody.localhost');
    const bare = await request('GET', OVERVIEW);

    expect(acmeView.status).toBe(200);
    expect(acmeView.body.certifications.map((item) => item.id)).toEqual([acmeCertification]);
    expect(acmeView.body.documents.map((item) => item.id)).toEqual([acmeDocument]);
    expect(globexView.body.certifications.map((item) => item.id)).toEqual([globexCertification]);
    expect(globexView.text).not.toContain(acmeDocument);
    expect(globexView.text).not.toContain(acmeCertification);
    expect(nobody.status).toBe(404);
    expect(nobody.body).toMatchObject({ error: { type: 'not_found' } });
    expect(bare.status).toBe(404);
  });

  it('never shows a draft: an unpublished FAQ, a document without a file, a retired subprocessor', async () => {
    const tenant = newTenant();
    const host = await trustCenterHost(tenant);
    const published = await tenant.call<{ id: string }>('POST', '/api/v1/faqs', {
      body: { question: 'Published question?', answer: 'Yes.', published: true },
    });
    const draft = await tenant.call<{ id: string }>('POST', '/api/v1/faqs', {
      body: { question: 'Draft question?', answer: 'Not yet.' },
    });
    const unfinished = await addDocument(
      tenant,
      { title: 'Unfinished report', access_level: 'public' },
      false,
    );
    const active = await tenant.call<{ id: string }>('POST', '/api/v1/subprocessors', {
      body: { name: 'Active Cloud', purpose: 'Hosting', data_categories: ['Logs'], location: 'DE' },
    });
    const retired = await tenant.call<{ id: string }>('POST', '/api/v1/subprocessors', {
      body: {
        name: 'Retired Mail',
        purpose: 'Mail',
        data_categories: ['Email'],
        location: 'US',
        status: 'retired',
      },
    });

    const paths = [OVERVIEW, '/trust.json', '/llms.txt', '/sitemap.xml'];
    const answers = await Promise.all(paths.map((path) => getOnHost(host, path)));
    const overview = answers[0] as { body: Overview };

    expect(overview.body.faqs.map((faq) => faq.id)).toEqual([published.body.id]);
    expect(overview.body.subprocessors.map((item) => item.id)).toEqual([active.body.id]);
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      for (const hidden of [
        draft.body.id,
        'Draft question?',
        unfinished,
        'Unfinished report',
        retired.body.id,
        'Retired Mail',
      ])
        expect(answer.text).not.toContain(hidden);
    }
  });

  it("answers in the visitor's language, field by field falling back to the default language", async () => {
    const tenant = newTenant();
    const host = await trustCenterHost(tenant);
    await addCertification(tenant, {
      description: 'Certified information security.',
      translations: { de: { description: 'Zertifizierte Informationssicherheit.' } },
    });
    await addDocument(tenant, {
      title: 'Security whitepaper',
      description: 'How we protect data.',
      access_level: 'public',
      translations: { de: { title: 'Sicherheits-Whitepaper' } },
    });
    await tenant.call('POST', '/api/v1/subprocessors', {
      body: {
        name: 'Cloud',
        purpose: 'Hosting',
        data_categories: ['Logs'],
        location: 'DE',
        translations: { fr: { purpose: 'Hébergement' } },
      },
    });

    const german = await overviewOf(host, {}, '?lang=de');
    const swissGerman = await overviewOf(host, { 'Accept-Language': 'fr;q=0.5, de-CH;q=0.9' });
    const french = await overviewOf(host, { 'Accept-Language': 'fr' });
    const unoffered = await overviewOf(host, { 'Accept-Language': 'ja, it' });

    expect(german.body.language).toBe('de');
    expect(german.body.certifications[0]?.description).toBe('Zertifizierte Informationssicherheit.');
    expect(german.body.documents[0]).toMatchObject({
      title: 'Sicherheits-Whitepaper',
      description: 'How we protect data.',
    });
    expect(german.body.subprocessors[0]?.purpose).toBe('Hosting');
    expect(swissGerman.body.language).toBe('de');
    expect(french.body.language).toBe('fr');
    expect(french.body.certifications[0]?.description).toBe('Certified information security.');
    expect(french.body.subprocessors[0]?.purpose).toBe('Hébergement');
    expect(german.headers.get('vary')).toContain('Accept-Language');
    expect(unoffered.body.language).toBe(unoffered.body.default_language);
  });

  it("shows FAQs of the visitor's language, and the default language's when it has none", async () => {
    const tenant = newTenant();
    const host = await trustCenterHost(tenant);
    for (const [question, language] of [
      ['Do you encrypt data?', 'en'],
      ['Verschlüsseln Sie Daten?', 'de'],
    ] as const) {
      await tenant.call('POST', '/api/v1/faqs', {
        body: { question, answer: '…', language, published: true },
      });
    }

    const german = await overviewOf(host, {}, '?lang=de');
    const french = await overviewOf(host, {}, '?lang=fr');

    expect(german.body.faqs.map((faq) => faq.question)).toEqual(['Verschlüsseln Sie Daten?']);
    expect(french.body.faqs.map((faq) => faq.question)).toEqual(['Do you encrypt data?']);
  });

  it('answers 304 to an If-None-Match naming the current ETag, and a new ETag after a change', async () => {
    const tenant = newTenant();
    const host = await trustCenterHost(tenant);
    await addCertification(tenant);
    const first = await overviewOf(host);
    const etag = first.headers.get('etag') ?? '';

    const again = await overviewOf(host, { 'If-None-Match': etag });
    const weak = await overviewOf(host, { 'If-None-Match': `"other", W/${etag}` });
    await addCertification(tenant, { framework: 'PCI DSS' });
    const changed = await overviewOf(host, { 'If-None-Match': etag });

    expect(first.status).toBe(200);
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{22}"$/);
    expect(first.headers.get('cache-control')).toMatch(/^public, max-age=\d+, s-maxage=\d+$/);
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    expect(again.headers.get('etag')).toBe(etag);
    expect(weak.status).toBe(304);
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
  });

  it('searches the knowledge base with typos, in the default language when nothing matches in the asked one', async () => {
    const tenant = newTenant();
    const host = await trustCenterHost(tenant);
    const english = await tenant.call<{ id: string }>('POST', '/api/v1/knowledge-base', {
      body: {
        question: 'How is data encrypted at rest?',
        answer: 'AES-256 through KMS.',
        tags: ['encryption'],
      },
    });
    const german = await tenant.call<{ id: string }>('POST', '/api/v1/knowledge-base', {
      body: { question: 'Wie werden Passwörter gespeichert?', answer: 'Mit Argon2.', language: 'de' },
    });

    const typo = await getOnHost<Search>(host, '/api/v1/public/trust-center/search?q=ecnryption');
    const inGerman = await getOnHost<Search>(host, '/api/v1/public/trust-center/search?q=passwrter&lang=de');
    const fallback = await getOnHost<Search>(host, '/api/v1/public/trust-center/search?q=encrypted&lang=de');
    const elsewhere = await getOnHost<Search>(
      'nobody.localhost',
      '/api/v1/public/trust-center/search?q=encrypted',
    );

    expect(typo.body.results.map((hit) => hit.id)).toEqual([english.body.id]);
    expect(inGerman.body).toMatchObject({ language: 'de', total: 1 });
    expect(inGerman.body.results[0]?.id).toBe(german.body.id);
    expect(fallback.body.language).toBe('en');
    expect(fallback.body.results[0]?.id).toBe(english.body.id);
    expect(elsewhere.status).toBe(404);
  });

  it("shows the brand's title, tagline and security contact, and a new ETag after the brand changes", async () => {
    const tenant = newTenant();
    const host = await trustCenterHost(tenant);
    const before = await overviewOf(host);

    await tenant.call('PATCH', '/api/v1/brand', {
      body: {
        title: 'Acme Trust Center',
        tagline: { en: 'Security at Acme', de: 'Sicherheit bei Acme' },
        security_contact: 'security@acme.example',
      },
    });
    const german = await overviewOf(host, { 'If-None-Match': before.headers.get('etag') ?? '' }, '?lang=de');

    expect(german.status).toBe(200);
    expect(german.body.brand).toMatchObject({ title: 'Acme Trust Center', tagline: 'Sicherheit bei Acme' });
    expect(german.body.contact.security_email).toBe('security@acme.example');
  });

  it('shows the NDA a visitor accepts, in their language', async () => {
    const tenant = newTenant();

    const german = await overviewOf(await trustCenterHost(tenant), {}, '?lang=de');

    expect(german.body.nda).toMatchObject({ source: 'platform_default', language: 'de' });
    expect(german.body.nda.body.length).toBeGreaterThan(100);
  });
});
