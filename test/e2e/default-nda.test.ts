import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openTrustCenter, submitAccessRequest } from '../support/access-requests.ts';
import { newTenant, request, type TestTenant } from '../support/api.ts';

// Issue 10, item 14: an NDA-gated document always has an NDA to accept. While a trust center has published
// none, the platform's default mutual NDA (per language) stands in, and the admin is told so.

interface NdaText {
  version: number | string;
  source: 'tenant' | 'platform_default';
  sha256: string;
  language: string;
  title: string;
  body: string;
}

interface DocumentAnswer {
  id: string;
  nda?: { source: string; version: number | string };
}

interface NdaRecord {
  nda_version: number | string;
  nda_sha256: string;
  access_request_id: string;
}

async function trustCenter(): Promise<TestTenant> {
  const tenant = newTenant();
  await openTrustCenter(tenant, 'Acme');
  return tenant;
}

function visitor() {
  return {
    name: 'Ada Lovelace',
    email: `ada-${Math.random().toString(36).slice(2)}@customer.example`,
    company: 'Customer Ltd',
  };
}

async function currentNda(tenant: TestTenant, language?: string) {
  const query = language ? `&language=${language}` : '';
  return request<NdaText>('GET', `/api/v1/public/ndas/current?org_id=${tenant.tenantId}${query}`);
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('the default NDA: a trust center without an NDA of its own', () => {
  it('tells the admin in every document answer that the platform default applies', async () => {
    const tenant = await trustCenter();

    const gated = await tenant.call<DocumentAnswer>('POST', '/api/v1/documents', {
      body: { title: 'SOC 2 Report', access_level: 'requires_nda' },
    });
    const open = await tenant.call<DocumentAnswer>('POST', '/api/v1/documents', {
      body: { title: 'Privacy Policy', access_level: 'public' },
    });
    const gatedLater = await tenant.call<DocumentAnswer>('PATCH', `/api/v1/documents/${open.body.id}`, {
      body: { access_level: 'requires_nda' },
    });
    const read = await tenant.call<DocumentAnswer>('GET', `/api/v1/documents/${gated.body.id}`);
    const documents = await tenant.call<{ documents: DocumentAnswer[] }>('GET', '/api/v1/documents');
    const listed = await tenant.call<{ ndas: Omit<NdaText, 'body'>[]; has_more: boolean }>(
      'GET',
      '/api/v1/ndas',
    );

    expect(gated.status, gated.text).toBe(201);
    expect(gated.body.nda).toEqual({ source: 'platform_default', version: 'default-en-1' });
    expect(open.body.nda).toBeUndefined();
    expect(gatedLater.status, gatedLater.text).toBe(200);
    expect(gatedLater.body.nda).toEqual({ source: 'platform_default', version: 'default-en-1' });
    expect(read.body).toEqual(gated.body);
    expect(documents.body.documents.map((document) => document.nda?.version ?? null).sort()).toEqual([
      'default-en-1',
      'default-en-1',
    ]);
    expect(listed.status, listed.text).toBe(200);
    expect(listed.body.ndas.map((nda) => [nda.version, nda.source, nda.language])).toEqual([
      ['default-en-1', 'platform_default', 'en'],
      ['default-de-1', 'platform_default', 'de'],
      ['default-fr-1', 'platform_default', 'fr'],
    ]);
    expect(listed.body.has_more).toBe(false);
  });

  it('serves the default in the visitor\u2019s language, English when none is named', async () => {
    const tenant = await trustCenter();

    const english = await currentNda(tenant);
    const german = await currentNda(tenant, 'de');
    const french = await currentNda(tenant, 'fr');

    expect(english.status, english.text).toBe(200);
    expect(english.body).toMatchObject({
      version: 'default-en-1',
      source: 'platform_default',
      language: 'en',
    });
    expect(english.body.sha256).toBe(sha256(english.body.body));
    expect(german.body).toMatchObject({ version: 'default-de-1', language: 'de' });
    expect(french.body).toMatchObject({ version: 'default-fr-1', language: 'fr' });
    expect(english.body.body).toContain('Platform default');
  });

  it('records a visitor\u2019s acceptance of the default with its version and hash, and exports it', async () => {
    const tenant = await trustCenter();
    const gated = await tenant.call<DocumentAnswer>('POST', '/api/v1/documents', {
      body: { title: 'SOC 2 Report', access_level: 'requires_nda' },
    });
    const account = await tenant.call<{ id: string }>('POST', '/api/v1/accounts', {
      body: { title: 'Customer Ltd', email_domains: ['customer.example'] },
    });
    const german = await currentNda(tenant, 'de');
    const english = await currentNda(tenant);

    const read = await submitAccessRequest<{ id: string }>(tenant, {
      ...visitor(),
      document_ids: [gated.body.id],
      nda_accepted: true,
      nda_version: german.body.version,
    });
    const unnamed = await submitAccessRequest<{ id: string }>(tenant, {
      ...visitor(),
      document_ids: [gated.body.id],
      nda_accepted: true,
    });
    const stored = await tenant.call<{ nda_version: number | string }>(
      'GET',
      `/api/v1/access-requests/${read.body.id}`,
    );
    const json = await tenant.call<{ nda_records: NdaRecord[] }>(
      'GET',
      `/api/v1/accounts/${account.body.id}/nda-records?format=json`,
    );
    const csv = await tenant.call('GET', `/api/v1/accounts/${account.body.id}/nda-records?format=csv`);

    expect([read.status, unnamed.status], `${read.text} ${unnamed.text}`).toEqual([201, 201]);
    expect(stored.body.nda_version).toBe('default-de-1');
    expect(json.body.nda_records).toEqual([
      expect.objectContaining({
        nda_version: 'default-de-1',
        nda_sha256: sha256(german.body.body),
        access_request_id: read.body.id,
      }),
      expect.objectContaining({
        nda_version: 'default-en-1',
        nda_sha256: english.body.sha256,
        access_request_id: unnamed.body.id,
      }),
    ]);
    const rows = csv.text.trimEnd().split('\r\n');
    expect(rows[1]).toContain(`,default-de-1,${german.body.sha256},`);
    expect(rows[2]).toContain(`,default-en-1,${english.body.sha256},`);
  });

  it('refuses a default version that never shipped', async () => {
    const tenant = await trustCenter();
    const gated = await tenant.call<DocumentAnswer>('POST', '/api/v1/documents', {
      body: { title: 'SOC 2 Report', access_level: 'requires_nda' },
    });

    const response = await submitAccessRequest<{ error: { param: string } }>(tenant, {
      ...visitor(),
      document_ids: [gated.body.id],
      nda_accepted: true,
      nda_version: 'default-en-99',
    });

    expect(response.status).toBe(400);
    expect(response.body.error.param).toBe('nda_version');
  });
});

describe('the default NDA: replaced by the tenant\u2019s first published NDA', () => {
  it('serves the tenant\u2019s NDA in every language and refuses the default from then on', async () => {
    const tenant = await trustCenter();
    const gated = await tenant.call<DocumentAnswer>('POST', '/api/v1/documents', {
      body: { title: 'SOC 2 Report', access_level: 'requires_nda' },
    });
    const readBefore = await currentNda(tenant);
    const published = await tenant.call<{ version: number; source: string }>('POST', '/api/v1/ndas', {
      body: { title: 'Acme Mutual NDA', body: 'Acme and you keep each other\u2019s secrets.' },
    });

    const current = await currentNda(tenant);
    const currentInGerman = await currentNda(tenant, 'de');
    const listed = await tenant.call<{ ndas: { version: number | string; source: string }[] }>(
      'GET',
      '/api/v1/ndas',
    );
    const staleDefault = await submitAccessRequest<{ error: { param: string; message: string } }>(tenant, {
      ...visitor(),
      document_ids: [gated.body.id],
      nda_accepted: true,
      nda_version: readBefore.body.version,
    });
    const accepted = await submitAccessRequest(tenant, {
      ...visitor(),
      document_ids: [gated.body.id],
      nda_accepted: true,
      nda_version: current.body.version,
    });
    const renamed = await tenant.call<DocumentAnswer>('PATCH', `/api/v1/documents/${gated.body.id}`, {
      body: { title: 'SOC 2 Type II Report' },
    });

    expect(published.status, published.text).toBe(201);
    expect(published.body).toMatchObject({ version: 1, source: 'tenant' });
    expect(current.body).toMatchObject({ version: 1, source: 'tenant', language: 'en' });
    expect(currentInGerman.body).toMatchObject({ version: 1, source: 'tenant' });
    expect(listed.body.ndas).toEqual([expect.objectContaining({ version: 1, source: 'tenant' })]);
    expect(staleDefault.status).toBe(400);
    expect(staleDefault.body.error.param).toBe('nda_version');
    expect(staleDefault.body.error.message).toMatch(/replaced the default NDA/);
    expect(accepted.status, accepted.text).toBe(201);
    expect(renamed.body.nda).toEqual({ source: 'tenant', version: 1 });
  });
});

describe('a visitor who names no language', () => {
  it("reads and accepts the NDA in the trust center's default language, and the admin is told that one", async () => {
    const tenant = await trustCenter();
    const brand = await tenant.call('PATCH', '/api/v1/brand', {
      body: { languages: ['de', 'en', 'fr'], default_language: 'de' },
    });
    const gated = await tenant.call<DocumentAnswer>('POST', '/api/v1/documents', {
      body: { title: 'SOC 2 Report', access_level: 'requires_nda' },
    });
    const submit = (extra: Record<string, unknown>) =>
      submitAccessRequest<{ id: string }>(tenant, {
        ...visitor(),
        document_ids: [gated.body.id],
        nda_accepted: true,
        ...extra,
      });

    const shown = await currentNda(tenant);
    const unnamed = await submit({});
    const inFrench = await submit({ language: 'fr' });
    const stored = await Promise.all(
      [unnamed, inFrench].map((submitted) =>
        tenant.call<{ nda_version: string }>('GET', `/api/v1/access-requests/${submitted.body.id}`),
      ),
    );

    expect(brand.status, brand.text).toBe(200);
    expect(shown.body).toMatchObject({ version: 'default-de-1', language: 'de' });
    expect(gated.body.nda).toEqual({ source: 'platform_default', version: 'default-de-1' });
    expect(stored.map((answer) => answer.body.nda_version)).toEqual(['default-de-1', 'default-fr-1']);
  });

  it("gets the trust center's own NDA in its default language, not its newest in another", async () => {
    const tenant = await trustCenter();
    const publish = (language: string, title: string) =>
      tenant.call<{ version: number }>('POST', '/api/v1/ndas', {
        body: { title, body: `${title}: the parties keep each other's information confidential.`, language },
      });
    const english = await publish('en', 'Mutual NDA');
    const french = await publish('fr', 'Accord de confidentialité');
    const gated = await tenant.call<DocumentAnswer>('POST', '/api/v1/documents', {
      body: { title: 'Pen test summary', access_level: 'requires_nda' },
    });

    const shown = await currentNda(tenant);
    const inFrench = await currentNda(tenant, 'fr');
    const inGerman = await currentNda(tenant, 'de');
    const unnamed = await submitAccessRequest<{ id: string }>(tenant, {
      ...visitor(),
      document_ids: [gated.body.id],
      nda_accepted: true,
    });
    const stored = await tenant.call<{ nda_version: number }>(
      'GET',
      `/api/v1/access-requests/${unnamed.body.id}`,
    );

    expect([english.status, french.status]).toEqual([201, 201]);
    expect(shown.body).toMatchObject({ version: english.body.version, language: 'en', source: 'tenant' });
    expect(inFrench.body).toMatchObject({ version: french.body.version, language: 'fr' });
    // No German text of its own: the newest in any language, never the platform default.
    expect(inGerman.body).toMatchObject({ version: french.body.version, source: 'tenant' });
    expect(gated.body.nda).toEqual({ source: 'tenant', version: english.body.version });
    expect(stored.body.nda_version).toBe(english.body.version);
  });
});
